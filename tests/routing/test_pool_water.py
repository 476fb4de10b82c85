"""A pool's or a bath's water dirty or its testing asked (pool_water.py) is health's public-place
hygiene, not the water company's, the card's shop's, the resort's or the town's; the sea's
beach, a pool's water let into a river, a card's refund and a town's tap water are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.pool_water import HEALTH_UNIT, pool_water


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("住的那家温泉宾馆 泡池的水浑得看不见底", "泡池…水浑"),
        ("健身房的游泳池 水一个月不换 有股怪味", "游泳池…不换"),
        ("想问一下洗浴中心的池水归哪个部门检测", "洗浴…池水归哪个部门检测"),
        ("澡堂子的池子一礼拜没换 水发白", "澡堂…没换"),
    ],
)
def test_a_pools_water_is_read(text: str, words: str) -> None:
    assert pool_water(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == HEALTH_UNIT]
    assert any("water" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # The sea's bathing beach: the environment's water, culture and tourism's beach.
        "海水浴场的水浑得很 一股臭味 有没有人测",
        # A pool's water let out into a river: the environment's discharge.
        "温泉酒店泡池的水不换 换的时候直接放进河里",
        # The card's money asked back: the market regulator's.
        "游泳馆的泳池水浑 跟店里说了还不给退卡",
        # A place named 温泉 and its tap water: the water company's.
        "温泉小区这周停水三次 来了以后自来水还是浑的",
        # A pool without anything said of its water.
        "游泳馆办的卡 装修关门了",
    ],
)
def test_other_water_is_not_read(text: str) -> None:
    assert pool_water(_compact(text)) == ""


@pytest.mark.parametrize(
    "text",
    [
        "在熊岳温泉住了一晚 泡池子的水浑得不行 一看就没换 前台还说天天换",
        "我办了卡的那个游泳馆 池子里的水半个月不换 一股尿骚味",
        "请问温泉洗浴的池水归谁检测 一年要做几次水质检测",
    ],
)
def test_health_leads_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).department == HEALTH_UNIT
