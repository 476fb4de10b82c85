"""A clause opening with 麻烦 asks someone to act (help); 麻烦 as trouble or before a
question does not."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.polite_ask import polite_ask


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("登记完了一直没来，麻烦给安排一下。", "麻烦给安排一下"),
        ("管子还是包着胶带。麻烦燃气公司来正经修好。", "麻烦燃气公司来正经修好"),
        ("我家暖气不热 麻烦你们派个人来看看", "麻烦你们派个人来看看"),  # recognised speech
    ],
)
def test_a_clause_opening_with_mafan_is_an_ask(text: str, clause: str) -> None:
    assert polite_ask(text) == clause


@pytest.mark.parametrize(
    "text",
    [
        "办个证跑了五趟，太麻烦了。",  # trouble, not an ask
        "不想给你们添麻烦，就是问问。",
        "麻烦问一下，卫生监督所的电话是多少？",  # a question: a consult's
        "麻烦咨询一下异地就医怎么备案。",
    ],
)
def test_mafan_as_trouble_or_before_a_question_is_no_ask(text: str) -> None:
    assert polite_ask(text) == ""


def test_the_router_types_a_grievance_closed_by_a_polite_ask_help(router: Router) -> None:
    text = "修路的把我家门口的下水井盖压碎了，说等施工队定谁赔。现在还拿木板盖着。麻烦给换个新的。"
    assert router.suggest(text).category == "help"
