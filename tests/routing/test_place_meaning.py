"""Area names written with one character given by its meaning (赤旗镇 for 红旗镇, 观海街道 for
望海街道): read right before a kind of area, the other character kept; never the same
characters as a word (看海, 观海苑), another place (赤峰, 山海关) or a road or a 山庄."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_meaning import PlaceMeaning, meaning_variants

from tests.fixtures.routing import official_areas

OFFICIAL = official_areas()
KNOWN = [*OFFICIAL, "红海", "海星", "望海", "熊岳", "芦屯", "红旗", "红旗渠"]


def reader() -> PlaceMeaning:
    return PlaceMeaning(OFFICIAL, KNOWN)


def test_variants_swap_one_character_for_one_of_its_meaning() -> None:
    assert {"赤旗", "红帜", "朱旗"} <= meaning_variants("红旗")
    assert "赤帜" not in meaning_variants("红旗")  # both swapped: not the name any more


@pytest.mark.parametrize(
    ("text", "written", "area"),
    [
        ("赤海街道菜市场门口的井盖翻了", "赤海", "honghai"),
        ("朱旗镇卫生院的大夫不给开药", "朱旗", "hongqi"),
        ("我爷爷住洋星街道，暖气三天没热", "洋星", "haixing"),
        ("海辰街道那个社区的楼道灯坏了", "海辰", "haixing"),
        ("眺海街道办事处能不能管管", "眺海", "wanghai"),
        ("观海办事处门前的路灯不亮", "观海", "wanghai"),
        ("熊岭镇的大集上卖死猪肉", "熊岭", "xiongyue"),
        ("芦村镇东边养鸡场臭得不行", "芦村", "lutun"),
    ],
)
def test_a_name_by_its_meaning_before_a_kind_of_area_is_the_area(
    text: str, written: str, area: str
) -> None:
    assert reader().find(text) == [(text.index(written), written, area)]


@pytest.mark.parametrize(
    "text",
    [
        "五一带孩子来看海，停车场乱收费",  # 看海: to see the sea
        "望海街道观海苑小区停水了",  # a compound of the same characters
        "观海路上的井盖丢了",  # a road, no kind of area after it
        "老人在熊山庄园住了一个月",  # 山庄, no kind of area
        "芦村那边的路没修",  # a village's name, no kind of area
        "我是赤峰来的，在这打工工资没给",  # another city: two characters swapped
        "去山海关旅游的车票退不了",  # another place
        "红旗镇的路灯",  # the name as written is the gazetteer's
    ],
)
def test_no_name_by_meaning_elsewhere(text: str) -> None:
    assert reader().find(text) == []


def test_a_variant_two_areas_share_is_read_as_neither() -> None:
    # Two areas of one short name: 赤甲 gives neither, though its kind word differs.
    shared = PlaceMeaning({"红甲镇": "a", "红甲街道": "b"}, [])
    assert shared.find("赤甲镇") == []
    assert PlaceMeaning({"红甲镇": "a"}, []).find("赤甲镇") == [(0, "赤甲", "a")]


def test_a_variant_that_is_a_known_name_is_not_read() -> None:
    assert PlaceMeaning({"红甲镇": "a"}, ["赤甲"]).find("赤甲镇") == []


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("我父亲住在赤旗镇，上个月低保突然停了，能不能给查查？", "hongqi"),
        ("芦庄镇下边村里的敬老院冬天不烧暖气，老人冻得睡不着。", "lutun"),
        ("看海街道有个小区门口天天有人摆摊卖假药给老人。", "wanghai"),
    ],
)
def test_the_router_places_a_name_by_its_meaning(router: Router, text: str, area: str) -> None:
    assert router.suggest(text).area == area


def test_the_router_reads_no_place_from_seeing_the_sea(router: Router) -> None:
    assert router.suggest("我们是外地来看海的，海边大排档一盘蚬子要了三百。").area is None
