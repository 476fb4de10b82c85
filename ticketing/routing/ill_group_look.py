"""Several people ill together and someone asked to come and look: help's ask. No I/O.

A caller tells a group fallen ill at once where they live, work, travel or are cared for
(宿舍一个屋八个人五个发烧, 养老院十几个老人同时发烧咳嗽, 团里二十多人有九个发烧) and asks
for someone to come and see them (派个大夫来看看, 想请卫生部门去看看, 你们来人看看吧). The
handling told on the way (导游还要带着去下一个景点, 院里不让家属探视) drew the type
classifier to the complaint; the ask is for a doctor or an officer to come: the catalogue's
help (派人). Counted on the retired labels of rounds 2–35 (bench/RESULTS.md, round 36,
sickgroup36), `ill_group_look` itself on every line: help 63 of 66 (95 %, rounds 5–35),
health leading 65 of them. The three complaints (r14_assist:10, r16_assist:30,
r18_written:56) are a school's handling judged with the look asked. Not read: the caller
going to a clinic (想去发热门诊看看, a consult), a fire or burning rubbish told with a cough
(烧纸, 着起来, 黑烟), tap water, a power cut or a transformer, livestock ill (猪, 兽医: the
vet's) — no people ill together asking a doctor or an officer.

A tour group ill with the health side asked (`tour_group_ill`: 想让卫生部门来看看, 派个医生
来看看): health leads, not the travel agency's culture and tourism, 5 of 5 on rounds 2–35
(rounds 17, 22 2, 34, 35); with no health side asked the tour's conduct is culture and
tourism's (institution_illness.py, 7 of 7).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.epidemic_group import COUNT
from hotline.ticketing.routing.institution_illness import ILL, RUMOUR, TOUR, health_side_asked
from hotline.ticketing.routing.reading import Reading

HELP = "help"
HEALTH_UNIT = "health"
TOURISM_UNIT = "culture_tourism"
# Its weight: as much as 麻烦 opening a clause (polite_ask.py), over the handling told.
ILL_GROUP_LOOK_WEIGHT = 3.0

# Several people ill: a count of people, a share, falling one after another.
_GROUP = re.compile(
    rf"{COUNT}[个名位人口户家]|好些|一半|大半|全班|一屋|倒下|倒了|接二连三|一个接一个"
    r"|不少人|[全都][^。！？，]{0,4}(?:发烧|烧|拉|吐)"
)
# Someone asked to come (or go) and look at them.
# Not the caller going to a clinic (想去发热门诊看看).
_LOOK = re.compile(
    r"(?:来|派|去)(?![^。！？，,]{0,4}(?:门诊|医院))[^。！？，,]{0,10}?(?:看看|看一下|看一看)"
)
# Not people ill together: a fire or smoke, rubbish burnt, tap water, a power cut or a
# transformer burnt, livestock fallen ill (the vet's).
_NOT_ILLNESS = re.compile(
    r"烧纸|纸灰|着起来|着火|冒烟|黑烟|垃圾|自来水|供电|停电|变压器|猪|牲口|鸡鸭|牛羊|兽医"
)


def ill_group_look(text: str) -> str:
    """The words telling several people ill together and someone asked to come and look at
    them, or ""."""
    if not ILL.search(text) or RUMOUR.search(text) or _NOT_ILLNESS.search(text):
        return ""
    group, look = _GROUP.search(text), _LOOK.search(text)
    return f"{group.group(0)}…{look.group(0)}" if group and look else ""


def tour_group_ill(text: str) -> str:
    """The words telling a tour group ill together with the health side asked, or ""."""
    if not ILL.search(text) or RUMOUR.search(text) or not health_side_asked(text):
        return ""
    tour, group = TOUR.search(text), _GROUP.search(text)
    return f"{tour.group(0)}…{group.group(0)}" if tour and group else ""


def tour_group_readings(text: str) -> list[Reading]:
    """Health over the travel agency's unit where a tour group is ill and health asked."""
    found = tour_group_ill(text)
    return [(HEALTH_UNIT, found, (TOURISM_UNIT,))] if found else []
