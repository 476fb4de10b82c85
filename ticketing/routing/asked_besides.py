"""A unit named and then asked with 也, whatever it is asked to do: it assists. No I/O.

roles.named_units reads a unit asked with 也 when a known asking verb follows (环保也得来查查,
住建那边也管管). Callers ask with other verbs as often (派出所也多来转转, 派出所那边也留一份照片,
应急局也来宣传宣传, 公安也来把人带走): the 也 after the unit's name says it is wanted besides
the lead, and the unit is named by the caller, so it is shown as 协办 on any type. Not a 也
that reports or complains (派出所也不管, 社保也说不归他们, 交警也来过, 城管也找了): a negation,
what the unit said or was, or where the caller already went.

Counted on the retired sets of rounds 2–28 (a unit's name, then 也 not followed by those words,
the unit other than the labelled lead): **51 of 52** lines are labelled with that unit as 协办
(the one other, r9_assist 10, is labelled with none and already showed it); no single-owner
line names a unit other than its lead so. 45 of the 51 were already shown by the router
(roles.named_units, assist.py); the new ones are r6_assist 16, r15_assist 22, r17_assist 19,
r21_assist 20, r28_assist 8 and 26.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.roles import UNIT_OF_ANY

_NAMES = "|".join(sorted(map(re.escape, UNIT_OF_ANY), key=len, reverse=True))
# What a 也 that only reports or complains starts with: a negation (没, 不), what the unit
# said or was (说, 是, 一样, 都), where the caller went (找, 问, 打, 来过), a refusal (推, 管不了).
_NOT_ASKED = "没|不|别|说|是|都|一样|找|问|打|来过|管不了|推"
ASKED_BESIDES = re.compile(
    rf"({_NAMES})(?:局|部门)?(?:那边|那块|的人|这边)?(?:能不能|能否|可不可以)?也(?!{_NOT_ASKED})"
)


def asked_besides(text: str, lead: str | None) -> tuple[str, ...]:
    """The units other than the lead named and then asked with 也 in `text` (compact);
    () without a lead."""
    if lead is None:
        return ()
    units = (UNIT_OF_ANY[m.group(1)] for m in ASKED_BESIDES.finditer(text))
    return tuple(dict.fromkeys(u for u in units if u != lead))
