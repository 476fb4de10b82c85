"""A recogniser's sound-alike slip of a word the rules know, respelt as that word. No I/O.

A speech recogniser that hears 共享单车, 电表, 育儿补贴 or 营业执照 but has never seen
them writes other characters of the same sound: 共想单车, 垫彪, 育儿不贴, 营业知照. The
rules match such slips by sound at a share of their weight (matching.py), but the
classifier reads characters and learns nothing from a spelling no training text had.
Rewriting the slip as the known word lets every reader of the request see it, for
callers and slips no data has shown: the reading is by sound, not by a list of slips.

A span is respelt only where the slip is plain (phonetic.py's guards, and more):
- its toneless syllables are exactly a known phrase's and it begins and ends on word
  boundaries (so 这个谁管啊 holds no 水管 across 谁|管), or lies wholly inside words
  no dictionary knows (鸡孔肯雅 in 鸡孔|肯雅热);
- what was heard is no dictionary word (老实 is not 老师, 午夜 not 物业), nor a known
  phrase itself, and no misheard character is a particle (网还 is no 望海);
- each word in it is written as the phrase has it, or is a slip's: one no dictionary
  knows (共想, 不贴), or a single character seldom said alone (鸡 in 无人鸡). A
  common word was said as that word (那个 for 哪个, 户口不在 for 户口簿);
- a phrase of three or more characters needs one such unknown word or half of its
  characters as written; a two-character phrase, which other words match by chance
  (漏到 ~ 楼道, 签了 ~ 欠了), needs one unknown word whose misheard character is rare
  as a word and whose kept character is no particle (垫彪 for 电表, 物野 for 物业).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hotline.ticketing.routing.fuzzy_sound import FUNCTION_CHARS
from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound, sound
from hotline.ticketing.routing.text import chunks

# A word this rare in jieba's dictionary is no word a caller chose (知照: 3).
RARE_WORD = 10
# A single character this rare as a word is a slip's (鸡 3779, 彪 437), not a function
# word or verb said on its own (不, 要, 按, 离 are each far above it).
RARE_CHAR = 5000
# In a two-character slip, the misheard character must be rarer still (野 1470, 彪 437;
# not 货 of 拉货 2218, 包 of 包了 5289, 点 of 点响 24685).
RARE_CHAR_PAIR = 1500
_CJK_ONLY = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")


class Respeller:
    """The known phrases (the rules' words) by sound, to respell slips heard as them."""

    def __init__(self, phrases: Iterable[str], phonetic: PhoneticIndex) -> None:
        self._phonetic = phonetic
        known = {p for p in phrases if len(p) >= 2 and _CJK_ONLY.match(p)}
        self._known = frozenset(known)
        # Longest first: 育儿补贴 is respelt whole before 补贴 is looked at.
        self._keys = sorted(((sound(p), p) for p in known), key=lambda kp: -len(kp[1]))

    def respell(self, text: str) -> str:
        """`text` with each plain sound-alike slip of a known phrase written as it."""
        heard_as = self.slips(text)
        for heard, meant in heard_as.items():
            # A recogniser's space may fall inside the slip (垫 彪).
            text = re.sub(r"\s*".join(map(re.escape, heard)), meant, text)
        return text

    def slips(self, text: str) -> dict[str, str]:
        """heard → meant for each plain slip in `text` (see the module's guards)."""
        sylls, chars, starts = TextSound(chunks(text)).parts()
        bounds = sorted(starts)
        # Each syllable's word (start, end); a slip may begin or end inside a word no
        # dictionary knows (鸡孔|肯雅热: the segmenter glued the slip to its neighbour).
        word_of: list[tuple[int, int]] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            word_of.extend([(a, b)] * (b - a))
        joined = " " + " ".join(sylls) + " "
        taken: set[int] = set()
        found: dict[str, str] = {}
        for key, phrase in self._keys:
            if key not in joined:
                continue
            at = joined.find(key)
            while at >= 0:
                index = joined.count(" ", 0, at)
                end = index + len(phrase)
                span = range(index, end)
                heard = "".join(chars[index:end])
                pieces = [
                    ("".join(chars[a:b]), phrase[a - index : b - index])
                    for a, b in dict.fromkeys(word_of[index:end])
                ]
                if (
                    heard != phrase
                    and not taken.intersection(span)
                    and self._plain_slip(heard, phrase, pieces, index in starts and end in starts)
                ):
                    found[heard] = phrase
                    taken.update(span)
                at = joined.find(key, at + 1)
        return found

    def _plain_slip(
        self, heard: str, phrase: str, pieces: list[tuple[str, str]], aligned: bool
    ) -> bool:
        """`pieces`: each word the heard span touches, with the phrase's characters at its
        place (clipped to the span); `aligned`: the span begins and ends on word
        boundaries."""
        if heard in self._known or self._phonetic.is_word(heard):
            return False
        others = {h for h, p in zip(heard, phrase, strict=True) if h != p}
        if others & FUNCTION_CHARS:
            return False
        same = sum(h == p for h, p in zip(heard, phrase, strict=True))
        if not aligned:
            # Inside words no dictionary knows only (鸡孔肯雅 in 鸡孔|肯雅热), of a phrase
            # long enough that its sound is no accident.
            return len(phrase) >= 3 and same > 0 and all(self._rare(w) for w, _ in pieces)
        # Each word is written as the phrase has it, or is a slip's: a word no dictionary
        # knows (垫彪, 共想), or one character rarely said alone (鸡 in 无人鸡). A common
        # word (那个 for 哪个, 老是 for 老师, 签了 for 欠了) was said as that word.
        slipped = [w for w, p in pieces if w != p]
        if not all(self._rare(w) or (len(w) == 1 and self._single(w)) for w in slipped):
            return False
        if len(phrase) == 2:
            # Two syllables are matched by chance often (漏到 ~ 楼道, 建局 ~ 检举): only a
            # glued unknown word whose other characters are seldom words alone (垫彪, 物野).
            # Nor one whose written character is a particle (签了 for 欠了, 绑着 for 帮着).
            kept = {h for h, p in zip(heard, phrase, strict=True) if h == p}
            return (
                len(slipped) == 1
                and len(slipped[0]) >= 2
                and not kept & FUNCTION_CHARS
                and all(self._phonetic.frequency(h) <= RARE_CHAR_PAIR for h in others)
            )
        return any(self._rare(w) and len(w) >= 2 for w in slipped) or (
            len(phrase) >= 3 and 2 * same >= len(phrase)
        )

    def _rare(self, word: str) -> bool:
        """No word of the dictionary, or hardly one (知照: a slip's 营业知照)."""
        return self._phonetic.frequency(word) <= RARE_WORD

    def _single(self, char: str) -> bool:
        """A character seldom said as a word of its own."""
        return self._phonetic.frequency(char) <= RARE_CHAR
