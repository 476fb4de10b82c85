"""A time named by the epidemic's routines: a date, not the epidemic. No I/O.

Callers date a matter by what everyone did in the epidemic years, not only by its name
(疫情那阵儿, config/routing.yaml `recalled`): the daily tests (核酸天天做那年), buildings
and estates sealed (封楼那会儿), the health codes (健康码不用了那会儿), the masks (口罩还没摘
那会儿, 口罩那几年), the workers in white (大白那年), falling ill (阳了那阵). A routine followed
within a few words by a time word (那年, 那阵, 那会, 那时, 那段, 那几年) names when another
matter began (a bill, a wage, a subsidy), and is read as the recalled epidemic is: one weak
cue, its own words silenced, so that a measure said beside it still raises the flag.
Over the retired sets of rounds 2–26 every line read so (11 of 11) is not 涉疫. Not
隔离 (a quarantine's own bill is the measure's matter, and no retired line dates so).

Being away then (`AWAY`: 疫情那阵子我们一家在外地回不来, 房子空着) tells where the caller
was in the recalled time, not a measure, so beside the recalled epidemic it is no weak cue
(round 28, epi28). Counted on the retired labels of rounds 2–28: the epidemic recalled as a
time with no strong cue left, 0 of 62 lines 涉疫; with a weak cue beside it, 0 of 2, both
being away (在外地). Thin (two lines), but every recalled line points the same way. A
measure said beside it still counts (设卡, 居家, 消杀: the seed's lines split 2 of 4 there,
so they are left as they were).
"""

from __future__ import annotations

import re

# The routines everyone knew the epidemic by.
_ROUTINE = r"核酸|封楼|封小区|封村|封控|封城|健康码|行程码|静默|方舱|大白|阳了|阳的|口罩"
# The time word that makes the routine a date, a few words after it (核酸天天做那年).
_TIME = r"那年|那阵|那会|那时|那段|那几年|那两年|那些年"
# Being away: where the caller was, a cue of travel in `config/routing.yaml` `weak`.
AWAY = frozenset(
    ["在外地", "外地回来", "从外地", "外地来的", "外省回来", "从外省", "从南方回", "返乡"]
)
_DATED = re.compile(rf"(?:{_ROUTINE})[^，。！？,.!?\s]{{0,7}}?(?:{_TIME})")


def routine_dated(text: str) -> str:
    """The first epidemic routine named as a time in `text` (compact: 核酸天天做那年), or ""."""
    found = _DATED.search(text)
    return found.group(0) if found else ""
