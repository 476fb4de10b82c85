"""A request that closes on a choice asked (this or that, yes or no), asking nothing done. No I/O.

Two closing questions ask which of two answers holds, the catalogue's consult ("想知道…
某事归谁管，本人没有要求谁纠正什么"), whatever was told before them:
- **either-or** (A还是B) as the last clause: 算我的还是热力的, 是物业修还是我们顶楼自己修,
  采暖费按建筑面积还是使用面积算 (a catalogue example). Not "which office to go to"
  (找城管还是找环保: after a grievance the labels keep the complaint), nor 还是 meaning
  "still" (现在还是冰, 打了以后还是病死了). Over the retired sets of rounds 2–25, with no demand
  and no call for help in the request, 33 of 40 requests read so are consults (83 %;
  complaints 4, all 还是 = "still"; reports 3).
- **yes or no, said …不** as the last clause of speech (能办不, 手机上能充不, 这能喝不, 还能
  领不): unless the clause asks someone to come, give or do (能来个人看看不, 能给修修不:
  help), nor 管不 (社区能管不: a demand to act). Over the retired sets, with no demand and no
  call for help, 78 of 80 requests read so are consults (98 %; complaints 2).
Together 111 of 120 (92 %); rounds 23–25 alone 14 of 18.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.closing_question import ASKS_HELP, DEMAND

# Clauses: between punctuation marks or the spaces of recognised speech.
_CLAUSES = re.compile(r"[。！!？?；;，,、：:\s]+")
# 还是 between two answers: not 还是 + a verb or state that makes it "still" (还是不热,
# 还是没人, 还是那样, 还是一样…).
_EITHER_OR = re.compile(
    r"[\u4e00-\u9fff]还是(?!不|没|那|这|一样|老样|照|跟|有|在|会|得|要|很|挺|太)"
)
# A clause where 还是 is "still": a time before it (现在还是, 一个月了还是, 打了以后还是),
# a rhetorical 这还是医院吗, or a quarrel's 你懂还是我懂.
_STILL = re.compile(r"现在|了还是|后还是|这还是|你懂")
# Asking which office to go to: after a grievance, labelled as the grievance.
_WHICH_OFFICE = re.compile(r"找")
# A spoken yes/no question closing on 不 (能办不, 这能喝不): not 不 after an adverb (也不,
# 都不, 还不, 就不 say "not"), nor 不不.
_YES_NO = re.compile(r"[^不也还都就]不[啊呀]?$")
# The yes/no question that asks someone to act (能来个人看看不, 能给修修不, 能派个兽医来不,
# 社区能管不, 能给点救助不): help's or a demand, not a question of what holds.
_ASKS_ACT = re.compile(r"来|给|派|看看|瞅|修|弄|整|管|验|登记|申请|安|介绍|做主|救助")
CONSULT = "consult"
# Its weight: a where/how-much closer's (closing_question.py), so that it outweighs a
# fault told before it (漏了, 坏了: help's) but not a call for help.
CLOSING_CHOICE_WEIGHT = 2.0


def _last_clause(text: str) -> str:
    clauses = [c for c in _CLAUSES.split(text) if c]
    return clauses[-1] if clauses else ""


def closing_choice(text: str, compact: str) -> str:
    """The closing either-or or …不 question of `text` (as written or recognised,
    punctuated), or "" when the request does not end on one, or `compact` (the request
    normalised) demands something or asks for help."""
    if DEMAND.search(compact) or ASKS_HELP.search(compact):
        return ""
    last = _last_clause(text)
    if _EITHER_OR.search(last) and not _STILL.search(last) and not _WHICH_OFFICE.search(last):
        return last
    if _YES_NO.search(last) and not _ASKS_ACT.search(last):
        return last
    return ""
