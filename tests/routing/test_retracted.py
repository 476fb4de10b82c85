"""A unit the caller names and takes back, or sets aside for another (retracted.py): the
name withdrawn is no word for that unit's duty."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.retracted import retracted_spans, without_retracted


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("找燃气公司 不对 是热力公司", "gas"),
        ("这个该找城管吧 不对 楼下饭店油烟", "urban_management"),
        ("找交警 哦不是 是交通局", "public_security"),
        ("我要找供电局 说错了 自来水停了", "power"),
        ("不是找城管 是找环保局", "urban_management"),
        ("这事不归城管管 归环保局管", "urban_management"),
    ],
)
def test_a_unit_taken_back_or_set_aside(text: str, unit: str) -> None:
    assert list(retracted_spans(text)) == [unit]


@pytest.mark.parametrize(
    "text",
    [
        # A question to whoever answered, then who the caller dialled: nothing taken back.
        "燃气公司吗 不是 我打的12345 家里一股煤气味儿",
        # 不对 alone after a unit may blame it.
        "城管不对 乱罚款 我就在自家门口摆了个摊",
        # Who came to the door, with no second unit: not set aside.
        "怎么确认他们是不是燃气公司的人",
        # A correction that names no unit (a place) is not read here.
        "红启镇 不对 是红旗镇 村道让水冲了个大坑",
    ],
)
def test_nothing_taken_back(text: str) -> None:
    assert retracted_spans(text) == {}
    assert without_retracted(text) == text


def test_only_the_name_goes_the_words_around_it_stay() -> None:
    assert without_retracted("找燃气公司 不对 是热力公司") == "找 不对 是热力公司"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("找燃气公司 不对 是热力公司 暖气管子漏水 地板都泡了", "heating"),
        ("我这个是找供电局吧 不对不对 小区自来水停了两天了 也没个通知", "water"),
        ("找交警 哦不是 是交通局 公交车老不按点来", "transport"),
        ("不是找城管 是找环保局 楼下饭店油烟直往我家窗户里灌", "environment"),
    ],
)
def test_the_unit_taken_back_does_not_lead(router: Router, text: str, unit: str) -> None:
    assert router.suggest(text).department == unit
