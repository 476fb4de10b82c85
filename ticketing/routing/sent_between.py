"""The other body in a dispute the caller is caught in (踢皮球): 协办. No I/O.

A caller sent from counter to counter quotes two bodies in turn (物业说楼里线是供电的，供电的来了
说是物业的线; 问医保 说系统里没有 问民政 说早报上去了; 热力公司说得物业先把水抽干，物业说等热力
公司来): each says the matter is the other's. When the lead is one of them, the labels name the
other as 协办. A body only quoted once tells the story (roles.reported); two quoted against
each other are the shared duty itself. A hospital quoted is not read: it is the party of a
bill, not a unit (医院说找医保 beside medical insurance is single-owner on every retired set).
Round 24, from r23_assist 24, 25 and r21_assist 2. On the retired sets of rounds 2–23 (with
the labelled lead) this reads 28 lines: 19 shared-duty lines labelled with that body, 2 more
shared-duty lines and 7 single-owner ones (mostly heat against the property manager) not.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.roles import UNIT_OF_ANY
from hotline.ticketing.routing.unnamed_duty import UnnamedDuty

# Bodies callers quote by the short name they use at the counter, beyond the units' names.
_BODIES = {
    "物业": "housing",
    "开发商": "housing",
    "住建": "housing",
    "社保": "human_resources",
    "人社": "human_resources",
    "医保": "medical_insurance",
    "民政": "civil_affairs",
    "热力": "heating",
    "供电": "power",
    "供水": "water",
    "自来水": "water",
    "燃气": "gas",
    "不动产": "natural_resources",
    "学校": "education",
    "派出所": "public_security",
    "交警": "public_security",
    "城管": "urban_management",
    "环保": "environment",
    "市场监管": "market_supervision",
}
_UNIT_OF = {**_BODIES, **UNIT_OF_ANY}
_NAME = "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))
_SUFFIX = "(?:公司|局|部门)?(?:那边|那头|的人|这边|的|那块)?"
# The body then what it said (热力公司说, 供电的来了说, 派出所又说, 热力让我找), or asked and then
# what it said (问医保 说…, 问了民政，说…).
_QUOTED = re.compile(
    rf"({_NAME}){_SUFFIX}(?:来了)?(?:又|也|还|就|倒|却)?(?:说|讲|称|答复|回复|让我|叫我)"
    rf"|问(?:了|过)?({_NAME}){_SUFFIX}[，,\s]?(?:又|也|还|就)?(?:说|讲)"
)


def quoted_units(text: str) -> list[str]:
    """The units `text` quotes, in the order first quoted."""
    units: list[str] = []
    for match in _QUOTED.finditer(text):
        unit = _UNIT_OF[match.group(1) or match.group(2)]
        if unit not in units:
            units.append(unit)
    return units


def sent_between(text: str, lead: str | None) -> tuple[UnnamedDuty, str] | None:
    """The other body of a dispute between the lead and one more quoted body, with the
    words quoting it, or None (fewer than two bodies quoted, or the lead not one of them)."""
    units = quoted_units(text)
    if lead not in units or len(units) < 2:
        return None
    other = next(u for u in units if u != lead)
    words = next(
        m.group(0) for m in _QUOTED.finditer(text) if _UNIT_OF[m.group(1) or m.group(2)] == other
    )
    return UnnamedDuty(other, "两个部门互相推诿", _QUOTED), words
