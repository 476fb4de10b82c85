"""A worker left without a labour contract or social insurance: the labour bureau's,
whatever institution employs them. No I/O.

A caller tells the workplace first (养老院, 幼儿园, 私立医院) and the worker's want of cover
last (护工都没签合同 也不给交保险, 园长说试用期不签合同、不交社保): the institution's words
belong to its own bureau (civil affairs, education, health), and a care home's name and its
carers can take the lead as the one the ask points at. The catalogue gives 劳动合同 and
社会保险 to human resources wherever the worker works. Counted on the retired labels of
rounds 2–32 (bench/RESULTS.md, round 33 setting33): a contract not signed or insurance not
paid (没签合同, 不签劳动合同, 不给交社保, 保险也没给上, 一个社保都不给上): human resources 61 of
63 (97 %, in every round that has one; institutions among them: a private hospital's nurse
r20, a kindergarten's teacher r31, a care home's carers r32, civil affairs' lead held out).
The other two are assist lines that ask another bureau first and the labour bureau second
(a factory's discharge, the environment bureau's, r5_assist 16; a workshop's missing guard,
the emergency bureau's, r16_assist 24). A signed 协议 (a demolition's, a caterer's) names no
worker and is not read, nor a lease or a builder's job (租房, 装修: no retired line).

The institution's bureaus are the setting; the reading names no other unit's words as
setting (a building site's or a factory's words are already the labour bureau's or read by
duty_act.py and employer.py).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

LABOUR_UNIT = "human_resources"
# The bureaus over the institutions that employ the worker: care homes, schools and
# kindergartens, hospitals.
SETTING_UNITS = ("civil_affairs", "education", "health")

# Who may be named between the refusal and the cover (不给我们签, 没跟工人签).
_WHOM = r"(?:给|跟|和|同)?(?:我|我们|他|她|他们|她们|工人|员工|护工|老师|孩子)?"
_COVER = r"(?:社保|社会保险|五险一金|五险|保险|养老保险|工伤保险)"
_UNCOVERED = re.compile(
    # A contract not signed: 没签合同, 不签劳动合同, 一直不给签劳动合同, 没跟我签合同.
    rf"(?:没|不|未|没有)(?:给|肯|让)?{_WHOM}签(?:过|订)?(?:劳动|用工)?合同"
    # Insurance not paid: 不交社保, 没给交保险, 一个社保都不给上, 不给缴纳社会保险.
    rf"|(?:没|不|未|没有)(?:给|肯)?{_WHOM}(?:交|缴|上|缴纳|交纳|买)(?:过)?{_COVER}"
    rf"|{_COVER}(?:一个)?(?:也|都|一直|还)?(?:没|不)(?:给)?(?:交|缴|上|缴纳|交纳|买)"
    rf"|一个{_COVER}都不给上"
)
# A lease, a purchase or a builder's job not put in writing is no worker's contract (租房没签
# 合同, 装修没签合同: housing's or the market's).
_NOT_EMPLOYMENT = re.compile(r"房东|租房|租的房|租户|装修|购房|买房|卖房|中介|承包")


def worker_uncovered(text: str) -> str:
    """The words telling a contract not signed or insurance not paid, or ""."""
    found = _UNCOVERED.search(text)
    return found.group(0) if found and not _NOT_EMPLOYMENT.search(text) else ""


def worker_uncovered_readings(text: str) -> list[Reading]:
    """The labour bureau over the employing institution's bureaus, in `text` (compact)."""
    words = worker_uncovered(text)
    return [(LABOUR_UNIT, words, SETTING_UNITS)] if words else []
