"""Food handled without its permit: the market regulator's second duty (协办 unasked). No I/O.

A kitchen, stall or workshop said to cook or sell without a food business permit or with a
cook who has no health card (没有食品经营许可, 门口也没挂食品经营许可证, 让没健康证的人也上手,
没等开健康证明就回来上灶) is a 食品安全 matter of the market regulator, whoever leads on the
rest: the school's lunch class, the labour bureau's unsigned contract, the city's cooking
fumes. Read like shared_duty.DUTIES (this entry is part of it), and only where the permit or
card is said to be missing.

Counted on the retired sets of rounds 2–28 (the lead neither health nor the market regulator):
**4 of 4** lines saying so are labelled with the market regulator as 协办 (r23_assist 13,
r25_assist 7, r26_assist 17, r28_assist 39); no single-owner line says so. Not with health
leading: there the health card is the caller's own (体检查出乙肝…健康证就不给办了) or a pool's
卫生许可, health's own duty — of the six health-led lines naming a card or permit, one wants
the market regulator (r23_assist 19).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.unnamed_duty import UnnamedDuty

# 没 / 没有 / 无 / 不 up to four characters before (没挂…, 没等开…), or 都没 / 也没 after.
_MISSING = re.compile(
    r"(?:没|无|不)[^请没无不]{0,4}?(?:食品经营许可|食品许可|健康证)"
    r"|(?:食品经营许可证?|健康证)(?:都|也)?(?:没|没有)(?!问题)"
)

# Every bureau but health (the card or permit is its own there) and the regulator itself.
_LEADS = frozenset(
    {
        "housing",
        "urban_management",
        "environment",
        "education",
        "human_resources",
        "transport",
        "public_security",
        "civil_affairs",
        "agriculture",
        "emergency",
        "natural_resources",
        "medical_insurance",
        "culture_tourism",
        "water",
        "power",
        "gas",
        "heating",
    }
)

FOOD_PERMIT = UnnamedDuty(
    "market_supervision",
    "食品经营许可",
    _MISSING,
    _LEADS,
)
