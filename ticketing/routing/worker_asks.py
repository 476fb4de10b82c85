"""A worker's ask that is not the work's setting: relief after losing work, medical insurance
beside a work injury, and a flexible worker's own medical insurance. No I/O.

A worker tells the work first (工地, 厂子, 老板跑了, 工钱没结, 工伤) and the ask last, and the
work's words read as human resources'. Three asks go the other way or stay with human
resources, counted on the retired labels of rounds 2–33 (bench/RESULTS.md, round 34
workers34):

- relief or 低保 asked after losing the work or its pay (厂子倒闭了 … 能不能帮着申请个低保,
  老板跑了 … 想求个救助): 社会救助, civil affairs', 9 of 9 (rounds 9–33); the unpaid wages
  are only why the family has nothing, and a caller wanting them paid asks no 救助;
- 医保 asked beside 工伤 (医院说是工伤不能走医保, 老板不给报工伤): 工伤保险 and the employer's
  duty, human resources' 12 of 13 (rounds 2–33) once a report of a worker's own 医保卡 swiped
  for the injury is left out (the insurer's fund, r20_assist:8); the one left is r8_assist:31
  (医保 to pay first while an injury the employer filed is judged, the insurer's);
- a flexible worker's (灵活就业) own 医保: the insurer's, 7 of 7 (rounds 8–33); a flexible
  worker's 养老保险 is human resources', so a text naming it is not read.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

LABOUR_UNIT = "human_resources"
RELIEF_UNIT = "civil_affairs"
INSURANCE_UNIT = "medical_insurance"

# The work or its pay lost: a factory closed, a boss gone, wages unpaid, no work left.
_WORK_LOST = re.compile(
    r"倒闭|厂子[^。！？]{0,4}黄了|老板跑|跑路|工钱|工资没|没了工作|没工作|失业|下岗|裁员|没活"
)
_RELIEF = re.compile(r"救助|低保")

_INJURY = re.compile(r"工伤")
_MEDICAL = re.compile(r"医保")
# A worker's own card swiped for the injury, reported: the insurer's fund misused.
_FUND_MISUSED = re.compile(r"举报|医保卡")

_FLEXIBLE = re.compile(r"灵活就业")
# A flexible worker's pension is the labour bureau's own.
_PENSION = re.compile(r"养老")


def relief_after_work_lost(text: str) -> str:
    """The words telling relief asked after the work or its pay was lost, or ""."""
    return both_words(_WORK_LOST, _RELIEF, text)


def medical_beside_injury(text: str) -> str:
    """The words telling 医保 asked beside a work injury, or ""."""
    return "" if _FUND_MISUSED.search(text) else both_words(_INJURY, _MEDICAL, text)


def flexible_medical(text: str) -> str:
    """The words telling a flexible worker's own 医保, or ""."""
    return "" if _PENSION.search(text) else both_words(_FLEXIBLE, _MEDICAL, text)


def worker_ask_readings(text: str) -> list[Reading]:
    """The unit a worker's ask belongs to over the work's or the other bureau's words."""
    readings: list[Reading] = [
        (RELIEF_UNIT, relief_after_work_lost(text), (LABOUR_UNIT,)),
        (LABOUR_UNIT, medical_beside_injury(text), (INSURANCE_UNIT,)),
        (INSURANCE_UNIT, flexible_medical(text), (LABOUR_UNIT,)),
    ]
    return [r for r in readings if r[1]]
