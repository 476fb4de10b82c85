"""Area names a caller breaks with a hesitation word (望 那个 海街道: 望海街道). No I/O.

A caller who hesitates in the middle of a name says 那个 or 这个 between its syllables,
and the recogniser writes what was said: 望 那个 海街道, 熊 这个 岳镇. (嗯 and 呃 inside a
name are dropped with the other fillers before routing, and a stutter — 熊熊岳 — still
holds the name.) Every character of the name is there and spelt right; only a filler
sits inside it, so neither the written names nor their sound find it.

Read only where a place is expected after the name — its own kind word (街道, 镇) or a
word said after a place (那边, 大集, 派出所: place_after.py) — so 红 那个 旗子 is no town.
Over the seed corpus, the retired blind sets of rounds 2–27 and the dev sets the one line
with a short name broken by a filler is this slip (r27_spoken 51, 望 那个 海街道); no
other text has an area's two characters with a hesitation word between them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.place_initials import AFTER_WORDS

# Hesitations said inside a word. Not a lone 那/这 (这红旗 is "this red flag").
_HESITATIONS = ("那个", "这个", "那啥", "那什么", "就是")


class PlaceHesitation:
    """Area names read from a short name with a hesitation word between its two syllables."""

    def __init__(self, official: Mapping[str, str]) -> None:
        """`official`: each area's official name (红海街道, 熊岳镇) → area id; its short name is
        its first two characters."""
        self._area_of: dict[str, str] = {}
        parts: list[str] = []
        hesitation = "(?:" + "|".join(_HESITATIONS) + ")+"
        for name, area in official.items():
            short = name[:2]
            if len(short) < 2:
                continue
            self._area_of[short] = area
            parts.append(re.escape(short[0]) + hesitation + re.escape(short[1]))
        after = "|".join(re.escape(w) for w in AFTER_WORDS)
        self._pattern = re.compile(f"(?P<name>{'|'.join(parts)})(?={after})") if parts else None

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(where, short name, area) for each broken name in `text` (written without spaces)."""
        if self._pattern is None:
            return []
        found: list[tuple[int, str, str]] = []
        for match in self._pattern.finditer(text):
            heard = match.group("name")
            short = heard[0] + heard[-1]
            if short in self._area_of:
                found.append((match.start(), short, self._area_of[short]))
        return found
