"""The request type of a fraud or a false claim told: never a complaint. No I/O.

A fraud is a crime, reported whoever lost by it: on rounds 2–26, the seed corpus and the
dev sets none of the 19 lines impostor.py reads is labelled a complaint, although many
tell the caller's or the family's own money lost (我妈…转了三万: report). Where the caller
asks the money back or what to do now (帮我把钱追回来, 这咋整啊, 怎么办) the request asks
for help: 6 of the 7 lines read that ask so are help (the seventh asks a case opened,
请帮忙立案追一追: a report); of the 12 that do not, 10 are reports and 2 consults (这个是
真的假的, 想核实一下), which their own cues keep. So the complaint's whole share goes to help
or to the report, and the other types keep theirs. A claim the body named denies
(`false_claim`) is one too: 16 of 16 reports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hotline.ticketing.routing.type_shares import shares_moved

REPORT, COMPLAINT, HELP = "report", "complaint", "help"
# The body named, asked, saying it never happened (燃气公司说根本没这事, 社区说根本没这回事,
# 打燃气公司电话说根本没派人): a false claim told — a fee collected, a visitor, a notice or a
# rumour in a chat group under the body's name. On rounds 2–26 every one of the 16 lines
# saying so is a report (public security 15, urban management 1: a market's stall fee).
# Not a bare 没这事 (学校说没这事让找社区: a runaround, consult).
BODY_DENIED = r"根本没有?(?:这事|这回事|派人|派过人)|没有?这回事"
_BODY_DENIED = re.compile(BODY_DENIED)
# The money asked back or the caller at a loss what to do (not 追不回来, the bank's answer).
_ASKED_BACK = re.compile(r"追回来|追回|追追|追一追|咋整|咋办|怎么办|怎么半|求助")
_NOT_BACK = re.compile(r"追不回")


def fraud_type(text: str) -> str:
    """The type a fraud told in `text` takes instead of the complaint: help when the
    caller asks the money back or what to do, else the report."""
    asked = [m for m in _ASKED_BACK.finditer(text) if not _NOT_BACK.match(text, m.start())]
    return HELP if asked else REPORT


def false_claim(text: str) -> str:
    """The words of the body named denying the claim told (`BODY_DENIED`), or ""."""
    denied = _BODY_DENIED.search(text)
    return denied.group(0) if denied else ""


def complaint_moved(shares: Mapping[str, float], to: str) -> dict[str, float]:
    """`shares` (cue scores or probabilities by type) with the complaint's whole share
    moved to `to`."""
    return shares_moved(shares, (COMPLAINT,), to)
