"""Duty words read from round 16's blind misses (after its second measurement): shared bikes
are the street's order although a bus stop sets the scene, the vehicle office is the
police's traffic administration, the childcare subsidy is the health commission's."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("公交站台边上共享单车倒了一地，等车的人都没地方站，快来清一清", "urban_management"),
        ("新买的电动车，车管所说是超标车不给登记，跑了三趟了", "public_security"),
        ("孩子八个月了，育儿补贴在哪申请，要带什么", "health"),
    ],
)
def test_the_duty_word_leads_by_the_rules(rules_only_router: Router, text: str, unit: str) -> None:
    assert rules_only_router.suggest(text).department == unit


def test_shared_bikes_at_a_bus_stop_are_not_the_bus_companys(router: Router) -> None:
    got = router.suggest("公交站旁边的共享单车扔得满地都是 等车的人都得站到道上去")
    assert got.department == "urban_management"
