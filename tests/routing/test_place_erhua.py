"""Short area names said with the 东北 儿化, written as the recogniser heard the merged
syllable (芦图儿 for 芦屯儿, 海心儿 for 海星儿, 红孩儿 for 红海儿)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_erhua import PlaceErhua, merged_forms

NAMES = {
    "红海": "honghai",
    "海星": "haixing",
    "望海": "wanghai",
    "熊岳": "xiongyue",
    "芦屯": "lutun",
    "红旗": "hongqi",
    "红海街道": "honghai",
}
WORDS = {"红孩儿", "熊孩", "红孩"}  # the cartoon's boy; a naughty child


@pytest.fixture
def reader() -> PlaceErhua:
    return PlaceErhua(NAMES, WORDS.__contains__)


def test_a_syllable_before_er_loses_its_ending() -> None:
    assert merged_forms("tun") == {"tun", "tu"}
    assert merged_forms("xing") == {"xing", "xin", "xi"}
    assert merged_forms("hai") == {"hai", "ha"}
    assert merged_forms("qi") == {"qi"}  # no ending to lose


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("芦图儿那个村村口没路灯", "lutun"),
        ("芦图儿我家猪圈里一宿死了三头猪", "lutun"),  # no word: read without a place word
        ("海心儿那块工地后半夜还打混凝土", "haixing"),
        ("海心儿社区楼上那家半夜剁馅子", "haixing"),
        ("我们红孩儿那片垃圾车早上四点就来", "honghai"),  # a word, said as a place
        ("走到红孩儿那边让野狗给咬了", "honghai"),
    ],
)
def test_a_name_said_with_er_is_the_area(reader: PlaceErhua, text: str, area: str) -> None:
    assert [a for _, _, a in reader.find(text)] == [area]


@pytest.mark.parametrize(
    "text",
    [
        "我家孩子半夜不睡觉非看红孩儿动画片",  # the cartoon
        "孩子说红孩儿可厉害了",
        "熊孩儿天天在楼道里闹",  # 熊孩 is no 熊岳
        "望海儿那边天不亮就放鞭炮",  # as written: the gazetteer's own match reads it
        "红了儿那边",  # a particle is no syllable of a name
    ],
)
def test_no_name_is_read_elsewhere(reader: PlaceErhua, text: str) -> None:
    assert reader.find(text) == []


def test_the_router_places_a_name_said_with_er(router: Router) -> None:
    said = "海心儿那块工地后半夜两点还打混凝土 泵车轰轰响 罐车一辆接一辆 孩子明天考试"
    assert router.suggest(said).area == "haixing"
    assert router.suggest("我家孩子半夜不睡觉 非看红孩儿 说了也不听").area is None
