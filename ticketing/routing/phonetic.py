"""Sound-alike matching for speech-recognition homophones (停睡 → 停水, 旺海 → 望海). No I/O.

Text and phrases are compared as toneless pinyin, syllable by syllable, and a
sound match must begin and end on word boundaries (jieba's), so "谁管" in
"这个谁管啊" is not "水管". A phrase is matched by sound only if no common word
of the jieba dictionary sounds the same (老师 and 老实 do; 停水 has no such
twin), so homophones of everyday words do not trigger rules — or, for a phrase
with such twins (医保 ~ 一包), where what was heard is one word that no
dictionary knows (一保: a recognition slip). Sound matches
count less than exact ones (see suggest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from hotline.ticketing.routing import segment
from pypinyin import Style, lazy_pinyin, pinyin

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A dictionary word this frequent (or this share of the phrase's own frequency)
# that sounds like the phrase makes the phrase too ambiguous to match by sound.
MIN_TWIN_FREQ = 50
TWIN_SHARE = 0.1


@lru_cache(maxsize=65536)
def _char_sound(char: str) -> str:
    if _CJK.match(char):
        return lazy_pinyin(char, style=Style.NORMAL)[0]
    return char


@lru_cache(maxsize=65536)
def char_readings(char: str) -> frozenset[str]:
    """Every toneless reading of a Chinese character (哕: hui and yue), not only the first
    one `syllables` takes; the character itself when it is not Chinese."""
    if not _CJK.match(char):
        return frozenset((char,))
    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def syllables(text: str) -> list[str]:
    """Toneless pinyin of each Chinese character ('停水' → ['ting', 'shui']); other
    characters are dropped."""
    return [_char_sound(c) for c in text if _CJK.match(c)]


def sound(text: str) -> str:
    """' ting shui ' for '停水': syllables with a space on both sides of each."""
    return " " + " ".join(_char_sound(c) for c in text if not c.isspace()) + " "


class TextSound:
    """The sound of a text plus where its words begin, for boundary-aligned matching."""

    def __init__(self, chunks: list[str], pauses: set[int] | None = None) -> None:
        """`chunks`: the text split at the speaker's word boundaries (text.chunks);
        each chunk is segmented further with jieba. `pauses`: where the speaker paused,
        when `chunks` are finer pieces of an earlier reading (default: the chunks)."""
        self._syllables: list[str] = []
        self._chars: list[str] = []
        self._starts: set[int] = set()
        self._word_at: list[str] = []  # per syllable: the word it belongs to
        self._pauses: set[int] = set()  # syllable indexes where a chunk begins
        for chunk in chunks:
            self._pauses.add(len(self._syllables))
            for word in segment.words(chunk):
                self._starts.add(len(self._syllables))
                chars = [c for c in word if not c.isspace()]
                self._word_at.extend(["".join(chars)] * len(chars))
                self._syllables.extend(_char_sound(c) for c in chars)
                self._chars.extend(chars)
        self._starts.add(len(self._syllables))
        if pauses is not None:
            self._pauses = set(pauses)
        self._joined = " " + " ".join(self._syllables) + " "

    def words_spanned(self, key: str) -> int:
        """How many words the first boundary-aligned occurrence of the sound key
        (from `sound`) covers; 0 when it does not occur aligned."""
        return self.match(key)[0]

    def match(self, key: str) -> tuple[int, str]:
        """(words spanned, the characters heard) of the boundary-aligned occurrence of
        the sound key that spans the fewest words; (0, "") when there is none."""
        length = key.count(" ") - 1
        at = self._joined.find(key)
        best, heard = 0, ""
        while at >= 0:
            index = self._joined.count(" ", 0, at)
            if index in self._starts and index + length in self._starts:
                words = sum(1 for i in range(index, index + length) if i in self._starts)
                if best == 0 or words < best:
                    best, heard = words, "".join(self._chars[index : index + length])
                if best == 1:
                    break
            at = self._joined.find(key, at + 1)
        return best, heard

    def glued(self, key: str, own: str, is_word: Callable[[str], bool]) -> str:
        """The characters heard where the sound key occurs wholly inside words no
        dictionary knows, sharing a character in place with `own` but not `own` itself;
        "" when it occurs nowhere so. A two-syllable slip of the recogniser rarely
        falls on a word boundary: the segmenter, finding no word, glues the slip to
        its neighbours (伊保能, 城冠扫, 说迪|保要), so the boundary-aligned match
        misses it. Known words (谁 管 for 水管, 一包 for 医保) never match here."""
        length = key.count(" ") - 1
        at = self._joined.find(key)
        while at >= 0:
            index = self._joined.count(" ", 0, at)
            heard = "".join(self._chars[index : index + length])
            words = self._word_at[index : index + length]
            if (
                heard != own
                and any(h == o for h, o in zip(heard, own, strict=False))
                and all(len(w) >= 2 and not is_word(w) for w in words)
            ):
                return heard
            at = self._joined.find(key, at + 1)
        return ""

    def parts(self) -> tuple[list[str], list[str], set[int]]:
        """(syllables, characters, syllable indexes where words begin) — read-only."""
        return self._syllables, self._chars, self._starts

    def spoken_chunks(self) -> list[str]:
        """The chunks as given (spaces dropped): where the speaker paused or punctuated."""
        bounds = sorted(self._pauses | {len(self._chars)})
        return ["".join(self._chars[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]

    def pauses(self) -> set[int]:
        """Syllable indexes where a chunk begins (the speaker paused) — read-only."""
        return self._pauses

    def find(self, key: str) -> int:
        """Syllable index of the first boundary-aligned occurrence, or -1."""
        length = key.count(" ") - 1
        at = self._joined.find(key)
        while at >= 0:
            index = self._joined.count(" ", 0, at)
            if index in self._starts and index + length in self._starts:
                return index
            at = self._joined.find(key, at + 1)
        return -1


class PhoneticIndex:
    """Which phrases may be matched by sound, and their sound keys."""

    def __init__(self, phrases: Iterable[str]) -> None:
        wanted: dict[str, str] = {}
        for phrase in phrases:
            if len(phrase) >= 2 and all(_CJK.match(c) for c in phrase):
                wanted[phrase] = sound(phrase)
        keys = set(wanted.values())
        freq = segment.frequencies()
        twins: dict[str, list[tuple[str, int]]] = {}
        for word, count in freq.items():
            if count >= MIN_TWIN_FREQ and 2 <= len(word) <= 6:
                key = sound(word)
                if key in keys:
                    twins.setdefault(key, []).append((word, count))
        self._sound: dict[str, str] = {}
        self._any_sound = wanted
        self._freq = freq
        for phrase, key in wanted.items():
            own = freq.get(phrase, 0)
            limit = TWIN_SHARE * max(own, 100)
            if not any(w != phrase and n >= limit for w, n in twins.get(key, [])):
                self._sound[phrase] = key

    def sound_of(self, phrase: str) -> str | None:
        """The sound key of a phrase no common word sounds like, else None."""
        return self._sound.get(phrase)

    def any_sound_of(self, phrase: str) -> str | None:
        """The sound key of any phrase of two or more Chinese characters. A phrase with
        common twins (医保 ~ 一包) is matched by sound only where what was heard is a
        single word the dictionary does not know (一保; not 一包, not 片区 for 骗取):
        see `is_word`."""
        return self._any_sound.get(phrase)

    def frequency(self, text: str) -> int:
        """jieba's dictionary frequency of the text (0: not a word)."""
        return self._freq.get(text, 0)

    def is_word(self, text: str) -> bool:
        """In jieba's dictionary (a real word, however rare)."""
        return self._freq.get(text, 0) > 0
