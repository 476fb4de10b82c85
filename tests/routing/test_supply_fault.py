"""A household supply's fault told bare is help (supply_fault.py); told with a delay, a
refusal, a repeat, a loss claimed or a question it is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.supply_fault import bare_supply_fault

from tests.fixtures.routing import rule_category

# A classifier leaning to the grievance, and one sure of it.
LEANS_TO_A_GRIEVANCE = {"complaint": 0.6, "help": 0.2, "consult": 0.2}
SURE_OF_A_GRIEVANCE = {"complaint": 0.95, "help": 0.0, "consult": 0.05}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我家这两天一到晚上就跳闸灯一闪一闪的", "跳闸"),
        ("我们村这片电压太低了电饭锅都煮不熟饭", "电压太低"),
        ("楼里水压小三楼往上都上不去水", "水压小"),
        ("屋里暖气摸着冰凉暖气片根本不热才十五度", "暖气片根本不热"),
        ("一进厨房就一股煤气味", "煤气味"),
    ],
)
def test_a_supply_fault_told_bare_is_read(text: str, words: str) -> None:
    assert bare_supply_fault(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "早上停电了95598说两个小时来电这都五个钟头了",  # a delay told: a grievance
        "这个月又停电了冰柜里的货全化了",  # a repeat and a loss
        "停电也不通知一声我们饭店一上午没开张",  # no notice
        "自来水发黄是不是管子锈了",  # a question: a consult
        "暖气漏水物业不管",  # a refusal
        "小区门口的井盖没了晚上黑灯瞎火的",  # no supply's fault
        "停电两天了打电话说排队电工来了一趟就走了",  # a call answered, the fitter gone
        "停水的时候最好在楼下放个送水车",  # a proposal: a suggestion
        "工地上老板让大中午照干没水没遮阳棚",  # an employer's act, no supply at home
    ],
)
def test_a_fault_with_a_body_blamed_or_a_question_is_not_read(text: str) -> None:
    assert bare_supply_fault(text) == ""


def test_the_rules_type_a_bare_fault_help_with_no_classifier(router: Router) -> None:
    # With no cue heard the default type, the complaint, took it.
    assert rule_category(router, "我们这新盖的楼 一到晚上就跳闸", {}) == "help"


def test_the_rules_type_a_bare_fault_help_over_a_leaning_classifier(router: Router) -> None:
    text = "我们村这片 一到晚上电压就低 电饭锅都煮不熟饭"
    assert rule_category(router, text, LEANS_TO_A_GRIEVANCE) == "help"


def test_a_classifier_sure_of_a_grievance_still_decides(router: Router) -> None:
    # The reading's weight is a hint's: a sure classifier outweighs it.
    text = "我们村这片 一到晚上电压就低 电饭锅都煮不熟饭"
    assert rule_category(router, text, SURE_OF_A_GRIEVANCE) == "complaint"


def test_the_rules_only_router_types_a_bare_fault_help(rules_only_router: Router) -> None:
    got = rules_only_router.suggest("我家这两天一到晚上就跳闸 灯一闪一闪的 电磁炉都用不了")
    assert (got.department, got.category) == ("power", "help")
