"""A delivery rider or courier fined by the platform or station for the work (rider_fined.py)
is the labour bureau's, not the market bureau's; a policeman's ticket, a guard at a gate or a
late bus fine or delay the rider from outside the work and are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.rider_fined import LABOUR_UNIT, rider_fined


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("外卖平台 超时一单扣三块 差评扣二十 一个月下来没剩几个钱", "超时一单扣"),
        ("我们快递站点规定 丢件罚三百 这合理吗", "丢件罚"),
        ("站长说明天不跑的 一律扣钱", "不跑的一律扣"),
        ("送餐的 站点罚了我一百 说是耽误单了", "罚了我一百说是耽误单"),
    ],
)
def test_a_fine_for_the_work_is_read(text: str, words: str) -> None:
    assert rider_fined(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == LABOUR_UNIT]
    assert any("market_supervision" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # A traffic policeman's ticket: the police's, whatever order ran late.
        "送外卖的 交警说我闯红灯 罚了五十 单子也超时了",
        # A gate's guard makes the order late: the property's.
        "送外卖到小区 保安不让电动车进 一单就超时 罚的是我的钱",
        # A bus leaving early makes the worker late: transport's.
        "公交车老提前发车 我在站点等不上 上班迟到扣钱",
        # A platform fining a shop or no fine at all: nothing of a rider's pay.
        "外卖平台 超时了 商家也不给退钱",
    ],
)
def test_a_fine_from_outside_the_work_is_not_read(text: str) -> None:
    assert rider_fined(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        "外卖平台超时一单罚十块 差评罚五十 一天白跑",
        "快递站点老板定的规矩 丢一个件罚三百 迟到罚五十 这个月被扣了一千二",
    ],
)
def test_the_labour_bureau_leads_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).department == LABOUR_UNIT
