"""Other spellings of the areas' names, read only where a place is expected. No I/O.

A name written otherwise than the gazetteer knows it (split into its parts, place_parts.py;
a look-alike character, place_lookalike.py) is read right before a kind of place or a word
said after a place (氵每星街道, 红族镇, 熊丘山那边) or right after a preposition of place
(住望氵每, 在望诲): elsewhere the same characters are ordinary text (日生产, 方其实, 江海).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.place_initials import AFTER_WORDS, BEFORE


class ExpectedSpellings:
    """Spellings → area, each read where a place is expected; a spelling two areas share
    is dropped (it names neither)."""

    def __init__(self, areas: Mapping[str, set[str]]) -> None:
        self._area_of = {key: next(iter(a)) for key, a in areas.items() if len(a) == 1}
        self._pattern: re.Pattern[str] | None = None
        if self._area_of:
            keys = "|".join(map(re.escape, sorted(self._area_of, key=len, reverse=True)))
            after = "|".join(map(re.escape, AFTER_WORDS))
            self._pattern = re.compile(rf"(?:{keys})(?=(?:{after}))|(?<=[{BEFORE}])(?:{keys})")

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the spelling as written, area) of each spelling `text` has where a place
        is expected."""
        if self._pattern is None:
            return []
        return [
            (m.start(), m.group(0), self._area_of[m.group(0)]) for m in self._pattern.finditer(text)
        ]
