"""A care home holding its residents' bank cards: the police's second duty (协办 unasked). No I/O.

An old people's home said to take or keep the residents' bank cards or passbooks (把老人的银行卡
都收走保管, 还把老人的存折和银行卡都收着) is the civil affairs bureau's to oversee, and the money
taken is a possible 侵占 the police look into. Read like shared_duty.DUTIES (this entry is
part of it), only with civil affairs leading: an employer keeping a worker's wage card or ID
(工资卡被老板扣着) is the labour bureau's alone.

Counted on the retired sets of rounds 2–28: with civil affairs leading, **2 of 2** lines saying
so are labelled with the police as 协办 (r26_assist 7, r27_assist 19); the two other lines
(labour-led, 工资卡, 身份证) are single-owner and not read. A small count: the reading is
kept to the one lead the labels show.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.unnamed_duty import UnnamedDuty

_CARDS = "(?:银行卡|存折|工资卡|养老金卡|社保卡)"
# Not across 在我 (存折在我这收着: the family keeps it).
_TAKEN = "(?:收走|收着|收了|扣着|扣下|押着|拿走|拿着|都收|管着)"

RESIDENTS_CARDS = UnnamedDuty(
    "public_security",
    "侵占财物",
    re.compile(
        rf"{_CARDS}(?:(?!在我)[^请]){{0,6}}?{_TAKEN}|{_TAKEN}(?:(?!在我)[^请]){{0,8}}?{_CARDS}"
    ),
    frozenset({"civil_affairs"}),
    re.compile(r"老人|养老院|敬老院|老年公寓|护理院|院里"),
)
