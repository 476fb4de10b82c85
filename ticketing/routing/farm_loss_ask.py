"""A farmer's animals or crops dying or lost, and what to do now asked: help. No I/O.

The catalogue's help (求助) asks a body to act on a need now; a consult asks what holds. A
caller whose pigs, chickens, fish or greenhouse crop are dying, sick, frozen or crushed, and
who asks what to do (剩下的咋办, 这损失咋整, 再不来电苗子就完了 怎么办), asks for someone to
come and save what is left, whatever they guess at on the way (是不是猪瘟？ reads as a consult's
question). Counted on the retired labels of rounds 2–28 (bench/RESULTS.md, round 29,
type29), compact text: such a harm with 咋办/怎么办/咋整/怎么整/咋弄/怎么弄/怎么处理 in the
request, help 5 of 5. The harm alone splits (help 55 of 110: reports of a neighbour's dead
pigs dumped, complaints of seed that failed, consults of insurance), and a closing 咋办 alone
too (82 requests: consult 29, help 23, complaint 19, report 11): not read so. A small count:
a hint of a strong ask's weight, no share moved.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words

HELP = "help"
# Its weight: a strong ask's (plight_help.py's), so that a guess put as a question (是不是猪瘟)
# does not take the request.
FARM_LOSS_WEIGHT = 3.0

# Animals or crops dying, sick, frozen, crushed or drowned (猪死了, 黄瓜全冻死了, 大棚压塌了).
_FARM_HARM = re.compile(
    r"(?:猪|鸡|牛|羊|鸭|鹅|鱼|虾|参|大棚|苗|庄稼|苞米|玉米|果树|柿子|黄瓜|草莓|秧)"
    r"[^，。\s]{0,10}(?:死|病|冻|塌|淹)"
    r"|(?:死|病|冻|压塌|淹)[^，。\s]{0,6}(?:猪|鸡|牛|羊|鸭|鱼|棚|苗|庄稼|苞米|玉米|果树|秧)"
)
# What to do now, asked.
_WHAT_NOW = re.compile(r"咋办|怎么办|咋整|怎么整|咋弄|怎么弄|咋处理|怎么处理")


def farm_loss_ask(text: str) -> str:
    """The words telling animals or crops lost and asking what to do now in the compact
    `text`, or ""."""
    return both_words(_FARM_HARM, _WHAT_NOW, text)
