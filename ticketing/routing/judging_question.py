"""A request that closes on a question judging what was done: no help, no consult. No I/O.

A caller who ends on a rhetorical question that judges (这能等吗, 这像话吗, 这不是坑人吗,
还让不让人睡觉了, 凭什么…) asks nothing to be told and no one to come: they charge whoever
did or failed to do it, the catalogue's complaint, or a report where the wrong is someone
else's. A promise quoted before it (说等天亮再派人) is then the service judged, not help asked.
Not 合理吗 / 合不合理 (closing_question.py: the rule asked about, a consult 43 of 44).

Counted on the retired labels of rounds 2–28 (bench/RESULTS.md, round 29, type29), the
request's last words: as read here, 85 of 85 are complaints or reports (complaint 68,
report 17; rounds 24–28 13 of 13); help and consult none. Read within the last 12
characters of the compact text, 凭什么 took one consult more (凭什么加钱？ then 水费到底该交给谁？,
a question after it): it is read in the last clause as written. So the reading moves help's
and the consult's shares to the complaint and leaves the report its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.type_shares import shares_moved

COMPLAINT = "complaint"
_MOVED = ("help", "consult")

# The judging question as the request's last words (compact: punctuation dropped): whether
# it can wait or is decent, an echo charged (这不是…吗).
_JUDGING = re.compile(
    r"(?:能等|像话|说得过去|有天理|讲理|有王法|让人活|叫什么事|算什么事|等得起|等得了|拖得起)"
    r"[吗不么嘛啊呀呢]*$"
    r"|还让不让人[^让]{0,6}$|这不是[^这]{1,15}吗$"
)
# 凭什么 in the last clause of the request as written or recognised (not 凭什么加钱？ followed
# by a question of who is owed: 水费到底该交给谁？).
_WHY_ME = re.compile(r"凭(?:什么|啥)[^凭，。？！?!,;；]{0,12}[，。？！?!,;；\s]*$")


def judging_question(text: str, compact: str) -> str:
    """The closing question judging what was done (`text` as written or recognised,
    punctuated; `compact` the request normalised), or ""."""
    found = _JUDGING.search(compact) or _WHY_ME.search(text.strip())
    return found.group(0).strip() if found else ""


def judged_complaint(shares: Mapping[str, float]) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with help's and the consult's whole
    shares moved to the complaint; the report keeps its own."""
    return shares_moved(shares, _MOVED, COMPLAINT)
