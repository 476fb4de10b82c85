"""A trade carried on without the permit or the inspection it needs: a report. No I/O.

The catalogue's 举报 tells of someone's violation so that a body acts on it (不一定损害来电人
本人). A seller, a class, a pool or a quarry said to work without its permit (没有办学许可,
没挂卫生许可证, 没拿到预售许可证, 也没见有办学许可) or to sell meat or seafood without its
inspection (没检疫章, 没有检疫证明, 也没有检疫票) tells a third party breaking the rule of its
trade, whoever the caller is; violation_told.py already reads 无证, 没执照, 没手续 the same way.

Counted on the retired labels of rounds 2–29 (a permit, an inspection or a certificate of
conformity said to be missing, 许可 / 检疫 / 合格证 after 没, 无 or 未): **33 of 35** lines
are reports (rounds 26–29 4 of 4; rounds 2–32 37 of 39), 1 a consult
(怎么查这家机构有没有办学许可: the consult keeps its share), 1 a complaint (r25_assist:7: a
dumpling shop's fumes let into the caller's floor, its missing permit told on the side; now
read a report in-sample). The
caller asking their own money back (要求退钱, 退费, 赔) is the complaint's: 1 of 1 such line
(a class that took the fee and vanished), left out; a remedy refused to the caller is left
out by public_wrong.py as for every public wrong.

Round 33 adds the inspection said to be skipped (也不检疫, 不经检疫: r30_spoken:112, a
slaughter point killing pigs at night) — 1 of 1 report once the caller's own question whether
it is needed (要不要找人来检疫 不检疫 肉能拿集上卖不, a consult) is left out; with it the
reading stands at 38 of 40 on rounds 2–32.
"""

from __future__ import annotations

import re

# The permit or the inspection said to be missing: 没 / 无 / 未 and up to four characters
# (没挂卫生许可证, 未取得办学许可, 也没见有…), or the paper named first (检疫票也没有).
_MISSING = re.compile(
    r"(?:没|无|未)(?:有|见|看见|看到|挂|办|拿到|经)?[^，。！？\s]{0,4}?(?:许可|检疫|合格证)"
    r"|(?:许可证?|检疫(?:证明|票|章|证)?)(?:都|也)?没有?(?!问题)"
    # The inspection skipped (也不检疫 半夜杀猪), not the caller's question whether it is
    # needed (检疫不检疫).
    r"|(?<!检疫)不(?:经|做|办)?检疫"
)
# The caller's own money asked back: their loss, the complaint's.
_OWN_REMEDY = re.compile(r"退钱|退费|退款|赔")


def permit_missing(text: str) -> str:
    """The words telling a permit or an inspection missing in `text` (compact), or "" when
    none is told or the caller asks their own money back."""
    if _OWN_REMEDY.search(text):
        return ""
    found = _MISSING.search(text)
    return found.group(0) if found else ""
