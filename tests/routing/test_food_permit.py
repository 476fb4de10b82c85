"""Food handled without its permit or a cook's health card: the market regulator assists
(food_permit.py), whoever leads on the rest — not with health leading, not where the permit is
only asked about."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.food_permit import FOOD_PERMIT
from hotline.ticketing.routing.shared_duty import unnamed_duties
from hotline.ticketing.routing.text import normalise


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


def _read(text: str, lead: str) -> list[str]:
    return [w for d, w in unnamed_duties(_compact(text), lead) if d is FOOD_PERMIT]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("小区里那个午托班天天给孩子做饭，没有食品经营许可，办学手续也没有", "education"),
        ("我在一家豆腐坊上班，老板不签合同，还让没健康证的人上手干活", "human_resources"),
        ("楼下烧烤店的油烟直往楼上灌，门口也没挂食品经营许可证", "urban_management"),
        ("学校食堂的大师傅得了肝炎，没等开健康证明就回来上灶了", "education"),
        ("那个农家乐给游客做饭的厨子健康证都没有", "culture_tourism"),
    ],
)
def test_food_without_permit_or_health_card_is_read(text: str, lead: str) -> None:
    assert _read(text, lead)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # The caller's own health card, with health leading: health's duty alone.
        ("体检查出乙肝小三阳，健康证就不给办了，饭店的活也黄了", "health"),
        # Asked about, not said to be missing.
        ("想开个小饭店，食品经营许可证怎么办，要多长时间", "education"),
        ("老板说他有健康证，可他咳嗽了两个月", "human_resources"),
        # A licence of another kind: not a food permit (无照经营 reads 执照 elsewhere).
        ("托管班没有办学许可，一个屋里塞了三十个孩子", "education"),
    ],
)
def test_no_food_permit_elsewhere(text: str, lead: str) -> None:
    assert _read(text, lead) == []


def test_a_lunch_class_without_a_permit_is_routed_with_the_regulator(router: Router) -> None:
    got = router.suggest(
        "举报：我们小区有个托管班，天天给二十多个孩子做午饭，没有食品经营许可，也没有办学手续"
    )
    assert got.department == "education"
    assert [u for u, _ in got.assisting] == ["market_supervision"]
    assert "食品经营许可" in got.assisting[0][1]
