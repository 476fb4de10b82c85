"""A mediation asked for (请社区来调解调解, 给调解一下) is help's ask; a mediation told (村里也
调解不了, 社区调解了一回) or a settlement demanded (协调解决) is not read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.mediation_ask import mediation_ask


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("对门的猫天天往我家窗台上拉屎，说了不听。请社区来调解调解。", "请…调解"),
        ("俩家为了门口那块地 吵好几回了 村里给调解一下吧", "给…调解"),
        ("邻居家盖房子压了我家的地界 你们帮着调解调解", "帮…调解"),
        ("两家为地界吵起来了 调解调解吧", "调解…调解"),
    ],
)
def test_a_mediation_asked_for_is_read(text: str, ask: str) -> None:
    assert mediation_ask(text) == ask


@pytest.mark.parametrize(
    "text",
    [
        "邻居把墙垒到我家院里了，吵了好几回，村里也调解不了。",  # told, not asked
        "社区调解了一回好了三天又开始。",
        "充电桩的事物业一直不同意，请协调解决。",  # a settlement demanded: 协调解决
        "楼上漏水漏到我家，要求物业赔偿。",
    ],
)
def test_a_mediation_told_or_a_settlement_demanded_is_not_read(text: str) -> None:
    assert mediation_ask(text) == ""


def test_a_mediation_asked_adds_to_the_cues_said_inside_it(router: Router) -> None:
    text = (
        "楼上邻居装修把我家卫生间顶棚泡了，找他协商，他说不是他家漏的，不让进门看。"
        "能不能请社区出面帮忙调解一下？"
    )
    assert router.suggest(text).category == "help"


def test_the_router_types_a_neighbours_nuisance_with_mediation_asked_help(router: Router) -> None:
    # Without the reading the grievance (说了好几回也不听, 一点用没有) makes it a complaint.
    text = "楼上天天半夜蹦迪 说了好几回也不听 一点用没有 请社区来调解调解"
    assert router.suggest(text).category == "help"
