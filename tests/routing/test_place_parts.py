"""Area names written with a character split into its parts (拆字: 氵每星街道 for 海星街道,
熊丘山那边 for 熊岳那边): read where a place is expected, the name's other character its own;
never the parts in ordinary writing."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_parts import PlaceParts, splits, variants

NAMES = {
    "红海": "honghai",
    "海星": "haixing",
    "望海": "wanghai",
    "熊岳": "xiongyue",
    "芦屯": "lutun",
    "红旗": "hongqi",
    "熊岳镇": "xiongyue",
}
KNOWN = [*NAMES, "红海街道", "海星街道", "望海街道", "芦屯镇", "红旗镇"]


def reader() -> PlaceParts:
    return PlaceParts(NAMES, KNOWN)


def test_a_radical_is_written_as_its_sign_or_as_its_character() -> None:
    assert splits("海") == {"氵每", "水每"}
    assert splits("芦") == {"艹户", "草户"}
    assert splits("屯") == set()  # no parts a writer splits it into
    assert {"氵每星", "海日生"} <= variants("海星")


@pytest.mark.parametrize(
    ("text", "split", "area"),
    [
        ("氵每星街道那个菜市场门口天天堵车", "氵每星", "haixing"),  # a radical's sign
        ("水每星这边的路灯坏了一排", "水每星", "haixing"),  # the radical as its character
        ("海日生社区的老人等着领补贴", "海日生", "haixing"),  # two whole characters
        ("我住在望亡月王那边", "望亡月王", None),  # 望 twice: no name
        ("熊丘山大集上卖假种子", "熊丘山", "xiongyue"),
        ("在红方其承包了二十亩地", "红方其", "hongqi"),  # a preposition of place before
        ("艹户屯镇卫生院晚上没人值班", "艹户屯", "lutun"),
    ],
)
def test_a_split_name_where_a_place_is_written_is_the_area(
    text: str, split: str, area: str | None
) -> None:
    found = reader().find(text)
    if area is None:
        assert found == []
    else:
        assert found == [(text.index(split), split, area)]


@pytest.mark.parametrize(
    "text",
    [
        "今天日生产了三百件",  # 日生 in running text, no name beside it
        "海日生活很规律",  # 海日生 with no place word after it
        "红方其实也有责任",  # the parts before a word, not a place
        "熊丘山的照片我发群里了",  # no place word after it, no preposition before
    ],
)
def test_no_split_name_elsewhere(text: str) -> None:
    assert reader().find(text) == []


def test_a_split_two_areas_share_is_read_as_neither() -> None:
    parts = PlaceParts({"海星": "a", "海星镇": "a", "海日": "b"}, [])
    assert parts.find("海日生镇") == [(0, "海日生", "a")]
    shared = PlaceParts({"海一": "a", "海二": "b", "氵每一": "c"}, ["氵每一"])
    assert shared.find("氵每一那边") == []  # a known name is the gazetteer's


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("氵每星街道新开的健身房办了卡就跑路了，老板电话打不通", "haixing"),
        ("我家住望氵每，楼下烧烤店的油烟天天往屋里灌", "wanghai"),
        ("海日生街道那边的小区停水两天了，也没个通知", "haixing"),
    ],
)
def test_the_router_places_a_split_name(router: Router, text: str, area: str) -> None:
    assert router.suggest(text).area == area


def test_the_router_reads_no_place_from_parts_in_running_text(router: Router) -> None:
    assert router.suggest("厂里今天日生产任务太重，加班到半夜也不给加班费").area is None
