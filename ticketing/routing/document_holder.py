"""The other body in a proof one body requires of another (协办). No I/O.

A caller caught between two bodies (派出所说要先有学校接收证明, 学校说要看居留证件, 医保那边说…
得要交警的事故认定书) names the body that requires the proof right before 说, and the proof
tells which body issues it. The labels name as 协办 whichever of the two is not the lead:
the body that requires it, or, when that body leads, the one that issues it. On the retired
sets of rounds 2–22, 6 lines say such a requirement with 说 (roles.unnamed_second_duty):
this reading names the labelled 协办 of all 5 shared-duty ones (r5_assist 49, r12_assist 35,
r20_assist 5, 6, 25) and one unit on the single-owner r19_spoken 23 (a kindergarten asking a
health certificate). Round 23; before, these lines were held for a person with no unit shown.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.roles import DOCUMENT_REQUIRED, UNIT_OF_ANY
from hotline.ticketing.routing.unnamed_duty import UnnamedDuty

# Bodies callers name before what they said, beyond the units' own names (roles.py).
_BODIES = {"学校": "education", "幼儿园": "education", "医保": "medical_insurance"}
# Which unit issues a proof, by the proof's words.
_ISSUERS = (
    (re.compile(r"事故认定|居留|住宿登记|户口|户籍|居住证"), "public_security"),
    (re.compile(r"档案"), "human_resources"),
    (re.compile(r"接种|医疗机构|诊断"), "health"),
    (re.compile(r"学校接收|入学"), "education"),
)
_BEFORE = 8  # characters before 说 searched for the requiring body
_NAME = re.compile("|".join(sorted(map(re.escape, {*UNIT_OF_ANY, *_BODIES}), key=len)[::-1]))


def document_holder(text: str, lead: str | None) -> tuple[UnnamedDuty, str] | None:
    """The second body of a proof required in `text` (compact) with the words saying so,
    or None: the requiring body when it is not the lead, else the issuing one."""
    match = DOCUMENT_REQUIRED.search(text)
    if lead is None or match is None:
        return None
    before = _NAME.findall(text[max(0, match.start() - _BEFORE) : match.start()])
    required_by = UNIT_OF_ANY.get(before[-1]) or _BODIES.get(before[-1]) if before else None
    issued_by = next((u for p, u in _ISSUERS if p.search(match.group(0))), None)
    unit = required_by if required_by not in (None, lead) else issued_by
    if unit is None or unit == lead:
        return None
    return UnnamedDuty(unit, "所需证明", DOCUMENT_REQUIRED), match.group(0)
