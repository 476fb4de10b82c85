"""After a storm or a flood: relief for a home lost, a tree sparking on a power line, and
医疗救助 asked after 医保. No I/O.

Read like duty_act.py's acts (it lists these readings). A household's request after a storm
is full of the emergency bureau's words (暴雨, 大水, 淹) and of the scene's (a tree is the
city's greenery, 低保户 civil affairs'); the catalogue gives the duty by what is asked.
Counted on the retired labels of rounds 2–35 (bench/RESULTS.md, round 35 after the
measurement, relief35):

- a home collapsed, soaked or washed away and relief or a roof asked (后墙让暴雨泡塌了一角 …
  请求给点救助, 房子让大水冲了 有没有啥救助): 临时救助 / 受灾救助, civil affairs', 9 of 10
  lines in rounds 2, 13, 14, 21, 35; the tenth asks the community to rehouse an old man
  (the subdistrict's, r21_assist:30), which the reading leaves out;
- a tree on a power line sparking, tripping or cutting the power (树梢搭在电线上 一晃就打
  火花): the power company's, 7 of 7 in rounds 3, 4, 6, 17, 30, 35; a tree on a line with
  no spark told is mostly the city's greenery (urban management 5 of 7) and is not read;
- 医疗救助 asked after 医保 has paid (医保报完还欠八万多 … 还能申请什么医疗救助): the
  insurer's, 2 of 2 (rounds 34, 35); where civil affairs is asked for 临时救助 (r8) it is
  civil affairs', left out.

Counted and not read: a flood shelter's sick (a doctor asked: health 2; no doctor came:
emergency 1, r35), split; sandbags asked or withheld (the area named on 11 of 13, rounds
13–35) would need an area reading (area_share.py, rule_votes.py), left for lack of time.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

RELIEF_UNIT = "civil_affairs"
HAZARD_UNIT = "emergency"
HOUSING_UNIT = "housing"
POWER_UNIT = "power"
CITY_UNIT = "urban_management"
INSURANCE_UNIT = "medical_insurance"
HEALTH_UNIT = "health"

# A home's walls or roof collapsed, soaked or washed away.
_HOME_LOST = re.compile(r"(?:房|屋|墙)[^。！？]{0,12}?(?:塌|泡|冲|淹|毁)")
# Relief or a roof asked.
_RELIEF_ASKED = re.compile(r"救助|没地方住|没处住|没地方去")
# The community asked to rehouse someone: the area's.
_NOT_RELIEF = re.compile(r"社区|安置一下")

_TREE = re.compile(r"树")
_ON_LINE = re.compile(r"电线|线上|高压线")
_SPARKING = re.compile(r"火花|火星|冒火|打火(?!机)|跳闸|停电|放电")

_MEDICAL_RELIEF = re.compile(r"医疗救助|大病救助")
_INSURER_PAID = re.compile(r"医保")
# Civil affairs asked for 临时救助 by name: its own.
_NOT_INSURERS = re.compile(r"民政|临时救助")


def home_relief(text: str) -> str:
    """The words telling a home lost to rain or flood and relief asked (not the community
    asked to rehouse), or ""."""
    return "" if _NOT_RELIEF.search(text) else both_words(_HOME_LOST, _RELIEF_ASKED, text)


def tree_sparking(text: str) -> str:
    """The words telling a tree on a power line sparking or cutting the power, or ""."""
    if not _TREE.search(text):
        return ""
    return both_words(_ON_LINE, _SPARKING, text)


def medical_relief(text: str) -> str:
    """The words asking 医疗救助 after 医保 (not civil affairs' 临时救助 asked), or ""."""
    if _NOT_INSURERS.search(text):
        return ""
    return both_words(_MEDICAL_RELIEF, _INSURER_PAID, text)


def storm_relief_readings(text: str) -> list[Reading]:
    """Each ask read in the compact text, with its unit and its setting's units."""
    readings: list[Reading] = [
        (RELIEF_UNIT, home_relief(text), (HAZARD_UNIT, HOUSING_UNIT)),
        (POWER_UNIT, tree_sparking(text), (CITY_UNIT, HAZARD_UNIT)),
        (INSURANCE_UNIT, medical_relief(text), (RELIEF_UNIT, HEALTH_UNIT)),
    ]
    return [r for r in readings if r[1]]
