"""Someone who went out and has not come back: the police's to find, over the place. No I/O.

A family member tells of a father, a child or a husband who went out — to the morning market,
to swim in the river with classmates, to the hospital for his pills — and is not back by
now (到现在没回来, 一宿没回来, 一直没回来, 到这前儿还没回来). Finding a missing person is
the police's (派出所 look at the cameras), whatever the place the caller names: the river
and the classmates drew education (round 35, blind), the market or the hospital draw their
own units. Read beside person_in_need.py in duty_object.py's list of duties, and as a plight
(help) by plight_help.py.

Counted on the retired labels of rounds 2–35 (bench/RESULTS.md, round 35 after the
measurement, missing35): the time-phrase with 没回来/没回家/未归, where no wage boss, net
bar or home village is told, is the police's on 21 of 22 lines in 18 rounds (4–35), help on
22 of 22; the other is civil affairs (round 4's assist set, the same words). Set aside: a
foreman or a boss who went to collect the money and never came back (the wage, human
resources'), a child found in a net bar after a night out (the net bar, culture and
tourism's report), a flat left empty while the owners stayed in their home village (the
property fee, housing's).

Counted and not read: a family member who cannot be reached (联系不上 alone: the police 1 —
a husband gone three days — the town or the street 2, to look in on a father alone after a
typhoon or find an old man's children); an adult found confused (问她家在哪说不清) where no
sleeping or days there are told: the police 13, civil affairs 4 of 17 (76 %, round 35's
老太太 on the beach among the civil affairs); a body seen in the water (漂着个人: one line,
round 35); a police case with no news (派出所做了笔录 一点消息都没有: 2 lines, the police 1,
the market regulator 1).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import first_words
from hotline.ticketing.routing.reading import AREA_UNITS, Reading

POLICE_UNIT = "public_security"
# The units whose words set the scene of the going out: the school and the classmates, the
# beach, the river, the hospital, the market, the bus, a nursing home.
_SCENE = (
    "education",
    "culture_tourism",
    "emergency",
    "water",
    "health",
    "market_supervision",
    "transport",
    "civil_affairs",
    "urban_management",
    *AREA_UNITS,
)

# Not back by now, after a while told (到现在, 一宿, 一直, 到这前儿还): not 没回来 alone, which
# tells a trip not made (过年没回家) as often as someone missing.
_NOT_BACK = re.compile(
    r"(?:到现在|至今|一直|一宿|一天了|这时候还|这前儿还|到这会儿还)[^。！？，]{0,4}?"
    r"(?:没回来|没回家|未归)"
)
# A boss or a foreman who never came back with the wage, a child found in a net bar, owners
# who stayed in the home village: not someone missing.
_NOT_MISSING = re.compile(r"包工头|老板|网吧|老家")


def gone_missing(text: str) -> str:
    """The words telling someone not back by now (not a boss gone with the wage), or ""."""
    return "" if _NOT_MISSING.search(text) else first_words(_NOT_BACK, text)


def gone_readings(text: str) -> list[Reading]:
    """Someone missing read in the compact text: the police's, over the place's units."""
    words = gone_missing(text)
    return [(POLICE_UNIT, words, _SCENE)] if words else []
