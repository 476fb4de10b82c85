"""What stands, sparks, falls or is left undone by the road (roadside.py) is its owner's: a
pole or a transformer the power company's, stones off a hillside the emergency bureau's, a
compound's ice and a night's building work housing's; the road's words only set the scene."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_act import act_readings
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.roadside import roadside_readings


def _compact(text: str) -> str:
    return text.replace(" ", "")


def _units(text: str) -> list[str]:
    return [unit for unit, _, _ in roadside_readings(_compact(text))]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("新修的那条道 电线杆子杵在道中间 晚上看不着 来人挪一挪", "power"),
        ("公交站旁边那个变压器 一直冒火星子 吓人", "power"),
        ("我们这一片全停电了 路口的信号灯也不亮了 啥时候来电", "power"),
        ("去山里那条道 山上的石头松了 昨天滚下来一块 差点砸着车", "emergency"),
        ("小区门口的坡全是冰 物业也不来撒沙子 老人摔了", "housing"),
        ("小区外头修路 压路机半夜还在压 轰轰的 睡不着", "housing"),
    ],
)
def test_the_owner_is_read(text: str, unit: str) -> None:
    assert _units(text) == [unit]
    found = [o for o in duty_objects(_compact(text)) if o.unit == unit]
    assert any("transport" in o.setting_units for o in found)


def test_a_slope_dropping_stones_is_no_building_crack() -> None:
    # Once a near miss of duty_act.py's building crack (housing): the hazard bureau's alone.
    assert _units("后山坡下完雨裂了一道大缝往下掉石头") == ["emergency"]
    assert [u for u, _, _ in act_readings("后山坡下完雨裂了一道大缝往下掉石头")] == ["emergency"]


@pytest.mark.parametrize(
    "text",
    [
        # Small ads on a pole: urban management's.
        "电线杆子上贴满了小广告 撕了又贴",
        # The police asked to direct the traffic at a dark crossing.
        "路口停电了 红绿灯全黑了 赶紧派个人来指挥一下",
        # A landslide that only blocks the road: transport's bulldozer.
        "去村里那条山道塌方了 土和石头把道堵死了 派个铲车来清一清",
        # Ice from a leaking pipe: the pipe's owner.
        "楼道里暖气管子漏水 都冻成冰了 物业说不归他们 也不来铲",
        # Dust from a site at night: the environment bureau's.
        "工地不苫盖扬尘大 晚上还施工 吵得睡不着",
        # A red light's timing: the police's.
        "路口红绿灯坏了 一直闪黄灯",
    ],
)
def test_other_owners_are_not_read(text: str) -> None:
    assert _units(text) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("道路拓宽以后 原来路边的电线杆子现在立在马路当间了 晚上没灯 麻烦派人来挪走", "power"),
        ("往山里去的那条路 拐弯那里的石头松了 掉下来一块砸在路上 麻烦派人来看看", "emergency"),
        ("我们小区大门口那段坡道结冰了 两个老人摔了 麻烦物业来撒点沙子", "housing"),
    ],
)
def test_the_owner_leads_end_to_end(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit
