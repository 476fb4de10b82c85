"""A service asked more than once and the thing still not done: a complaint. No I/O.

The catalogue's help (求助) asks a body to act on a need; a complaint (投诉) is a grievance
about a service. A caller who tells that they have already reported, rung or asked more than
once (报过好几回, 打了三次电话, 反映过多少次, 找物业好几回) no longer asks for the first
visit: they judge the service that did not come, and the retired labels keep the complaint
whatever fault is told (a voltage drop, a cut, a door broken). Counted on the retired labels
of rounds 2–28 (compact spellings as written, 报/打/反映/找/说 + 了/过 + 好几/多少/N + 回/次/
遍/趟): 131 of 136 requests so read are complaints (96 %; rounds 24–28 24 of 26); the others
3 reports (a neighbour's fire risk, minors in a 网吧, a clinic's waiting room told by its
doctor), 1 consult (打过两次12345, then a question of the contract) and 1 help (a
neighbour's dog, 说了好几回, then 村里能不能给管管). Help against complaint alone: 131 of 132.

Not read: a pesticide sprayed twice (药打了两遍, 打了两遍药: the crop's plight, help 5 of
5), a neighbour asked before mediation is sought (调解: mediation_ask.py's help).

The body asked may be named between the asking and the count (打了热力公司三次电话, 找了物业
三次, 找过供电所三回, 给民政打了五个电话, 打过不下五次电话). Counted on the retired labels of
rounds 2–32 (bench/RESULTS.md, round 33, help33), requests so read and not by the plain
spelling above: 24 of 24 complaints (rounds 30–32 5 of 5); the seed corpus has none. 电话打
过去好几次 (rung over there, someone alone unanswered: plight_help.py's help) is not read, nor
a pesticide or a shot between (打了好几遍药, 打了疫苗两次).

Counted and not built (bench/RESULTS.md, round 28, asktype28): a time promised and passed
(说俩小时来电 … 这都六个钟头了): 16 of 20 complaints over rounds 2–28, but rounds 24–28 1 of 4
(help 2: 停水了 说三点来水 这都六点了 多前儿来水啊).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.type_shares import shares_moved

COMPLAINT = "complaint"
HELP = "help"

# Reported, rung or asked (报, 打, 反映, 找, 说) more than once, said with the count: not a
# pesticide sprayed again (药打了两遍, 打了两遍药).
_AGAIN = re.compile(
    r"(?<!药)(?:报修?|打|反映|找|说)(?:了|过)"
    r"(?:好几|多少|多|无数|[两三四五六七八九十几]+)(?:回|次|遍|趟)(?!药)"
)
# The same with the body asked (or the number's 不下) between: 打了热力公司三次电话, 找了物业
# 三次, 打了不下十个电话; not a pesticide or a shot (药, 针, 苗) in between, nor 说 (a
# neighbour told, not a service asked).
_AGAIN_NAMED = re.compile(
    r"(?:打|找|催|报修?|反映)(?:了|过(?!去))[^，。！？、；,.!?;药针苗]{1,8}?"
    r"(?:好几|多少|无数|[两三四五六七八九十几]+)(?:回|次|遍|趟)(?!药)"
    r"|(?:打|催)(?:了|过)(?:不下)?(?:好几|多少|无数|[两三四五六七八九十几]+)个电话"
)
# A neighbour asked before, now mediation sought: help's (mediation_ask.py).
_MEDIATION = re.compile(r"调解")


def reported_again(text: str) -> str:
    """The words telling a service asked more than once in the compact `text`, or "" (also
    where the request seeks mediation)."""
    if _MEDIATION.search(text):
        return ""
    found = _AGAIN.search(text) or _AGAIN_NAMED.search(text)
    return found.group(0) if found else ""


def help_to_complaint(shares: Mapping[str, float]) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with help's whole share moved to the
    complaint; the other types keep theirs."""
    return shares_moved(shares, (HELP,), COMPLAINT)
