"""The vehicle office's errands — 车管所, a licence renewed or its medical, a car's inspection
(vehicle_office.py) — are the police's, over the medical's, the window's and the road's
words; a seller's money and a ride-hailing driver's permit are not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.duty_object import duty_objects
from hotline.ticketing.routing.employer import employer_act
from hotline.ticketing.routing.vehicle_office import POLICE_UNIT, vehicle_office


def _compact(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("车管所办业务 窗口就开了两个 排了一上午", "车管所"),
        ("驾照体检去哪家医院做", "驾照体检"),
        ("换驾驶证要体检吗 血压有点高", "换驾驶证"),
        ("我的驾驶证下个月到期 过期了还能开吗", "驾驶证下个月到期"),
        ("外地驾照在这边能换本地的不", "外地驾照"),
        ("车检排队排到中午 就开一条线", "车检"),
        ("我那辆车今年该年检了 去哪检", "车今年该年检"),
    ],
)
def test_the_errand_is_read(text: str, words: str) -> None:
    assert vehicle_office(_compact(text)) == words
    found = [o for o in duty_objects(_compact(text)) if o.unit == POLICE_UNIT]
    assert any("health" in o.setting_units for o in found)


@pytest.mark.parametrize(
    "text",
    [
        # A shop's refund after the office turned the bike down: the market regulator's.
        "买的电动车 店里说能上牌 去了车管所说不合格 店里不给退",
        # A driving school's fees: the market regulator's.
        "驾校跑路了 学费还没退 档案压在车管所",
        # A station forcing its neighbour's repair shop: the market regulator's.
        "车检站说灯光不合格 非让在隔壁修理店换 这不是强买强卖吗",
        # A ride-hailing driver's permit: transport's.
        "想办网约车驾驶员证 外地驾照行不行",
        # A buggy sold as needing no licence: the market regulator's.
        "有人卖老年代步车 说不用驾照",
        # A lift's yearly inspection: no car's.
        "物业说电梯年检费用业主分摊",
    ],
)
def test_a_sellers_matter_or_another_permit_is_not_read(text: str) -> None:
    assert vehicle_office(_compact(text)) == ""


# Paraphrases of round 36's lines that the shipped router without this reading sends to
# human resources (the boss docking pay) or health (the medical, the hospital).
@pytest.mark.parametrize(
    "text",
    [
        "车管所换驾照 窗口就开一个 下午还得请假 单位扣奖金",
        "驾照到期了要体检 去哪个医院体检",
        "车检站人太多 排了一上午 医院体检都没这么慢",
        "换驾驶证的体检表 社区医院能开不",
    ],
)
def test_the_police_lead_end_to_end(router: Router, text: str) -> None:
    assert router.suggest(text).department == POLICE_UNIT


def test_a_day_lost_at_the_office_is_not_the_employers_act() -> None:
    text = _compact("车管所换驾照 窗口就开一个 下午还得请假 单位扣奖金")
    assert employer_act(text) == ""
    assert employer_act(_compact("发烧请假 单位扣奖金")) != ""
