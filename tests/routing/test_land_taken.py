"""Farmland dug up or built on, and sand dug, are reported whoever tells them
(land_taken.py); asking whether a use is allowed, or an old sand pit as a place, is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.land_taken import land_taken
from hotline.ticketing.routing.public_wrong import public_wrong
from hotline.ticketing.routing.suggest import Router


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我们村有个老板租了地把耕地挖成鱼池子了", "耕地挖"),
        ("芦屯镇有人在基本农田上盖了一排厂房", "基本农田上盖"),
        ("村东头那片口粮田让人拉土填平了要建停车场", "口粮田让人拉土填"),
        ("夜里河套那边有人挖沙子钩机响一宿", "挖沙"),
        ("海边有船在近岸抽沙往外卖", "抽沙"),
        ("有人推了耕地往里倒渣土", "推了耕地"),
    ],
)
def test_land_taken_is_read(text: str, words: str) -> None:
    assert land_taken(text) == words
    assert public_wrong(text) == words


@pytest.mark.parametrize(
    "text",
    [
        # An old pit as a place, not the digging.
        "村后那个废弃的采砂坑积满了水孩子们总去游泳",
        # Farmland named, nothing done to it.
        "我家耕地今年的地力补贴什么时候发",
        "农田边上的水渠堵了浇不上水",
        # Sand dug at the caller's own field: their loss (harm.py reads it).
        "有人在我们家承包地边上挖沙子把地挖塌了一块",
        # Sand as a load, not dug.
        "拉沙子的大车把路上撒得全是沙",
    ],
)
def test_no_land_taken_is_read(text: str) -> None:
    assert land_taken(text) == ""


@pytest.mark.parametrize(
    "said",
    [
        "镇上那个河边 夜里有人挖沙子 钩机响一宿 村里说管不了",
        "我们村来个外地人 包了地 把耕地挖成养鱼池子了",
        "望海那边有户人家 在耕地上 打了地基要盖房",
    ],
)
def test_routed_end_to_end_as_a_report(
    router: Router, rules_only_router: Router, said: str
) -> None:
    # The rules alone read these as the default complaint without the reading.
    assert rules_only_router.suggest(said).category == "report"
    assert router.suggest(said).category == "report"


def test_asking_whether_a_shed_is_allowed_stays_a_consult(router: Router) -> None:
    said = "想问问在自家承包地里搭个看瓜的窝棚 算不算占耕地"
    assert router.suggest(said).category == "consult"
