"""A shot or the vaccination record a school asks for entry, and where or which shot is
asked: the vaccination service's duty, not the school's. No I/O.

Schools and kindergartens check the vaccination record at entry (入学查验: 预防接种证, 接种
记录, 查验证明) and send the family to make up a missing shot. A caller who tells that check
and asks where to make it up, which shot is missing, whether a shot is needed or where the
record or its proof is made (去哪补, 上哪补, 在哪补种, 要补打什么疫苗, 要不要补种, 怎么补,
在哪开证明) asks the vaccination clinics' body, the health commission, though the request
is told in the school's words (学校说, 转学, 入学, 入园). Counted on the retired labels of
rounds 2–29 (bench/RESULTS.md, round 29 outbreak29): such a check with such an ask is
health's 12 of 12 (rounds 6–29, spoken, written and assist lines; consult, help and
complaint). Not read, and education's 4 of 4 there: the school's own rule asked (不补就
不让入园 这合理吗, 能不能先让孩子入园, 园医统一代约代打 这样合规吗) with no where or which
shot asked; a lost booklet asked for itself is duty_paper.py's.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading
from hotline.ticketing.routing.school_shot import school_shot

HEALTH_UNIT = "health"
EDUCATION_UNIT = "education"

_STOP = r"[^。！？]"
# The entry check: the record, its proof, or a shot missing from it.
_RECORD = re.compile(
    r"接种证|接种记录|接种本|疫苗本|打针本|查验证明|查验单|接种查验"
    rf"|(?:缺|少|差)了?(?:一|两|几|[1-9])针|疫苗{_STOP}{{0,6}}?没打"
)
# A school or a kindergarten at entry (学校说, 入学, 转学, 入园, 上一年级, 开学).
_SCHOOL = re.compile(r"学校|小学|幼儿园|园里|入学|入园|转学|插班|报名|开学|一年级|老师")
# Where, which or whether a shot or the proof is asked: the health side's question.
_WHERE_OR_WHICH = re.compile(
    rf"(?:去|上|到|在)(?:哪|哪里|哪儿)(?:能|可以)?{_STOP}{{0,2}}?(?:补|打|开|办)"
    rf"|补{_STOP}{{0,3}}?(?:什么|哪[一几]?针|啥)疫苗|要补打什么|要不要补|用不用补|需不需要补"
    rf"|怎么补|给补一个|给调一针|补[^。！？，]{{0,2}}?(?:打|种)?上哪"
)
# An animal's shots are agriculture's; a school's own collection of them is not asked here.
_ANIMAL = re.compile(r"狗|猫|狂犬|兽医")


def school_entry_shot(text: str) -> str:
    """The words telling a school's entry check and where or which shot asked, or ""."""
    if _ANIMAL.search(text) or not _SCHOOL.search(text):
        return ""
    record, asked = _RECORD.search(text), _WHERE_OR_WHICH.search(text)
    if record is None or asked is None:
        return ""
    return f"{record.group(0)}…{asked.group(0)}"


def school_entry_readings(text: str) -> list[Reading]:
    """Health over the school's words where the entry check's shot is asked about, or a
    child's shot is told with a school (school_shot.py)."""
    found = school_entry_shot(text) or school_shot(text)
    return [(HEALTH_UNIT, found, (EDUCATION_UNIT,))] if found else []
