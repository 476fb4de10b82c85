"""Wages owed to the worker who calls, or to the workers they stand with: a complaint. No I/O.

The catalogue's 投诉 is the caller's own grievance (来电人自身权益受损); its 举报 tells of
someone's violation for a body to investigate. Wages withheld, unpaid or asked for (不给工钱,
拖欠工资, 到门口要工钱, 工资三个月没发) are the workers' own loss, told by them or their
family, even where the boss's men then shoved them or the boss fled: the labels keep it a
complaint, not a report of the boss's wrong.

Counted on the retired labels of rounds 2–30 (wages withheld, unpaid, docked or asked for
within a clause): **85 of 104** complaints (82 %; rounds 25–30 21 of 27, no report), 12 consults, 5
suggestions, 1 help and **1 report** (r9_spoken:1: a labour agency keeping the workers' ID
cards and not letting them leave — forced labour beside the wages). Counted and not built:
wages named at all (工钱, 工资, 欠薪) 130 of 164 complaints (79 %, 3 reports: the agency, a
report naming 举报, and a cadre's relative paid for no work).

`wages_owed` gives the words telling the wages owed, or "". rule_votes.py then moves the
report's whole share to the complaint — not where the caller names the act (举报, 检举), a
decisive report cue — and leaves the consult and the suggestion theirs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.type_shares import shares_moved

REPORT = "report"
COMPLAINT = "complaint"

_WAGES = r"(?:工钱|工资|薪水|薪)"
# Withheld, in arrears, unpaid, docked, or asked for (要工钱, 讨薪), before or after the wages.
_OWED = re.compile(
    rf"(?:欠|拖|不给|不发|没发|没给|要|讨|扣)[^，。！？]{{0,6}}?{_WAGES}"
    rf"|(?:工钱|工资)[^，。！？]{{0,6}}?(?:不给|没给|不发|没发|拖|欠)"
)


def wages_owed(text: str) -> str:
    """The words telling wages withheld, unpaid or asked for in `text` (compact), or ""."""
    found = _OWED.search(text)
    return found.group(0) if found else ""


def report_to_complaint(shares: Mapping[str, float]) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with the report's whole share moved
    to the complaint; the other types keep theirs."""
    return shares_moved(shares, (REPORT,), COMPLAINT)
