"""Whether a procedure or a benefit may be had, asked yes or no, is a consult
(entitlement_question.py), in any clause and over the hardship told before it; an ask to
act, to inspect, or a suggestion is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.entitlement_question import entitlement_question

from tests.fixtures.routing import rule_category

# A classifier that reads the hardship told as a call for help.
READS_A_CALL_FOR_HELP = {"help": 0.9, "consult": 0.05, "complaint": 0.05}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("有户人家男的没了 家里一点进项都没了 这种能办临时救助不 找谁", "能办临时救助不"),
        ("阳了 去发热门诊看病 医保能报吗", "能报吗"),
        ("社保断了两年了，以前那两年能补不？怎么补？", "能补不"),
        ("孩子漏打了一针麻疹疫苗，现在上一年级了还可以补吗", "可以补吗"),
        # The caller's own 我帮 (speaking for workmates) asks nothing of anyone.
        ("我帮我们车间几个工友问：合同到期公司不续，这种有没有经济补偿？", "有没有经济补偿"),
    ],
)
def test_an_entitlement_asked_yes_or_no_is_read(text: str, words: str) -> None:
    assert entitlement_question(text, text.replace(" ", "")) == words


@pytest.mark.parametrize(
    "text",
    [
        "我老伴下不了炕 能申请低保不 你们帮帮我",  # a body asked to act: help's
        "房租都交不起了 有没有啥救助 能帮帮我不",
        "大棚让雪压塌了，有没有人来核一下？有没有救灾补助？",  # someone asked to come
        "大风把坝冲开了 你们给登记一下 看看能报保险不",
        "这样的店能开吗？请来查一查",  # an inspection asked
        "建议村卫生所也能报销门诊",  # a suggestion, no question
        "去了三趟都说能办不了",  # 不了: cannot, a statement
    ],
)
def test_an_ask_to_act_or_a_statement_is_not_read(text: str) -> None:
    assert entitlement_question(text, text.replace(" ", "")) == ""


def test_the_rules_type_the_question_consult_over_a_hardship_read_as_help(
    router: Router,
) -> None:
    text = "我是社区的网格员 有户人家男的出车祸没了 媳妇带俩孩子 这种能办临时救助不 找谁"
    assert rule_category(router, text, READS_A_CALL_FOR_HELP, text) == "consult"


def test_the_router_types_an_entitlement_question_consult(router: Router) -> None:
    text = "我老伴住院花了两万多 新农合转到这边了 门诊特殊病能报销不"
    assert router.suggest(text).category == "consult"
