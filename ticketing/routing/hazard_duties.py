"""Second duties told as a hazard the request causes or meets (协办 unasked). No I/O.

Whatever the lead, what the caller describes can endanger something a second unit keeps or
secures: the power company's box or line, the environment around a chemical leak, the road
a crash blocks, a public place left littered. The caller names none of these units; the
catalogue's duties do (停电与抢修, 危险废物、环境监测, 交通管理, 市容环境卫生). Each entry
is read like shared_duty.DUTIES (this tuple is part of it). Round 23, read from the held-out
misses of r20–r22's shared-duty sets and counted on every retired line of rounds 2–22.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.chemical_leak import CHEMICAL_LEAK
from hotline.ticketing.routing.either_order import either_order
from hotline.ticketing.routing.unnamed_duty import UnnamedDuty

# A gas leaking (冷库的氨气漏了: the poisoned are health's, r22_assist 13; 罐车…还漏着味) or a
# drill proposed (泄漏演练) leaves no spill on land or water for the environment to clear.
_NOT_GAS_NOR_DRILL = re.compile(r"^(?!.*(?:氨|漏气|漏着?味|演练))")

HAZARD_DUTIES: tuple[UnnamedDuty, ...] = (
    # The power company's own equipment endangered by what the request is about: water
    # running onto or standing in a meter or distribution box (浇在电表箱子上, 配电箱泡在水里),
    # a line down or broken (电线也砸断了, 压得电线都耷拉下来了), or lines pulled off its box
    # (从配电箱私拉的): 停电与抢修 is the power company's, whoever leads on the burst pipe, the
    # storm or the fire risk — named as the caller's scene it would be a lighter duty
    # (assist.SCENE_UNITS), but there the box or line itself is in danger. Round 23, from
    # r22_assist 4, 17, 23; on the retired sets of rounds 2–22, 8 lines say this, each
    # labelled with power as 协办; no single-owner line does (私拉电线 with no box is a
    # tenant's fire risk: two single-owner emergency lines).
    UnnamedDuty(
        "power",
        "电力设施安全",
        re.compile(
            r"(?:电表|配电|电)箱子?[^请箱]{0,8}?(?:泡|浇|进水|冒白|冒烟|冒火|私拉)"
            r"|(?:浇|流进|泡|淹)[^请箱]{0,8}?(?:电表|配电|电)箱"
            r"|(?:从|在)(?:电表|配电|电)箱[^请箱]{0,4}?私拉"
            r"|电线[^请线]{0,6}?(?:砸断|刮断|压断|断了|耷拉|掉下来|泡在)"
        ),
    ),
    # A chemical store or load leaking or spilt (化工桶…往外淌东西, 化学品…在漏, 危化品…渗出来)
    # with the emergency bureau leading on the hazard: 危险废物 and 环境监测 are the
    # environment bureau's. Round 23, from r22_assist 32 and r21_assist 9; on the retired sets
    # of rounds 2–22, 5 emergency-led lines say this, 4 labelled with environment (the
    # fifth, r13_spoken 61, single-owner); a chemical only stored or transported is not read.
    # Round 24: the words are chemical_leak's, shared with the emergency bureau's lead.
    UnnamedDuty(
        "environment",
        "危险废物、环境监测",
        CHEMICAL_LEAK,
        frozenset({"emergency"}),
        also=_NOT_GAS_NOR_DRILL,
    ),
    # A vehicle overturned or crashed with the road blocked (货车翻了…路都堵死了): whoever
    # leads on the load or the spill, clearing and closing the road is traffic management,
    # the police's. Round 23, from r22_assist 32; on the retired sets of rounds 2–22 both
    # lines saying so are labelled with the police as 协办.
    UnnamedDuty(
        "public_security",
        "交通管理",
        re.compile(
            either_order(
                "(?:翻了|侧翻|翻车|撞了|追尾|撞上)",
                "(?:路|道|马路|车道)(?:都|全|也)?(?:堵死|堵住|堵了|封了|过不去)",
                30,
                between="[^请]",
            )
        ),
    ),
    # Litter left on a public place that nobody clears (沙滩上…竹签子啤酒瓶扔一地也没人收拾,
    # 浴场也没人清理): 市容环境卫生 is the city's, whoever leads on the beach, the stalls or
    # the prices. Not in an estate (小区, 楼道, 物业: the property manager's or the
    # community's), nor a rubbish point (垃圾: a lead's own matter, the town's or the city's,
    # r3_written 89). Round 23, from r22_assist 2; on the retired sets of rounds 2–22 the two
    # lines saying so outside an estate are labelled with the city as 协办; no single-owner
    # line says so.
    UnnamedDuty(
        "urban_management",
        "市容环境卫生",
        re.compile(
            either_order(
                "(?:竹签|酒瓶|碎玻璃|烟头|扔一地|扔得满地)",
                "(?:没人|也不|没有人)(?:清理|收拾|打扫|清)",
                40,
                between="[^请]",
            )
        ),
        also=re.compile(r"^(?!.*(?:小区|楼道|物业|院里|家门口))"),
    ),
)
