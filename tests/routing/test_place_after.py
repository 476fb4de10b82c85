"""A town's name slipped by the recogniser right before its fair, school or station
(陆囤大集, 鸿骑大鸡 for 芦屯大集, 红旗大集): the word after it tells a place was said."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_after import cue_tail, is_place_cue


def test_an_institution_word_is_a_cue_as_written_and_as_heard() -> None:
    assert is_place_cue("大集")
    assert is_place_cue("大鸡")  # da ji, the recogniser's 大集
    assert is_place_cue("派出所")
    assert is_place_cue("那边")
    assert not is_place_cue("鸡")  # one syllable is too common to tell by sound
    assert not is_place_cue("买菜")


def test_a_glued_tail_is_cut_only_where_an_institution_word_ends_the_word() -> None:
    assert cue_tail("骑大鸡") == 2
    assert cue_tail("屯中学") == 2
    assert cue_tail("大集") == 0  # nothing before it
    assert cue_tail("买东西") == 0


@pytest.mark.parametrize(
    ("text", "area"),
    [
        # a name heard as two words before the fair (陆|囤|大集)
        ("我在陆囤大集上买的猪肉 回家一看全是注水的", "lutun"),
        # or before the police station, the clinic, the school
        ("陆囤派出所的人来了看了一眼就走了", "lutun"),
        ("卢 蹲 卫生院 大夫不在 等了一上午", "lutun"),
        # a name's last syllable glued to the fair heard as 大鸡 (鸿|骑大鸡)
        ("我在鸿骑大鸡上丢了钱包 里面有身份证", "hongqi"),
    ],
)
def test_a_slipped_name_before_a_place_word_is_the_place(
    router: Router, text: str, area: str
) -> None:
    s = router.suggest(text)
    assert s.area == area
    assert "音近" in s.explanation


@pytest.mark.parametrize(
    "text",
    [
        "我在大集上买的猪肉 回家一看全是注水的",  # the fair with no place before it
        "路过大集的时候车被别了 司机还骂人",  # 路过 is a word, no place
        "我是卢蹲的 想问问低保",  # a homophone and a blur with no place word after
        "鸡大鸡小都是一个价 这合理吗",  # 鸡大 is no place
        "孩子在中学门口被人抢了手机",
    ],
)
def test_a_place_word_alone_places_nothing(router: Router, text: str) -> None:
    assert router.suggest(text).area is None
