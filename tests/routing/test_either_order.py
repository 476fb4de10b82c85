"""either_order.py: one regex source for two kinds of words in either order, near each other."""

from __future__ import annotations

import re

from hotline.ticketing.routing.either_order import either_order


def test_both_orders_within_the_gap_and_not_past_a_sentence() -> None:
    pattern = re.compile(either_order("(?:冰雹)", "(?:葡萄)", 4))
    assert pattern.search("下冰雹了葡萄")
    assert pattern.search("葡萄昨天冰雹")
    assert pattern.search("冰雹下了好几个钟头了葡萄") is None  # past the gap
    assert pattern.search("冰雹。葡萄") is None  # past a sentence's end


def test_a_gap_each_way_and_any_length_with_other_characters_between() -> None:
    pattern = re.compile(either_order("(?:涵洞)", "(?:积水)", 3, 1))
    assert pattern.search("涵洞里全是积水")
    assert pattern.search("积水的涵洞")  # the way back allows one character
    assert pattern.search("积水的那个涵洞") is None
    unbounded = re.compile(either_order("(?:学校)", "(?:吐)", None, between="[^请]"))
    assert unbounded.search("学校好多孩子中午吃完饭全吐了")
    assert unbounded.search("学校请查查谁吐了") is None
