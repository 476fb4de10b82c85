"""A unit the caller names and at once takes back, or sets aside for another. No I/O.

找供电局 不对 是热力公司, 这个是找城管吧 不对不对 扬尘是环保局管: a caller who names a unit
and corrects himself has withdrawn it; the name is the strongest word of that unit in the
request, yet it says nothing of the duty asked about. On the retired blind sets of rounds
2–22, 2 requests take a unit's own name back so; neither is labelled with the withdrawn
unit (both were routed to it). A unit set aside for another (不是找供电局 是找热力公司, 这不归
城管管 归环保局管) is read the same way; no retired request says so. Other corrections (a
place, a day, a misheard word: 红启镇 不对 是红旗镇) name no unit and are not read. Only the
units' own names (roles.ADDRESSED_AS) are read, as in disclaimed.py: a service provider
named (物业不对) is more often the one complained about.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.roles import ADDRESSED_AS

_NAMES = sorted(((n, u) for u, ns in ADDRESSED_AS.items() for n in ns), key=lambda p: -len(p[0]))
_UNIT_OF = dict(_NAMES)
_NAME = "|".join(re.escape(n) for n, _ in _NAMES)
# A guess closed with 吧 (城管吧, 供电局是吧) then 不对 / 不是 is taken back whatever follows;
# the speech reader has already folded 不对不对 into 不对. Not 吗: 燃气公司吗 不是 我打的12345
# asks who answered (r21_assist 36, labelled gas).
_GUESS = r"(?:吧|是吧|对吧)"
# Words a caller closes a name with (供电局那边, 城管的事) before taking it back.
_TAIL = r"(?:的事|的活|管|那边)?"
# A correction plain enough alone (说错了, 口误), or 不对 / 不是 that goes on to what is right
# (不对 是…, 不对 应该找…, 不是 环保局) or follows a guess: 城管不对 alone may blame the unit.
_TAKEN_BACK = re.compile(
    rf"(?P<name>{_NAME}){_TAIL}\s*(?:"
    rf"{_GUESS}\s*[，,。？?]?\s*(?:哦|噢|喔|呃)?\s*(?:不对|不是)"
    r"|[，,。]?\s*(?:哦|噢|喔|呃)?\s*(?:说错了|我说错了|口误|搞错了|弄错了"
    rf"|(?:不对|不是)(?=\s*[，,]?\s*(?:我说错了|说错了|是|应该|该|找|归|{_NAME}))))"
)

# The caller sets a unit aside for another (不是找供电局 是找热力公司, 不归城管管 归环保局):
# the second name is required, so 是不是燃气公司的人 (who came to the door) is not read.
_SET_ASIDE = re.compile(
    rf"(?:不是|不归|不该找|别找)(?:找|问|归)?(?P<name>{_NAME})(?:管|的事|的活)?\s*[，,]?\s*"
    rf"(?:而)?(?:是|归|找|得找|该找|应该找)(?:找|问|归)?(?:{_NAME})"
)


def _found(text: str) -> list[re.Match[str]]:
    """Each name taken back or set aside, once (a name may be both)."""
    found = {m.start("name"): m for p in (_TAKEN_BACK, _SET_ASIDE) for m in p.finditer(text)}
    return [found[k] for k in sorted(found)]


def retracted_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per unit, the spans of `text` from its own name to the words taking it back."""
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _found(text):
        out.setdefault(_UNIT_OF[m.group("name")], []).append(m.span())
    return out


def without_retracted(text: str) -> str:
    """The text without the names taken back or set aside (the words around them stay)."""
    kept = text
    for m in sorted(_found(text), key=lambda m: m.start("name"), reverse=True):
        kept = kept[: m.start("name")] + kept[m.end("name") :]
    return kept if kept.strip() else text
