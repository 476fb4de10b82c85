"""Pupils carried in a school's vehicle: the school's duty, not the driver's. No I/O.

A caller who tells of a kindergarten's or a school's van packed with children names the
driver and the road (司机还开得飞快, 超载) as well as the school; the phrase votes tie and the
classifier, which has also learned private vans carrying pupils (transport or the police),
decides. The retired labels give a vehicle the school runs, hires or arranges to the
education bureau (its 校车 and 接送 safety duty): counted on rounds 2–25, the lines read
below are labelled education 13 of 13 (a 幼儿园's 七座面包车 packed with children, a van
学校给联系的, a 校车 overloaded, late, rerouted or cancelled, a 校车 driven too fast, a 校车
with pupils ill on it), and the seed corpus's 2 of 2. Not read: a van the school says it
did not arrange or a private one (学校说不是他们安排的, 私人面包车, 村里一个人自己拉的:
transport 1, the police 1; one more, 学校说是家长自己找的, is labelled education: the split
is left to the other readings), and a road the 校车 cannot pass (a snow pit, an iced slope:
transport 2 of 2, the road's keeper). A van for a fare or unlicensed (黑校车, 一人一月收三百)
is child_setting.py's (transport 5 of 5) and not read here.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.child_setting import hired_van
from hotline.ticketing.routing.reading import Reading

SCHOOL_UNIT = "education"
ROAD_UNITS = ("transport", "public_security")


_SCHOOL = r"(?:学校|小学|中学|初中|高中|幼儿园)"
_VEHICLE = r"(?:校车|接送车|面包车|大巴|小客车)"
# The school runs, hires or arranges the vehicle: 学校让我们坐的接送车, 学校给联系的校车,
# 幼儿园每天用一辆七座面包车接送孩子, 幼儿园 接孩子用的是…面包车; or a 校车 at a school.
_SCHOOLS_VEHICLE = re.compile(
    rf"{_SCHOOL}(?:的|让[^，。！？]{{0,6}}?|给[^，。！？]{{0,6}}?|安排的|联系的"
    rf"|[^，。！？]{{0,8}}?用(?:的是)?[^，。！？]{{0,6}}?){_VEHICLE}"
    rf"|{_SCHOOL}[^。！？]{{0,20}}?校车|校车[^。！？]{{0,30}}?{_SCHOOL}"
)
# Not the school's matter: a private van, the school saying it did not arrange it, or the
# road the bus cannot pass (雪坑, 冻成冰的大坡: the road's keeper's, transport 2 of 2).
_NOT_THE_SCHOOLS = re.compile(
    r"私人|私家|自己拉|自己找的|不是(?:学校|他们|幼儿园)[^，。！？]{0,4}?(?:安排|联系|找)"
    r"|跟学校没关系|和学校没关系|不是校车|雪坑|冻成冰|结冰|路面|坑洼|爬不上"
)


def pupil_transport_readings(text: str) -> list[Reading]:
    """The school over the road's units where pupils ride a vehicle it runs, in `text`."""
    if _NOT_THE_SCHOOLS.search(text) or hired_van(text):
        return []
    found = _SCHOOLS_VEHICLE.search(text)
    return [(SCHOOL_UNIT, found.group(0), ROAD_UNITS)] if found else []
