"""Area names typed on a nine-key pad whose candidate list offered a twin (公海 for 红海,
红日 for 红旗): read only where the twin stands in one of the area's known names."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_ninekey import PlaceNineKey, keys_of

SHORT = {"红海": "honghai", "海星": "haixing", "红旗": "hongqi", "芦屯": "lutun"}
KNOWN = [*SHORT, "红海街道", "海星街道", "红旗镇", "红旗村", "芦屯镇"]


def test_keys_of_are_the_nine_key_digits() -> None:
    assert keys_of("hong") == keys_of("gong") == "4664"
    assert keys_of("qi") == keys_of("ri") == "74"
    assert keys_of("xing") == keys_of("ying") != keys_of("xiang")


@pytest.mark.parametrize(
    ("text", "twin", "area"),
    [
        ("公海街道那片停水了", "公海", "honghai"),  # g/h on one key
        ("我在海鹰街道住", "海鹰", "haixing"),  # x/y
        ("红日村的路没人修", "红日", "hongqi"),  # q/r, a known village of the town
        ("苦屯镇的大集几号", "苦屯", "lutun"),  # k/l
    ],
)
def test_a_twin_before_the_rest_of_a_known_name_is_the_area(
    text: str, twin: str, area: str
) -> None:
    assert PlaceNineKey(SHORT, KNOWN).find(text) == [(text.index(twin), twin, area)]


@pytest.mark.parametrize(
    "text",
    [
        "渔船开到公海去了",  # the word itself, no known name after it
        "红日当头晒得慌",
        "红日街道",  # 红旗 is a town: no 红旗街道 is known
        "海鲜街上的摊子",  # 鲜 xian is not 星's keys
        "江海街道",  # no character of the name kept… and 江 is not 红's keys
        "红海街道",  # the name itself is the gazetteer's as written
    ],
)
def test_no_twin_elsewhere(text: str) -> None:
    assert PlaceNineKey(SHORT, KNOWN).find(text) == []


def test_a_twin_two_areas_share_is_read_as_neither() -> None:
    reader = PlaceNineKey({"红海": "honghai", "公海": "other"}, ["红海街道", "公海街道"])
    assert reader.find("宫海街道") == []


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("公海街道这边老楼的单元门坏了，麻烦社区派人修一下。", "honghai"),
        ("红日镇我们村口的路灯一冬没亮。", "hongqi"),
    ],
)
def test_the_router_places_a_nine_key_twin(router: Router, text: str, area: str) -> None:
    assert router.suggest(text).area == area


def test_the_router_reads_no_place_from_the_word_alone(router: Router) -> None:
    assert router.suggest("我家的渔船在公海被扣了，想问问咋办。").area is None
