"""People packed into a room, told with a fire or fumes risk: the emergency bureau's. No I/O.

Callers tell a crowded dwelling by how many live there and in what (a building site's shed
of forty, a factory dormitory of thirty, a flat cut into ten rooms for twenty, a basement
turned into bunks) and the danger by what could catch fire or choke them (one power strip
sparking, e-bikes charged indoors, a gas cylinder by the stove, charcoal braziers behind
shut doors, one door and welded windows). The scene's words point elsewhere — the workers
and their boss to human resources, the shed to civil affairs, the wires to the power
company, the shut windows and the smoke to the environment bureau, the letting to housing —
but 消防安全 and 安全生产 are the emergency bureau's.

Counted on the retired labels of rounds 2–29 (round 29, crowded29): adults living packed
(群租, 隔成…间, 住了…人, 宿舍, 工棚, a shed or a basement lived in) told with a fire risk:
19 of 22 lines emergency (86 %; 8 already read by shared_thing.py's flat let room by room,
11 read here). Of the other three, two tell the tenants unregistered (没登记: the police 1,
housing 1: the police's 流动人口登记, not read, as shared_thing.py leaves them) and one a
shed built on a roof and let (urban management: the illegal building, r20_assist 12, not
read: 租给…住 names no count of sleepers); without them 19 of 20 (95 %). Not read (the
labels give them elsewhere): a room of children in a class (一屋子孩子…封死: education 2 of 2,
an unlicensed school), old people in an unlicensed home (civil affairs 1), a crowded
dwelling told for its letting, rent or noise alone (housing 2, gas 1, a subdistrict's check
1), its illness (health 31, human resources 4: the fever readings'), its wages or insurance
(human resources 3). A flat let room by room with a fire risk is shared_thing.py's reading
and is not read twice.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading
from hotline.ticketing.routing.shared_thing import let_flat_fire_risk

HAZARD_UNIT = "emergency"
# The units the crowded scene's words name: the letting (housing), the workers and their
# boss (human resources), the shed and the poor (civil affairs), the wires (power), the
# shut windows and the smoke (environment), the tenants (the police).
SCENE_UNITS = (
    "housing",
    "human_resources",
    "civil_affairs",
    "power",
    "environment",
    "public_security",
)

# Many: a count from two up (not 一名, one stranger).
_MANY = r"[二两三四五六七八九十几好\d][一二两三四五六七八九十几\d]*[十百]?[多来]?"
# A place where many people sleep: a dormitory, a work shed, bunks, a flat let room by
# room or cut into rooms, or a room or shed said to house many (住了四十多人, 一屋十个人).
_CROWDED = re.compile(
    r"宿舍|工棚|上下铺|群租|隔成[^，。！？]{0,6}?间|隔了[^，。！？]{0,6}?间"
    rf"|住(?:了|着)?{_MANY}(?:个|号|口)?[^，。！？户]{{0,4}}?人"
    rf"|一(?:个)?屋(?:子)?(?:住)?(?:了|着)?{_MANY}(?:个|号|口)人?"
)
# What could set it alight or choke the sleepers: wires pulled or a power strip, e-bikes or
# batteries charged inside, a gas cylinder, a stove, a brazier or an electric heater, the
# way out shut (one door, welded or sealed windows, a locked exit), sparks, smoke or fire.
# Not 食物中毒 (a meal's) nor 中毒 alone.
_FIRE_RISK = re.compile(
    r"插线板|插排|接线板|电线|拉线|私拉|乱拉|乱扯|飞线"
    r"|充电|电动车|电瓶车|电瓶|液化气|煤气罐|气罐"
    r"|炭盆|炭火|烧炭|木炭|煤炉|炉子|电炉|电褥子|电暖气|小太阳"
    r"|焊死|封死|就一个门|只有一个(?:门|出口)|一个出口|安全出口|出口[^，。！？]{0,6}?锁"
    r"|关得严|捂得严|火花|冒火|冒烟|着火|着了火|起火|灭火器|消防|煤气中毒|一氧化碳"
)
# Told beside: the tenants unregistered (the police's), a class of children (an unlicensed
# school's, education's), old people in a home (an unlicensed care home's, civil affairs'
# 养老机构: r29_assist 25), a fever (the fever readings'), the gas company's meter or a gas
# leak (the gas company's: shared_thing.py leaves them too).
_NOT_READ = re.compile(
    r"登记|孩子|学生|培训|老人|老年|养老|敬老|发烧|发热|燃气表|燃气公司|煤气公司|漏气"
)


def crowded_fire_risk(text: str) -> str:
    """The words telling a crowded dwelling and its fire or fumes risk, or ""."""
    if _NOT_READ.search(text) or let_flat_fire_risk(text):
        return ""
    return both_words(_CROWDED, _FIRE_RISK, text)


def crowded_fire_readings(text: str) -> list[Reading]:
    """The emergency bureau over the crowded scene's units, in `text` (compact)."""
    risk = crowded_fire_risk(text)
    return [(HAZARD_UNIT, risk, SCENE_UNITS)] if risk else []
