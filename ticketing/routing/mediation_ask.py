"""A mediation asked for (请社区来调解调解, 给调解一下): help's ask. No I/O.

The catalogue names 调解 among help's 标志: the caller asks a body to settle a quarrel with a
neighbour for them, however the neighbour's wrong was told (狗叫到天亮, 跟他说过没用). The
word alone (`config/routing.yaml`, help 调解: 2) is outweighed by the grievance told before
it; asked for — 来/给/帮/请 before it in the clause, or said twice or with 一下 — it is the
ask itself. Not 协调解决 (a settlement demanded of a company). Over the retired sets of
rounds 2–25, 49 of 51 requests that ask for mediation so are help (96 %); the two complaints
tell a mediation promised and not come (说好了来调解…两回都没来人) or refused (来调解他也不
开门). Told, not asked (村里也调解不了, 社区调解了一回), the word splits (help 3, complaint 4):
not read.
"""

from __future__ import annotations

import re

HELP = "help"
_MEDIATION_ASKED = re.compile(
    r"(?:来|给|帮|请)[^，。？?！!,、；;\s]{0,6}?调解(?!决)|调解调解|调解一下"
)
# Its weight: on top of the word's own 2, as much again — an ask (派人, 来修) has 2.
MEDIATION_ASK_WEIGHT = 2.0


def mediation_ask(text: str) -> str:
    """The mediation asked for in `text` (as written or recognised), as a gapped phrase
    (请…调解, 调解…调解), or "". Gapped, so that it does not swallow the cues said inside it
    (帮忙, 出面, 调解: a longer phrase heard counts instead of the shorter ones in it,
    `matching.points`) but adds to them."""
    found = _MEDIATION_ASKED.search(text)
    if found is None:
        return ""
    said = found.group(0)
    head, _, tail = said.partition("调解")
    return f"{head[0]}…调解" if head else f"调解…{tail}"
