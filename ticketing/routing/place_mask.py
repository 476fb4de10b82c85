"""The classifier's place mask: place names, as written or as a recogniser spells them by
sound, hidden from its input (classifier.py says why). No I/O.

A recogniser writes 望海 as 旺海 and 熊岳镇 as 熊药镇. The gazetteer places such a request by
sound (gazetteer.py, fuzzy_sound.py), but a classifier that sees the sound-alike learns it
as a word of its own: the retired sets' 旺海街道 lines taught it "旺海 → a town matter", and a
water cut-off said from 旺海 then went to the subdistrict. Written over by the name, the
sound-alike is masked with it, in training and in prediction alike (`PlaceMask`).

Only the names are known here (the classifier is trained with the gazetteer's names): the
sound index is built from them and the jieba dictionary, which is what the gazetteer's
guards read; its list of non-places is not (the written-name mask ignores it too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from hotline.ticketing.routing.fuzzy_sound import ADMIN_SUFFIXES, canonical, fuzzy_keys
from hotline.ticketing.routing.gazetteer import Gazetteer
from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound, syllables
from hotline.ticketing.routing.rules import GazetteerRules, Place
from hotline.ticketing.routing.text import chunks

# "我们村", "这个小区": words that only say where, not what.
_GENERIC_PLACES = r"(?:我们|咱们|俺们|咱|俺|这个|那个)(?:村|屯|镇|小区|街道)"
# A named area often comes with its kind: 熊岳镇, 望海街道, 芦屯村.
_PLACE_SUFFIX = r"(?:镇|街道|街|城|村|屯|社区|小区)?"


class PlaceMask:
    """Preprocessor of the classifier's input: place names (the gazetteer's, with
    their 镇/街道/村… suffix) and generic place words become a space; so do the names a
    recogniser wrote as sound-alikes (旺海街道, 熊药镇: `SoundAlikes`), spelt out first.
    A class, so it pickles with the model (without its memo and sound index)."""

    # A name heard by sound may be said again after the first is masked: passes at most.
    SOUND_PASSES = 3
    # Texts remembered (each feature family masks the same text: five calls, one match).
    MEMO_SIZE = 20000

    def __init__(self, place_names: Iterable[str] = (), by_sound: bool = True) -> None:
        names = sorted({p for p in place_names if p}, key=len, reverse=True)
        named = "|".join(re.escape(n) for n in names)
        self.pattern = re.compile(
            (f"(?:{named}){_PLACE_SUFFIX}|" if named else "") + _GENERIC_PLACES
        )
        self.names = tuple(sorted(names))
        self.by_sound = by_sound
        self._memo: dict[str, str] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_memo"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # A model pickled before sound masking has no `by_sound`: it reads names as written
        # only, as it was trained to.
        self.__dict__.update({"names": (), "by_sound": False, **state, "_memo": {}})

    def __call__(self, text: str) -> str:
        masked = self._memo.get(text)
        if masked is None:
            masked = self._mask(text)
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            self._memo[text] = masked
        return masked

    def _mask(self, text: str) -> str:
        masked = self.pattern.sub(" ", text)
        if not (self.by_sound and self.names):
            return masked
        alikes = sound_alikes(self.names)
        for _ in range(self.SOUND_PASSES):
            spelt = alikes.spell_out(masked)
            if spelt == masked:
                break
            masked = self.pattern.sub(" ", spelt)
        return masked


class SoundAlikes:
    """Rewrites the place names heard by sound in a text as the names themselves."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._gazetteer = Gazetteer(
            GazetteerRules({}, tuple(Place(n, n) for n in names), ()), PhoneticIndex(names)
        )
        # Every fuzzy key's first two syllables: a text none of whose neighbouring syllables
        # makes one of them, and with no 镇/街道 left (a garbled stem before its suffix),
        # holds no sound-alike. Most texts stop here: sound matching costs a millisecond.
        self._openings = {tuple(key.split()[:2]) for name in names for key in fuzzy_keys(name)}

    def spell_out(self, text: str) -> str:
        """`text` with each place name heard by sound (not as written) replaced by the
        name; unchanged when there is none."""
        if not self._may_hold(text):
            return text
        text_sound = TextSound(chunks(text))
        chars = text_sound.parts()[1]
        at = _positions(text, chars)
        if at is None:  # the text is not as normalise() leaves it: leave it be
            return text
        spans = sorted(
            self._gazetteer.heard_by_sound(text, text_sound), key=lambda s: (s[0], -s[1])
        )
        kept: list[tuple[int, int, str]] = []
        for start, end, name, _ in spans:
            if not kept or start >= kept[-1][1]:  # 望海街道 over 望海 at the same place
                kept.append((start, end, name))
        for start, end, name in reversed(kept):
            text = text[: at[start]] + name + text[at[end - 1] + 1 :]
        return text

    def _may_hold(self, text: str) -> bool:
        if any(suffix in text for suffix in ADMIN_SUFFIXES):
            return True
        sounds = [canonical(s) for s in syllables(text)]
        return any(pair in self._openings for pair in zip(sounds, sounds[1:], strict=False))


@lru_cache(maxsize=4)
def sound_alikes(names: tuple[str, ...]) -> SoundAlikes:
    """One per process and list of names (the sound index takes a third of a second)."""
    return SoundAlikes(names)


def _positions(text: str, chars: list[str]) -> list[int] | None:
    """Where each of the text sound's characters stands in `text` (which also holds the
    spaces and punctuation the sound skips), or None when they do not align."""
    found: list[int] = []
    for i, c in enumerate(text):
        if len(found) < len(chars) and c == chars[len(found)]:
            found.append(i)
    return found if len(found) == len(chars) else None
