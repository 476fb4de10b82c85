"""What stands, sparks, falls or is left undone by the road: the owner's, not the road's. No I/O.

A caller places the trouble on a road (道中间, 马路当间, 底下就是公交站, 路口红绿灯, 拐弯那里, 小区
大门口那段坡道, 修路) and the road's words draw the lead to transport, urban management or the
police (round 36 sent seven such lines there). The catalogue gives the thing to its owner:

- a power pole standing in the road, leaning or down (电线杆子 立在道中间, 歪了, 倒在路中间):
  the power company's; power 11 of 11 (rounds 2, 8, 12, 16, 21, 35, 36);
- a transformer sparking, smoking, humming or burnt (变压器 … 直冒火花): the power company's;
  power 6 of 6 with a spark (rounds 9, 12, 15, 17, 35, 36), any transformer 23 of 24;
- an outage told with the crossing's lights or the police at the crossing (整条街都停电了 路口
  红绿灯也黑了): the power company's, 5 of 5 (rounds 11, 12, 35, 36) once a call asking the
  police to direct the traffic (派个人来指挥一下, public security, r10_assist:8) and a
  stall set up in the dark (摆摊, urban management, r21_spoken:141) are left out;
- stones coming down a hillside (山上滚下来好些石头, 拐弯那里的石头松了 … 掉下来一块): the
  emergency bureau's geological hazard, 11 of 11 (rounds 3, 5, 9, 14, 18, 21, 36); a landslide
  that has only blocked the road (塌方 … 堵死了, 派个铲车) stays transport's and is not read;
- a compound's ice the property does not clear (小区大门口那段坡道结冰了 … 麻烦物业来撒点沙子):
  housing's property service, 7 of 7 (rounds 9, 15, 18, 32, 36); ice from a leaking pipe
  (heating's or water's), icicles and a compound with no property are left out;
- a building site or a road works kept going at night (新路施工天天干到半夜 … 打桩): housing's
  夜间施工, 11 of 12 (rounds 2, 4, 14, 17, 19, 25, 28, 34, 36); the twelfth leads with dust
  (扬尘, 苫盖: environment's, r2_assist:32) and is left out, and so is a flat's renovation.

Not built: people stranded by snow on the road (大雪把道封了 … 困在半道上, emergency) has one
retired line (r36_spoken:55).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

POWER_UNIT = "power"
HAZARD_UNIT = "emergency"
HOUSING_UNIT = "housing"
# The road's units, whose words only set the scene here.
ROAD_UNITS = ("transport", "urban_management", "public_security")

_POLE = re.compile(r"电线杆")
_POLE_OUT = re.compile(r"中间|当间|当中|正中|路中|歪|倒|斜")
_POLE_NOT = re.compile(r"广告|贴")

_TRANSFORMER_FAULT = re.compile(
    r"变压器[^。！？]{0,16}?(火花|冒火|火星|冒烟|着火|起火|打火|焦糊|嗡嗡|烧了)"
)

_OUTAGE = re.compile(r"停电|没电|断电")
_CROSSING = re.compile(r"红绿灯|信号灯|路口|交警")
_OUTAGE_NOT = re.compile(r"指挥一下|指挥指挥|疏导|摆摊|占道")

_STONE_FALLS = re.compile(
    r"(石头|石块|落石|山石|碎石)[^。！？]{0,12}?"
    r"(往下滚|滚下来|滚到|掉下来|往下掉|松了|崩到|滚落|落下来|滑下来)"
    r"|(往下滚|滚下来|往下掉|掉下来)[^。！？]{0,6}?(石头|石块|碎石)"
)
_HILL = re.compile(r"山|坡|崖")

_PROPERTY = re.compile(r"物业|wy|雾业")
_ICE = re.compile(r"结冰|全是冰|冻成冰|冰坨|冰面|冰板|冻上")
_CLEAR = re.compile(r"撒|铲|扫|清")
_ICE_NOT = re.compile(r"管|漏|冒水|暖气|冰溜|没物业|没有物业|弃管|冰箱|冰柜")

_SITE = re.compile(r"施工|打桩|压路机|工地")
_NIGHT = re.compile(r"半夜|夜里|夜间|凌晨|到天亮|晚上|后半夜|一宿")
_NOISE = re.compile(r"吵|噪|响|轰|颤|睡不着|扰民|干到")
_SITE_NOT = re.compile(r"扬尘|苫盖|装修")


def _pole(text: str) -> str:
    found = _POLE.search(text)
    if not found or _POLE_NOT.search(text) or not _POLE_OUT.search(text):
        return ""
    return found.group(0)


def _outage(text: str) -> str:
    found = _OUTAGE.search(text)
    if not found or not _CROSSING.search(text) or _OUTAGE_NOT.search(text):
        return ""
    return found.group(0)


def _stones(text: str) -> str:
    found = _STONE_FALLS.search(text)
    return found.group(0) if found and _HILL.search(text) else ""


def _property_ice(text: str) -> str:
    found = _ICE.search(text)
    if not found or not _PROPERTY.search(text) or not _CLEAR.search(text):
        return ""
    return "" if _ICE_NOT.search(text) else found.group(0)


def _night_works(text: str) -> str:
    found = _SITE.search(text)
    if not found or not _NIGHT.search(text) or not _NOISE.search(text):
        return ""
    return "" if _SITE_NOT.search(text) else found.group(0)


def roadside_readings(text: str) -> list[Reading]:
    """The owner of what stands, sparks, falls or is left undone by the road, in `text`
    (compact), over the road's units."""
    transformer = _TRANSFORMER_FAULT.search(text)
    readings: list[Reading] = [
        (POWER_UNIT, _pole(text), ROAD_UNITS),
        (POWER_UNIT, transformer.group(0) if transformer else "", ROAD_UNITS),
        (POWER_UNIT, _outage(text), ROAD_UNITS),
        (HAZARD_UNIT, _stones(text), ROAD_UNITS),
        (HOUSING_UNIT, _property_ice(text), ROAD_UNITS),
        (HOUSING_UNIT, _night_works(text), (*ROAD_UNITS, "environment")),
    ]
    return [r for r in readings if r[1]]
