"""Area names said fast, their two syllables run into one (雪镇 for 熊岳镇, 伦镇 for 芦屯镇):
read before the area's own kind word only, never where the merged syllable is an area's own
or begins no word there."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_merged import PlaceMerged, merged

from tests.fixtures.routing import official_areas

OFFICIAL = official_areas()
WORDS = {"大学", "讨论", "滑雪"}


def reader() -> PlaceMerged:
    return PlaceMerged(OFFICIAL, WORDS.__contains__)


def test_the_first_initial_runs_into_the_second_final() -> None:
    assert merged("xiong", "yue") == "xue"
    assert merged("lu", "tun") == "lun"
    assert merged("hong", "hai") == "hai"


@pytest.mark.parametrize(
    ("text", "said", "area"),
    [
        ("雪镇那边的集市上卖假化肥", "雪镇", "xiongyue"),
        ("我们在学镇上租的房子漏雨", "学镇", "xiongyue"),  # any character of the sound
        ("伦镇村里的路灯一个也不亮", "伦镇", "lutun"),
        ("轮镇卫生院晚上没人", "轮镇", "lutun"),
    ],
)
def test_a_merged_name_before_its_kind_word_is_the_area(text: str, said: str, area: str) -> None:
    assert reader().find(text) == [(text.index(said), said, area)]


@pytest.mark.parametrize(
    "text",
    [
        "雪街道上全是冰",  # a subdistrict's kind word after a town's merge
        "大学镇上有好几所",  # 学 ends the word 大学
        "海街道那边停水了",  # hai is 海星's and 望海's own syllable (红海's merge)
        "下雪了，镇上的路没人扫",  # 镇 not right after
        "镇上下了一夜雪",
    ],
)
def test_no_merged_name_elsewhere(text: str) -> None:
    assert reader().find(text) == []


def test_a_merge_two_areas_share_is_read_as_neither() -> None:
    shared = PlaceMerged({"熊岳镇": "a", "戏月镇": "b"}, lambda _: False)  # both xue
    assert shared.find("雪镇那边") == []


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("雪镇那边果园里有人偷着烧秸秆 烟呛得不行", "xiongyue"),
        ("伦镇那个大集 卖肉的秤不准", "lutun"),
    ],
)
def test_the_router_places_a_merged_name(router: Router, text: str, area: str) -> None:
    assert router.suggest(text).area == area


def test_the_router_reads_no_place_from_snow_in_town(router: Router) -> None:
    assert router.suggest("昨天下大雪 镇里的主路到现在也没人清").area is None
