"""Area names written with a character split into its parts (拆字: 氵每星 for 海星). No I/O.

A writer who dodges a filter, or plays with the characters, types one character of a name as
its components side by side: a radical as its sign or as the whole character it comes from
(氵每 or 水每 for 海, 纟工 for 红, 艹户 for 芦), or the character as two whole ones (日生
for 星, 丘山 for 岳, 方其 for 旗, 能灬 for 熊). Neither sound nor shape of one character
finds it: the name is there, only spread over three characters. The table below holds the
parts of the areas' characters as a writer splits them, never a round's slips, so that any
such split is read; the name's other character is kept as its own.

Read only where a place is expected, as the look-alikes are (place_lookalike.py): right
before a kind of place or a word said after a place (氵每星街道, 熊丘山那边, 红方其镇) or
right after a preposition of place (住望氵每). A split two areas share, or that is a name
the gazetteer knows, is not read.

Counted on rounds 2–29, the seed corpus and the dev sets (12,532 texts): a split of one
character, the other as written, is on 9 lines, anywhere in the text, all 9 labelled the area
it reads (3 not placed before: 氵每星街道, 海日生街道, 住望氵每); with the guard it reads the same
9 and gives no false or other area (bench/area_eval.py; `bench/RESULTS.md`, round 30, chaizi30).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import product

from hotline.ticketing.routing.place_expected import ExpectedSpellings

# Each character of the areas' names as its components, in writing order; a component given
# as several characters is written as any of them (a radical's sign, 氵, or the character it
# stands for, 水). 屯 has no parts a writer splits it into.
PARTS: Mapping[str, tuple[str, ...]] = {
    "红": ("纟丝", "工"),
    "海": ("氵水", "每"),
    "星": ("日", "生"),
    "望": ("亡", "月", "王"),
    "熊": ("能", "灬火"),
    "岳": ("丘", "山"),
    "芦": ("艹草", "户"),
    "旗": ("方", "其"),
}


def splits(char: str) -> set[str]:
    """Every way of writing `char` as its parts ('海' → '氵每', '水每'); none for 屯."""
    parts = PARTS.get(char)
    return {"".join(chosen) for chosen in product(*parts)} if parts else set()


def variants(name: str) -> set[str]:
    """`name` with one of its characters written as its parts (海星 → 氵每星, 海日生 …)."""
    return {
        name[:i] + split + name[i + 1 :] for i, char in enumerate(name) for split in splits(char)
    }


class PlaceParts:
    """Area names read from a character split into its parts where a place is expected."""

    def __init__(self, names: Mapping[str, str], known: Iterable[str]) -> None:
        """`names`: the areas' own names (海星, 熊岳镇) → area id; the two-character short
        names give the splits (the kind word follows them). `known`: every name the
        gazetteer knows (a split that is one is left to it)."""
        known = frozenset(known)
        areas: dict[str, set[str]] = {}
        for name, area in names.items():
            if len(name) == 2:
                for variant in variants(name) - known:
                    areas.setdefault(variant, set()).add(area)
        self._spellings = ExpectedSpellings(areas)

    def find(self, text: str) -> list[tuple[int, str, str]]:
        """(index, the split name as written, area) of each area name `text` splits."""
        return self._spellings.find(text)
