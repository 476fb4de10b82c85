"""A child's shot told with a school or kindergarten: the health commission's, not the
school's, unless the school's own rule is asked. No I/O.

school_entry_shots.py reads the entry check with where or which shot asked. A child's shot
is also told with a school in other asks: a proposal that schools and clinics check the
vaccination records together (学校、卫生院联合查漏补种), which shots the check covers (查哪
几针), a kindergarten refusing a child with a doctor's contra-indication for a missed shot
(禁忌证明 … 还是不收), a clinic's booking that misses the school's deadline, a shot the
school organises (学校组织打流感疫苗, 统一打, 要不要签字). The retired labels give them to
the health commission all the same. Counted on the retired labels of rounds 2–31 (a shot or
the vaccination record, a school or kindergarten, no animal, no rumour; bench/RESULTS.md,
shots31): health 40 of 46, education 5, police 1 (a forged notice). Read where the school's
own rule is not asked: health 37 of 37. Not read, and split there (education 5 to health 3,
62 %; two of the three health lines ask where, read by school_entry_shots.py): the school's
rule asked — whether it is fair (这合理吗, 合规吗: school_health_rule.py reads it), the
school asked to stop (要求学校…), whether the child may attend first (能不能先让孩子入园).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words

# A shot or the vaccination record (a person's, not an animal's: `_ANIMAL`).
_SHOT = re.compile(
    r"疫苗|预防针|接种|补种|查验证明|(?:入学|入园|开学)要?查验|打针本|脊灰|麻腮风|乙脑|百白破|卡介苗"
    r"|流脑"
)
# A school, a kindergarten, a class or its entry.
_SCHOOL = re.compile(
    r"学校|小学|中学|幼儿园|幼儿原|园里|园方|入学|入园|转学|插班|开学|一年级|班主任|老师"
    r"|班里|班上|校医"
)
# An animal's shots are agriculture's (bite_shot.py reads a person bitten); a rumour or a
# forged notice is the police's.
_ANIMAL = re.compile(r"狗|猫|狂犬|兽医|畜|禽")
_RUMOUR = re.compile(r"谣|冒充|假通知|盖着.{0,4}章")
# The school's own rule asked: its fairness, the school asked to stop, or whether the child
# may attend before the shot (education's, school_health_rule.py reads the fairness).
_SCHOOL_RULE_ASKED = re.compile(
    r"合理吗|合理不|合不合理|合规吗|合法吗|合不合法|有这个权力|有权这么|凭啥|凭什么|不对吧"
    r"|能这样吗|要求取消|歧视|要求学校|要求幼儿园|能不能先|先让孩子(?:入|上|去)|先去上"
)


def school_shot(text: str) -> str:
    """The words telling a child's shot with a school, its rule not asked, or ""."""
    if _ANIMAL.search(text) or _RUMOUR.search(text) or _SCHOOL_RULE_ASKED.search(text):
        return ""
    return both_words(_SCHOOL, _SHOT, text)
