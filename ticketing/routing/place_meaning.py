"""Area names written with a character given by its meaning (赤旗镇 for 红旗镇). No I/O.

A writer who remembers what a name means rather than how it is written gives a character
of the same meaning for one syllable: 红 → 赤 朱 丹 彤, 海 → 洋, 望 → 看 观 眺 瞧,
岳 → 山 峰 岭, 屯 → 庄 村 堡 寨, 星 → 辰, 旗 → 帜 幡, 芦 → 苇 (赤海街道, 洋星街道,
观海街道, 熊山镇, 芦庄镇). Neither sound nor shape finds it (赤 is chi, 红 hong).

Many such spellings are ordinary words or other places (看海 "to see the sea", 观海苑,
芦村, 山庄), so a spelling is read only where a reader would still name one of the areas:
one character of the two-character short name swapped, the other kept, and a kind of
area (镇, 街道, 办事处) right after it. Counted on the retired sets (rounds 2–32), the seed
corpus and the dev/holdout sets: 8 of 8 lines with such a spelling before a kind word carry
its area (r32_written 2, 8, 24, 38, 55, 59, 77; r32_assist 33); the 6 without one
(看海 four times, 观海苑, r17's 芦村 beside 芦屯) carry it in 1, placed by the name itself,
and none is read. Two swaps (赤峰, 山海关) and a kind word other than an area's (观海路,
熊山庄) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from hotline.ticketing.routing.place_lookalike import one_swapped

# Characters of the areas' short names → characters of the same meaning a writer gives
# for them. 熊 has none in common use; none given is a character of another area's name.
SAME_MEANING: Mapping[str, str] = {
    "红": "赤朱丹彤",
    "海": "洋",
    "望": "看观眺瞧",
    "岳": "山峰岭",
    "屯": "庄村堡寨",
    "星": "辰",
    "旗": "帜幡",
    "芦": "苇",
}

# Kinds of area that make the spelling a town or subdistrict (not 路, 苑, 村, 小区).
KIND_WORDS = ("街道", "办事处", "镇")


def meaning_variants(short: str) -> set[str]:
    """`short` with one character given by its meaning (红旗 → 赤旗, 红帜 …)."""
    return one_swapped(short, SAME_MEANING)


class PlaceMeaning:
    """Area names read from a short name with one character given by its meaning, before
    a kind of area."""

    def __init__(self, official: Mapping[str, str], known: Iterable[str]) -> None:
        """`official`: each area's official name (红海街道, 熊岳镇) → area id; its short
        name is its first two characters. `known`: every name or non-place the gazetteer
        knows (a variant that is one is not read)."""
        known = frozenset(known)
        areas: dict[str, set[str]] = {}
        for name, area in official.items():
            for variant in meaning_variants(name[:2]):
                if variant not in known:
                    areas.setdefault(variant, set()).add(area)
        # A variant two areas share names neither.
        self._area_of = {key: next(iter(a)) for key, a in areas.items() if len(a) == 1}
        self._pattern: re.Pattern[str] | None = None
        if self._area_of:
            keys = "|".join(map(re.escape, sorted(self._area_of)))
            kinds = "|".join(map(re.escape, KIND_WORDS))
            self._pattern = re.compile(rf"(?:{keys})(?=(?:{kinds}))")

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the name as written, area) of each area name `text` gives by meaning."""
        if self._pattern is None:
            return []
        return [
            (m.start(), m.group(0), self._area_of[m.group(0)]) for m in self._pattern.finditer(text)
        ]
