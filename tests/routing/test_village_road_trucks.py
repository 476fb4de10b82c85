"""Heavy trucks on a village road (village_road_trucks.py): read as the transport bureau's,
the area named only the setting; a works' or the port's trucks, a village road with no
trucks told, and a truck standing at the village's mouth are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.reading import AREA_UNITS
from hotline.ticketing.routing.village_road_trucks import village_road_trucks


@pytest.mark.parametrize(
    ("text", "trucks"),
    [
        ("芦屯镇我们村那条村道，晚上拉沙子的大车一辆接一辆，路面全压裂了", "拉沙子的大车"),
        ("熊岳 出村那条水泥路 让收玉米的大货车压得全是坑 下雨全是水", "大货车"),
        ("重车天天从我们村里的路上过，震得房子掉灰，路边的排水沟也压塌了", "重车"),
        ("红旗镇村路上半夜跑超载的车，轰隆轰隆的睡不着", "超载"),
    ],
)
def test_trucks_on_a_village_road_are_read(text: str, trucks: str) -> None:
    assert trucks in village_road_trucks(text)


@pytest.mark.parametrize(
    "text",
    [
        # a works' trucks: the quarry's blasting and dust are the matter
        "芦屯镇村后的采石场天天放炮，拉石头的大车把村道也压坏了",
        # trucks queueing for the port's gate: a traffic jam
        "红旗镇港口外头那条村道，大货车排队等进港，把村口堵死了",
        # a truck standing at the village's mouth, selling diesel
        "我们村口天天有辆小货车卖柴油，车上还有人抽烟",
        # a village road with no trucks told
        "熊岳镇我们村的路冬天结冰没人铲，老人摔了好几个",
    ],
)
def test_a_works_a_queue_a_standing_truck_or_no_truck_is_not_read(text: str) -> None:
    assert village_road_trucks(text) == ""


def test_the_reading_is_a_transport_object_over_the_areas() -> None:
    objects = duty_objects("芦屯镇我们村那条村道，晚上拉沙子的大车一辆接一辆，路面全压裂了")
    trucks = [o for o in objects if o.unit == "transport" and "大车" in o.words]
    assert len(trucks) == 1
    assert trucks[0].setting_units == AREA_UNITS


def test_trucks_wearing_a_village_road_go_to_transport_not_the_town(router: Router) -> None:
    # 村里 and 镇上 are the town's words; the heavy traffic and the road are transport's.
    suggestion = router.suggest(
        "红旗镇我们村那条村道 后半夜大货车一趟一趟过 路压得稀碎 找村委会 村里说是镇上让走的"
    )
    assert suggestion.department == "transport"
    assert suggestion.area == "hongqi"
