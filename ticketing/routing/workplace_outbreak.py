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
  请假, 开除): human resources' 15 to 6 on the same retired lines (recounted on rounds 2–34
  in round 35: with no one asked to come, human resources 9 to health 3, the health ones of
  rounds 29 and 33 only), left to institution_illness.py's sick worker kept at work and
  duty_act.py's pay docked;
- a school's, a kindergarten's, a care home's or a tour group's (institution_illness.py);
- food served that made people ill (the market regulator's; a canteen's eaters ill with the
  cause in doubt read below) and a rumour (the police's);
- a gas or fumes poisoning (煤气, 炭, 一氧化碳): no illness that spreads.

A canteen's eaters ill together (`canteen_outbreak`), a works', a school's or a care home's
(not a restaurant's, not a 老年食堂's), are health's where an illness that spreads is named
or the cause is doubted and someone is asked to come (诺如, 传染, 派人来看看, 疾控, 卫生部门,
我觉得不对劲) and the food is not blamed (说是食物中毒, 馊, 没熟, 卫生许可, 市场监管 named):
counted on rounds 2–34 (bench/RESULTS.md, round 35, workill35), health 12 of 13 (rounds 5–33;
the education line, a school's silence with 要求学校 asked, is kept out); the rest of the
canteen's group illness is the market regulator's 8 of 10 (duty_object.food_made_ill), not
read here.
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
MARKET_UNIT = "market_supervision"
EDUCATION_UNIT = "education"

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


# A canteen, not a restaurant's nor a 老年食堂 (the market regulator's 3 of 3).
_CANTEEN = re.compile(r"(?<!老年)食堂")
_STOMACH = re.compile(r"上吐下泻|又吐又拉|拉肚子|腹泻|吐了|闹肚子|拉稀")
_MANY = re.compile(rf"{COUNT}[个名位人]|好些|一下子|倒了|全")
# An illness that spreads named, or the cause doubted and someone asked to come.
_SPREAD_OR_DOUBT = re.compile(
    r"[诺落罗挪][如入儒]|传染|派人|来人|卫生的|卫生部门|卫健|疾控|不对劲|怎么回事|到底是啥"
)
# The food blamed: a diagnosis of food poisoning, spoilt or raw food, the licence, or the
# market regulator named; or the school asked to act (要求学校通知家长: education's).
_FOOD_BLAMED = re.compile(
    r"(?:说是|说像是|诊断|确诊)食物中毒|馊|没熟|没炖熟|卫生许可|不新鲜|变质|市场监管|市场局"
    r"|要求学校|请学校"
)


def canteen_outbreak(text: str) -> str:
    """The words telling a canteen's eaters ill together with a spreading illness named or
    the cause doubted, the food not blamed, or ""."""
    if RUMOUR.search(text) or _FOOD_BLAMED.search(text):
        return ""
    canteen, doubt = _CANTEEN.search(text), _SPREAD_OR_DOUBT.search(text)
    if canteen and doubt and _STOMACH.search(text) and _MANY.search(text):
        return f"{canteen.group(0)}…{doubt.group(0)}"
    return ""


def workplace_outbreak_readings(text: str) -> list[Reading]:
    """Health over the employer's words where a workplace's group is ill together, and over
    the canteen's where its eaters are."""
    found = workplace_outbreak(text)
    if found:
        return [(HEALTH_UNIT, found, (LABOUR_UNIT,))]
    canteen = canteen_outbreak(text)
    return [(HEALTH_UNIT, canteen, (MARKET_UNIT, EDUCATION_UNIT))] if canteen else []
