"""A unit the caller already asked, that said the matter is not its own (disclaimed.py):
its name tells the story of the call, not the duty asked about."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.disclaimed import disclaimed_spans, without_disclaimers


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("我先打的文旅局 说不归他们", "culture_tourism"),
        ("给供电公司打电话 人家说不是他们的", "power"),
        ("找城管，城管说楼道里不归他们管", "urban_management"),
        ("环保局的人说这个不属于他们", "environment"),
    ],
)
def test_a_unit_named_to_say_it_turned_the_matter_down(text: str, unit: str) -> None:
    assert list(disclaimed_spans(text)) == [unit]


@pytest.mark.parametrize(
    "text",
    [
        # The provider complained about says so itself: that is not a call to another unit.
        "燃气公司换表的 把我家墙砖打碎了两块 说不归他们管",
        # A property company or a hospital is no unit's own name.
        "找物业 物业说不归他管",
        # Asked and acting: nothing turned down.
        "给热力公司打电话 人家说马上派人来",
    ],
)
def test_no_unit_turned_it_down(text: str) -> None:
    assert disclaimed_spans(text) == {}


def test_what_the_unit_said_stays_for_the_classifier() -> None:
    kept = without_disclaimers("找城管 城管说小区里边不归他们管 找物业也不管")
    assert "城管" not in kept.split("小区")[0]
    assert "小区里边不归他们" in kept and "找物业也不管" in kept


def test_the_unit_that_turned_the_matter_down_does_not_lead(router: Router) -> None:
    s = router.suggest(
        "路边下水井往外冒水 冒了好几天了 我以为是暖气管子漏了 给热力公司打电话 "
        "人家说不是他们的 那就是自来水管子坏了吧 你们找人来看看"
    )
    assert s.department == "water"


def test_a_unit_asked_and_acting_still_leads(router: Router) -> None:
    s = router.suggest("暖气不热三天了 给热力公司打电话 人家说明天派人来 到现在也没来")
    assert s.department == "heating"
