"""Place names heard by sound, spelt as the gazetteer writes them, so that the classifier's
place mask hides them as it hides names as written. No I/O.

A recogniser writes 望海 as 旺海 and 熊岳镇 as 熊药镇. The gazetteer places such a request by
sound (gazetteer.py, fuzzy_sound.py), but a classifier that sees the sound-alike learns it
as a word of its own: the retired sets' 旺海街道 lines taught it "旺海 → a town matter", and a
water cut-off said from 旺海 then went to the subdistrict. Written over by the name, the
sound-alike is masked with it, in training and in prediction alike (classifier.PlaceMask).

Only the names are known here (the classifier is trained with the gazetteer's names): the
sound index is built from them and the jieba dictionary, which is what the gazetteer's
guards read; its list of non-places is not (the written-name mask ignores it too).
"""

from __future__ import annotations

from functools import lru_cache

from hotline.ticketing.routing.fuzzy_sound import ADMIN_SUFFIXES, canonical, fuzzy_keys
from hotline.ticketing.routing.gazetteer import Gazetteer
from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound, syllables
from hotline.ticketing.routing.rules import GazetteerRules, Place
from hotline.ticketing.routing.text import chunks


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
