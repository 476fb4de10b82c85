"""A request that closes on a question judging what was done is no help and no consult
(judging_question.py): help's and the consult's shares go to the complaint, the report keeps
its own; a fairness question (合理吗) or a plain question is not read."""

from __future__ import annotations

import re

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.judging_question import judged_complaint, judging_question

from tests.fixtures.routing import rule_category

_MARKS = re.compile(r"[，。？！\s]")


def compact(text: str) -> str:
    return _MARKS.sub("", text)


# A classifier that reads the promise quoted (等天亮再派人) as a call for help.
READS_A_CALL_FOR_HELP = {"help": 0.87, "complaint": 0.12, "report": 0.01}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("给燃气公司打电话，说等天亮再派人，这能等吗？", "能等吗"),
        ("一盒药卖我四百八 隔壁才二百多 这不是坑人吗", "这不是坑人吗"),
        ("楼下烧烤摊天天喝到半夜，还让不让人睡觉了！", "还让不让人睡觉了"),
        ("村里说这是镇上的工程 凭啥让俺自个儿掏钱", "凭啥让俺自个儿掏钱"),
        ("不买他家的管子就不给签字，凭什么？", "凭什么？"),
    ],
)
def test_a_closing_question_that_judges_is_read(text: str, words: str) -> None:
    assert judging_question(text, compact(text)) == words


@pytest.mark.parametrize(
    "text",
    [
        "夜里系统不能刷医保只收现金，这合理吗",  # the rule asked about: closing_question.py
        "物业凭什么加钱？水费到底该交给谁？",  # 凭什么 not in the last clause
        "天然气味道大，这能等到天亮吗，我们该怎么办",  # a question of what to do
        "煤气味很大，能不能派人来看看",
    ],
)
def test_a_fairness_or_plain_question_is_not_read(text: str) -> None:
    assert judging_question(text, compact(text)) == ""


def test_the_report_keeps_its_share() -> None:
    moved = judged_complaint({"help": 0.5, "consult": 0.2, "report": 0.3})
    assert moved == pytest.approx({"complaint": 0.7, "report": 0.3})


def test_the_rules_type_a_promise_judged_complaint(router: Router) -> None:
    text = "半夜楼道里一股煤气味 给燃气公司打电话 说等天亮再派人 这能等吗"
    assert rule_category(router, text, READS_A_CALL_FOR_HELP, text) == "complaint"


def test_without_the_judging_close_the_call_stays_help(router: Router) -> None:
    text = "半夜楼道里一股煤气味 给燃气公司打电话 说等天亮再派人"
    assert rule_category(router, text, READS_A_CALL_FOR_HELP, text) == "help"


def test_the_router_types_a_promise_judged_complaint(router: Router) -> None:
    text = "半夜十二点楼道里一股煤气味，给燃气公司打电话，说等天亮再派人，这能等吗？"
    assert router.suggest(text).category == "complaint"
