"""A town, subdistrict, community or village office that sent the caller away while the
caller asks where the matter goes (disclaimed.area_disclaimed): the area is the story of
the call, the duty asked is another unit's."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.disclaimed import area_disclaimed, past_area
from hotline.ticketing.routing.suggestion import Alternative


@pytest.mark.parametrize(
    "text",
    [
        "我想开个烧烤摊 去镇上问 镇上说这个不归他们 到底上哪办证",
        "街道说不管这个 让我找人社 退休认证还能去哪办",
        "去社区问了好几回都说办不了 这个证明归谁开",
    ],
)
def test_an_area_body_disclaims_and_the_caller_asks_where(text: str) -> None:
    assert area_disclaimed(text)


@pytest.mark.parametrize(
    "text",
    [
        # The area's own deed disputed, no question where: the area's own matter.
        "社区搞卫生把我家楼道的柜子扔了 找社区说不归他们管",
        # A question where, but no area body sent the caller away.
        "营业执照在哪办",
        # A community clinic is no area body.
        "社区医院说看不了 让去大医院 上哪看",
    ],
)
def test_no_area_body_sent_the_caller_away(text: str) -> None:
    assert not area_disclaimed(text)


def test_the_next_unit_leads_past_a_disclaiming_area() -> None:
    ranked = (Alternative("honghai", 0.3), Alternative("market_supervision", 0.2))
    text = "街道说不归他们 营业执照在哪办"
    assert past_area(text, ranked, {"honghai", "xiongyue"}) == "market_supervision"
    assert past_area("营业执照在哪办", ranked, {"honghai"}) is None


def test_a_stall_licence_the_town_disclaimed_is_not_the_towns(router: Router) -> None:
    s = router.suggest("熊岳镇 我想在大集上摆个卖凉菜的摊 镇上说不归他们管 这个证到底在哪办")
    assert s.department != "xiongyue"
