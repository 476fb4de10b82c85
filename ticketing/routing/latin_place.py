"""Place names written in Latin letters: pinyin with or without tones, digits or spaces. No I/O.

English messages and hurried typists write a place's pinyin for its name: Wanghai, Honghai
Subdistrict, Xióngyuè Town, xiong2yue4, lu tun镇, staying near Wanghai. A name is read
as the same place when the letters, their tone marks and tone digits dropped, spell its
toneless pinyin exactly, starting and ending on a word boundary (hongqiao is no 红旗).

Written as one word (Wanghai) the pinyin is a place name: that is how places are romanised.
Spaced into syllables (Wang Hai) it is also how a person's name is written, so it is a place
only next to what says place: a kind of place after it (Wang Hai Street, lu tun镇, Xiong
Yue河边: Chinese right after it), or a place preposition before it (near Wang Hai).

An input method's typist may also leave a name half in characters, half in pinyin (芦tun镇,
红qi镇, 熊yue镇, Lu屯): each syllable written as its character or as its pinyin, at least
one of each, the letters a whole word (红qiao is no 红旗).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from hotline.ticketing.routing.phonetic import TextSound, syllables

# Kinds of place after the name, in pinyin or English (Xiongyue Town, haixingjiedao).
KINDS = frozenset(
    ("zhen", "jiedao", "jie", "cun", "town", "street", "subdistrict", "district", "village")
    + ("area", "road", "community", "square", "park", "mountain", "temple", "station")
)
# English words before a place (near Wang Hai, in Hong Qi).
PLACE_PREPOSITIONS = frozenset(("in", "at", "near", "to", "from", "around", "of"))
# The longest name in syllables, and a kind word's share: the words a match may span.
_MAX_WORDS = 8
_TONE_DIGIT = re.compile(r"(?<=[a-z])[1-5]")
# Pinyin's syllable separators (Wang'er, Hong-hai) inside a word.
_SEPARATOR = re.compile(r"(?<=[a-z])['’-](?=[a-z])")
_LATIN = re.compile(r"[a-z]+")
_RUNS = re.compile(r"[a-z]+|[^a-z]+")


def romanised(name: str) -> str:
    """The toneless pinyin of a Chinese name, one word ('熊岳镇' → 'xiongyuezhen')."""
    return "".join(syllables(name))


def _plain(word: str) -> str:
    """A word's letters with tone marks, tone digits and syllable separators dropped
    ('Xióng2' → 'xiong', "wang'er" → 'wanger')."""
    letters = "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c)
    )
    return _SEPARATOR.sub("", _TONE_DIGIT.sub("", letters))


class LatinPlaces:
    """Place names read from Latin letters."""

    def __init__(self, names: dict[str, str]) -> None:
        """`names`: Chinese place name → area id. A pinyin two names share (none in the
        gazetteer) would be kept once, for the first."""
        self._area_of: dict[str, str] = {}
        # Longest name first, so 熊yue镇 is 熊岳镇, not 熊岳 with a 镇 left over.
        self._mixed: list[tuple[re.Pattern[str], str, str]] = []
        for name, area in sorted(names.items(), key=lambda item: -len(item[0])):
            key = romanised(name)
            if len(syllables(name)) >= 2 and key.isascii():
                self._area_of.setdefault(key, area)
            if len(syllables(name)) == len(name) >= 2:
                self._mixed.append((_mixed_pattern(name), name, area))

    def find_mixed(self, text_sound: TextSound) -> list[tuple[str, str, str]]:
        """(as written, name, area) of each place name written half in characters, half
        in pinyin (芦tun镇: '芦tun镇', '芦屯镇', 'lutun'), in the order written."""
        found: list[tuple[int, str, str, str]] = []
        for c, chunk in enumerate(text_sound.spoken_chunks()):
            plain = _plain(chunk)
            if not _LATIN.search(plain) or plain.isascii():
                continue
            taken: list[tuple[int, int]] = []
            for pattern, name, area in self._mixed:
                for m in pattern.finditer(plain):
                    written = m.group(0)
                    overlaps = any(a < m.end() and m.start() < b for a, b in taken)
                    # Letters that spell a name whole (xiongyue镇) are `find`'s mention.
                    runs = _LATIN.findall(written)
                    whole = any(self._area_at(run) is not None for run in runs)
                    if runs and not overlaps and not whole and not written.isascii():
                        taken.append((m.start(), m.end()))
                        found.append((c * 10_000 + m.start(), written, name, area))
        return [(written, name, area) for _, written, name, area in sorted(found)]

    def find(self, text_sound: TextSound) -> list[tuple[int, str, str]]:
        """(word index, pinyin, area) of each place name the text writes in Latin letters."""
        words = _latin_words(text_sound)
        found: list[tuple[int, str, str]] = []
        for i in range(len(words)):
            if not words[i]:
                continue
            joined = ""
            for j in range(i, min(i + _MAX_WORDS, len(words))):
                if not words[j]:
                    break
                joined += words[j]
                hit = self._area_at(joined)
                if hit is None:
                    continue
                key, area = hit
                spaced = j > i and key == joined
                if not spaced or _place_said_around(words, i, j):
                    found.append((i, key, area))
                    break
        return found

    def _area_at(self, joined: str) -> tuple[str, str] | None:
        """(pinyin, area) when `joined` is a name, or a name with a kind glued after it."""
        if joined in self._area_of:
            return joined, self._area_of[joined]
        for kind in KINDS:
            stem = joined.removesuffix(kind)
            if stem != joined and stem in self._area_of:
                return stem, self._area_of[stem]
        return None


def _mixed_pattern(name: str) -> re.Pattern[str]:
    """Each character of `name` or its toneless pinyin; the letters start and end a word."""
    parts = (
        f"(?:{re.escape(char)}|{sound})" for char, sound in zip(name, syllables(name), strict=True)
    )
    return re.compile(r"(?<![a-z])" + "".join(parts) + r"(?![a-z])")


def _latin_words(text_sound: TextSound) -> list[str]:
    """The text's words as plain Latin letters, "" for a run of anything else: chunks
    (where the writer put a space or punctuation) split where letters meet other
    characters (xiongyue河边: 'xiongyue', '')."""
    words: list[str] = []
    for chunk in text_sound.spoken_chunks():
        words += [w if _LATIN.fullmatch(w) else "" for w in _RUNS.findall(_plain(chunk))]
    return words


def _place_said_around(words: list[str], i: int, j: int) -> bool:
    """A spaced name (Wang Hai) is a place with a kind of place or Chinese after it, or a
    place preposition before it."""
    after = words[j + 1] if j + 1 < len(words) else None
    before = words[i - 1] if i > 0 else None
    if after == "":  # Chinese right after: lu tun镇, xiong yue河边
        return True
    if after is not None and after in KINDS:
        return True
    return before is not None and before in PLACE_PREPOSITIONS


def latin_names(names: Iterable[str]) -> list[str]:
    """The pinyin the reader knows for these names (for tests and the console)."""
    return sorted({romanised(n) for n in names if len(syllables(n)) >= 2})
