"""A recogniser's slip of a unit's own name (英急局, 胃健委, 环宝局) is respelt as that name
(roles.UNIT_NAMES among the respeller's known words), so every reader sees the unit asked."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.matching import rule_words
from hotline.ticketing.routing.respell import Respeller
from hotline.ticketing.routing.roles import UNIT_NAMES


@pytest.mark.parametrize(
    ("text", "heard", "meant"),
    [
        ("英急局赶紧来人看看", "英急局", "应急局"),
        ("胃健委能不能派人去看看", "胃健委", "卫健委"),
        ("扬尘是环宝局管", "环宝局", "环保局"),
        ("敏政局能不能给办个低保", "敏政局", "民政局"),
    ],
)
def test_a_slip_of_a_units_name_is_respelt(
    router: Router, text: str, heard: str, meant: str
) -> None:
    respeller = Respeller([*rule_words(router.rules), *UNIT_NAMES], router.phonetic)
    assert respeller.slips(text) == {heard: meant}


def test_the_unit_named_through_a_slip_is_read(router: Router) -> None:
    s = router.suggest("这个是找城管吧 不对不对 扬尘是环宝局管 工地黄土不苫盖 风一刮满屋子土")
    assert s.department == "environment"
