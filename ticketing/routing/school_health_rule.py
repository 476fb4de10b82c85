"""A school's rule over a pupil's health questioned: the school's conduct, education's,
though told in health's words. No I/O.

A school or kindergarten demands a health paper or check before a pupil may come (复查单才让
住校, 无传染病证明才让返校, 不补就不让入园), has the family pay for a test or a screening
(交二十块做检测, 结核筛查一个收八十), or sends a pupil home or scores a missed exam zero over
an illness; the caller asks whether the school may (这合理吗, 合规吗, 学校有这个权力吗, 凭啥,
这钱收得不对吧, 要求取消). The illness, the shot or the paper is health's word, but what is
asked is the school's rule, which the education bureau oversees. Counted on the retired
labels of rounds 2–29 (bench/RESULTS.md, round 30 school30): a school, a health matter and
the fairness asked, education 10 of 11 (the eleventh an employer's docking over a child's
chickenpox, human resources'; not read here, no school's rule); by round 26 education 2,
29 education 1. Not read: where or which shot asked for the entry check
(school_entry_shots.py, health 12 of 12); where a return-to-school paper is made, with no
fairness asked (health 11, education 2 on the same lines: left to the router).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading
from hotline.ticketing.routing.school_entry_shots import school_entry_shot

EDUCATION_UNIT = "education"
HEALTH_UNIT = "health"

_SCHOOL = re.compile(
    r"幼儿园|幼儿原|学校|小学|中学|园里|园长|入学|入园|住校|返校|回园|复课|老师|班主任|校方"
)
# The health matter the rule is over: a paper, a check or a test, a shot, an illness.
_HEALTH_MATTER = re.compile(
    r"证明|复查|体检|筛查|查验|接种|疫苗|化验|检测|健康证|乙肝|肝炎|结核|传染|抗原|核酸"
    r"|体温|发烧|低烧|水痘|手足口|诺如|甲流|流感"
)
# Whether the school may: its fairness, its right, its charge questioned.
_FAIRNESS_ASKED = re.compile(
    r"合理吗|合理不|合不合理|合规吗|合法吗|合不合法|有这个权力|有权这么|凭啥|凭什么"
    r"|不对吧|这样行吗|能这样吗|要求取消|这叫歧视|是不是歧视"
)
# An employer's rule over a parent's leave is the labour side's (请假 … 扣绩效 这合法吗).
_EMPLOYER = re.compile(r"公司|单位|厂里|老板|领导|绩效|工资|扣了我")


def school_health_rule(text: str) -> str:
    """The words asking whether a school's rule over a pupil's health is fair, or ""."""
    if _EMPLOYER.search(text) or school_entry_shot(text):
        return ""
    school, matter = _SCHOOL.search(text), _HEALTH_MATTER.search(text)
    asked = _FAIRNESS_ASKED.search(text)
    if school is None or matter is None or asked is None:
        return ""
    return f"{school.group(0)}…{matter.group(0)}…{asked.group(0)}"


def school_health_rule_readings(text: str) -> list[Reading]:
    """Education over health's words where a school's health rule is questioned."""
    found = school_health_rule(text)
    return [(EDUCATION_UNIT, found, (HEALTH_UNIT,))] if found else []
