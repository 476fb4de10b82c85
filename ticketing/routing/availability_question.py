"""Whether a service or a thing is there, or still in time, asked yes or no: a consult. No I/O.

The catalogue's consult (咨询) asks how, where or whether; help (求助) asks a body to act, a
complaint judges a service. A caller who asks whether a service or a thing is to be had
(卫生院夜里有没有发热门诊, 有补贴没, 有没有晚上开门的地方), whether it is still in time
(过了这一宿再打针还来得及不), or whether and how often a shot is given (熊岳卫生院能打吗, 得
打几针) asks what holds, whatever door was found shut or excuse was given before the question:
the story explains the question, it asks no one to act. Not where the question is whether
someone will come or act (有没有人管, 有没有技术员能来看看: help's or a complaint's), whether a
wrong holds a licence (有没有许可, 有没有资质: a report's), nor where the request demands
something or calls for help (closing_question.DEMAND, ASKS_HELP).

Counted on the retired labels of rounds 2–28 (bench/RESULTS.md, round 29, type29), compact
text, with those exclusions: 有没有 + a thing anywhere 106 of 112 consults (95 %; rounds 24–28
20 of 21; help 4, complaint 1, report 1); 有…没(有) closing a clause 2 of 2; 来得及 closing
the request 12 of 12; 能打吗/能打不 closing it 9 of 9; 打几针 closing it 2 of 2. As read here
(also not 不知道有没有, a doubt told, nor 到底有没有, a charge): 121 of 121 (rounds 24–28 28 of
28); without those two, 123 of 127. Like the entitlement question, it moves help's and the
complaint's shares to the consult (entitlement_question.toward_consult).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.closing_question import ASKS_HELP, DEMAND

# Its weight: a strong question's (the entitlement question's), so that it outweighs the
# grievance told around it (锁门了, 门都没叫开).
AVAILABILITY_WEIGHT = 3.0

# Whether it is there: 有没有 + a thing (not 有没有人, whether someone will act; not 不知道
# 有没有, a doubt told of a fault or a wrong, nor 到底有没有, a charge), or 有 + a thing +
# 没(有) closing a clause of the punctuated or spaced text (有发热门诊没有, 有补贴没).
_THERE = re.compile(
    r"(?<!知道)(?<!知道还)(?<!到底)有没有(?!人)"
    r"|有(?!人)[^有没\s，。？！?!,;；]{1,8}没有?(?=[\s，。？！?!,;；]|$)"
)
# Still in time, given here, how many shots: closing the request (compact, a particle after).
_IN_TIME = re.compile(r"(?:来得及(?:不|吗|没|嘛)?|能打(?:吗|不)|打几针)[啊呀呢吧]?$")
# Someone asked to come or look (有没有技术员能来看看, 来个人给看看), a licence or permit
# asked of a wrong (有没有许可, 有没有证): not a question of what is to be had.
_NOT_ASKED = re.compile(r"许可|资质|证|批|能来|来看|来给|来个人|介绍")


def availability_question(text: str, compact: str) -> str:
    """The words asking whether a service or a thing is there or still in time (`text` as
    written or recognised, punctuated or spaced), or "" when there are none, or `compact`
    (the request normalised) demands something, calls for help, asks someone to come, or
    asks whether a wrong holds a licence."""
    if DEMAND.search(compact) or ASKS_HELP.search(compact) or _NOT_ASKED.search(compact):
        return ""
    found = _THERE.search(text) or _IN_TIME.search(compact)
    return found.group(0) if found else ""
