"""Area names a caller breaks with a hesitation word (望 那个 海街道 for 望海街道): read where a
place is expected after the name, never a flag, a word or a sea told with a filler inside."""

from __future__ import annotations

import pytest
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_hesitation import PlaceHesitation


@pytest.fixture
def reader(routing_catalog: Catalog) -> PlaceHesitation:
    """The reader over the catalogue's six official area names (红海街道 … 红旗镇)."""
    return PlaceHesitation({area.name: area.id for area in routing_catalog.areas})


@pytest.mark.parametrize(
    ("text", "short", "area"),
    [
        ("我们是望那个海街道的", "望海", "wanghai"),  # before its own kind word
        ("熊这个岳镇的大集上有人卖耗子药", "熊岳", "xiongyue"),
        ("芦那个那个屯那边的村道", "芦屯", "lutun"),  # said twice, a place word after
        ("我在红那啥旗派出所门口", "红旗", "hongqi"),  # before a town's institution
    ],
)
def test_a_name_broken_by_a_hesitation_where_a_place_follows_is_the_area(
    reader: PlaceHesitation, text: str, short: str, area: str
) -> None:
    assert reader.find(text) == [(text.index(short[0]), short, area)]


@pytest.mark.parametrize(
    "text",
    [
        "门口挂着红那个旗子",  # a flag, no place after it
        "站在楼顶望那个海看了半天",  # looking at the sea
        "海那个星期天再说",  # 星期天, not 海星
        "望海街道的路灯不亮",  # the name as written is the gazetteer's
        "红这旗镇",  # a lone 这 is no hesitation
    ],
)
def test_no_broken_name_elsewhere(reader: PlaceHesitation, text: str) -> None:
    assert reader.find(text) == []


def test_the_router_places_a_name_said_with_a_hesitation_inside(router: Router) -> None:
    said = "我是替邻居问的 她家跟楼上因为漏水吵起来了 社区能不能出面调解一下 我们是望 那个 海街道的"
    assert router.suggest(said).area == "wanghai"
    assert router.suggest(said.replace("望 那个 海", "望海")).area == "wanghai"
