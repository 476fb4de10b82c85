"""A building site's safety failing before an accident (site_safety.py) is read as the
housing bureau's 建筑施工管理 over the factory's, the accident's and the crane's words; a
factory, an accident, a work injury or pay asked and goods bought are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.site_safety import HOUSING_UNIT, site_failing
from hotline.ticketing.routing.work_safety import workplace_failing


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("东边工地上那帮干活的 安全帽一个都不戴", "工地…安全帽一个都不戴"),
        ("在建的那栋楼十几层了，外面连个安全网都没有", "在建…安全网都没"),
        ("脚手架上的人腰上都没系安全带，看着就悬", "脚手架…没系安全带"),
        ("隔壁盖楼的塔吊 开的人是个生手 听说根本没有证", "盖楼…塔吊开的人是个生手听说根本没有证"),
        ("外墙吊篮的钢丝绳断丝了还在用", "吊篮…钢丝绳断丝"),
    ],
)
def test_a_sites_safety_failing_is_read(text: str, read: str) -> None:
    assert site_failing(_compact(text)) == read


@pytest.mark.parametrize(
    "text",
    [
        # a factory: work_safety.py's, the emergency bureau's
        "厂里车间的工人都不戴安全帽",
        # an accident that has happened: the emergency bureau's
        "工地上有个工人从脚手架上掉下来了，工地一点安全网都没有",
        # a work injury or pay asked: human resources'
        "我在工地不戴安全帽让钢管砸了，老板不给报工伤",
        "工地上安全带都不发，工钱也拖着不给",
        # goods bought: the market regulator's
        "给工地买的安全帽没有合格证",
        # a site without a failing told
        "工地晚上十点了还在打桩",
    ],
)
def test_a_factory_an_accident_pay_goods_or_no_failing_are_not_read(text: str) -> None:
    assert site_failing(_compact(text)) == ""


def test_a_factorys_failing_stays_with_work_safety() -> None:
    text = "那个厂子里工人不戴安全帽，还在高处干活，迟早出事"
    assert site_failing(text) == ""
    assert workplace_failing(text)


def test_the_reading_is_a_housing_object_over_the_safety_words() -> None:
    objects = duty_objects(_compact("在建的楼上干活的人都不戴安全帽 安全带也不系"))
    housing = [o for o in objects if o.unit == HOUSING_UNIT]
    assert len(housing) == 1
    assert housing[0].setting_units == ("emergency", "human_resources", "transport")


@pytest.mark.parametrize(
    "text",
    [
        "在建的楼上干活的人都不戴安全帽 安全带也不系",
        "正在盖的楼 塔吊司机根本没有操作证 吊东西晃来晃去",
    ],
)
def test_the_router_sends_a_sites_failing_to_housing(router: Router, text: str) -> None:
    assert router.suggest(text).department == HOUSING_UNIT
