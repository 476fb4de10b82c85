"""Two asks in one request, the second a question of entitlement: the first ask's unit
leads, the second's assists (协办). No I/O.

A caller asks one body for one thing and then, joined by 另外 / 再一个 / 还想问 / 还有就是 /
顺便, asks whether the person is entitled to something another body grants: 想给申请危房改造，
另外他家这情况够不够低保; 幼儿园都说不收 另外孩子做康复训练医保能不能报; 想请人给修个坡道；另外他
今年的残疾人两项补贴还没申请，能一起办吗. Read whole, the entitlement's words (低保, 医保,
能报) and its question often outweigh the first ask, and the body that grants the allowance
was shown as lead, the one asked to act not at all.

Counted on the retired sets of rounds 2–27 (each half of a request routed alone): the
reading below finds six requests; in five the halves name two units, and in all five the
first ask's unit is the labelled lead, in four of five (80 %) the second's among the
labelled 协办 (r22_assist 18, r27_assist 10, 13, 24; not r15_assist 3, whose 医保能报吗 the
health bureau answers). The sixth asks one unit twice (r18_assist 2: 低保, 临时救助). A bare
还有 is not read: it mostly adds to the scene (还有人在旁边抽烟), and where it starts a second
ask of entitlement the split is 5 of 7 (71 %; r17_assist 1 has the second ask's unit lead).
Not built for every second ask: after 另外, 再一个, 还想问, 还有就是 or 顺便 with a second
ask of any kind, the halves name two units in 19 requests; the first's unit leads in 16, but
the second's assists in 8 (42 %): a second ask of another kind (换证需不需要体检, 顺便撒点
沙子) is mostly the lead's to pass on.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from hotline.ticketing.routing.suggestion import Alternative, Suggestion

# The words that start a second ask. Not 同时 (同时发烧) nor a bare 还有 (还有人在旁边抽烟):
# both mostly say more of the same matter. Not 另外 inside a phrase (另外出钱, 另外办什么证).
CONNECTOR = re.compile(r"另外(?![出交办收花付一的])|再一个|还想问|还有就是|顺便问")
# A question of entitlement: whether the person qualifies for, or can be paid, something.
ENTITLEMENT = re.compile(
    r"够不够|够条件|符不符合|符合条件吗|能不能(?:报|领|享受|申请|给报)|能报吗|给不给报|报不报"
    r"|能一起办吗|能不能一起办"
)
_MIN_CHARS = 4  # a first ask of fewer characters is a greeting or a filler


def two_asks(text: str) -> tuple[str, str] | None:
    """The first ask and the second (from its connector on) when the second is a
    question of entitlement; None otherwise."""
    match = CONNECTOR.search(text)
    if match is None:
        return None
    first, second = text[: match.start()], text[match.start() :]
    if len(re.sub(r"\W", "", first)) < _MIN_CHARS or not ENTITLEMENT.search(second):
        return None
    return first, second


def first_ask_leads(
    suggestion: Suggestion,
    text: str,
    route: Callable[[str], Suggestion],
    name: Callable[[str], str],
) -> Suggestion:
    """`suggestion` with the first ask's unit as lead and the entitlement's unit as 协办,
    when `text` asks the two of two units (each half routed alone by `route`)."""
    asks = two_asks(text)
    # A caller asking which unit handles it names alternatives, not 协办 (shared_duty.py).
    if asks is None or suggestion.which_unit:
        return suggestion
    first, second = (route(ask) for ask in asks)
    lead, other = first.department, second.department
    if lead is None or other is None or lead == other:
        return suggestion
    found = (CONNECTOR.match(asks[1]), ENTITLEMENT.search(asks[1]))
    words = "…".join(m.group(0) for m in found if m)  # 另外…够不够
    reason = f"协办：{name(other)}，来电另问是否可享受其待遇（“{words}”）"
    assisting = (
        (other, reason),
        *(a for a in suggestion.assisting if a[0] not in (lead, other)),
    )
    changed = dataclasses.replace(
        suggestion,
        assisting=assisting,
        other_duties=tuple(u for u in suggestion.other_duties if u not in (lead, other)),
        second_ask=suggestion.second_ask or words,  # another unit's: held for a person
    )
    if suggestion.department == lead:
        return changed
    sentence = f"建议主办：{name(lead)}（来电先请其办理，{name(other)}为另问的待遇）"
    notes = _notes(suggestion.explanation)
    old = suggestion.department
    alternatives = (
        *((Alternative(old, suggestion.confidence),) if old else ()),
        *(a for a in suggestion.alternatives if a.department != lead),
    )
    return dataclasses.replace(
        changed,
        department=lead,
        confidence=first.confidence,  # the first ask's own, not the whole text's old lead's
        alternatives=alternatives,
        explanation=f"{sentence}；{notes}" if notes else sentence,
        decided_by="rules",
        phrases=(),
    )


def _notes(explanation: str) -> str:
    """The explanation after its lead sentence (建议主办：…（…）), which may hold a 「；」."""
    depth = 0
    for i, char in enumerate(explanation):
        if char == "（":
            depth += 1
        elif char == "）":
            depth -= 1
            if depth == 0:
                return explanation[i + 1 :].removeprefix("；")
        elif char == "；" and depth == 0:
            return explanation[i + 1 :]
    return ""
