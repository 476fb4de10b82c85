"""A request that closes on a question judging what was done: no help, no consult. No I/O.

A caller who ends on a rhetorical question that judges (这能等吗, 这像话吗, 这不是坑人吗,
还让不让人睡觉了, 凭什么…) asks nothing to be told and no one to come: they charge whoever
did or failed to do it, the catalogue's complaint, or a report where the wrong is someone
else's. A promise quoted before it (说等天亮再派人) is then the service judged, not help asked.
Not 合理吗 / 合不合理 (closing_question.py: the rule asked about, a consult 43 of 44).

Counted on the retired labels of rounds 2–28 (bench/RESULTS.md, round 29, type29), compact
text, the request's last words: 92 of 93 are complaints or reports (complaint 75, report 17,
consult 1: 凭什么加钱 then 水费到底该交给谁, a question after it); help none. So the reading
moves help's and the consult's shares to the complaint and leaves the report its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.type_shares import shares_moved

COMPLAINT = "complaint"
_MOVED = ("help", "consult")

# The judging question as the request's last words (compact: punctuation dropped): whether
# it can wait or is decent, an echo charged (这不是…吗), 凭什么 in the last clause.
_JUDGING = re.compile(
    r"(?:能等|像话|说得过去|有天理|讲理|有王法|让人活|叫什么事|算什么事|等得起|等得了|拖得起)"
    r"[吗不么嘛啊呀呢]*$"
    r"|还让不让人[^让]{0,6}$|这不是[^这]{1,15}吗$|凭(?:什么|啥)[^凭]{0,12}$"
)


def judging_question(text: str) -> str:
    """The closing question judging what was done in the compact `text`, or ""."""
    found = _JUDGING.search(text)
    return found.group(0) if found else ""


def judged_complaint(shares: Mapping[str, float]) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with help's and the consult's whole
    shares moved to the complaint; the report keeps its own."""
    return shares_moved(shares, _MOVED, COMPLAINT)
