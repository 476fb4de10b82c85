"""Whether a thing told counts, is lawful, is required or holds, asked: a consult. No I/O.

A caller who tells a grievance and then asks what it amounts to — whether it counts as
something (这能认工伤吗, 算不算违约, 我算是被辞退了吗), whether it is lawful (这种说法合法不合法),
whether something is required (是不是必须给交社保) or whether a paper holds (这白条管用吗) —
asks what the rule is: the grievance explains the question, it demands nothing. Not
where the request also demands (要求, 退钱 — not 辞退 —, 赔, 给个说法, 处理, 管管), asks
a body to act or inspect (帮, 请, 派人, 来人, 查, 做主), names its act (举报, 投诉) or
suggests (建议): the question then prefaces the charge or the ask (这合法吗？请卫生部门来查查:
a report).

Counted on the retired labels of rounds 2–33 (bench/RESULTS.md, round 33, question33),
without those words: 70 of 76 requests so read are consults (92 %; rounds 2–27 49 of 54,
28–33 21 of 22) — counts or not 31 of 33, 算是…吗 7 of 8, lawful 20 of 21, required 7 of 7,
holds 5 of 7; the others a 违建 or 骗保 named or a green turned into paid parking (report), a
promise judged (这不是说话不算数吗) or a penalty judged (这算整改吗: complaints) and a vaccine
dose's time asked after it ran out (help). Not read, split: where to sue or get the money
(找谁要, 上哪告: 5 of 10 consults), 能不能要 (6 of 8), 咋办 closing a grievance (42 of 102).
"""

from __future__ import annotations

import re

# One clause: no punctuation or pause inside the question.
_C = r"[^，。？！?!,;；\s]"
_STATUS = re.compile(
    # Counts as (能认工伤吗, 能不能算工伤, 算不算违约; not 认真 nor 算不算数, the holds question).
    rf"(?:能|可以)(?:认(?!真)|算){_C}{{0,6}}(?:吗|不|没)(?![了能])|能不能(?:认(?!真)|算)|算不算(?!数)"
    rf"|算是?{_C}{{0,8}}吗"  # 我算是被辞退了吗
    r"|合法不合法|合不合法|合法吗|违法吗|违不违法|违法不|犯法吗|犯不犯法|合规吗"
    rf"|是不是(?:必须|一定)|必须{_C}{{0,8}}吗"  # 是不是必须给交社保
    r"|管用吗|管不管用|有效吗|有没有效|算数吗|算不算数|作数吗"  # 这白条管用吗
)
# A demand, a body asked to act or inspect (not the caller's own 我帮), a report named, a
# suggestion: the question then prefaces the ask.
_ASKS_MORE = re.compile(
    r"要求|退(?:钱|款|费|回|还|给)|给退|赔|给个说法|处理|管管|管一管|查|派人|来人|人来|(?<!我)帮|求助|请|建议|举报|投诉|做主"
)


def status_question(text: str, compact: str) -> str:
    """The words asking whether what was told counts, is lawful, required or holds (`text`
    as written or recognised, punctuated), or "" when there are none or `compact` (the
    request normalised) also demands, asks a body to act or inspect, reports or suggests."""
    if _ASKS_MORE.search(compact):
        return ""
    found = _STATUS.search(text)
    return found.group(0) if found else ""
