"""Area names written with a look-alike character (形近字: 红族镇 for 红旗镇). No I/O.

A hurried or handwritten message, or a form typed from one, swaps a character of a name for
one of the same shape (旗 → 族, 海 → 诲, 熊 → 能). Sound does not help (族 is zu, 旗 qi), so
the swap is read by shape, and like initials (place_initials.py) only where a place is
expected: right before a kind of place or a word said after a place (红族镇, 望诲那边,
能岳大集) or right after a preposition of place (在望诲, 到卢屯). One character of a
two-character area name is swapped, the other kept; a swap that is a dictionary word, or
that two names share, is not read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hotline.ticketing.routing.place_expected import ExpectedSpellings

# Characters of the areas' names and the characters of like shape written for them: the
# same component with another radical or a stroke more or less (诲 悔 晦 梅 for 海, 能 for
# 熊 without its 灬, 族 旅 旌 for 旗 with its 方 kept). Only characters common enough to be
# written by mistake; none is a character of another area's name, and none sounds like the
# one it stands for (卢 吨 虹 棋 are the sound readers', which mark a name heard so: 音近).
LOOKALIKES: Mapping[str, str] = {
    "红": "江缸",
    "海": "诲悔晦梅侮",
    "星": "呈昱垦",
    "望": "朢",
    "熊": "能態罴",
    "岳": "兵丘缶",
    "芦": "护",
    "屯": "电",
    "旗": "族旅旌旋",
}


def variants(name: str) -> set[str]:
    """`name` with one of its characters swapped for a look-alike (红旗 → 红族, 江旗 …)."""
    return one_swapped(name, LOOKALIKES)


def one_swapped(name: str, table: Mapping[str, str]) -> set[str]:
    """`name` with one of its characters swapped for one `table` gives for it, the others
    kept. Shared with place_meaning.py (characters of the same meaning)."""
    out: set[str] = set()
    for i, char in enumerate(name):
        for other in table.get(char, ""):
            out.add(name[:i] + other + name[i + 1 :])
    return out


class PlaceLookalikes:
    """Area names read from a look-alike spelling where a place is expected."""

    def __init__(self, names: Mapping[str, str], is_word: Callable[[str], bool]) -> None:
        """`names`: the areas' own names (海星, 熊岳镇) → area id; only two-character ones
        give variants (the short name is what the kind word follows). `is_word`: whether
        the segmenter's dictionary knows a word (江海, 梅花 are words: not read)."""
        areas: dict[str, set[str]] = {}
        for name, area in names.items():
            if len(name) == 2:
                for variant in variants(name):
                    if variant not in names and not is_word(variant):
                        areas.setdefault(variant, set()).add(area)
        self._spellings = ExpectedSpellings(areas)

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the look-alike as written, area) of each name `text` writes so."""
        return self._spellings.find(text)
