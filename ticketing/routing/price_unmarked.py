"""Goods or a service sold with no price marked: the market regulator's, whatever is sold.
No I/O.

明码标价 is price supervision, the market regulator's duty, whether the thing sold is a
grave plot at a cemetery (墓园卖墓穴 价签也不挂 问价就说看位置), water at a scenic spot or a
skewer at a night stall — the seller's words (墓园, 景区, 药店) draw civil affairs, culture
and tourism or health. Counted on the retired labels of rounds 2–32 before it was built
(bench/RESULTS.md, round 32 rites32): a price tag or marked price is told on 13 retired
lines in 11 rounds, the market regulator 13 of 13; a price said not to be marked, on 8
(r3_written 98, r3_assist 18, r17_written 39, r17_assist 8, r18_written 102, r22_assist 9,
r28_spoken 88, r32_assist 40), the market regulator 8 of 8. A fee said to lack a basis
(不出示收费依据: a cemetery's management fee) is not a price left unmarked, and the labels give
those to civil affairs (17 of 18 cemetery and funeral charges).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import first_words
from hotline.ticketing.routing.reading import Reading

MARKET_UNIT = "market_supervision"
RELIEF_UNIT = "civil_affairs"
TOURISM_UNIT = "culture_tourism"
HEALTH_UNIT = "health"
CITY_UNIT = "urban_management"

# A price not marked: 价签也不挂, 没标价, 不明码标价, 标价牌都没有, 没有价签.
_UNMARKED = re.compile(
    r"价签[^。！？，]{0,3}?(?:不挂|没挂|没有|都没)|(?:没|不|未)(?:有)?(?:挂)?价签"
    r"|(?:没|不|未)(?:有)?(?:明码)?标价|标价牌[^。！？，]{0,3}?没"
)


def price_unmarked(text: str) -> str:
    """The words telling a price not marked on what is sold, or ""."""
    return first_words(_UNMARKED, text)


def price_unmarked_readings(text: str) -> list[Reading]:
    """The unmarked price read in the compact text, with the seller's units as its scene."""
    words = price_unmarked(text)
    setting = (RELIEF_UNIT, TOURISM_UNIT, HEALTH_UNIT, CITY_UNIT)
    return [(MARKET_UNIT, words, setting)] if words else []
