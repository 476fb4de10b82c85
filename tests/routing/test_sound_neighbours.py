"""Syllables heard one neighbouring sound away (sound_neighbours.py), and the places they
let the fuzzy reader find (红开 for 红海, 海青 for 海星, 黄海街道 for 望海街道)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.fuzzy_sound import blurs, fuzzy_keys
from hotline.ticketing.routing.sound_neighbours import neighbours


def test_an_initial_is_heard_as_another_of_its_place() -> None:
    assert {"kai", "gai"} <= neighbours("hai")
    assert {"qing", "jing"} <= neighbours("xing")
    assert "qiong" in neighbours("xiong")
    # not across places: a back consonant is never heard as a palatal or a lip sound
    assert not {"xai", "bai", "pai"} & neighbours("hai")
    assert "xing" not in neighbours("xing")


def test_a_final_is_heard_one_step_away() -> None:
    assert "luo" in neighbours("lu")
    assert "du" in neighbours("duo")
    assert "hei" in neighbours("hai")
    assert "tong" in neighbours("tun")
    assert "wang" in neighbours("huang") and "huang" in neighbours("wang")
    # two steps (ong as uang, hai as hui) are another syllable
    assert "huang" not in neighbours("hong")
    assert "hui" not in neighbours("hai")


def test_a_neighbour_is_one_slip_even_when_spelt_in_two_parts() -> None:
    assert blurs("huang", "wang") == 1
    assert blurs("kai", "hai") == 1
    assert blurs("kui", "hai") == 2


def test_a_place_name_is_keyed_by_its_neighbours() -> None:
    assert " fong kai " in fuzzy_keys("红海")  # 红开
    assert " fai qin " in fuzzy_keys("海星")  # 海青


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("半夜在红开那块打车 三公里 司机嫌近 不拉", "honghai"),
        ("海青那边那个网吧 后半夜一屋子半大孩子", "haixing"),
        ("我们这是黄海街道 楼下老太太家暖气一点不热", "wanghai"),
        ("海京那边新开的烧烤店 油烟全往楼上窜", "haixing"),
    ],
)
def test_a_place_heard_one_sound_away_is_found(router: Router, text: str, area: str) -> None:
    s = router.suggest(text)
    assert s.area == area
    assert "音近" in s.explanation


@pytest.mark.parametrize(
    "text",
    [
        "黄海边上的海鲜市场 卖的螃蟹缺斤短两",  # 黄海 the sea: no 街道, a word
        "我们单位开会 领导说红开门就要见效益",  # 红 + 开门: no place word after
        "天天开车上班 海青色的车被人划了",  # 海青 a colour, no place word after
    ],
)
def test_a_neighbouring_sound_without_a_place_is_no_area(router: Router, text: str) -> None:
    assert router.suggest(text).area is None


def test_a_place_glued_to_said_is_freed(router: Router) -> None:
    s = router.suggest("有人在群里发 说红开那边出鼠疫了 这不造谣吗 我举报")
    assert s.area == "honghai"
