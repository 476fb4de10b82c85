"""Children as the scene of another unit's duty (child_setting.py): a van carrying them for
a fare or unlicensed is the transport bureau's, a school district promised by a seller the
housing bureau's; a school's own van and the district itself stay the education bureau's."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.child_setting import child_setting_readings
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.pupil_transport import pupil_transport_readings


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "举报黑校车",
        "有个面包车天天在小学门口拉孩子，一车塞十好几个，一个孩子一个月收三百",
        "村里一辆七座面包车接送学生，一人一月收二百五，车上也没有校车标志",
        "有人开着没有牌照的面包车接送孩子，每天塞十五六个",
    ],
)
def test_a_van_for_a_fare_or_unlicensed_is_transports(text: str) -> None:
    assert [u for u, _, _ in child_setting_readings(_compact(text))] == ["transport"]
    assert pupil_transport_readings(_compact(text)) == []
    found = [o for o in duty_objects(_compact(text)) if o.unit == "transport"]
    assert found and "education" in found[0].setting_units


@pytest.mark.parametrize(
    "text",
    [
        "售楼处说买这个房子孩子就能上实验小学，买完了才知道根本不是那个学区",
        "有个中介说我们小区是实验小学的学区房，根本不是，好几个人交了定金",
    ],
)
def test_a_district_a_seller_promised_is_housings(text: str) -> None:
    assert [u for u, _, _ in child_setting_readings(_compact(text))] == ["housing"]


@pytest.mark.parametrize(
    "text",
    [
        # The school's own van (pupil_transport.py's), the school's fee for it.
        "学校给联系的校车，七座的车塞了十四五个孩子",
        "学校的校车一学期收八百校车费，还总迟到",
        # A private van told without a fare or a plate (the labels split: police, education).
        "有个私人面包车天天接送学生上学，七座的车塞了十四个孩子",
        # A class in a flat with e-bikes in the stairwell: no van.
        "楼上开了个托管班，没挂牌，楼梯间堆着孩子们的电动车",
        # The district itself asked: the education bureau's.
        "孩子明年上小学，房子买在城里，学区在哪能查？",
        # A seller without a district, a pupil's bus fare without a van's fault.
        "售楼处说的车位到现在也没给",
    ],
)
def test_the_schools_own_and_the_district_asked_are_not_read(text: str) -> None:
    assert child_setting_readings(_compact(text)) == []


def test_a_van_for_a_fare_goes_to_transport(router: Router) -> None:
    got = router.suggest(
        "反映个事 一辆银色面包车天天拉熊岳几个村的小学生上学 一个孩子一个月收二百八 车里塞得满满的"
    )
    assert got.department == "transport"


def test_a_sellers_district_goes_to_housing(router: Router) -> None:
    got = router.suggest(
        "当初售楼小姐说 买这个楼盘孩子能上第二实验小学 交了房才知道 划片根本不是那个学区"
    )
    assert got.department == "housing"
