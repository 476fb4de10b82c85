"""Several people of one workplace or workers' dormitory fallen ill together: the health
duty over illness that spreads, whoever runs the place. No I/O.

A caller tells a group of workers ill at once where they work or sleep (宿舍一个屋八个人五个
发烧, 车间三十来人一半都发烧咳嗽, 果库一个屋住十二个 倒下五个发高烧) and often the boss's
handling (不让去医院, 不让往外说, 说是累的, 照常上班). The employer's words set the scene; the
illness that spreads among people living and working together is the health commission's
(传染病防控), asked to come, told of, or asked about. Counted on the retired labels of rounds
2–29 (bench/RESULTS.md, round 29 outbreak29): such a group with no pay, leave or job lost
told is health's 36 of 36 (help 23, report 9, consult 3, complaint 1). Not read:

- pay, leave or the job lost because of the illness (请假就扣全勤, 隔离期间一分钱不给, 不让
  请假, 开除): human resources' 15 to 6 on the same retired lines, left to
  institution_illness.py's sick worker kept at work and duty_act.py's pay docked;
- a school's, a kindergarten's, a care home's or a tour group's (institution_illness.py);
- food served that made people ill (the market regulator's) and a rumour (the police's);
- a gas or fumes poisoning (煤气, 炭, 一氧化碳): no illness that spreads.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.epidemic_group import COUNT
from hotline.ticketing.routing.institution_illness import (
    CARE_HOME,
    ILL,
    KEPT_AT_WORK,
    NOT_HERE,
    RUMOUR,
    TOUR,
)
from hotline.ticketing.routing.reading import Reading

HEALTH_UNIT = "health"
LABOUR_UNIT = "human_resources"

# Where people work or sleep together for an employer.
_WORKPLACE = re.compile(
    r"宿舍|工棚|板房|车间|厂里|厂子|工厂|工地|果库|物流园|单位|办公室|科室|工友|工人|员工"
    r"|同事|女工|装卸"
)
# Several of them: a count of people (六七个, 三十来人), a room's worth (一屋, 一半), or falling
# one after another (倒下, 一个接一个).
_GROUP = re.compile(
    rf"{COUNT}[个名位人]|一屋|一半|大半|倒下|倒了|接二连三|一个接一个|好些|不少人"
    r"|都[^。！？，]{0,4}(?:发烧|烧|拉|吐)"
)
# Pay, leave or the job lost over the illness: the labour side's matter.
_PAY_OR_LEAVE = re.compile(
    r"请假|扣|工资|工钱|全勤|旷工|开除|辞退|走人|不给钱|一分钱|出勤|工伤|合同|年终奖"
)
_SCHOOL = re.compile(r"幼儿园|学校|小学|中学|老师|学生|托管|托育|托儿所|班主任|同学")
_POISONED = re.compile(r"煤气|炭|一氧化碳|中毒")


def workplace_outbreak(text: str) -> str:
    """The words telling several people of one workplace or dormitory ill together, with
    no pay, leave or job lost over it, or ""."""
    if not ILL.search(text) or RUMOUR.search(text) or NOT_HERE.search(text):
        return ""
    others = (_SCHOOL, CARE_HOME, TOUR, _POISONED, _PAY_OR_LEAVE, KEPT_AT_WORK)
    if any(p.search(text) for p in others):
        return ""
    place, group = _WORKPLACE.search(text), _GROUP.search(text)
    return f"{place.group(0)}…{group.group(0)}" if place and group else ""


def workplace_outbreak_readings(text: str) -> list[Reading]:
    """Health over the employer's words where a workplace's group is ill together."""
    found = workplace_outbreak(text)
    return [(HEALTH_UNIT, found, (LABOUR_UNIT,))] if found else []
