"""Children told as the scene of another unit's duty: a van for hire, a seller's 学区. No I/O.

A caller who tells of pupils, a school or a school district fills the request with the
education bureau's words, and the classifier sends it there; yet what is asked may be
another unit's duty, the children only the reason the caller is afraid. Read from the
held-out misses of round 31 (`want X got education`), each counted on the retired labels
of rounds 2–33 (bench/RESULTS.md, round 34, children34):

- a van carrying children for a fare or plainly unlicensed (黑校车, 黑车, 没有牌照, 改装,
  or 一个月收三百 a child): 非法营运, the transport bureau's — 5 of 5 lines (rounds 25 and
  31), none labelled otherwise. A van the school runs or arranges stays pupil_transport.py's
  (education); a private van told without a fare or a plate (私人面包车, r20: the police; 连个
  校车标志都没有 with the school disowning it, r14: education) is not read;
- a school district promised by a seller (售楼处说买这个房子孩子就能上实验小学, 中介说是学区房):
  the sale's false promise, the housing bureau's (商品房销售) — 2 of 2 (rounds 10 and 31);
  every other 学区 line (14) asks the district itself and is education's, not read.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

TRANSPORT_UNIT = "transport"
HOUSING_UNIT = "housing"
SCHOOL_UNIT = "education"

_CHILDREN = re.compile(r"孩子|学生|小孩|上学|放学|校车")
_VAN = re.compile(r"校车|面包车|客车|[七九]座|私家车|黑车")
# Plainly not a licensed school bus: called a black (unlicensed) one, no plate, rebuilt.
_UNLICENSED = r"黑校车|黑车|没有?牌照|无牌|改装"
# A fare charged by the month or a child: 一个月收三百, 一人一月收三百, 按月收钱.
_FARE = (
    r"(?:按月|一个?月|每月|一人一月|每人每月)[^，。！？]{0,3}?收"
    r"|收[^，。！？]{0,2}?[一二两三四五六七八九十百几\d]+(?:块|元)?[^，。！？]{0,2}?(?:一个月|每月)"
)
_HIRED_VAN = re.compile(rf"{_UNLICENSED}|{_FARE}")
# The school runs, hires or arranges it: the school's own duty (pupil_transport.py).
_SCHOOLS_OWN = re.compile(r"学校(?:给|安排|联系|组织)|幼儿园(?:的|用)|校车费")

_DISTRICT = re.compile(r"学区|(?:就能|能|可以)上[^，。！？]{0,6}?(?:小学|中学|初中)")
# The seller who promised it: the sales office, an agent, the developer.
_SELLER = re.compile(r"售楼|中介|开发商|卖房的|销售")


def hired_van(text: str) -> str:
    """The words telling children carried in a van for a fare or without a licence (not one
    the school runs), or ""."""
    if _SCHOOLS_OWN.search(text) or not _CHILDREN.search(text) or not _VAN.search(text):
        return ""
    found = _HIRED_VAN.search(text)
    return found.group(0) if found else ""


def district_promised(text: str) -> str:
    """The words telling a school district promised by a seller, or ""."""
    seller, district = _SELLER.search(text), _DISTRICT.search(text)
    return f"{seller.group(0)}…{district.group(0)}" if seller and district else ""


def child_setting_readings(text: str) -> list[Reading]:
    """The duty's unit over the education bureau's scene, for each read in `text`."""
    readings: list[Reading] = [
        (TRANSPORT_UNIT, hired_van(text), (SCHOOL_UNIT,)),
        (HOUSING_UNIT, district_promised(text), (SCHOOL_UNIT,)),
    ]
    return [r for r in readings if r[1]]
