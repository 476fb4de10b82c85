"""户口 told as where one is registered (户口在…, 户口不在…, 户口还在…) is a condition of
another ask, not the police's household registration; and a longer phrase only heard
around a shorter one written (户口簿 heard in 户口不在) is the same mention, counted once."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.matching import find_hits
from hotline.ticketing.routing.phonetic import TextSound
from hotline.ticketing.routing.text import chunks


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # a subsidy asked about, the registration its condition
        (
            "孩子今年1月出生，听说国家有育儿补贴，三岁以下每年都有，请问在哪申请，"
            "要准备什么材料？我和孩子户口不在一起能办吗",
            "health",
        ),
        (
            "替我奶奶问问，她过完年就满八十了，听说有高龄补贴。需要去哪申请？要带什么材料？"
            "我们户口在鲅鱼圈，她现在跟我住在大连，还能领吗？",
            "civil_affairs",
        ),
    ],
)
def test_registration_as_a_condition_does_not_lead(
    rules_only_router: Router, text: str, lead: str
) -> None:
    assert rules_only_router.suggest(text).department == lead


@pytest.mark.parametrize(
    "text",
    [
        "老人户口在熊岳镇，现在跟我住在开发区，想把户口迁过来，要准备什么",  # 迁户口
        "孩子在大连出生，我们户口在鲅鱼圈。请问给孩子上户口要带哪些材料",  # 上户口
    ],
)
def test_the_registration_itself_asked_stays_with_the_police(
    rules_only_router: Router, text: str
) -> None:
    assert rules_only_router.suggest(text).department == "public_security"


def test_a_phrase_heard_around_a_written_one_counts_once(rules_only_router: Router) -> None:
    text = "我和孩子户口不在一起能办吗"
    phrases = rules_only_router.rules.units["public_security"]
    hits = find_hits(phrases, text, TextSound(chunks(text)), rules_only_router.phonetic)
    assert "户口" in {h.phrase for h in hits}
    assert not [h for h in hits if h.by_sound and "户口" in h.phrase]
