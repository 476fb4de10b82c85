"""Area names said fast, their two syllables run into one (雪镇 for 熊岳镇). No I/O.

A caller who says a town's name fast swallows the middle of it: the first syllable's initial
runs into the second's final (熊岳 xiong+yue → xue, 芦屯 lu+tun → lun), as 不用 becomes
甭. The recogniser writes the one syllable it heard as any character of that sound (雪镇,
伦镇). The merge is made from the sounds of each name, never from a round's slips, so a
name no round has shown merged is read too.

One syllable says little, so it is read only right before the area's own kind word (镇
for a town, 街道 for a subdistrict), as the character that begins a word there (学 in
大学镇 is not), and only where the merged syllable is no syllable of any area's name (红海
merges to hai, which is 海星's and 望海's: not read) and only one area merges to it.

Counted on rounds 2–29, the seed corpus and the dev sets (12,532 texts): a character of a
merged sound right before any 镇 or 街道 is on 5 lines, all 5 labelled the area it reads (4 not
placed before: 雪镇 twice, 伦镇 twice); no false or other area (bench/area_eval.py). The reverse
merge (the second's initial, the first's final: 望海 → hang) reads 0 of 1 (海行街道 is 海星's
sound-alike): not built (`bench/RESULTS.md`, round 30, chaizi30).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hotline.ticketing.routing.phonetic import char_readings, syllables
from hotline.ticketing.routing.sound_neighbours import split


def merged(first: str, second: str) -> str:
    """The syllable said for two run into one: the first's initial, the second's final
    ('xiong', 'yue' → 'xue'; 'lu', 'tun' → 'lun')."""
    return split(first)[0] + split(second)[1]


class PlaceMerged:
    """Area names read from their two syllables said as one, before the area's kind word."""

    def __init__(self, official: Mapping[str, str], is_word: Callable[[str], bool]) -> None:
        """`official`: each area's official name (熊岳镇, 红海街道) → area id; its short name
        is its first two characters, its kind word the rest. `is_word`: whether the
        segmenter's dictionary knows a word (大学: the 学 of 大学镇 is no place)."""
        self._is_word = is_word
        own = {s for name in official for s in syllables(name[:2])}
        kinds: dict[tuple[str, str], set[str]] = {}
        for name, area in official.items():
            short, kind = name[:2], name[2:]
            if not kind or len(syllables(short)) != 2:
                continue
            heard = merged(*syllables(short))
            if heard not in own:
                kinds.setdefault((heard, kind), set()).add(area)
        self._area_of = {key: next(iter(a)) for key, a in kinds.items() if len(a) == 1}
        self._kinds = sorted({kind for _, kind in self._area_of}, key=len, reverse=True)

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the merged syllable's character with its kind word, area) of each name
        `text` says run into one."""
        found: list[tuple[int, str, str]] = []
        for kind in self._kinds:
            at = text.find(kind, 1)
            while at > 0:
                char, before = text[at - 1], text[at - 2 : at]
                if len(before) < 2 or not self._is_word(before):
                    for heard in char_readings(char):
                        if area := self._area_of.get((heard, kind)):
                            found.append((at - 1, char + kind, area))
                            break
                at = text.find(kind, at + 1)
        return sorted(found)
