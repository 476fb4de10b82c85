"""Words callers say right after a place name (芦屯大集, 红旗派出所, 熊岳卫生院). No I/O.

A town's name is followed by 镇 or 街道 when a caller names the town, but as often by
what is in it: its fair (大集, 集上), its police station, school, clinic, bus station or
community. The recogniser slips the name before such a word (陆囤大集, 鸿骑大鸡) and,
finding no word, either splits the name in two (陆|囤|大集) or glues one half to the
word after it (鸿|骑大鸡). These words, heard by toneless sound as well (大鸡 is the
recogniser's 大集), tell the gazetteer that the sound before them is a place:
`fuzzy_sound` accepts a two-syllable name heard as two words before one of them, and
the gazetteer frees a name's half glued to one (骑大鸡 → 骑 + 大鸡).
"""

from __future__ import annotations

from hotline.ticketing.routing.phonetic import syllables

# Position words after a place (那边, 附近, 老家: a hometown, 迁回芦屯老家).
POSITION_CUES = frozenset(
    ("那边", "这边", "那块", "这块", "那块儿", "这块儿", "附近", "一带", "那疙瘩", "这疙瘩")
    + ("老家", "这片", "那片")
)
# What a town has that callers name it by: the fair, the police station, schools, the
# clinic, the bus station, its government and its communities and villages.
INSTITUTION_CUES = frozenset(
    ("大集", "集上", "赶集", "派出所", "中学", "小学", "高中", "初中", "卫生院", "医院")
    + ("客运站", "汽车站", "车站", "政府", "社区", "村委会", "市场", "农贸市场", "粮库")
)
# By sound too, only words of two syllables or more: a single syllable (集 ji) is too
# common to tell a place.
_INSTITUTION_SOUNDS = frozenset(
    " ".join(syllables(word)) for word in INSTITUTION_CUES if len(word) >= 2
)
_CUE_SOUNDS = _INSTITUTION_SOUNDS | {
    " ".join(syllables(word)) for word in POSITION_CUES if len(word) >= 2
}


def is_place_cue(word: str) -> bool:
    """The word, as written or as heard (大鸡 for 大集), is one said after a place."""
    if word in POSITION_CUES or word in INSTITUTION_CUES:
        return True
    return len(word) >= 2 and " ".join(syllables(word)) in _CUE_SOUNDS


def cue_tail(word: str) -> int:
    """The length of the institution word (by sound) that ends `word` with at least one
    character before it (骑大鸡 → 2: 大鸡 sounds as 大集), or 0."""
    sounds = syllables(word)
    if len(sounds) != len(word):
        return 0
    for size in range(len(word) - 1, 1, -1):
        if " ".join(sounds[-size:]) in _INSTITUTION_SOUNDS:
            return size
    return 0
