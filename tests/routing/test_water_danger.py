"""Water endangering lives (a river over its bank, children swimming in a reservoir or a
quarry pit, a car stalled in a flooded underpass) is the emergency bureau's matter,
whatever the water's own words point to; water named without danger, a pool, the sea and a
street named after a river are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.water_danger import EMERGENCY_UNIT, water_danger


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我们村边那条河水快漫过坝了", "河水快漫过"),
        ("那个水库放假以后天天有小孩去游泳", "水库放假以后天天有小孩去游泳"),
        ("下穿桥积水一米深一辆车熄火在里头", "下穿桥积水一米深一辆车熄火"),
        ("差点淹着一个就在那个水泡子", "淹着一个就在那个水泡子"),
    ],
)
def test_water_and_a_danger_to_life_close_together_are_read(text: str, words: str) -> None:
    assert water_danger(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "黄河路供水管道破裂水已经漫到机动车道上",  # a street named after a river
        "开发商说小区里有游泳池现在还是个大土坑",  # a pool, not open water
        "给孩子办了游泳卡才去了五回河对面那家店就关门了",  # a swimming club's card
        "河道里天天夜里有铲车挖沙雨季一来河堤咋整",  # water without a danger to life
        "海边浴场人太多建议多设救生员有人溺水",  # the sea's beaches: the scenic spot's
        "我家门口那条河" + "好" * 30 + "游泳",  # the danger too far from the water
    ],
)
def test_no_water_danger_is_read_elsewhere(text: str) -> None:
    assert water_danger(text) == ""


@pytest.mark.parametrize(
    ("text", "before"),
    [
        # the quarry pit's words point to natural resources (采石)
        (
            "熊岳镇望儿山北边的老采石坑积满了雨水，放暑假这帮半大小子天天去那游泳跳水，"
            "深不见底，吓人！能不能派人去看看拉个网",
            "natural_resources",
        ),
        # the village's words (我们村, 村里) point to the town
        ("红旗镇 我们村边那条河 水快漫过坝了 村里人还在河边上看热闹 得有人管管", "hongqi"),
    ],
)
def test_water_endangering_lives_goes_to_the_emergency_bureau(
    rules_only_router: Router, text: str, before: str
) -> None:
    got = rules_only_router.suggest(text)
    assert got.department == EMERGENCY_UNIT
    assert before in {a.department for a in got.alternatives}


def test_the_village_asked_to_fence_a_pond_keeps_the_lead(router: Router) -> None:
    # The shipped router: the village's own words and the classifier outweigh the danger.
    text = "我们村后头那个大水坑 一到夏天好多小孩去洗澡 我们是红旗镇的 你能不能让村里给围个栏杆"
    assert router.suggest(text).department == "hongqi"
