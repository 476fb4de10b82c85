"""The vehicle office's business — a driving licence renewed, its medical, a car's inspection
— is the traffic police's (车管所, 交警). No I/O.

A caller tells the office's errand with words other units keep: the licence's medical and
its hepatitis result (驾照体检, 乙肝表面抗原阳性) read as health's, a queue at a window
with a boss docking pay (窗口就开一个 … 单位扣奖金) as human resources', an inspection line
(车检排队 … 检测站人挤人) as health's again. Round 36 sent all four of its lines elsewhere.
The catalogue gives 车辆管理 and 驾驶证 to public security, and the retired labels of rounds
2–36 agree (counted in bench/RESULTS.md, round 36 traffic36):

- 车管所 named: the police 19 of 21 in 13 rounds; the other two a shop's or a driving
  school's money (店里不给退, 学费还没退: market supervision), which `_SELLERS_MONEY` leaves;
- a licence renewed, expiring, examined or its medical (换驾照, 驾驶证到期, 考驾照, 驾照体检,
  外地驾照): the police 12 of 13 in 9 rounds; the thirteenth a ride-hailing driver's
  permit (网约车驾驶员证: transport), which `_NOT_LICENCE` leaves;
- a car's inspection (车检, 检车, 车辆年检, 验车, 检测站): the police 8 of 9 in 5 rounds; the
  ninth an inspection station forcing its neighbour's repair shop (强买强卖: market
  supervision), which `_SELLERS_MONEY` leaves.

Counted and not built (the labels split or one round only): cars parked on a pavement (the
police 3, all round 36; urban management 2, market supervision 1), a zombie car (the police
2 on a road, housing 2 in a compound's space, all round 36), speed-limit signs that
contradict (the police 2, round 36 only), a zebra crossing (transport 3, the police 1).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

POLICE_UNIT = "public_security"
# The errand's words: the medical (health), the window and the boss (human resources),
# the road and its drivers (transport), the driving school (education), the street (city).
SETTING_UNITS = ("health", "human_resources", "transport", "education", "urban_management")

_OFFICE = re.compile(r"车管所")
_LICENCE = re.compile(
    r"(?:驾照|驾驶证)[^。！？]{0,12}?(?:换|体检|到期|过期|考|补|审)"
    r"|(?:换|考|体检)[^。！？]{0,6}?(?:驾照|驾驶证)|外地驾照"
)
_INSPECTION = re.compile(
    r"车检|检车|车辆年检|车[^。！？]{0,4}?年检|年检[^。！？]{0,4}?车|验车|检测站"
)
# A shop's, a school's or a repair shop's money: the market regulator's, whoever turned the
# car down (店里不给退, 驾校学费, 隔壁修理店 … 强买强卖).
_SELLERS_MONEY = re.compile(r"不给退|退钱|退款|学费|修理|强买强卖")
# A ride-hailing driver's permit (网约车驾驶员证) is transport's; an old people's buggy sold as
# needing no licence (不用驾照) the market regulator's.
_NOT_LICENCE = re.compile(r"驾驶员证|从业资格|不用驾照|不要驾照")


def vehicle_office(text: str) -> str:
    """The words telling the vehicle office's errand — the office, a licence renewed or
    examined, a car's inspection — (not a seller's money, not a driver's permit), or ""."""
    if _SELLERS_MONEY.search(text) or _NOT_LICENCE.search(text):
        return ""
    for cue in (_OFFICE, _LICENCE, _INSPECTION):
        found = cue.search(text)
        if found:
            return found.group(0)
    return ""


def office_named(text: str) -> bool:
    """Whether the vehicle office itself is named (not a seller's money): a boss docking
    the caller's pay for the day lost there (下午还得请假 单位扣奖金) then tells the office's
    queue, not the employer's act (employer.py; round 36's one such line, r36_spoken:102,
    the police's)."""
    return bool(_OFFICE.search(text)) and not _SELLERS_MONEY.search(text)


def vehicle_office_readings(text: str) -> list[Reading]:
    """The police over the errand's words, in `text` (compact)."""
    words = vehicle_office(text)
    return [(POLICE_UNIT, words, SETTING_UNITS)] if words else []
