"""Area names typed as pinyin initials in chat (hx街道, 到hq镇): read only where a place
is expected, since two letters are as often something else (hx 好像, wy 物业)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_initials import PlaceInitials, initials

AREAS = {"海星": "haixing", "海星街道": "haixing", "红旗": "hongqi", "红旗镇": "hongqi"}


def test_initials_are_each_syllables_first_letter() -> None:
    assert initials("海星") == "hx"
    assert initials("熊岳镇") == "xyz"


def test_initials_two_areas_share_are_read_as_neither() -> None:
    reader = PlaceInitials({"海星": "haixing", "还行": "elsewhere"})
    assert reader.find("hx街道那边") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("hx街道那边的社区", "hx"),  # a kind of place after it
        ("刚送单到hq镇一个村", "hq"),  # a preposition before it
        ("我住hx", "hx"),
        ("hxjd那边路灯不亮", "hxjd"),  # the kind's initials glued on
    ],
)
def test_initials_where_a_place_is_expected_are_the_place(text: str, found: str) -> None:
    assert [key for _, key, _ in PlaceInitials(AREAS).find(text)] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "hx不太对劲",  # 好像, no place word after it
        "hx的事你们管不管",
        "phx街道",  # part of a longer word
        "hxy镇",
    ],
)
def test_initials_elsewhere_are_no_place(text: str) -> None:
    assert PlaceInitials(AREAS).find(text) == []


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("hx街道那边的社区能开灵活就业证明不？[捂脸]", "haixing"),
        ("刚送单到hq镇一个村，村口有个老人找不着家了", "hongqi"),
        ("在lt那边的大棚被风掀了", "lutun"),
    ],
)
def test_the_router_places_initials(router: Router, text: str, area: str) -> None:
    assert router.suggest(text).area == area


@pytest.mark.parametrize(
    "text",
    [
        "hx是我记错了，物业说明天来修",
        "xy你们看着办吧 wy根本不管",
    ],
)
def test_the_router_reads_no_place_from_initials_alone(router: Router, text: str) -> None:
    assert router.suggest(text).area is None
