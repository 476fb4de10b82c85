"""Area names typed on a nine-key (九宫格) pad that picked a twin (公海街道: 红海街道). No I/O.

A phone's nine-key pad puts three or four letters on one key (ghi on 4, pqrs on 7, wxyz on
9), so the keys pressed for a syllable are also another syllable's, and the candidate list
may offer the other: hong and gong are both 4664 (公海 for 红海), xing and ying 94664 (海鹰
for 海星), qi and ri 74 (红日 for 红旗), lu and ku 58 (苦屯 for 芦屯). The twin is usually a
real word (公海, 红日), so sound and dictionary do not tell it; the name the gazetteer knows
after it does: the twin is read as the area only where it stands in one of the area's known
names in place of the short name (公海街道 as 红海街道, 红日镇 as 红旗镇, 红日村 as 红旗村).
One character of the two is the name's own; the other is typed with the same keys (any of
its readings); a twin two areas share, or that is itself a name, is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from hotline.ticketing.routing.phonetic import char_readings, syllables

# The letters of each key of a phone's nine-key pad (ü is typed on v's key).
KEYS = {"2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs", "8": "tuv"}
KEYS["9"] = "wxyz"
_DIGIT = {letter: digit for digit, letters in KEYS.items() for letter in letters}


def keys_of(syllable: str) -> str:
    """The keys pressed for a toneless syllable ('hong' → '4664')."""
    return "".join(_DIGIT.get(letter, letter) for letter in syllable)


class PlaceNineKey:
    """Area names read from a nine-key twin of their short name before a known suffix."""

    def __init__(self, short_names: Mapping[str, str], known: Iterable[str]) -> None:
        """`short_names`: the areas' two-character names (红海, 红旗) → area id. `known`:
        every name the gazetteer knows (红海街道, 红旗村, 熊岳温泉); a short name followed by
        the rest of a known name (街道, 村, 温泉) gives that rest as a suffix its twin needs."""
        self._short = {
            name: area
            for name, area in short_names.items()
            if len(name) == 2 and len(syllables(name)) == 2
        }
        self._keys = {name: [keys_of(s) for s in syllables(name)] for name in self._short}
        known = set(known)
        self._suffixes: dict[str, set[str]] = {}
        for name in known:
            for short in self._short:
                if name.startswith(short) and len(name) > len(short):
                    self._suffixes.setdefault(short, set()).add(name[len(short) :])
        self._known = frozenset(known)
        every = sorted({s for ss in self._suffixes.values() for s in ss}, key=len, reverse=True)
        self._pattern = (
            re.compile(rf"(?=([\u4e00-\u9fff]{{2}})({'|'.join(map(re.escape, every))}))")
            if every
            else None
        )

    def _twin_of(self, pair: str, suffix: str) -> str | None:
        """The one short name `pair` is a nine-key twin of before `suffix`, or None."""
        if pair in self._known:
            return None
        found = [
            name
            for name, keys in self._keys.items()
            if suffix in self._suffixes.get(name, ())
            and any(p == c for p, c in zip(pair, name, strict=True))
            and all(
                p == c or any(keys_of(r) == k for r in char_readings(p))
                for p, c, k in zip(pair, name, keys, strict=True)
            )
        ]
        return found[0] if len(found) == 1 else None

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the twin as written, area) of each area name `text` types as a twin."""
        if self._pattern is None:
            return []
        out: list[tuple[int, str, str]] = []
        for m in self._pattern.finditer(text):
            pair, suffix = m.group(1), m.group(2)
            if (name := self._twin_of(pair, suffix)) is not None:
                out.append((m.start(), pair, self._short[name]))
        return out
