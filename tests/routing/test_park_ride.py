"""A tourist park's ride, slide or lifeguard told unsafe (park_ride.py): culture and
tourism's, over the school and the hospital; an estate's playground, a shop-like indoor
playground, a lost child and a hospital asked for are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.park_ride import SCENE_UNITS, park_ride, park_ride_readings


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "水上乐园的螺旋滑道有一截裂了缝，我儿子滑下来腿上刮了好长一道口子",
        "冰雪乐园的雪圈滑道尽头没有缓冲垫，孩子直接撞到围墙上了",
        "建议海水浴场下午多留几个救生员，六点以后下水的孩子最多",
        "景区的玻璃栈道有块玻璃裂了，还照样让游客上去走",
    ],
)
def test_a_parks_ride_is_culture_and_tourisms(text: str) -> None:
    words = park_ride(_compact(text))
    assert words
    assert park_ride_readings(_compact(text)) == [("culture_tourism", words, SCENE_UNITS)]
    assert any(
        o.unit == "culture_tourism" and not o.setting_counts for o in duty_objects(_compact(text))
    )


@pytest.mark.parametrize(
    "text",
    [
        # An estate's playground: housing's.
        "我们小区的滑梯断了一块铁皮，孩子手划破了，物业说过了保修期",
        # A shop-like indoor playground's trampoline: the market regulator's.
        "新开的儿童乐园蹦床网子破了，孩子脚卡进去了",
        # A lost child found on the beach: the police's.
        "在浴场捡着个走丢的小孩，救生员说不管这个",
        # A hospital asked for: health's.
        "孩子在浴场让海蜇蛰了，救生员那没有药，附近哪有医院",
        # A park with no ride or guard told.
        "水上乐园门票多少钱，几点开门",
    ],
)
def test_no_reading_where_the_labels_go_elsewhere(text: str) -> None:
    assert park_ride(_compact(text)) == ""
    assert park_ride_readings(_compact(text)) == []


def test_a_routed_request_leads_to_culture_and_tourism(
    rules_only_router: Router, router: Router
) -> None:
    text = "熊岳那个水上乐园 滑道接缝翘起来了 我家孩子后背划了一道口子 园里就给了个创可贴"
    assert rules_only_router.suggest(text).department == "culture_tourism"
    assert router.suggest(text).department == "culture_tourism"
