"""Place names typed as their pinyin initials in chat (hx街道 for 海星街道, 到hq镇). No I/O.

Chat writers shorten a name to the first letter of each syllable: hx for 海星, hq for 红旗,
as they write wy for 物业 and sq for 社区. Two letters say little by themselves (hx is as
much 好像 as 海星), so initials are read as a place only where a place is expected:
right before a kind of place or a word said after a place (hx街道, hq镇, lt那边, xy大集),
or right after a preposition of place (在hx, 到hq, 住wh). They must be a whole Latin word
(no letter on either side: 'hxjd' is read whole, 'phx' is not). Initials two names share
are read as neither.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.phonetic import syllables
from hotline.ticketing.routing.place_after import INSTITUTION_CUES, POSITION_CUES

# Kinds of place written after a name, in characters or as their own initials (hxjd).
KIND_WORDS = ("街道", "镇", "街", "乡", "村", "地区")
KIND_INITIALS = ("jd", "z")
# Prepositions of place a writer puts right before the place (在hx, 到hq镇, 住wh).
BEFORE = "在到住去从回往"
AFTER_WORDS = sorted(set(KIND_WORDS) | POSITION_CUES | INSTITUTION_CUES, key=len, reverse=True)


def initials(name: str) -> str:
    """The first letter of each syllable of a Chinese name ('海星' → 'hx')."""
    return "".join(s[0] for s in syllables(name) if s)


class PlaceInitials:
    """Area names read from their pinyin initials where a place is expected."""

    def __init__(self, names: Mapping[str, str]) -> None:
        """`names`: the areas' own names (海星, 熊岳镇) → area id, not villages or estates.
        Names of two or three syllables, one a character, give initials (a short name
        also with a kind's initials after it: hxjd, hqz); initials of two areas are dropped."""
        areas: dict[str, set[str]] = {}
        for name, area in names.items():
            if 2 <= len(name) <= 3 and len(syllables(name)) == len(name):
                key = initials(name)
                kinds = ("", *KIND_INITIALS) if len(name) == 2 else ("",)
                for kind in kinds:
                    areas.setdefault(key + kind, set()).add(area)
        self._area_of = {key: next(iter(a)) for key, a in areas.items() if len(a) == 1}
        if self._area_of:
            keys = "|".join(sorted(self._area_of, key=len, reverse=True))
            after = "|".join(re.escape(w) for w in AFTER_WORDS)
            self._pattern: re.Pattern[str] | None = re.compile(
                rf"(?<![a-z])({keys})(?![a-z])(?=(?:{after}))|"
                rf"(?<=[{BEFORE}])({keys})(?![a-z])"
            )
        else:
            self._pattern = None

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, initials, area) of each name `text` (lower-cased) types as initials."""
        if self._pattern is None:
            return []
        found: list[tuple[int, str, str]] = []
        for m in self._pattern.finditer(text):
            key = m.group(1) or m.group(2)
            found.append((m.start(), key, self._area_of[key]))
        return found
