"""Land or a river taken from its use: farmland dug up or built on, sand dug. A report. No I/O.

The catalogue's 举报 tells of someone's violation so that a body acts on it (不一定损害来电人
本人). Farmland dug into ponds, built on, filled or paved (把耕地挖成鱼池子, 在基本农田上盖
房, 占了耕地) and sand dug from a river or a beach (挖沙子, 盗采, 抽沙) are wrongs to the land,
told by whoever saw them; the caller rarely lost anything of their own.

Counted on the retired labels of rounds 2–30: farmland dug, built on, filled or paved,
**50 of 52** reports (the two others consults: 这个算不算占耕地, 去哪个局); sand dug, **15 of
18** reports (1 complaint: the caller's own field dug away, r3_spoken:112, left to harm.py;
2 help: a dam undermined before the flood season, and an old sand pit where boys swim — the
pit, a place, is not read). As read here, 65 of 68 (96 %; rounds 25–30 12 of 12; the dam, a
help, now read a report).
Counted and not built: any mention of 耕地 or 农田 (58 of 81 reports, 72 %: 16 consults ask
whether a use is allowed); any taking of a resource (取土, 采石, 砍树 and sand: 28 of 38, 74 %).

`land_taken` gives the words of the act, or "". public_wrong.py reads it as a public wrong
(the complaint's and the help's shares move to the report).
"""

from __future__ import annotations

import re

_FARMLAND = r"(?:基本农田|耕地|农田|口粮田)"
# What is done to it: dug, built on, filled, paved, turned into a pond.
_DONE = r"(?:挖|改|占|盖|建|毁|推|填|硬化|鱼池|鱼塘)"
# Sand dug or pumped: the act, not an old pit (采砂坑) or a sand yard (采砂场) as a place.
_SAND_WORDS = ("挖沙", "采砂", "盗采", "抽沙", "偷沙")
_SAND = rf"(?:{'|'.join(_SAND_WORDS)})(?![坑场])"
_TAKEN = re.compile(
    rf"{_FARMLAND}[^。！？]{{0,12}}?{_DONE}|(?:挖|占|毁|推|填|硬化)了?{_FARMLAND}|{_SAND}"
)
# Sand dug at the caller's own field (在我们家承包地边上挖沙子): their loss, which harm.py
# reads as the caller harmed — left to it.
_OWN_FIELD_DUG = re.compile(rf"[我俺]们?家[^，。！？]{{0,4}}地[^。！？]{{0,12}}?{_SAND}")


def land_taken(text: str) -> str:
    """The words telling farmland dug up or built on, or sand dug, in `text` (compact), or
    "" when none is told or the sand is dug at the caller's own field."""
    found = _TAKEN.search(text)
    if not found or (found.group(0).startswith(_SAND_WORDS) and _OWN_FIELD_DUG.search(text)):
        return ""
    return found.group(0)
