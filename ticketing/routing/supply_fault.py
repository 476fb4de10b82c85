"""A household supply's fault told bare: help, not a grievance. No I/O.

The catalogue's help (求助) asks a body to act on a need now; a complaint judges a service. A
caller who only tells that the power, water, gas or heating at home has failed (一到晚上就跳闸,
电压低得电磁炉都带不动, 暖气不热, 水发浑) — no body blamed, no delay or refusal told, no earlier
report, no loss or bill claimed, no question — asks the supplier to come and mend it. With no
type cue heard such a request fell to the default type, the complaint.

Counted on the retired labels of rounds 2–30 (bench/RESULTS.md, round 31, help31), compact
text, with `bare_supply_fault` itself: help 153 of 164 (93 %; rounds 25–30: help 34 of 35).
The rest are mostly other bodies' wrongs (a factory's discharge, a roof built on: report or
complaint), which their own cues read. Not read, below 80 %: the same faults with a delay or
refusal told (说两个小时来电 这都六个钟头了, 开发商说在保修期): complaint 67 of 99, help 28;
with an earlier report or a repeat (又, 第三回, 老停电): complaint 31 of 48.
"""

from __future__ import annotations

import re

# Its weight: a mediation ask's (mediation_ask.py), below a strong ask's, so that a confident
# classifier still decides a request this reading takes alone.
SUPPLY_FAULT_WEIGHT = 2.0

# A supply at home failed: power out, tripping or weak; water cut, weak, leaking or foul; gas
# leaking or out; radiators cold.
_FAULT = re.compile(
    r"停电|跳闸|电压[^，。\s]{0,3}低|没电了|断电"
    r"|停水|没水|水压[^，。\s]{0,2}(?:低|小|不够)|漏水"
    r"|水[^，。\s]{0,3}(?:发浑|浑|发黄|黄)"
    r"|漏气|没气|(?:煤气|燃气)[^，。\s]{0,3}味"
    r"|暖气[^，。\s]{0,4}不热|不热乎"
)
# A body blamed: its refusal or delay, an earlier report or a repeat, a notice, loss or bill
# claimed, another's act told (the grievance or report such a fault comes with).
_BLAMED = re.compile(
    r"不管|管不了|没人|不来|还没|没来|推|说是|说等|让等|等了|一直|拖|不给|不修|不接|保修"
    r"|都[一二三四五六七八九十两俩几\d]+[天个小钟礼星月年回次]"
    r"|好几[回次天]|[一二三四五两俩几\d][回次]|又|频繁|三天两头|老是|总是|总停"
    r"|打了|打过|打电话[，,]?说|反映|投诉|找过|找了|报修|报过|报了|就走了|没见着|不见人"
    r"|通知|损失|说法|赔|凭|费|举报|物业说|公司说|说了|老板"
)
# A question or a proposal: a consult's or a suggestion's (是不是水有问题, 能不能, 建议).
_ASKED = re.compile(
    r"建议|希望|应该|最好|能不能|可不可以|是不是|吗|呢|？|\?|怎么|咋|为啥|为什么|多久|什么时候|啥时候|哪|谁"
)


def bare_supply_fault(text: str) -> str:
    """The words telling a household supply's fault in the compact `text` where nothing else
    is told of it (no body blamed, no question), or ""."""
    fault = _FAULT.search(text)
    if not fault or _BLAMED.search(text) or _ASKED.search(text):
        return ""
    return fault.group(0)
