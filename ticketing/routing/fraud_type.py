"""The request type of a fraud told (impostor.fraud_told): never a complaint. No I/O.

A fraud is a crime, reported whoever lost by it: on rounds 2–26, the seed corpus and the
dev sets none of the 19 lines impostor.py reads is labelled a complaint, although many
tell the caller's or the family's own money lost (我妈…转了三万: report). Where the caller
asks the money back or what to do now (帮我把钱追回来, 这咋整啊, 怎么办) the request asks
for help: 6 of the 7 lines read that ask so are help (the seventh asks a case opened,
请帮忙立案追一追: a report); of the 12 that do not, 10 are reports and 2 consults (这个是
真的假的, 想核实一下), which their own cues keep. So the complaint's whole share goes to help
or to the report, and the other types keep theirs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

REPORT, COMPLAINT, HELP = "report", "complaint", "help"
# The money asked back or the caller at a loss what to do (not 追不回来, the bank's answer).
_ASKED_BACK = re.compile(r"追回来|追回|追追|追一追|咋整|咋办|怎么办|怎么半|求助")
_NOT_BACK = re.compile(r"追不回")


def fraud_type(text: str) -> str:
    """The type a fraud told in `text` takes instead of the complaint: help when the
    caller asks the money back or what to do, else the report."""
    asked = [m for m in _ASKED_BACK.finditer(text) if not _NOT_BACK.match(text, m.start())]
    return HELP if asked else REPORT


def complaint_moved(shares: Mapping[str, float], to: str) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with the complaint's whole share
    moved to `to`."""
    moved = dict(shares)
    part = moved.pop(COMPLAINT, 0.0)
    if part > 0:
        moved[to] = moved.get(to, 0.0) + part
    return moved
