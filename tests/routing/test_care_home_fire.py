"""A care home's fire risk (care_home_fire.py): the emergency bureau's, over the home's civil
affairs; a home told unlicensed, civil affairs named, heating alone or paper burnt in the
street are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.care_home_fire import care_home_fire, care_home_fire_readings
from hotline.ticketing.routing.duty_object import duty_objects


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "那个私人养老院 后门一直拿大锁锁着 楼道里堆的全是纸壳子 真要着了火 老人跑不出去",
        "建议敬老院都装上喷淋和烟感 老人腿脚不好跑不动",
        "老年公寓的安全出口拿铁链子拴上了 说是怕老人走丢",
        "日间照料中心的厨房 煤气罐就摆在老人午休的屋门口",
        "养老院起火隐患",
    ],
)
def test_a_care_homes_fire_risk_is_the_emergency_bureaus(text: str) -> None:
    words = care_home_fire(_compact(text))
    assert words
    assert care_home_fire_readings(_compact(text)) == [("emergency", words, ("civil_affairs",))]
    assert any(o.unit == "emergency" and not o.setting_counts for o in duty_objects(_compact(text)))


@pytest.mark.parametrize(
    "text",
    [
        # Unlicensed: the home's licence, civil affairs'.
        "举报一家没执照的养老院 一楼那道消防门从外头上了锁",
        # Civil affairs named by the caller.
        "养老院三楼安全出口锁着 请民政局管管这家养老院",
        # Heating alone, no fire told.
        "养老院大冬天不给老人开电褥子 屋里冰凉",
        # Paper burnt in the street.
        "有人在路口烧纸 把养老院门口的纸箱子点着了 差点着火",
        # A fire risk with no care home.
        "楼道里堆满了纸壳子 真要着了火跑不出去",
    ],
)
def test_no_reading_where_the_labels_go_elsewhere(text: str) -> None:
    assert care_home_fire(_compact(text)) == ""
    assert care_home_fire_readings(_compact(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "那个私人养老院 后门一直拿大锁锁着 楼道里堆的全是纸壳子 真要着了火 老人跑不出去",
        "建议养老院都装上喷淋和烟感 老人跑不动",
    ],
)
def test_a_routed_request_leads_to_the_emergency_bureau(
    rules_only_router: Router, router: Router, text: str
) -> None:
    assert rules_only_router.suggest(text).department == "emergency"
    assert router.suggest(text).department == "emergency"


def test_a_care_homes_licence_stays_civil_affairs(rules_only_router: Router) -> None:
    text = "举报一家没执照的养老院 住了二十多个老人 一楼消防门从外头锁着"
    assert rules_only_router.suggest(text).department == "civil_affairs"
