"""Area names typed with one character too many before their kind word (海星星街道). No I/O.

An input method offers the longer word first: a writer who takes its first candidate
types the name with a character more, the name's last one doubled (海星星, 熊岳岳) or a
common word that begins with the name (红旗渠, 望海潮, 红海滩). The gazetteer finds most
of them by the name inside, but a word it blocks as no place (红旗渠 the canal, 海星星
a child's word) hides the name. Read here from the areas' own names, never a round's
slips: the two-character short name, one character more, and right after it the area's
own kind word (镇 for a town, 街道 for a subdistrict), which tells that the town was named.

Counted on rounds 2–30, the seed corpus and the dev sets (bench/area_eval.py sources): a
short name, one character, then its own kind word is on 13 lines, all 13 labelled the
area it reads (2 not placed before: 海星星街道, 红旗渠镇; the rest by the name inside, as
红旗镇镇 and 熊岳岳镇); no false or other area.
"""

from __future__ import annotations

import re
from collections.abc import Mapping


class PlaceExtra:
    """Area names read from the short name, one character more and its own kind word."""

    def __init__(self, official: Mapping[str, str]) -> None:
        """`official`: each area's official name (熊岳镇, 红海街道) → area id; its short name
        is its first two characters, its kind word the rest."""
        self._area_of = {name[:2]: area for name, area in official.items() if len(name) > 2}
        alternatives = "|".join(
            rf"{re.escape(name[:2])}[\u4e00-\u9fff](?={re.escape(name[2:])})"
            for name in official
            if len(name) > 2
        )
        self._pattern = re.compile(alternatives) if alternatives else None

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the name with its extra character, area) of each such name in `text`."""
        if self._pattern is None:
            return []
        return [
            (m.start(), m.group(0), self._area_of[m.group(0)[:2]])
            for m in self._pattern.finditer(text)
        ]
