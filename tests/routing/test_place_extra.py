"""Area names typed with one character too many before their kind word (海星星街道,
红旗渠镇: an input method's longer first candidate taken); never a longer word elsewhere."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_extra import PlaceExtra

from tests.fixtures.routing import official_areas

OFFICIAL = official_areas()


@pytest.mark.parametrize(
    ("text", "typed", "area"),
    [
        ("海星星街道的垃圾站满了没人清", "海星星", "haixing"),  # the last character doubled
        ("住在红旗渠镇东头，路灯坏了半年", "红旗渠", "hongqi"),  # a word that begins with it
        ("望海潮街道有家药店卖过期药", "望海潮", "wanghai"),
    ],
)
def test_a_name_with_a_character_more_before_its_kind_word_is_read(
    text: str, typed: str, area: str
) -> None:
    assert PlaceExtra(OFFICIAL).find(text) == [(text.index(typed), typed, area)]


@pytest.mark.parametrize(
    "text",
    [
        "红旗渠精神要发扬",  # the canal, no kind word after it
        "海星星座的运势",  # no kind word
        "红旗渠街道",  # a town's name before a subdistrict's kind word
    ],
)
def test_no_longer_name_without_its_own_kind_word(text: str) -> None:
    assert PlaceExtra(OFFICIAL).find(text) == []


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("海星星街道某小区楼道里堆满了纸壳子，着火了咋整，请社区管一管。", "haixing"),
        ("红旗渠镇中学门口天天有人卖三无辣条，孩子吃了拉肚子。", "hongqi"),
    ],
)
def test_the_router_places_a_name_typed_long(router: Router, text: str, area: str) -> None:
    assert router.suggest(text).area == area


def test_the_router_reads_no_place_from_the_blocked_word_alone(router: Router) -> None:
    assert router.suggest("单位组织去河南看红旗渠，路费让我们自己掏，合理吗").area is None


def test_a_name_inside_a_longer_one_is_the_written_name(router: Router) -> None:
    # 望海 + 星 + 街道 spans 海星街道 as written: the name written wins
    assert router.suggest("希望海星街道管管楼下的烧烤摊").area == "haixing"
