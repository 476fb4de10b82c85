"""After a storm: a home lost with relief asked is civil affairs', a tree sparking on a power
line the power company's, 医疗救助 asked after 医保 the insurer's (storm_relief.py), not
the emergency bureau's storm, the city's tree or civil affairs' 低保户."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_act import act_readings
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.storm_relief import (
    home_relief,
    medical_relief,
    storm_relief_readings,
    tree_sparking,
)


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("家里房子让大水冲了 有没有啥救助", "房子让大水冲…救助"),
        ("前天那场大雨把我家老屋泡塌了半间 一家人没地方住", "屋泡…没地方住"),
    ],
)
def test_a_home_lost_with_relief_asked_is_read(text: str, words: str) -> None:
    assert home_relief(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == "civil_affairs"]
    assert any("emergency" in o.setting_units for o in found)


def test_a_community_asked_to_rehouse_and_a_leak_are_not_read() -> None:
    assert home_relief("一楼进水泡了墙裂了缝社区让他搬请社区帮着安置一下能不能申请点救助") == ""
    assert home_relief("楼上卫生间漏水漏到我家棚顶了帮帮忙给找找人") == ""


def test_a_tree_sparking_on_a_line_is_read_and_one_merely_leaning_is_not() -> None:
    assert tree_sparking("那棵大杨树被风刮歪了树梢搭在电线上一晃就打火花") == "电线…打火"
    assert tree_sparking("一棵老杨树让风刮歪了靠在电线上了吓人") == ""
    # A lighter among the poplar fluff is no spark on a line.
    assert tree_sparking("杨树底下杨絮一堆小孩拿打火机点着玩电线旁边") == ""
    assert storm_relief_readings("路灯不亮了") == []
    # Read as the power company's, never as the city's fallen tree (duty_act.fallen_tree).
    units = {r[0] for r in act_readings("大风把树刮倒了压在电线上冒火花")}
    assert units == {"power"}


def test_medical_relief_after_insurance_is_read_and_civil_affairs_asked_is_not() -> None:
    assert medical_relief("医保报完还欠八万多请问还能申请什么医疗救助") == "医疗救助…医保"
    assert medical_relief("医保报完了自己还要掏十来万请民政部门帮忙申请临时救助和医疗救助") == ""
    assert medical_relief("住院押金交不起能不能帮忙申请医疗救助") == ""


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (
            "熊岳镇我家平房的后墙让暴雨泡塌了一角 一家四口没地方住 孩子还小 请求给点救助",
            "civil_affairs",
        ),
        ("小区门口那棵大杨树被风刮歪了 树梢搭在电线上 一晃就打火花 麻烦赶紧来看看", "power"),
        (
            "孩子溺水抢救住了半个月ICU 医保报完还欠八万多 家里是低保户"
            " 请问还能申请什么医疗救助 去哪申请",
            "medical_insurance",
        ),
    ],
)
def test_the_duty_leads_end_to_end(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit
