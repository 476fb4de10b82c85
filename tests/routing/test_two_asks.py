"""Two asks, the second a question of entitlement (另外…够不够低保, 另外…医保能不能报): the
first ask's unit leads and the second's assists; other second asks are not read."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.suggestion import Suggestion
from hotline.ticketing.routing.two_asks import first_ask_leads, two_asks


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "我家房子墙裂了想申请危房改造，另外我们家够不够低保条件",
            "我家房子墙裂了想申请危房改造，",
        ),
        ("孩子想转学到海星那边的小学 另外孩子住院的钱医保能不能报", "孩子想转学到海星那边的小学 "),
        ("楼门口想修个无障碍坡道；再一个他的残疾补贴能不能申请", "楼门口想修个无障碍坡道；"),
        ("我爸的养老金认证上不去，还想问他符不符合高龄补贴", "我爸的养老金认证上不去，"),
    ],
)
def test_a_second_ask_of_entitlement_is_read(text: str, first: str) -> None:
    asks = two_asks(text)
    assert asks is not None
    assert asks[0] == first
    assert asks[1] == text[len(first) :]


@pytest.mark.parametrize(
    "text",
    [
        # A second ask of another kind: the lead passes it on or answers it.
        "供水管子冻裂了一直冒水，麻烦来修，顺便撒点沙子",
        "外地车牌违章能在本地处理吗？另外驾驶证换证需不需要体检",
        # 另外 inside a phrase, and a bare 还有 adding to the scene.
        "中介说另外一个半月是服务费，能不能报警",
        "旁边还有人抽烟，这种能不能申请检查",
        # No first ask before the connector.
        "另外医保能不能报",
        # An entitlement asked once.
        "我家老人住院的钱医保能不能报",
    ],
)
def test_other_asks_are_not_read(text: str) -> None:
    assert two_asks(text) is None


def _suggestion(lead: str, assisting: tuple[tuple[str, str], ...] = ()) -> Suggestion:
    return Suggestion(
        department=lead,
        alternatives=(),
        category="consult",
        area=None,
        epidemic=False,
        confidence=0.8,
        explanation=f"建议主办：{lead}（诉求所指：“医保”“能报”；教育为顺带提及）；类型：咨询",
        assisting=assisting,
    )


def _route(units: dict[str, str]) -> Callable[[str], Suggestion]:
    """A router for the halves: the unit of the first word found."""

    def route(text: str) -> Suggestion:
        half = _suggestion(next(u for word, u in units.items() if word in text))
        return dataclasses.replace(half, confidence=0.55)  # a half's own confidence

    return route


def test_the_first_asks_unit_leads_and_the_entitlements_assists() -> None:
    text = "孩子想上普通幼儿园 幼儿园不收 另外康复训练医保能不能报"
    route = _route({"幼儿园": "education", "医保": "medical_insurance"})
    got = first_ask_leads(_suggestion("medical_insurance"), text, route, str)
    assert got.department == "education"
    assert [u for u, _ in got.assisting] == ["medical_insurance"]
    assert got.alternatives[0].department == "medical_insurance"
    assert got.alternatives[0].score == 0.8  # the old lead keeps its own
    assert got.confidence == 0.55  # the new lead's is its ask's, routed alone
    assert got.explanation.startswith("建议主办：education（来电先请其办理")
    assert got.explanation.endswith("；类型：咨询")
    assert got.second_ask == "另外…能不能报"  # held for a person


def test_a_right_lead_keeps_its_assists_and_gains_the_entitlements() -> None:
    text = "村里一户房顶塌了想申请危房改造，另外他家够不够低保"
    route = _route({"危房": "housing", "低保": "civil_affairs"})
    before = _suggestion("housing", (("lutun", "属地协办"),))
    got = first_ask_leads(before, text, route, str)
    assert got.department == "housing"
    assert [u for u, _ in got.assisting] == ["civil_affairs", "lutun"]
    assert got.explanation == before.explanation


def test_one_unit_asked_twice_is_left_alone() -> None:
    text = "低保复核以后少发了一百，另外我们家能不能申请临时救助"
    before = _suggestion("civil_affairs")
    got = first_ask_leads(
        before, text, _route({"低保": "civil_affairs", "救助": "civil_affairs"}), str
    )
    assert got is before


@pytest.mark.parametrize(
    ("text", "lead", "assist"),
    [
        (
            "我儿子是自闭症，想上普通小学，学校说不收，另外他做康复训练的钱医保能不能报",
            "education",
            "medical_insurance",
        ),
        (
            "我哥家平房的后墙裂了一道大缝，想申请危房改造，另外他一个人没收入，够不够低保",
            "housing",
            "civil_affairs",
        ),
    ],
)
def test_the_router_leads_with_the_first_ask(
    router: Router, text: str, lead: str, assist: str
) -> None:
    # Without the reading the entitlement's unit is only a lighter duty, not shown.
    got = router.suggest(text)
    assert got.department == lead
    assert assist in [u for u, _ in got.assisting]
    assert got.second_ask  # another unit's ask: held for a person
