"""Whether one may have a service or a benefit, asked yes or no: a consult. No I/O.

The catalogue's consult (咨询) asks how, where or whether one may; help (求助) asks a body to
act. A caller who asks whether a procedure or a benefit is open to them or to the person
they speak for (能办临时救助不, 还能补不, 医保能报吗, 能申请低保不, 有没有经济补偿) asks what
the rule is, whatever hardship was told before it: the hardship explains the question, it
asks no one to come. Read in any clause, not only the last (…能办临时救助不 找谁). Not
where the request also asks a body to act (帮, 求助, 来人, 有没有人来, 派人, 给登记一下: help's; the
caller's own 我帮 of 我帮我们工友问 asks nothing of anyone), to inspect (查: a report's or a
complaint's), nor a suggestion (建议).

Counted on the retired labels of rounds 2–27 (bench/RESULTS.md, round 28, help28): 125
of 127 requests so read are consults (98 %; 能…不/吗 103 of 105, 有没有 + a benefit 22 of
22); the others a bedridden husband's carer asking 能申请低保不 (help) and a winter camp's
"这样的能办吗" (a report of a school running tours). Without the exclusions 有没有 + a benefit
is 23 of 31 (the callers who also ask 能不能帮帮我 or 有没有人来核一下 are help): not read so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.type_shares import shares_moved

CONSULT = "consult"
# The types whose share the question takes: the hardship told read as a call for help or a
# grievance (none of the 127 requests counted is a complaint, one is help).
_MOVED = ("help", "complaint")
# Its weight: a strong question's (怎么办理, 请问 and the owed question have 3), so that it
# outweighs the hardship told before it (救助, 没了: help's).
ENTITLEMENT_WEIGHT = 3.0

# 能/可以 + a procedure's or a benefit's verb, then the yes/no closer 不/吗/没 within the
# clause (能办临时救助不, 能报吗, 能补没): not 不了 (能办不了: cannot, a statement), 不能.
# Or 有没有 + a benefit (有没有经济补偿, 有没有啥救助, 还有没有一次性的救助金).
_ENTITLED = re.compile(
    r"(?:能|可以)(?:办|领|报|申请|享受|补|办理|报销|续|转|开)[^，。？！?!,;；\s]{0,8}?(?:不|吗|没)(?![了能])"
    r"|有没有[^，。？！?!,;；\s]{0,8}?(?:补偿|补贴|赔偿|补助|救助|政策|优惠|减免|待遇)"
)
# A body asked to act (帮, 求助, 来人: not the caller's own 我帮 of 我帮我们工友问) or to
# inspect, or a suggestion: not a question of the rule.
_ASKS_MORE = re.compile(r"(?<!我)帮|求助|救救|来人|人来|派人|给登记|登记登记|登记一下|建议|查")


def entitlement_question(text: str, compact: str) -> str:
    """The words asking whether a procedure or a benefit may be had (`text` as written or
    recognised, punctuated), or "" when there are none or `compact` (the request
    normalised) asks a body to act or inspect, or suggests."""
    if _ASKS_MORE.search(compact):
        return ""
    found = _ENTITLED.search(text)
    return found.group(0) if found else ""


def toward_consult(shares: Mapping[str, float]) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with help's and the complaint's whole
    shares moved to the consult."""
    return shares_moved(shares, _MOVED, CONSULT)
