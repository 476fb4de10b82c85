"""How to apply for or go through a procedure, asked, is a consult
(application_question.py), over the plight told before it; a body asked to act is not
read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.application_question import application_question

from tests.fixtures.routing import rule_category

# A classifier that reads the plight told as a call for help.
READS_A_CALL_FOR_HELP = {"help": 0.9, "consult": 0.05, "complaint": 0.05}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我们社区有个老人 儿女都不在身边 腿也不好 想给他申请个居家养老补贴 咋申请", "咋申请"),
        ("我是村里的会计 有户人家房子让大风刮塌了 我们想帮着申请危房改造 怎么申请", "怎么申请"),
        ("孩子户口在老家，想在这边上学，居住证如何办理？", "如何办理"),
        ("去年在厂里伤了腰，工伤认定怎么申报", "怎么申报"),
    ],
)
def test_how_to_apply_is_read(text: str, words: str) -> None:
    assert application_question(text.replace(" ", "")) == words


@pytest.mark.parametrize(
    "text",
    [
        # A body asked to act: help's, whatever question follows.
        "楼顶漏水屋里都泡了 请派人来看看 再告诉我们维修资金怎么申请",
        "求助：家里老人病重没钱治，请帮忙申请救助，也不知道怎么申请",
        "老伴瘫在床上 能不能帮帮我们 低保怎么申请",
        # No procedure asked how: a plight and 怎么办, or whether one may (another reading).
        "孩子让狗咬了 卫生院说疫苗没了 怎么办",
        "这边能申请低保不",
    ],
)
def test_a_body_asked_or_no_how_to_apply_is_not_read(text: str) -> None:
    assert application_question(text.replace(" ", "")) == ""


def test_the_rules_type_the_question_consult_over_a_plight_read_as_help(
    router: Router,
) -> None:
    text = (
        "我是小学的老师 班上有个孩子爸妈都在外地 爷爷住院了 孩子自己做饭 学校想帮着申请救助 咋申请"
    )
    assert rule_category(router, text, READS_A_CALL_FOR_HELP, text) == "consult"


def test_the_rules_keep_help_where_a_body_is_asked(router: Router) -> None:
    text = "我家老伴瘫在床上 孩子还小 能不能派人来帮帮我们 低保怎么申请"
    assert rule_category(router, text, READS_A_CALL_FOR_HELP, text) == "help"


@pytest.mark.parametrize(
    "text",
    [
        # Without the reading both were help: the plight told outvoted the question.
        "我是村里的会计 有户人家房子让大风刮塌了 一家老小没地方住 我们想帮着申请危房改造 咋申请",
        "家里着火了 房子烧没了 一家人没地方住 临时救助怎么申请",
    ],
)
def test_the_router_types_how_to_apply_consult(router: Router, text: str) -> None:
    assert router.suggest(text).category == "consult"
