"""Whether what was told counts, is lawful, is required or holds, asked after a grievance,
is a consult (status_question.py); a demand, an ask to act or inspect, a report named or a
suggestion is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.status_question import status_question

from tests.fixtures.routing import rule_category

# A classifier that reads the grievance told as a complaint.
READS_A_GRIEVANCE = {"complaint": 0.9, "consult": 0.05, "help": 0.05}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我在物流园卸货 让铲车挤了手 老板给了五百块就不管了 这个能认工伤不", "能认工伤不"),
        ("公司让我们签自愿放弃社保的协议，不签就不让上岗，这样合法吗？", "合法吗"),
        ("老板说店里生意不好让我先歇着，也不说啥时候回去，我这算是被辞退了吗", "算是被辞退了吗"),
        ("我开了个小超市雇了一个收银员 是不是必须给上五险", "是不是必须"),
        ("工头给写了张欠条 上面没盖公章 这欠条管不管用", "管不管用"),
        ("单位说培训期不算工龄，这算不算违规", "算不算"),
        ("老板说好的月底结账，又说等年后，他这话算不算数", "算不算数"),
    ],
)
def test_a_status_question_after_a_grievance_is_read(text: str, words: str) -> None:
    assert status_question(text, text.replace(" ", "")) == words


@pytest.mark.parametrize(
    "text",
    [
        "公司扣了我半个月工资，这合法吗？要求公司补发",  # a demand
        "有人在家里给人打吊瓶，也没有行医证，这合法吗？请卫生部门来查查",  # an inspection
        "举报：对面楼顶搭了个大棚子，这算不算违建",  # a report named
        "能不能帮我问问 这算不算工伤",  # a body asked to act
        "街道办的工作人员能不能认真点，改了三回都不对",  # 认真: no question of status
    ],
)
def test_an_ask_or_a_charge_is_not_read(text: str) -> None:
    assert status_question(text, text.replace(" ", "")) == ""


def test_the_rules_type_the_question_consult_over_a_grievance(router: Router) -> None:
    text = "我在物流园卸货 让铲车挤了手 老板给了五百块就不管了 这个能认工伤不"
    assert rule_category(router, text, READS_A_GRIEVANCE, text) == "consult"


def test_the_router_types_a_lawfulness_question_consult(router: Router) -> None:
    text = "镇上的饭店招帮工，说头一个月算学徒不给工钱只管吃住，这种说法合法不合法"
    assert router.suggest(text).category == "consult"


def test_the_router_keeps_a_demand_after_the_question_a_complaint(router: Router) -> None:
    text = "公司说病假一律按旷工算，扣了我三天工资，这合法吗？要求公司把钱补发给我"
    assert router.suggest(text).category == "complaint"
