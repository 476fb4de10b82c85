"""Heavy trucks on a village road: the transport bureau's, not the town's. No I/O.

Read like duty_object.py's objects (it lists them in `duty_objects`). A village road worn
or shaken by the trucks that pass on it (拉石头的大车一趟接一趟 路也压得全是坑, 后半夜大货车
一趟一趟过 路压得稀碎) is told in the village's words (村里说是镇上让走的), which the
area-matter phrases and the classifier learnt as the town's; the catalogue gives the road's
repair and its heavy traffic (超限运输) to the transport bureau wherever the road is.

Counted on the retired labels of rounds 2–30 (bench/RESULTS.md, round 31 town31): heavy
trucks and a village road in one sentence, with no works or port as the trucks' source,
transport 13 of 13 (with an area named 9 of 9; rounds 28–30: 5 of 5). The town named leads
none of the 12 area-named lines the cue reads, the sources included.

Not read, the labels split: trucks of a works beside the village (a quarry, a stone plant:
transport 1, environment 1, natural resources 1; the works' blasting or dust is the
matter) and trucks queueing at the port's gate (public security 2 of 2: a traffic jam).
A village road's snow (transport 7, the town 5) and a village road's damage with no trucks
told (village_own.py: the town 23 of 65) are left to the votes.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import AREA_UNITS, Reading

TRANSPORT_UNIT = "transport"

# A village's road: 村道, 村路, the road out of or into the village, the village's road (not
# 村口, a place where a truck may stand and sell: a diesel seller's is emergency's).
_VILLAGE_ROAD = (
    r"(?:村道|村路|出村|进村|(?:村|屯子?)(?:里|上)?(?:的|那条|这条|那段|这段)?"
    r"(?:水泥|土)?(?:路|道)(?![理德歉具士]))"
)
# Heavy vehicles: trucks by kind or by their load (拉石头的大车, 拉玉米的车), overloaded ones.
_TRUCKS = (
    r"(?:大货车|大车|货车|卡车|渣土车|重车|半挂|罐车|翻斗车|超载"
    r"|拉(?:石头|石料|沙子?|土|煤|玉米|苞米|鱼|货)的(?:大)?车)"
)
_TRUCKS_ON_ROAD = re.compile(
    rf"(?P<road>{_VILLAGE_ROAD})[^。！？]{{0,20}}?(?P<trucks>{_TRUCKS})"
    rf"|(?P<trucks2>{_TRUCKS})[^。！？]{{0,20}}?(?P<road2>{_VILLAGE_ROAD})"
)
# The trucks' source as the matter: a works beside the village (its blasting, its dust) or
# the port's gate the trucks queue for.
_SOURCE = re.compile(r"采石场|石料厂|石场|矿|放炮|港口|进港|排队")


def village_road_trucks(text: str) -> str:
    """The road and the trucks as a phrase (村道…大货车), or "": the two only, not the span
    between, whose words may tell the road as a mere place (roles.unit_role)."""
    if _SOURCE.search(text):
        return ""
    found = _TRUCKS_ON_ROAD.search(text)
    if found is None:
        return ""
    road, trucks = found.group("road") or found.group("road2"), found["trucks"] or found["trucks2"]
    return f"{road}…{trucks}"


def village_road_truck_readings(text: str) -> list[Reading]:
    """Transport over the area named, whose village words only set the scene."""
    found = village_road_trucks(text)
    return [(TRANSPORT_UNIT, found, AREA_UNITS)] if found else []
