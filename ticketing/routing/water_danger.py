"""Water endangering lives: the emergency bureau's duty, whatever the water is called. No I/O.

The emergency bureau's duties include natural-disaster response (自然灾害应急): a river or
a reservoir rising over its bank or dam, a levee giving way, people or cars caught by
water in a flooded underpass, children swimming where they may drown. Callers name the
water by what it is (河, 水库, 采石坑, 水泡子, 下穿桥) and the danger by what happens
(漫过坝, 游泳, 差点淹着, 熄火); no single phrase says "flood hazard", and the water's own
words point elsewhere (采石 to natural resources, 出租车 to transport, the village to the
town). Read together — a body of water and, close to it, a danger to life — they are the
emergency bureau's.

Not read: the sea and its beaches (浴场, 海边): a beach's lifeguards and warning signs are
the scenic spot's (culture and tourism) in the retired sets; and water named without
danger (河道里挖沙, 河堤咋整: the digging is the matter).
"""

from __future__ import annotations

import re

EMERGENCY_UNIT = "emergency"
# Inland water that can drown or flood: a river and its banks, a reservoir or pond, a pit
# or quarry full of water, an underpass or culvert under water. Not a street named after
# a river (黄河路) nor a province (河北).
_WATER = (
    r"(?:河(?![路街南北])|江(?![路街])|堤|大坝|坝上|水库|水塘|池塘|水坑|大坑|石坑|水泡子|泡子"
    r"|下穿|桥洞|涵洞)"
)
# What endangers lives there: water over the bank, a breach, people swimming or drowning,
# a car stalled or people trapped by the water. Not a pool, a swimming club or its card
# (游泳池, 游泳馆, 游泳班, 游泳卡: a consumer's or a trainer's matter).
_DANGER = (
    r"(?:漫过|漫上|漫到|漫堤|漫坝|决口|决堤|溃坝|冲开|溺水|淹死|淹着|淹了|给淹|被淹|都得淹"
    r"|游泳(?![池馆班卡])|洗澡|跳水|熄火|被困|困在|车顶)"
)
# The water and the danger within this many characters of each other, either order.
WINDOW_CHARS = 24
_WATER_DANGER = re.compile(
    rf"{_WATER}[^。！？]{{0,{WINDOW_CHARS}}}?{_DANGER}|{_DANGER}[^。！？]{{0,{WINDOW_CHARS}}}?{_WATER}"
)
# The danger's weight among the emergency bureau's phrases: a decisive duty word's.
DANGER_WEIGHT = 4.0


def water_danger(text: str) -> str:
    """The words telling water endangering lives (水库…游泳, 河水快漫过坝), or ""."""
    found = _WATER_DANGER.search(text)
    return found.group(0) if found else ""
