"""Area names said with the 东北 儿化 (芦屯儿, 海星儿, 红海儿), as a recogniser writes them. No
I/O.

A 东北 caller often says a short place name with 儿 (望海儿, 红旗儿). The 儿 merges into
the syllable before it and takes that syllable's ending: a final -n or -i is lost (屯儿
tun-r is said tu-r, 海儿 hai-r is ha-r) and -ng only nasalises the vowel (星儿 is heard
as xin-r). The recogniser then writes the syllable it heard: 芦图儿 for 芦屯儿, 海心儿 for
海星儿, 红孩儿 for 红海儿. Read here: a two-character area name's first character as
written, then a character one of whose readings is the name's second syllable or that
syllable less its ending (tun → tu; xing → xin, xi; hai → ha), then 儿. What was heard
is no dictionary word (芦图, 海心), or else a place word follows it (红孩儿那片: 红孩儿 is
also the cartoon's boy, read only when said as a place); no particle is read for a
syllable.

Counted on rounds 2–28, the seed corpus and the dev sets: a name's first character, a
character read so, then 儿, occurs 10 times, and all 10 are that area's request (r28_spoken
12, 14, 16, 31, 48, 79, 123, 147, 150, 158: 10 of 10; 望海儿 and 红旗儿, four of them,
were already read as written).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from hotline.ticketing.routing.fuzzy_sound import FUNCTION_CHARS
from hotline.ticketing.routing.phonetic import char_readings, syllables
from hotline.ticketing.routing.place_after import INSTITUTION_CUES, POSITION_CUES

_CUES = sorted(POSITION_CUES | INSTITUTION_CUES, key=len, reverse=True)
# The endings 儿 takes away or blurs: -n and -i are lost, -ng heard as -n or lost.
_ENDINGS = ("ng", "n", "i")


def merged_forms(syllable: str) -> set[str]:
    """The toneless syllable and the forms it takes before 儿 ('tun' → {'tun', 'tu'},
    'xing' → {'xing', 'xin', 'xi'}, 'hai' → {'hai', 'ha'})."""
    forms = {syllable}
    for ending in _ENDINGS:
        stem = syllable[: -len(ending)]
        if syllable.endswith(ending) and stem[-1:] in set("aeiouv"):
            forms.add(stem)
    if syllable.endswith("ng"):
        forms.add(syllable[:-1])
    return forms


class PlaceErhua:
    """Two-character area names heard with 儿 merged into their last syllable."""

    def __init__(self, names: Mapping[str, str], is_word: Callable[[str], bool]) -> None:
        """`names`: the areas' own names (芦屯, 海星街道) → area id; only two-character
        ones are read. `is_word`: whether the segmenter's dictionary knows a word."""
        self._is_word = is_word
        self._names = [
            (name, area, merged_forms(syllables(name)[1]))
            for name, area in names.items()
            if len(name) == 2 == len(syllables(name))
        ]
        firsts = "".join(sorted({name[0] for name, _, _ in self._names}))
        self._pattern = re.compile(f"(?=([{re.escape(firsts)}].)儿)") if firsts else None

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the name, area) of each name `text` says with 儿 merged into it."""
        if self._pattern is None:
            return []
        found: list[tuple[int, str, str]] = []
        for match in self._pattern.finditer(text):
            heard, at = match.group(1), match.start()
            for name, area, forms in self._names:
                if (
                    heard[0] == name[0]
                    and heard != name
                    and heard[1] not in FUNCTION_CHARS
                    and char_readings(heard[1]) & forms
                    and self._said_as_place(heard, text[at + 3 :])
                ):
                    found.append((at, name, area))
        return found

    def _said_as_place(self, heard: str, after: str) -> bool:
        """No word was heard (芦图儿), or a place word follows the word (红孩儿那片)."""
        if not (self._is_word(heard) or self._is_word(heard + "儿")):
            return True
        return any(after.startswith(cue) for cue in _CUES)
