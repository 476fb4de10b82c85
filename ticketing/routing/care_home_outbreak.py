"""Residents of a care home or a day centre ill together: health's duty over the home's
setting. No I/O.

A care home (养老院, 老人院, 敬老院), a day centre (日间照料中心, 照料站) is civil affairs'
institution, and the classifier learnt its words as civil affairs'. Where residents there are
told ill together and either the health side is asked (派人来看看, 查查, 隔离, 上报, the health
bureau named to act: institution_illness.health_side_asked) or a contagious disease other
than flu is told present among them (得了肺结核, 出了诺如, 怕是诺如, 医生说是疥疮, 怀疑传染病),
the duty is the outbreak's, the health bureau's, however the home's handling is told.

Counted on the retired labels of rounds 2–32 (bench/RESULTS.md, round 32, carehome32), the
reading itself on every line: health 21 of 22 (95 %; rounds 2–27 10 of 11, round 32 11 of
11); power 1 (r21_assist:21, a care home without power, the power company asked). Not read:

- residents ill together with no health side asked and no contagious disease named (发烧,
  咳嗽, 流感 only, the home's handling told): civil affairs 6, health 4 (60 %; rounds 2–27
  civil affairs 6 to 2, round 32 health 2 of 2), a split below the bar, left to
  institution_illness.py's civil-affairs reading;
- food served that made them ill (食堂, 吃了: the market regulator's), a rumour (造谣), shots
  (疫苗: shots_brought.py), a contagious disease only as an admission check (入住要查肺结核:
  the home's rule, civil affairs').
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.epidemic_group import COUNT, NOT_TIME
from hotline.ticketing.routing.reading import Reading

HEALTH_UNIT = "health"
RELIEF_UNIT = "civil_affairs"

# A home for the old or a day centre for them: civil affairs' institutions.
ELDER_CARE = re.compile(
    r"养老院|老人院|敬老院|老年公寓|养老机构|养老中心|护理院|福利院|日间照料|照料中心|照料站|托老所"
)
# Residents ill together: a count of them (not of time: 俩礼拜 is read 两个礼拜), a share,
# one after another.
_GROUP = re.compile(
    rf"{COUNT}[个名位]{NOT_TIME}|好些|好多|一半|大半|一个接一个|接二连三|接连|先后|一块|一起|同时"
)
# A contagious disease other than flu, told present (flu and colds are the split above).
_CONTAGIOUS = re.compile(r"肺结核|结核|诺如|罗如|疥疮|传染病|水痘|痢疾|猩红热|手足口")
# A disease only as the home's admission check (先拍胸片查肺结核, 没有报告不收): the home's rule.
_ADMISSION = re.compile(r"不收|才收|入住|拍胸片|体检报告")
# Shots are shots_brought.py's; food served that made them ill is the market regulator's
# (吃坏了 said by the carers only plays the illness down).
_OTHER = re.compile(r"疫苗|食堂|饭菜|吃了|吃完|谣言|造谣|辟谣")


def care_home_outbreak(text: str, health_asked: bool) -> str:
    """The words telling a care home's or a day centre's residents ill together with the
    health side asked (`health_asked`) or a contagious disease told present; or ""."""
    home = ELDER_CARE.search(text)
    if home is None or _OTHER.search(text) or _ADMISSION.search(text):
        return ""
    disease = _CONTAGIOUS.search(text)
    if disease:
        return f"{home.group(0)}…{disease.group(0)}"
    group = _GROUP.search(text)
    if health_asked and group:
        return f"{home.group(0)}…{group.group(0)}"
    return ""


def care_home_outbreak_readings(text: str, health_asked: bool) -> list[Reading]:
    """Health over the home's civil affairs, on a text that tells illness
    (institution_illness.ILL, checked by its caller) as read above."""
    words = care_home_outbreak(text, health_asked)
    return [(HEALTH_UNIT, words, (RELIEF_UNIT,))] if words else []
