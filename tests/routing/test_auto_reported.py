"""Automatic dispatch and the other units a request names (auto.held_back_by, roles.reported):
a unit only quoted or recalled from before stays on the suggestion but holds nothing back;
a real shared duty, or a unit quoted on whose duty it is, still goes past a person."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hotline.ticketing.routing import Router, Suggestion
from hotline.ticketing.routing.auto import AutoDispatchSettings, decide, held_back_by
from hotline.ticketing.routing.roles import reported
from hotline.ticketing.routing.text import normalise

from tests.fixtures.routing import make_suggestion

ON = AutoDispatchSettings(enabled=True, threshold=0.9)


def _on(router: Router) -> AutoDispatchSettings:
    return replace(router.rules.auto_dispatch, enabled=True)


def _suggestion(**changes: object) -> Suggestion:
    """No water, with the housing bureau (物业) suggested as assisting unit."""
    water = {
        "department": "water",
        "phrases": ("停水",),
        "assisting": (("housing", "协办：区住房和城乡建设局，其职责明确提到“物业”"),),
    }
    return make_suggestion(**(water | changes))


def test_a_unit_named_only_in_reported_speech_holds_nothing_back() -> None:
    assert held_back_by(_suggestion(), ON) == "assisting"
    decision = decide(_suggestion(reported=("housing",)), ON, "区供水公司")
    assert decision.dispatch
    assert "未作协办" in decision.reason
    weak = _suggestion(assisting=(), other_duties=("health",))
    assert held_back_by(weak, ON) == "other_duties"
    assert held_back_by(replace(weak, reported=("health",)), ON) is None


def test_one_unit_not_only_reported_still_holds_the_request_back() -> None:
    two = _suggestion(assisting=(("housing", "协办：…"), ("gas", "协办：…")), reported=("housing",))
    assert held_back_by(two, ON) == "assisting"


@pytest.mark.parametrize("category", ["suggestion", "consult"])
def test_a_question_or_proposal_is_answered_by_one_unit(category: str) -> None:
    # Another unit's duty named in a question or proposal is context, not a shared duty.
    other = _suggestion(category=category, assisting=(), other_duties=("housing",))
    assert held_back_by(other, ON) is None
    assert held_back_by(replace(other, category="complaint"), ON) == "other_duties"
    assert held_back_by(replace(other, epidemic=True), ON) == "epidemic"
    # A 协办 shown on one is a unit the caller asked by name: a person names both.
    assert held_back_by(_suggestion(category=category), ON) == "assisting"


def test_another_units_duty_in_a_question_is_not_suggested_as_assisting(router: Router) -> None:
    s = router.suggest("请问孩子明年上小学户口不在本地需要准备啥材料")
    assert (s.department, s.category) == ("education", "consult")
    assert s.assisting == ()
    assert held_back_by(s, replace(_on(router), threshold=0.5)) != "other_duties"


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("家里没水了物业说不知道原因", "物业", True),  # quoted
        ("去年物业和社区都说过这事", "物业", True),
        ("高龄补贴不给发问过村里好几次", "村里", True),  # asked before
        ("物业说找热力公司", "物业", False),  # quoted on whose duty it is
        ("社区来看过说不归他们管", "社区", False),
        ("物业也得配合开门", "物业", False),  # a duty of its own
        ("物业不给开证明", "物业", False),
    ],
)
def test_which_mentions_are_reported(text: str, unit: str, expected: bool) -> None:
    compact = normalise(text)
    start = compact.index(unit)
    assert reported(compact, start, start + len(unit)) is expected


def test_written_message_whose_only_other_unit_is_quoted_is_dispatched(router: Router) -> None:
    s = router.suggest(
        "我是海星街道某小区的住户。从今天早上七点开始家里就没水了，物业说不知道原因，"
        "也没有接到停水通知。家里有卧床的老人，急需用水，恳请供水公司尽快派人查看并恢复供水。"
    )
    assert s.department == "water"
    assert "housing" in dict(s.assisting)  # still shown to the operator
    assert s.reported == ("housing",)
    assert decide(s, _on(router), "供水公司").dispatch


@pytest.mark.parametrize(
    "text",
    [
        # the other unit must act too
        "我家楼道里燃气管道漏气，煤气味挺大，物业说不归他管，燃气公司赶紧来修，物业也得配合开门",
        # quoted on whose duty it is: a dispute the operator settles with 协办
        "那个我们小区供暖管道冻裂了物业说找热力公司热力公司赶紧派人来修吧家里都零度了",
        "新交的房子暖气不热，热力公司说是开发商铺的管道有问题，开发商又推给热力公司",
    ],
)
def test_a_real_shared_duty_is_not_dispatched(router: Router, text: str) -> None:
    s = router.suggest(text)
    assert s.assisting
    assert held_back_by(s, _on(router)) == "assisting"
