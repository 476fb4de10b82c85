"""Area names written with their two characters in the other order (海红街道: 红海街道). No I/O.

A hurried typist, or a handwritten slip typed by another hand, puts the two characters of
a short name the other way round (岳熊镇, 屯芦镇, 星海街道, 旗红镇). Neither sound nor
shape finds it: every character is the name's own and spelt right, only their order is
not. Read two ways, as the other slips are (place_lookalike.py):

- right before the area's own kind word, the rest of its official name (街道 for a
  subdistrict, 镇 for a town), even where the swap is a word or a name elsewhere (海红 a
  fruit, 星海 a square in another city): 星海街道 is 海星街道, while 星海湾小区 and
  星海广场 stay what they are;
- where a place is expected (before a kind of place or a word said after a place:
  岳熊村, 屯芦那边, 旗红大集; after a preposition of place: 在海望), only where the swap
  is no dictionary word.

A swap that is itself a name the gazetteer knows, or that two areas share, is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from hotline.ticketing.routing.place_initials import AFTER_WORDS, BEFORE


def _unique(found: Mapping[str, set[str]], known: frozenset[str]) -> dict[str, str]:
    """Each key read as the one area it stands for; keys of two areas or known names dropped."""
    return {key: next(iter(a)) for key, a in found.items() if len(a) == 1 and key not in known}


class PlaceSwapped:
    """Area names read from their two-character short name written back to front."""

    def __init__(
        self, official: Mapping[str, str], known: Iterable[str], is_word: Callable[[str], bool]
    ) -> None:
        """`official`: each area's official name (红海街道, 熊岳镇) → area id; its short name
        is its first two characters, its kind word the rest. `known`: every name the
        gazetteer knows (a swap that is one is not read). `is_word`: whether the
        segmenter's dictionary knows a word (星海, 海红 are words: read only before 街道/镇)."""
        known = frozenset(known)
        kinded: dict[str, set[str]] = {}
        bare: dict[str, set[str]] = {}
        for name, area in official.items():
            short, kind = name[:2], name[2:]
            if not kind or short[0] == short[1]:
                continue
            swap = short[::-1]
            if swap in known:
                continue
            kinded.setdefault(swap + kind, set()).add(area)
            if not is_word(swap):
                bare.setdefault(swap, set()).add(area)
        self._kinded = _unique(kinded, known)
        self._bare = _unique(bare, known)
        parts: list[str] = []
        if self._kinded:
            parts.append("|".join(map(re.escape, sorted(self._kinded, key=len, reverse=True))))
        if self._bare:
            keys = "|".join(map(re.escape, sorted(self._bare)))
            after = "|".join(map(re.escape, AFTER_WORDS))
            parts.append(rf"(?:{keys})(?=(?:{after}))|(?<=[{BEFORE}])(?:{keys})")
        self._pattern = re.compile("|".join(parts)) if parts else None

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the swapped name as written, area) of each area name `text` swaps."""
        if self._pattern is None:
            return []
        found: list[tuple[int, str, str]] = []
        for m in self._pattern.finditer(text):
            key = m.group(0)
            found.append((m.start(), key, self._kinded.get(key) or self._bare[key]))
        return found
