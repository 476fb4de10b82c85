"""能不能 asking a measure for everyone (made public, a rule, a campaign or lesson, a place
marked or fenced, a service kept) is a suggestion's cue; a call for help, a demand or a
repair is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.public_measure import public_measure
from hotline.ticketing.routing.text import normalise


def _measure(text: str) -> str:
    return public_measure(text, normalise(text).replace(" ", ""))


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("学校食堂一个月收三百多，吃的啥谁也不知道，账目能不能公示出来？", "能不能公示"),
        ("我们楼能不能规定一下 电动车不许推进电梯", "能不能规定"),
        ("小区里乱扔垃圾的太多了，社区能不能办个垃圾分类的宣传？", "能不能办个垃圾分类的宣传"),
        ("中小学能否开设防溺水的安全课，每年夏天都出事", "能否开设"),
        ("那个鱼塘边上没遮没拦的 村里能不能给立个牌子", "能不能给立个牌子"),
        ("海边浴场能不能拉个网 水母太多了", "能不能拉个网"),
        ("公园能不能单独划一块给小孩玩，滑板的老往人堆里冲", "能不能单独划一块"),
        ("镇上要把村小撤了，能不能保留一二年级？", "能不能保留"),
    ],
)
def test_an_ask_for_a_measure_for_everyone_is_read(text: str, measure: str) -> None:
    assert _measure(text) == measure


@pytest.mark.parametrize(
    "text",
    [
        "村头冰坑裂了，孩子还在上面滑，能不能派人来给围个网？",  # a call for help
        "能不能把收费公示出来，多收的钱要求退给我们。",  # a demand
        "楼道的灯坏了一个月了，能不能来修一下？",  # a repair, no measure
    ],
)
def test_a_call_for_help_a_demand_or_a_repair_is_not_read(text: str) -> None:
    assert _measure(text) == ""


def test_a_measure_told_in_another_clause_is_not_read() -> None:
    # 能不能 asks something else; the posting is told in the next clause, as what happened.
    assert _measure("能不能问一下，小区门口贴出来的那个通知是啥意思") == ""


def test_the_router_types_an_ask_to_make_accounts_public_a_suggestion(router: Router) -> None:
    # Without the reading the grievance told (钱花哪了谁也不知道) types it a complaint.
    text = "物业一年收好几十万停车费，钱花哪了谁也不知道，能不能让物业把账公布出来"
    assert router.suggest(text).category == "suggestion"


def test_the_router_types_an_ask_to_mark_a_danger_a_suggestion(router: Router) -> None:
    # Without the reading the danger told (淹过人) types it a help.
    text = "我们村后边那个大水坑淹过人，村里能不能给立个牌子 围个网"
    assert router.suggest(text).category == "suggestion"
