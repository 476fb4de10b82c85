"""Syllables heard one neighbouring sound away (sound_neighbours.py), and the places they
let the fuzzy reader find (红开 for 红海, 海青 for 海星, 黄海街道 for 望海街道)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.fuzzy_sound import blurs, fuzzy_keys
from hotline.ticketing.routing.sound_neighbours import accent_only, neighbours


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


def test_a_southern_accent_says_h_before_a_rounded_vowel_as_f() -> None:
    assert "feng" in neighbours("hong")  # 红 as 风: fong is no Mandarin syllable
    assert "fu" in neighbours("hu") and "hui" in neighbours("fei")  # and f said as h
    assert accent_only("feng", "hong")  # two parts changed: guarded by the fuzzy reader
    assert not accent_only("fu", "hu")  # the initial alone: the fuzzy class f/h already
    assert "feng" not in neighbours("heng")  # no rounded vowel, no f
    assert blurs("feng", "hong") == 1


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("我是四川过来打工的 风海那边一个工地 包工头欠我三个月工钱", "honghai"),
        ("凤海街道那个小区门口 垃圾三天没人拉了", "honghai"),
        ("冯旗大集上卖的鸡蛋 好几个是坏的", "hongqi"),
    ],
)
def test_a_place_in_a_southern_accent_is_found_before_a_place_word(
    router: Router, text: str, area: str
) -> None:
    s = router.suggest(text)
    assert s.area == area
    assert "音近" in s.explanation


@pytest.mark.parametrize(
    "text",
    [
        "群里有人说要封海了 不让下海 这是真的假的",  # 封海: a verb, no place word after
        "风海上刮得厉害 渔船都回港了 我家那口子还没回来",  # 风 the wind over the sea
    ],
)
def test_a_southern_accent_without_a_place_word_is_no_area(router: Router, text: str) -> None:
    assert router.suggest(text).area is None
