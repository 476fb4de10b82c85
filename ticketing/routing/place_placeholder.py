"""Area names with one character lost in transit (海□街道, 红�镇, 芦?镇). No I/O.

A message copied from an old phone, a form or a scanned notice can lose a character of the
place name: a font without the glyph shows a box (□, ■, 〓), a converter writes a question
mark (?, ？) or the replacement mark (�), which a GBK reader shows as 锟斤拷; a character's
two or three bytes may each become a mark (海??街道). The text normaliser drops these marks as
punctuation, so 海□街道 would reach the gazetteer as 海街道, which names no area (红海, 海星 and
望海 all hold 海). A web form's numeric entity (望&#28023;街道) is no such loss: text.py decodes
it before anything reads the text.

A mark is read as the lost character only where a reader would still name one area: the
mark stands for one character of an area's two-character short name, the other is kept
beside it, the area's own kind word follows right after (镇 for a town; 街道 or 办事处 for a
subdistrict), and exactly one of the six names fits so (海□街道 and 红?街道 are 海星 and
红海; □海街道 may be 望海 or 红海, and 红□ without a kind word 红旗 or 红海: neither is read).
A kept character that completes a name written in full beside it (望海?街道) reads nothing.

Counted on the retired sets (rounds 2–33, 10,432 lines), the seed corpus and the dev and
holdout sets: 2,935 marks (？ 2,928, ? 4, □ 2, � 1). Where exactly one name fits with its
kind word: 6, all 6 on lines labelled that area (r33_written 14, 105, 109, 112; r33_assist 1,
39). The other 2,929 are questions and one stray ? in English (r17_written:100); 22 of them
stand right before a name written in full (凭啥没有？望海街道, 坏了四天？？红海街道), where
no name is left to fit: none is read. The numeric entities (r33_written 17, 37; r33_assist 38)
are each a character of the line's area once decoded.

A character masked on purpose (打码), as people hide a place when they post (熊*镇, 芦×镇,
海○街道, ●星街道, 红某镇, 红X街道), is read the same way: one mask character (an asterisk, a
cross, a circle, a triangle, a reference mark, 某, X) for one character of a short name, the
other kept beside it, the kind word right after, exactly one name fitting (*海街道 may be 红海
or 望海: not read; 某镇 keeps no character: not read). A Latin X is a mask only with no
letter or digit beside it (hx街道 is initials: place_initials.py). Counted on the retired
sets (rounds 2–36, 11,422 lines): the masks now read spell 9 lines, all round 36's
(r36_written 27, 52, 64, 77, 98, 101; r36_assist 1, 4, 22; 望■ of r36_written 29 was read
already as a lost glyph), all 9 labelled the area read; 6 of them were placed before only
by sound (熊*镇 reached the gazetteer as 熊镇: place_merged.py), 3 not at all (海○, 红X, 红某).
No other retired line, nor the seed corpus, holds a mask beside a name's character.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# A lost character as the marks a font, a converter or a GBK reader leave for it, or one
# masked on purpose (打码: 熊*镇, 海○街道, 红某镇, 红X街道), a mask character each.
LOST = re.compile(r"锟斤拷|([□■〓?？\ufffd])\1{0,2}|(?P<mask>[*＊×✕✖○●◯〇◎△▲※◆◇某XxＸｘ])")

# A Latin X masks a character only away from letters and digits (hx街道, XX小区, 3X).
LATIN_MASKS = frozenset("XxＸｘ")

# A subdistrict's office (海星街道办事处) is said as 办事处 too (海星办事处).
OTHER_KINDS: Mapping[str, tuple[str, ...]] = {"街道": ("办事处",)}


class PlacePlaceholders:
    """Area names read from a short name with one character lost or masked, before its kind
    word."""

    def __init__(self, official: Mapping[str, str]) -> None:
        """`official`: each area's official name (海星街道, 熊岳镇) → area id; its short name
        is its first two characters, its kind word the rest."""
        self._names: list[tuple[str, tuple[str, ...], str]] = []
        for name, area in official.items():
            short, kind = name[:2], name[2:]
            if len(short) == 2 and kind:
                self._names.append((short, (kind, *OTHER_KINDS.get(kind, ())), area))
        self._shorts = frozenset(short for short, _, _ in self._names)

    def spelt(self, text: str) -> str:
        """`text` with each mark that stands for a character of exactly one area's name
        spelt as that character (海□街道 → 海星街道); other marks are left as they are."""
        out: list[str] = []
        last = 0
        for m in LOST.finditer(text):
            if m.group("mask") in LATIN_MASKS and _beside_latin(text, m.start()):
                continue
            if (char := self._lost_char(text, m.start(), m.end())) is not None:
                out += [text[last : m.start()], char]
                last = m.end()
        return "".join(out) + text[last:] if out else text

    def _lost_char(self, text: str, start: int, end: int) -> str | None:
        """The one character a mark at text[start:end] can stand for, or None."""
        before, after = text[start - 1 : start], text[end:]
        fits: set[tuple[str, str]] = set()  # (the lost character, its area)
        for short, kinds, area in self._names:
            for kind in kinds:
                # The second character lost (海□街道): the first kept before the mark, and
                # no name written in full ending on it (望海?街道 is 望海 and a mark).
                if (
                    before == short[0]
                    and after.startswith(kind)
                    and text[max(start - 2, 0) : start] not in self._shorts
                ):
                    fits.add((short[1], area))
                # The first character lost (□星街道): the second kept after the mark.
                if after.startswith(short[1] + kind):
                    fits.add((short[0], area))
        if len({area for _, area in fits}) != 1 or len(fits) != 1:
            return None
        return next(iter(fits))[0]


def _beside_latin(text: str, at: int) -> bool:
    """A letter or digit right before or after text[at] (hx街道, 3X): no mask."""
    near = text[max(at - 1, 0) : at] + text[at + 1 : at + 2]
    return any(
        c.isalnum() and (c.isascii() or "Ａ" <= c <= "ｚ" or "０" <= c <= "９") for c in near
    )
