"""A care home holding its residents' bank cards: the police assist the civil affairs bureau
(residents_cards.py); an employer keeping a worker's card is the labour bureau's alone."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.residents_cards import RESIDENTS_CARDS
from hotline.ticketing.routing.shared_duty import unnamed_duties
from hotline.ticketing.routing.text import normalise


def _read(text: str, lead: str) -> list[str]:
    compact = normalise(text).replace(" ", "")
    return [w for d, w in unnamed_duties(compact, lead) if d is RESIDENTS_CARDS]


@pytest.mark.parametrize(
    "text",
    [
        "那家养老院把老人的银行卡都收走了，说是替老人保管",
        "敬老院收着我爸的存折，每个月的钱取了多少也不让看",
        "私人开的老年公寓把住的老人的养老金卡全拿走了",
    ],
)
def test_a_care_home_taking_residents_cards_is_read(text: str) -> None:
    assert _read(text, "civil_affairs")


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("老板把我的工资卡扣着不给，工资也不发", "human_resources"),  # the employer's act
        ("养老院把老人的银行卡都收走了", "health"),  # only with civil affairs leading
        ("我妈的银行卡丢了，去养老院问也说没见着", "civil_affairs"),  # lost, not taken
        ("我爸的存折在我这收着，养老院的钱我每月去交", "civil_affairs"),  # no care home's act
    ],
)
def test_no_cards_duty_elsewhere(text: str, lead: str) -> None:
    assert _read(text, lead) == []


def test_a_care_home_keeping_the_cards_is_routed_with_the_police(router: Router) -> None:
    got = router.suggest(
        "举报：我姥姥住的那家敬老院，把老人的银行卡都收走保管，补贴一到账就被取走，问了也不给看账"
    )
    assert got.department == "civil_affairs"
    assert "public_security" in [u for u, _ in got.assisting]
