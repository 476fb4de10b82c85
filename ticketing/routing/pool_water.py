"""The water of a swimming pool, a hot-spring bath or a bath-house pool, dirty or its testing
asked: health's 公共场所卫生监督. No I/O.

A caller tells the pool by its trade (温泉, 酒店, 办了卡的游泳馆) and its water in the
water company's words (水浑, 换水, 水质检测); the classifier follows those words to the water
company, the market regulator, culture and tourism or the town (round 35 sent all four of
its pools there). The catalogue gives a public place's pool water (游泳场所, 沐浴场所 卫生
监督) to health, whoever runs the place.

Counted on the retired labels of rounds 2–35: a pool's, a bath's or a 洗浴's water told
cloudy, smelly, unchanged, green, unclean or its testing asked: health 13 of 15 (r8_spoken:54,
r8_written:15, r13_assist:36, r17_written:82, r19_written:27, r22_spoken:64, r23_written:68,
r31_assist:15, r35_spoken:104, r35_spoken:148, r35_written:9, r35_written:87,
r35_written:110). The other two are left out below: a hotel's pool water let into a river
(environment, r22_assist:38: its discharge) and a baby pool's card not refunded (market
supervision, r31_written:52: the refund asked). The sea's bathing beach (海水浴场) is the
environment's water or culture and tourism's beach, a place named 温泉 (温泉小区, 温泉路)
the water company's tap water: neither is a pool. A village well's water, cloudy or tested,
is not read: with no farm or factory named its labels are the town's 4, the water company's 1
and health's 1 (r35_written:7, where to have it tested); with a farm named, environment's 4.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

HEALTH_UNIT = "health"
# The water company's words, the card's shop, the resort's tourism and the town set the scene.
SCENE_UNITS = (
    "water",
    "market_supervision",
    "culture_tourism",
    "xiongyue",
    "honghai",
    "haixing",
    "wanghai",
    "lutun",
    "hongqi",
)

# A pool people swim or bathe in (the recogniser's 文泉 for 温泉 is kept).
_POOL = re.compile(
    r"游泳馆|游泳池|泳池|游泳班|泡池|池水|池子|温泉池|汤泉|洗浴|澡堂|浴池|泡温泉|泡文泉|泡汤|泡湯"
)
# Its water told dirty, unchanged, or its testing asked.
_QUALITY = re.compile(
    r"水[^。！？]{0,6}?(?:浑|混浊|混濁|发白|发绿|是绿的|看不见底|怪味|异味|異味|尿骚|臭)"
    r"|(?:不换|没换|不消毒|消不消毒|没消毒|换水)"
    r"|水质检测|池水[^。！？]{0,6}?检测"
)
# Not a pool's water inside: the sea, its water let out into a river, a refund asked, a
# town's tap water.
_NOT_POOL_WATER = re.compile(r"海水|浴场|海边|河里|河沟|放进|排到|退卡|退钱|自来水|停水|水龙头")


def pool_water(text: str) -> str:
    """The words telling a pool's or a bath's water dirty or its testing asked, or ""."""
    if _NOT_POOL_WATER.search(text):
        return ""
    return both_words(_POOL, _QUALITY, text)


def pool_water_readings(text: str) -> list[Reading]:
    """Health over the water's, the trade's and the town's words, in `text` (compact)."""
    words = pool_water(text)
    return [(HEALTH_UNIT, words, SCENE_UNITS)] if words else []
