"""A child left without care: civil affairs' duty, over the school, the hospital, the town. No I/O.

A caller — a neighbour, a teacher, a grandmother — tells of a child whose parents are away or
gone (爸妈在南方打工, 爹妈离婚了 都不管, 爹没了 娘走了, 父母吸毒被抓了) and whose one carer
is old, ill or confused (奶奶脑梗住院了, 奶奶瘫了, 太姥八十多了 糊涂了, 七十多岁的太奶奶). The
child's care is civil affairs' whatever the caller's place: the teacher's school, the
grandmother's stroke and the village only set the scene. Read beside person_in_need.py in
duty_object.py's list of duties.

Counted on the retired labels of rounds 2–31 (bench/RESULTS.md, round 31 after the
measurement, care31): a child with both told — parents away or gone and the carer old or
ill — is civil affairs' on 9 of 9 lines; all nine are round 31's, no earlier round told
both (the seed corpus none). The parents away or gone alone does not agree: 12 of 17 civil
affairs (71 %; a school's catchment, a kindergarten's pick-up, a pupil kept from school are
education's, a hukou the police's, a teenager's own fever health's). The carer old or ill
with a child but the parents not told is one line (a grandmother asking after her
grandson's medical insurance): nothing to read alone. So both are needed.

The type: help 6 of 6 where no application is asked (a child to be looked after now:
谁能来管管这孩子, 帮帮他们), which plight_help.py reads as help; consult 3 of 3 where the 救助
or 低保 is asked how or whether (咋申请, 能给孩子办个救助不, 能不能一起办 在哪办), left to the
question readings.

Counted and not read: a proposal for left-behind children (留守: a 留守儿童之家, a village's
看护点, a holiday 托管, a school's visits), civil affairs 1 of 4 (the town asked to run it 2,
education 1); a small child found alone in a public place (捡着个小孩, 大人也不见), the
police 4 of 5 (person_in_need.child_lost reads 走丢) and civil affairs 1 (round 31's
supermarket).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import AREA_UNITS, Reading

RELIEF_UNIT = "civil_affairs"
EDUCATION_UNIT = "education"
HEALTH_UNIT = "health"
POLICE_UNIT = "public_security"

_CHILD = re.compile(r"孩子|小孩|男孩|女孩|小丫头|孙子|孙女|外孙|娃")
# The parents away for work or gone — divorced and not caring, dead, left, arrested — not a
# parent at work in town (我和他爸在鲅鱼圈打工: they are there) nor a girl (姑娘).
_PARENTS = r"(?:爸妈|爹妈|父母|爸|(?<!姑)娘|妈|爹)"
_AWAY = (
    r"(?:在外地|去外地|都在外|外出|出去打工|南方|外省|离婚|离了|走了|没了|去世|死了|跑了|改嫁"
    r"|坐牢|被抓|抓走|不管)"
)
_PARENTS_GONE = re.compile(rf"{_PARENTS}.{{0,6}}?{_AWAY}")
# The one carer left old, ill or confused, told after the carer (奶奶脑梗住院了) or before
# (七十多岁的太奶奶).
_CARER = r"(?:太奶奶|太姥姥|太姥|太爷爷|奶奶|爷爷|姥姥|姥爷|外婆|外公)"
_WEAK = r"(?:病|瘫|脑梗|脑血栓|中风|住院|糊涂|[七八九]十|心脏不好|下不了地|走不动|卧床)"
_CARER_WEAK = re.compile(rf"{_CARER}.{{0,10}}?{_WEAK}|{_WEAK}.{{0,6}}?{_CARER}")


def child_without_care(text: str) -> str:
    """The words telling a child's parents away or gone and its carer old or ill, or ""."""
    if not _CHILD.search(text):
        return ""
    return both_words(_PARENTS_GONE, _CARER_WEAK, text)


# An application asked how or whether (学校想帮着申请救助 咋申请, 能给孩子办个救助不, 在哪办):
# the rule asked, a consult, not a child to be looked after now.
_APPLY_ASKED = re.compile(r"(?:申请|办(?!法)).{0,8}?(?:咋|怎么|在哪|找谁|吗|不$)")


def child_to_look_after(text: str) -> str:
    """The words of a child without care where no application is asked how or whether (the
    child to be looked after now: help), or ""."""
    return "" if _APPLY_ASKED.search(text) else child_without_care(text)


def care_readings(text: str) -> list[Reading]:
    """The child without care read in the compact text, with the units that set its scene."""
    words = child_without_care(text)
    scene = (EDUCATION_UNIT, HEALTH_UNIT, POLICE_UNIT, *AREA_UNITS)
    return [(RELIEF_UNIT, words, scene)] if words else []
