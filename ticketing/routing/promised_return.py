"""A return promised on money or a house handed over: an illegal fundraising scheme, the
police's. No I/O.

以房养老 (the house pledged for a monthly payment), a 理财 company's 年息百分之十五, 每月给我
返钱 / 返利息: money or a home handed to a private party against a promised yield. The labels
keep such a scheme the police's and a report, whether the money is still paid or the people
are gone, and whoever lost it (the caller, 我大姨, 我们楼好几个老人). Counted on the retired
labels, rounds 2–32 (the text naming 以房养老, 理财, 年息 or 月息, or a monthly return 每月…
返钱/返利/返利息): 5 of 5 public security, all reports (r32_spoken:51, :71, r32_written:1,
r32_assist:8, :15); the seed corpus adds 1 (有个公司让老人交钱买养老床位…每月返利: civil
affairs, a care-home bed sold, report), so 5 of 6 lines the police's (83 %) and 6 of 6
reports. Nothing before round 32 names such a scheme.

Counted and not built: the scheme's people gone (找不着人, 跑路, 电话也不接 after money paid)
is 8 of 85 the police's — a prepaid card, a course or wages owed are the market regulator's,
education's or the labour bureau's (complaints); the caller calling it a cheat (骗钱, 骗子,
诈骗) 10 of 39 the police's (medical insurance 8, market supervision 8); 利息 alone (a loan
shark's, a village's money lent) and 分红 / 集资 / 收益 (a village's dividend or levy, an
estate's common income) are no private scheme's return.

The reading joins impostor.fraud_reading's words: the police's vote at the fraud's weight and
no complaint (fraud_type.py). Held out, that vote was outweighed on 3 of the 5 (round 33,
police33): a classifier that never saw a scheme reads 养老 and 房子 as the pension's and the
home's (r32_spoken:51, r32_written:1 to human resources, r32_assist:15 to housing), and the
假药 beside 理财 as the market regulator's (r32_assist:8). `scheme_readings` reads the
scheme as the police's duty object (duty_object.py) with those three units as its setting:
the pension, the house and the lure are what the scheme took or used, not the matter.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

POLICE_UNIT = "public_security"
# What a scheme takes or lures with: the pension (以房养老's 养老, 养老钱), the house pledged,
# the lure's goods or pills. Not civil affairs: a care-home bed sold with a monthly return is
# its own (the seed corpus's one line).
_SCHEME_SETTING = ("human_resources", "housing", "market_supervision")

# The scheme by its name or its yield; a monthly return (每月给我返钱, 每个月给她返利息,
# 每月返利) within a few characters of the month.
_RETURN = re.compile(
    r"以房养老|理财|年息|月息|(?:每月|每个月|按月)[^。！？，,]{0,4}?返(?:钱|利息|利|息)"
)


def promised_return(text: str) -> str:
    """The words of a return promised on money or a house handed over (`_RETURN`), or ""."""
    found = _RETURN.search(text)
    return found.group(0) if found else ""


def scheme_readings(text: str) -> list[Reading]:
    """The scheme as the police's duty over the units of what it took or lured with."""
    words = promised_return(text)
    return [(POLICE_UNIT, words, _SCHEME_SETTING)] if words else []
