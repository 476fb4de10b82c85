"""Paper offerings burnt at a crossroads or on a street: the city's, not the fire's. No I/O.

At 冬至, 清明 and the 鬼节 people burn paper money for their dead at a crossroads or by
the road (十字路口天天有人烧纸 一地纸灰, 路口烧纸没人管). Keeping the street's order
and its ash is 城市管理, urban management's, although the caller tells a fire (点着了,
消防这块也该查查), a passer-by's danger or no one who stops it (没人管) — words that draw
the emergency bureau and the police. Counted on the retired labels of rounds 2–32 before it
was built (bench/RESULTS.md, round 32 rites32): paper burnt at a road, a crossroads or on a
street is told on 10 retired lines in 4 rounds — urban management 7 (r11_assist 3,
r12_spoken 112, r12_written 125, r32_spoken 58 and 159, r32_written 87, r32_assist 4),
civil affairs 2 where a funeral's shed or a grave seller is the matter (r3_assist 35,
r2_spoken 85), power 1 where the fire cut the power (r12_assist 27); with those named
duties left out the reading fires on 7 lines, urban management 7 of 7, and on the seed
corpus's one line (祭祀的时候路边烧纸太多了), urban management 1 of 1.

Not read: paper burnt at graves or on a hill (a wildfire, the emergency bureau's: 12 retired
lines), at a funeral at home (civil affairs'), its price (the market regulator's), a person
gone to burn paper and not back (the police's).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import first_words
from hotline.ticketing.routing.reading import Reading

CITY_UNIT = "urban_management"
HAZARD_UNIT = "emergency"
POLICE_UNIT = "public_security"
RELIEF_UNIT = "civil_affairs"

# Paper money burnt, and a road's place before it within a clause (路口烧纸, 十字路口天天有人
# 烧纸, 在路边烧纸钱).
_BURNT = r"(?:烧纸|烧纸钱|烧冥币|烧包袱|烧元宝)"
_ROAD = r"(?:路口|十字|路边|道边|马路|街上|路当间|道当间|街边)"
_ROAD_BURNT = re.compile(rf"{_ROAD}[^。！？]{{0,12}}?{_BURNT}")
# Another duty named: graves or a hill (a wildfire), a funeral's shed or a grave's trade
# (civil affairs'), the power cut by it, a price, a person not back.
_OTHER_DUTY = re.compile(
    r"坟|山上|山坡|后山|墓|殡葬|灵棚|丧事|白事|停电|没电|变压器|涨价|多少钱|没回来|找不着"
)


def street_offering(text: str) -> str:
    """The words telling paper offerings burnt at a crossroads or on a street (not at
    graves, a funeral or with an outage), or ""."""
    return "" if _OTHER_DUTY.search(text) else first_words(_ROAD_BURNT, text)


def street_offering_readings(text: str) -> list[Reading]:
    """The street's offering read in the compact text, with the fire's and the police's
    units as its scene."""
    words = street_offering(text)
    return [(CITY_UNIT, words, (HAZARD_UNIT, POLICE_UNIT, RELIEF_UNIT))] if words else []
