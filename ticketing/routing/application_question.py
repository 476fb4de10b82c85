"""How to apply for or go through a procedure, asked: a consult. No I/O.

The catalogue's consult (咨询) asks what the rule is or how to go about something; help
(求助) asks a body to act. A caller who asks how to apply or how a procedure is done (低保咋
申请, 工伤认定怎么申请, 如何办理过户) wants the way told, whatever hardship or plight came
before it: a teacher's 学校想帮着申请救助 咋申请 tells a child in need only to explain the
question, and asks no one to come. The 怎么申请 cue (config/routing.yaml) already votes
for the consult; the hardship's help cues and a classifier reading the plight outvoted it,
so this reading moves help's and the complaint's whole shares to the consult, as the
entitlement question (能办临时救助不, entitlement_question.py) does.

Counted on the retired labels of rounds 2–31 (bench/RESULTS.md, round 32, ask32), on the
compact text: 怎么/咋/如何 + 申请/办理/申报 is said in 65 requests, 63 consults and 2 help;
the two help also ask a body to act (请住建局派人来看一下 指导我们怎么申请; 求助 … 请民政部门
帮忙申请), and where no body is asked (派人, 求助, 救救, 帮忙, 帮帮, 来人) all 63 read are
consults (rounds 2–23 47 of 47, rounds 24–31 16 of 16). The school's own 帮着申请 is the
applying itself, no body asked, and stays read.

Counted and not read: 能(不能)给…办/申请 (能不能给她办个低保, 能给孩子办个救助不) asks a
body to do it: help 7 of 8, consult 1 (round 31's).
"""

from __future__ import annotations

import re

# How a procedure is applied for or done (咋 is kept by written text, 怎么 by speech).
_HOW_TO_APPLY = re.compile(r"(?:怎么|咋|如何)(?:申请|办理|申报)")
# A body asked to act: the two help requests counted (派人来看, 求助 … 帮忙申请).
_BODY_ASKED = re.compile(r"派人|求助|救救|帮忙|帮帮|来人")


def application_question(text: str) -> str:
    """The words asking how to apply (compact `text`), or "" when there are none or a body
    is asked to act."""
    if _BODY_ASKED.search(text):
        return ""
    found = _HOW_TO_APPLY.search(text)
    return found.group(0) if found else ""
