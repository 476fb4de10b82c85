"""Syllables a recogniser hears one sound away from what was said (红开 for 红海). No I/O.

A speech recogniser that mishears a place name rarely invents a syllable: it takes the
said syllable's neighbour, one sound changed by a kind of slip it makes everywhere. The
kinds are read here as a table of sounds, never of names, so that a slip no round has
shown yet is read too:

- an initial heard as another of its place of articulation: the back consonants h, k,
  g (红海 heard as 红开: hai as kai) and the palatals x, q, j (海星 heard as 海青: xing
  as qing);
- the h before a rounded glide lost or added (黄海 for 望海: wang as huang; hui as wei);
- a final one step away: u with or without its o (lu as luo, duo as du), ai as ei, and
  a nasal's place (un as ong: 屯 tun as 通 tong; the an/ang, en/eng, in/ing pairs are
  already the input method's fuzzy classes, fuzzy_sound.py).

- a southern accent's h before a rounded vowel said as f, and its f as h (红 hong as
  fong, which Mandarin has not, written 风 or 冯 feng; 湖 hu as 福 fu; 飞 fei as 灰 hui).
  Where both parts of the syllable change (hong as feng) `fuzzy_sound` reads it only with
  a place word after it or the suffix said (`accent_only`). The accent's other merges, n/l,
  z/zh, c/ch, s/sh and the front and back nasals, are the fuzzy classes already.

Tones need nothing: a syllable heard in another tone is its homophone.

Counted on rounds 2–28, the seed corpus and the dev sets (bench/area_eval.py, 3,299
texts with a place labelled, 8,000 with none), each kind added alone to the fuzzy place
reader: h/k/g reads 1 text more, the area's (r28_spoken 红开), and no other area (k/g and
h/g alone: none); x/q/j reads 1, the area's (r28_spoken 海青), and no other; u/uo, ai/ei
and un/ong read none and make no false area. All together they read 4, all 4 the area's
(hu/w the 2 more: r27_spoken 黄海街道 twice, labelled 望海), and no false or other area.
The kinds with no retired slip yet are kept for the rounds to come: each is a recogniser's
slip in general, and none gives a false area here. Left out: ong as uang (黄海 is one
step from 红海 too, and the labels say 望海: it reads 0 of 2, both the wrong area), a
bare w as h (往外 read as 望海: 1 false area, 0 read), and i/in, i/ing, ing/iong, ong/ang,
e/ie/üe (none read, none false; the coda dropped is `fuzzy_sound._half_heard`'s with the
suffix said, üe as ie is already a place blur there).
The southern h as f, counted on rounds 2–30, the seed corpus and the dev sets
(bench/area_eval.py, 3,531 texts with a place labelled, 8,428 with none): alone it reads 6
texts more, all 6 the area's (r30_spoken 7, 30, 90, 95, 107, 130: 风海, 凤海, 冯旗), and
gives 1 false area (r14_written 61, 要封海了: a verb); with a place word after it or the
suffix said, 6 of 6 and no false area.
The fuzzy reader's guards stay: the name's other syllable as its own, word boundaries,
no dictionary word heard, a place word after a name said as two words.
"""

from __future__ import annotations

# Initials that a recogniser swaps within each group: same place of articulation.
INITIAL_NEIGHBOURS: tuple[frozenset[str], ...] = (
    frozenset({"h", "k", "g"}),  # back of the tongue: 海 hai heard as 开 kai, 该 gai
    frozenset({"x", "q", "j"}),  # palatal: 星 xing heard as 青 qing, 京 jing
)
# Finals one step apart: the rounded glide's o kept or dropped, ai raised to ei, the
# nasal's place after u.
FINAL_NEIGHBOURS: tuple[tuple[str, str], ...] = (("u", "uo"), ("ai", "ei"), ("un", "ong"))
# The h before u heard or dropped: a w-syllable and its hu- twin (望 wang, 黄 huang).
_W_HU = {"wa": "hua", "wo": "huo", "wai": "huai", "wei": "hui", "wan": "huan"}
_W_HU |= {"wen": "hun", "wang": "huang", "wu": "hu"}
HU_W = _W_HU | {hu: w for w, hu in _W_HU.items()}
# A southern accent's h before a rounded vowel said as f (湖 hu as 福 fu; 红 hong as fong,
# which Mandarin has not, written 风 feng), and the f it says as h back (飞 fei as 灰 hui).
_H_F = {"hu": "fu", "hong": "feng", "huang": "fang", "hui": "fei", "huan": "fan"}
_H_F |= {"hun": "fen", "huo": "fo"}
H_F = _H_F | {f: h for h, f in _H_F.items()}

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q")
_INITIALS += ("x", "r", "z", "c", "s", "y", "w")


def split(syllable: str) -> tuple[str, str]:
    """('x', 'ing') for 'xing'; ('', 'ai') for 'ai' (toneless pinyin)."""
    for initial in _INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            return initial, syllable[len(initial) :]
    return "", syllable


def neighbours(syllable: str) -> set[str]:
    """The toneless syllables one neighbouring sound away from `syllable` ('hai' →
    'kai', 'gai', 'hei'; 'xing' → 'qing', 'jing'; 'wang' → 'huang'); not itself."""
    initial, final = split(syllable)
    found = {other + final for group in INITIAL_NEIGHBOURS if initial in group for other in group}
    for a, b in FINAL_NEIGHBOURS:
        if final in (a, b) and initial:  # 'u' alone is 'wu' in pinyin, handled as w
            found.add(initial + (b if final == a else a))
    if syllable in HU_W:
        found.add(HU_W[syllable])
    if syllable in H_F:
        found.add(H_F[syllable])
    found.discard(syllable)
    return found


def accent_only(heard: str, own: str) -> bool:
    """`heard` is `own` said in the southern accent and in no nearer way: both its
    initial and its final changed (hong heard as feng), which `fuzzy_sound` guards."""
    return H_F.get(own) == heard and all(map(str.__ne__, split(heard), split(own)))
