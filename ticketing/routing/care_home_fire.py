"""A care home's fire risk: the emergency bureau's 消防安全, over the home's civil affairs.
No I/O.

A care home (养老院, 敬老院, 老年公寓, 日间照料中心) is civil affairs' institution, and the
classifier learnt its words as civil affairs'. Where the caller tells a fire, or what would
make one deadly there (着火, 起火, 消防, 喷淋, 烟感, 灭火器, the safety exit locked, power
strips chained, gas cylinders by the rooms), the ask is fire safety, the emergency bureau's.
crowded_fire.py leaves old people out, so the two never read one text twice.

Counted on the retired labels of rounds 2–33 (bench/RESULTS.md, round 34, elders34), a home
word with a fire word: emergency 7 of 8 (r19_assist:29, r32 six lines), civil affairs 1
(r4_assist:17, a round-4 label). Not read, because the labels give them to civil affairs:

- the home told unlicensed or unregistered (没执照, 无证, 没挂牌子, 手续, 备案): its licence,
  civil affairs' (r29_assist:25, r32_assist:33);
- 民政 named by the caller (请民政局管管这家养老院, 民政给补贴: r8_assist:15, r32_written:18);
- heating alone (电褥子, 电暖气 told for the cold, not for a fire: r9, r10, r15 civil affairs 3)
  — these name no fire word and are not read;
- paper burnt in the street that caught a home's cartons (烧纸: urban management's,
  r32_assist:4).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

HAZARD_UNIT = "emergency"
RELIEF_UNIT = "civil_affairs"

# A home or a day centre for the old: civil affairs' institution.
_ELDER_HOME = re.compile(
    r"养老院|老人院|敬老院|老年公寓|养老机构|养老中心|护理院|日间照料|照料中心|托老所"
)
# A fire, or what would make one deadly: told by name, not by heating alone.
_FIRE = re.compile(
    r"着火|着了火|起火|失火|火灾|消防|喷淋|烟感|灭火器|安全出口|插线板|接线板"
    r"|液化气罐|煤气罐|煤气中毒|一氧化碳"
)
# The home's licence (civil affairs'), civil affairs named, paper burnt in the street.
_NOT_READ = re.compile(r"民政|执照|无证|没证|牌子|手续|备案|资质|烧纸")


def care_home_fire(text: str) -> str:
    """The words telling a care home's fire risk (`home…fire`), or ""."""
    home = _ELDER_HOME.search(text)
    if home is None or _NOT_READ.search(text):
        return ""
    fire = _FIRE.search(text)
    return f"{home.group(0)}…{fire.group(0)}" if fire else ""


def care_home_fire_readings(text: str) -> list[Reading]:
    """The emergency bureau over the home's civil affairs, in `text` (compact)."""
    words = care_home_fire(text)
    return [(HAZARD_UNIT, words, (RELIEF_UNIT,))] if words else []
