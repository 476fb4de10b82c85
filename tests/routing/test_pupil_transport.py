"""Pupils in a school's vehicle (pupil_transport.py): the school's duty over the driver's
and the road's; a private van, one the school disowns and a road the bus cannot pass are
not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.pupil_transport import pupil_transport_readings


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "学校让我们坐的接送车是辆七座面包车，天天塞十三四个孩子",
        "幼儿园每天用一辆七座面包车接送孩子，最多一次塞了十五个",
        "孩子学校的校车司机开车太猛了 车上还超员",
        "校车下午没来接 十几个孩子在学校门口等着",
    ],
)
def test_a_vehicle_the_school_runs_is_educations(text: str) -> None:
    assert [u for u, _, _ in pupil_transport_readings(_compact(text))] == ["education"]
    found = [o for o in duty_objects(_compact(text)) if o.unit == "education"]
    assert found and set(found[0].setting_units) >= {"transport", "public_security"}


@pytest.mark.parametrize(
    "text",
    [
        "村里一个人自己拉的面包车 七个座拉了十三个孩子 学校说不是他们安排的",
        "有个私人面包车天天接送学生上学，七座的车塞了十四个孩子",
        "我们村到学校那段乡道上有个大坡冻成冰了，今天早上校车爬不上去",
        "学校门口的路口早上太堵了",
    ],
)
def test_a_private_van_a_disowned_one_or_the_road_is_not_read(text: str) -> None:
    assert pupil_transport_readings(_compact(text)) == []


def test_the_school_leads_though_the_driver_is_named(router: Router) -> None:
    got = router.suggest("学校让我们坐的接送车是辆七座面包车，天天塞十三四个孩子，司机还开得飞快")
    assert got.department == "education"
