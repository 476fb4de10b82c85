"""A clause that opens with 麻烦 asks someone to act: help's cue. No I/O.

麻烦 opening a clause (麻烦给安排一下, 麻烦燃气公司来正经修好, 麻烦社区给个准话) is "would
you please": the caller asks someone to do something for them, the catalogue's help 标志
"帮、派人、来修" said politely, whatever grievance was told before it. Said elsewhere it is
trouble (太麻烦, 添麻烦, 找麻烦), and 麻烦问一下 asks a question (a consult's). Over the
retired sets of rounds 2–23, 217 of 221 requests with a clause opening so are help (dev
sets 5 of 5; round 24 32 of 33).
"""

from __future__ import annotations

import re

# Clauses: between punctuation marks or the spaces of recognised speech.
_CLAUSES = re.compile(r"[。！!？?；;，,、：:\s]+")
# 麻烦 opening a clause, not asking a question (麻烦问下, 麻烦咨询).
_POLITE_ASK = re.compile(r"^麻烦(?!问|咨询|打听)")
HELP = "help"
# Its weight: a call for someone to act (派人, 来修 have 2).
POLITE_ASK_WEIGHT = 3.0


def polite_ask(text: str) -> str:
    """The first clause of `text` (as written or recognised, punctuated) that opens with
    麻烦 asking someone to act, or ""."""
    for clause in _CLAUSES.split(text):
        if _POLITE_ASK.match(clause):
            return clause
    return ""
