"""Livestock or a cart in a road's traffic (livestock_on_road.py): the traffic police's, over
the road's transport bureau and the herd's agriculture words; their dung on the road, a
cattle truck overturned and a sign asked alone are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.livestock_on_road import livestock_on_road, road_livestock_readings

POLICE = "public_security"


@pytest.mark.parametrize(
    "text",
    [
        "羊群上道了",
        "国道上有人赶着一群牛走 车都过不去 挺危险",
        "村里那条公路上 傍晚总有放羊的赶着羊过 好几回差点撞上",
        "拉砖的驴车天天在主路上逆行 晚上也不挂灯",
        "邻村那几头牛老跑到马路中间趴着 昨晚一台面包车差点追尾",
        # a traffic police patrol asked besides the sign: the police's
        "建议在放羊的钟点让交警上村道巡一巡 再立几个牌子",
    ],
)
def test_livestock_in_traffic_is_read_for_the_police(text: str) -> None:
    compact = text.replace(" ", "")
    assert livestock_on_road(compact) != ""
    readings = {u: s for u, _, s in road_livestock_readings(compact)}
    assert "transport" in readings[POLICE]
    assert any(o.unit == POLICE and not o.setting_counts for o in duty_objects(compact))


@pytest.mark.parametrize(
    "text",
    [
        # their dung on the road: the village's sanitation
        "村道上天天有人赶羊群过 羊粪一路 车开过去打滑",
        "我们屯子养牛的把牛粪堆在道边上 一下雨全冲道上了",
        # a truck carrying cattle overturned on a broken road: the road's repair
        "拉牛的货车在村路上翻了 路塌了一块没人修",
        # a sign or a hump asked alone: split between transport and the police, not read
        "建议在常有人放牛放羊的村路上加装警示牌和减速带",
        # the herd's own gait, a meat shop at a crossroads, milk on the road
        "我家牛走路一瘸一拐的 不怎么吃草",
        "驴肉馆没有执照 就在十字路口",
        "送牛奶的车天天早上停在马路上",
    ],
)
def test_no_livestock_in_traffic(text: str) -> None:
    assert livestock_on_road(text.replace(" ", "")) == ""


@pytest.mark.parametrize(
    "text",
    [
        "羊群上道了",
        "国道上有人赶着一群牛走 车都过不去 挺危险",
        "红旗镇那条公路上 晚上总有人赶着马车拉货 不挂灯 骑电动车的撞上好几回了",
    ],
)
def test_the_rules_route_livestock_in_traffic_to_the_police(
    rules_only_router: Router, text: str
) -> None:
    # Without the reading the rules follow the road (transport), the herd (agriculture)
    # or nothing at all (羊群上道了).
    assert rules_only_router.suggest(text).department == POLICE


def test_livestock_in_traffic_is_the_polices_with_the_classifier(router: Router) -> None:
    # The classifier, trained on round 30's lines, reads the public road as transport's.
    text = "村里那条公路上 傍晚总有放羊的赶着羊过 好几回差点撞上"
    assert router.suggest(text).department == POLICE
