"""Assisting units (协办): when a request touches a second unit's duty as well as the
lead's, name that unit and say why. No I/O.

A second unit is suggested when the rules heard its own duty phrases with at least
`MIN_POINTS` (one strong phrase: 开发商, 燃气, 消防通道…) — the lead alone cannot settle a
request whose other half is someone else's duty. When the lead is a unit but the text also
names a town/community/village matter in a named area, that area assists (属地协办).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from hotline.ticketing.routing.rule_votes import UnitScores

MIN_POINTS = 3.0  # one strong duty phrase of the other unit
MAX_ASSISTING = 2


@dataclass(frozen=True)
class Assist:
    department: str
    reason: str  # Chinese, shown to the operator


def assisting_units(
    lead: str | None,
    units: UnitScores,
    area_id: str | None,
    area_ids: Collection[str],
    name: Callable[[str], str],
) -> tuple[Assist, ...]:
    """The units that should assist `lead`, strongest first, each with its reason."""
    if lead is None:
        return ()
    found: list[tuple[float, Assist]] = []
    for unit_id, score in units.scores.items():
        if unit_id == lead or unit_id in area_ids or score < MIN_POINTS:
            continue
        words = "".join(f"“{h.phrase}”" for h in units.hits_of.get(unit_id, [])[:3])
        found.append((score, Assist(unit_id, f"协办：{name(unit_id)}，涉及其职责（{words}）")))
    if area_id and lead not in area_ids and units.area_hits:
        words = "".join(f"“{h.phrase}”" for h in units.area_hits[:2])
        found.append((MIN_POINTS, Assist(area_id, f"属地协办：{name(area_id)}（{words}）")))
    found.sort(key=lambda f: -f[0])
    return tuple(a for _, a in found[:MAX_ASSISTING])
