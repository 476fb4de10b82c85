"""A violation told: an act the catalogue's report names, whoever it harmed. No I/O.

The catalogue's 举报 is "揭发他人或企业的违法违规行为（不一定损害来电人本人）", its 标志 among
them 偷偷, 无证, 没有执照, 赌博. A request telling such an act — done covertly (偷偷, 偷着),
without a licence, papers or a batch number (无证, 没执照, 连个证都没有, 没批号, 没有任何手续),
gambling, or minors let in — is a report even where the caller's own family was the one
harmed or the caller speaks for them (替我妈打的 … 那人天天在集上卖 也没个执照; 我爸在一个小作坊
上班 做烟花的 连个证都没有): the wrong is the public's, the family one of those it reaches.

Counted on rounds 2–27, the seed corpus, the dev and hold-out sets: of the 198 lines telling
such an act and no refusal to the caller, 189 are reports (95 %), 4 complaints, 4 consults,
1 a suggestion (rounds 2–27 alone: 164 of 172; rounds 2–22 132 of 138, rounds 23–27 32 of
34). Where harm.py reads the caller's own home or family as harmed, 8 of the 9 such lines are
reports and none a complaint (rounds 8, 19 and 27: the family spoken for, or a bystander; the
ninth a consult, 网吧能让未成年进吗). The exception is a remedy refused to the caller (不给退,
不认账, 也不给明细): the violator then did the caller a wrong, the complaint's 标志 — 3 of 3
such lines are complaints.

`violation_told` gives the words of the act (harm.py then no longer moves the report's share
to the complaint), or "" when none is told or a remedy was refused.
"""

from __future__ import annotations

import re

# Covert, unlicensed or without papers, gambling, minors served (网吧让未成年人进). Not 私自
# alone: said of a neighbour's shed blocking the caller's window (4 of the 5 such lines where
# the caller's home is harmed are complaints).
_VIOLATION = re.compile(
    r"偷偷|偷着|无证|无照|没有?(?:任何|个)?(?:执照|营业执照|批号|资质|手续)|证都没有|未成年|赌"
)
# A remedy refused to the caller by the violator: a wrong done to them (the complaint's 标志).
_REFUSED = re.compile(r"不给退|不退|不认账|不赔|不给[^，。\s]{0,3}(?:退|赔|换|修|明细)")


def remedy_refused(text: str) -> bool:
    """Whether `text` tells a remedy refused to the caller by the violator (不给退, 不认账)."""
    return bool(_REFUSED.search(text))


def violation_told(text: str) -> str:
    """The words telling a covert, unlicensed or gambling act in `text`, or "" when none is
    told or the caller tells a remedy refused them."""
    if remedy_refused(text):
        return ""
    found = _VIOLATION.search(text)
    return found.group(0) if found else ""
