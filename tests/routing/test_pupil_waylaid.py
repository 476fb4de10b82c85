"""A pupil or child waylaid by an outsider (pupil_waylaid.py): youths from outside, a
stranger, debt collectors or someone unnamed stopping, robbing or accosting children are
read as the police's over the school's scene; pupils striking pupils, a teacher's blow,
a net bar's minors and blocked traffic are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.person_in_need import sleeping_out
from hotline.ticketing.routing.pupil_waylaid import pupil_waylaid, pupil_waylaid_readings

POLICE = "public_security"


@pytest.mark.parametrize(
    "text",
    [
        "孩子放学路上被几个小混混拦住要钱，不给就推",
        "初中后门那个胡同，天天有社会青年堵着学生要烟要钱",
        "有个陌生男的最近老在小学门口跟放学的小女孩搭话，问人家住哪",
        "我儿子借了网贷，催收的人跑到学校门口堵他，还威胁要找他同学",
        "有人在桥洞底下拦住小学生抢钱，我家孩子被抢了五十",
    ],
)
def test_an_outsider_waylaying_a_child_is_read_over_the_school(text: str) -> None:
    assert pupil_waylaid(text)
    readings = pupil_waylaid_readings(text)
    assert readings[0][0] == POLICE
    assert "education" in readings[0][2]
    assert any(o.unit == POLICE and not o.setting_counts for o in duty_objects(text))


@pytest.mark.parametrize(
    "text",
    [
        # classmates or older pupils striking or extorting a pupil: the labels split
        "孩子在学校被同班几个同学欺负，天天堵厕所里要钱，班主任说闹着玩",
        "我儿子让高年级的打了，胳膊骨折了，学校到现在没个说法",
        # a teacher's blow: education's
        "班主任拿书拍孩子脑袋，孩子不敢去上学了",
        # minors let into a net bar at night: culture and tourism's
        "网吧半夜还让半大孩子上网，门口有人打架抢孩子钱",
        # cars or a parking place, not a child
        "学校门口有人堵车，孩子放学过不去",
        "有人在学校门口抢车位，天天吵架",
        # a stranger's call, not waylaying
        "有陌生号码给孩子打电话说中奖了",
    ],
)
def test_pupils_teachers_bars_and_traffic_are_not_read(text: str) -> None:
    assert pupil_waylaid(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "放学路上有几个小混混拦住我儿子要钱，不给就推搡，请派出所管管",
        "有人在中学旁边的地下通道里拦孩子要钱，说不给就打，好几个孩子被抢了",
    ],
)
def test_the_router_sends_a_waylaid_pupil_to_the_police(
    rules_only_router: Router, text: str
) -> None:
    assert rules_only_router.suggest(text).department == POLICE


def test_a_child_stopped_in_an_underpass_is_not_someone_sleeping_there() -> None:
    text = "有人在小学附近的地下通道里拦住孩子要钱，说不给就打，好几个孩子被抢过零花钱了"
    assert sleeping_out(text) == ""
    assert sleeping_out("地下通道里住着个老头，天这么冷")
