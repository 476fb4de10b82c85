"""A lighter second duty (auto `other_duties`) holds a request back only while the lead is
not near certain (auto.LIGHT_DUTY_CERTAIN); a shown 协办 and the other holds still hold."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hotline.ticketing.routing import Suggestion
from hotline.ticketing.routing.auto import (
    LIGHT_DUTY_CERTAIN,
    AutoDispatchSettings,
    decide,
    held_back_by,
    light_duties_passed,
)

from tests.fixtures.routing import make_suggestion

ON = AutoDispatchSettings(enabled=True, threshold=0.86)


def _light(calibrated: float, **changes: object) -> Suggestion:
    """A complaint about a market's scale (market supervision) where the agriculture
    bureau's duty words (渔民, 海货) were heard too weakly to be shown as 协办."""
    base = {
        "department": "market_supervision",
        "category": "complaint",
        "phrases": ("秤",),
        "other_duties": ("agriculture",),
        "calibrated": calibrated,
    }
    return make_suggestion(**(base | changes))


def test_a_near_certain_lead_passes_a_lighter_second_duty() -> None:
    sure = _light(LIGHT_DUTY_CERTAIN + 0.005)
    assert held_back_by(sure, ON) is None
    assert light_duties_passed(sure)
    decision = decide(sure, ON, "区市场监督管理局")
    assert decision.dispatch
    assert "职责较轻" in decision.reason


@pytest.mark.parametrize("calibrated", [0.9, LIGHT_DUTY_CERTAIN - 0.001])
def test_below_near_certain_the_lighter_duty_still_holds(calibrated: float) -> None:
    held = _light(calibrated)
    assert held_back_by(held, ON) == "other_duties"
    assert not light_duties_passed(held)


def test_a_shown_assisting_unit_and_the_other_holds_are_not_passed() -> None:
    sure = LIGHT_DUTY_CERTAIN + 0.005
    shown = _light(sure, assisting=(("agriculture", "协办：区农业农村局"),))
    assert held_back_by(shown, ON) == "assisting"
    assert held_back_by(_light(sure, epidemic=True), ON) == "epidemic"
    assert held_back_by(_light(sure, joint_cues=("渔政",)), ON) == "joint"
    assert held_back_by(_light(sure, second_ask="也得查查"), ON) == "second_ask"


def test_a_question_with_another_duty_is_not_a_light_duty_passed() -> None:
    # A question is answered by one unit anyway (JOINT_TYPES): nothing was passed.
    consult = _light(LIGHT_DUTY_CERTAIN + 0.005, category="consult")
    assert held_back_by(consult, ON) is None
    assert not light_duties_passed(consult)
    assert "职责较轻" not in decide(consult, ON, "区市场监督管理局").reason
    assert not light_duties_passed(replace(consult, category="complaint", other_duties=()))
