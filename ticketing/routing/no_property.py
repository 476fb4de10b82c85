"""A building with no property company: the community stands in, the area named leads. No I/O.

An old building or compound left without a property company (没有物业, 弃管楼, 社区代管)
has nobody else to keep its common parts — the stair lamps, the roof, the drains, the
doors, the snow and rubbish of its yard — and the catalogue's subdistricts and towns answer
for such compounds through their communities. Yet the request speaks a property company's
words (物业 inside 没有物业, 楼道灯, 小区), which the rules and the classifier learnt as
housing's, so a compound that says it has no company was sent to housing. The reading: the
company said to be missing (or the community said to run the building) votes for the area
named. A utility's own line in the building (the heating riser, the gas riser, the water
main or tank) stays the utility's: the company's absence does not make its pipe the area's.

Counted on the retired labels of rounds 2–29 (bench/RESULTS.md, round 30 area30). Of the
requests that say the building has no property company (or is run by the community), an
area named, the area is the label on 45 of 52:

- no utility line told: the area on 44 of 46 (urban management once, the compound's
  rubbish with 城管环卫 asked, r3_assist:24; housing once, the maintenance fund asked,
  r27_assist:2); rounds 26–29: the area 5 of 6;
- a utility line told (暖气, 燃气, 自来水, 供水, 水箱): the utility on 5 of 6, the area 1 —
  not read.

With no area named the reading casts no vote (nobody to lead): the labels' area is itself
the one named.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.rules import Hit
from hotline.ticketing.routing.village_own import moved_where_read, with_reading_weight

# Weight among the area-matter phrases (config `area_matters`, where 没有物业 2 and 弃管 3
# already stand): with them it outweighs housing's 物业 3, 楼道灯 2 and 小区 1 by the
# `area_over_unit` factor, as a village's own thing does (village_own.py).
NO_PROPERTY_WEIGHT = 4.0

# The company said to be missing, or the community said to run the building in its place.
_NO_COMPANY = re.compile(
    r"(?P<said>没有?物业(?!费)|无物业|弃管|没人管的老(?:楼|小区)"
    r"|社区(?:代管|托管|兜底|管的老)|归社区管)"
)
# A utility's own line in the building: the utility's duty wherever the building stands.
_UTILITY_LINE = re.compile(r"暖气|供暖|热力|燃气|煤气|天然气|自来水|供水|水箱|电表|水表|停电")


def no_property(text: str) -> str | None:
    """The words saying the building has no property company (没物业, 弃管), or None where
    none are said or a utility's own line is the matter."""
    said = _NO_COMPANY.search(text)
    if said is None or _UTILITY_LINE.search(text):
        return None
    return said.group("said")


def with_no_property(hits: list[Hit], text: str) -> list[Hit]:
    """The area-matter hits with the reading's weight: added to the written phrase of the
    same words (没有物业, 弃管 are config phrases too), so it is quoted once."""
    return with_reading_weight(hits, no_property(text), NO_PROPERTY_WEIGHT)


def no_property_share(proba: dict[str, float], area: AreaHit | None, text: str) -> dict[str, float]:
    """The classifier's vote with the bureaus' share moved to the area named where the
    building has no property company: it learnt 物业 and 楼道灯 as housing's and cannot tell
    a missing company from a present one. Each bureau keeps `SETTING_FACTOR` of its share,
    as a village's own thing does (village_own.py)."""
    return moved_where_read(proba, area, no_property(text))
