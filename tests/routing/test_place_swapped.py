"""Area names written with their two characters back to front (海红街道 for 红海街道, 岳熊镇
for 熊岳镇): read before the area's own kind word, or where a place is expected when the
swap is no word; never a compound, a square or a word of the same characters."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_swapped import PlaceSwapped

from tests.fixtures.routing import official_areas

OFFICIAL = official_areas()
KNOWN = [*OFFICIAL, "红海", "海星", "望海", "熊岳", "芦屯", "红旗", "芦屯村"]
WORDS = {"海红", "星海"}  # words of the dictionary (a fruit; a square in another city)


def reader() -> PlaceSwapped:
    return PlaceSwapped(OFFICIAL, KNOWN, WORDS.__contains__)


@pytest.mark.parametrize(
    ("text", "swap", "area"),
    [
        ("海红街道我们社区的老人等着打疫苗", "海红街道", "honghai"),  # a word, before 街道
        ("星海街道的居委会换届", "星海街道", "haixing"),
        ("岳熊镇我们村的公开栏", "岳熊镇", "xiongyue"),
        ("旗红镇这边有船偷着出海", "旗红镇", "hongqi"),
        ("屯芦那边的村道又坏了", "屯芦", "lutun"),  # no word: a place word after it
        ("我在海望住了十年", "海望", "wanghai"),  # no word: a preposition of place before it
        ("屯芦村的账没贴", "屯芦", "lutun"),
    ],
)
def test_a_swapped_name_where_a_place_is_written_is_the_area(
    text: str, swap: str, area: str
) -> None:
    assert reader().find(text) == [(text.index(swap), swap, area)]


@pytest.mark.parametrize(
    "text",
    [
        "红海街道滨海社区星海湾小区6号楼",  # a compound of the same characters
        "去大连星海广场玩了一天",  # a square elsewhere
        "点的蚬子 海红 一算账八百",  # the word, no kind word after it
        "星海那边新开了家店",  # a word: read only before 街道
        "站在岸边向大海望去",  # 海望 straddles two words, no place cue
        "熊岳镇的路灯",  # the name as written is the gazetteer's
    ],
)
def test_no_swap_elsewhere(text: str) -> None:
    assert reader().find(text) == []


def test_a_swap_that_is_a_known_name_is_not_read() -> None:
    swapped = PlaceSwapped({"红海街道": "honghai"}, ["红海街道", "海红"], lambda _: False)
    assert swapped.find("海红街道") == []


def test_a_swap_two_areas_share_is_read_as_neither() -> None:
    # Two areas of one short name and two kinds: the bare swap is neither's.
    swapped = PlaceSwapped({"甲乙镇": "a", "甲乙街道": "b"}, [], lambda _: False)
    assert swapped.find("在乙甲") == []
    assert swapped.find("乙甲街道") == [(0, "乙甲街道", "b")]  # its kind word tells


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("海望街道能不能在社区门口设个意见箱？", "wanghai"),
        ("屯芦镇往我们村那段村道又露出石头来了。", "lutun"),
    ],
)
def test_the_router_places_a_swapped_name(router: Router, text: str, area: str) -> None:
    assert router.suggest(text).area == area


def test_the_router_reads_no_place_from_the_compound(router: Router) -> None:
    assert router.suggest("星海湾小区门口的路灯不亮了。").area is None
