"""A near-certain classifier leads over a rule lead it gives almost nothing (blend.sure_unit)."""

from __future__ import annotations

from hotline.ticketing.routing.blend import NOTHING, SURE, sure_unit

AREAS = {"xiongyue", "lutun"}


def test_a_near_certain_unit_replaces_a_lead_it_gives_almost_nothing() -> None:
    p = {"human_resources": SURE + 0.01, "health": NOTHING / 2, "transport": 0.01}
    assert sure_unit(p, "health", AREAS) == "human_resources"


def test_an_unsure_classifier_leaves_the_lead() -> None:
    p = {"human_resources": SURE - 0.05, "health": 0.001}
    assert sure_unit(p, "health", AREAS) is None


def test_a_lead_the_classifier_still_gives_some_weight_keeps_it() -> None:
    p = {"human_resources": SURE, "health": NOTHING}
    assert sure_unit(p, "health", AREAS) is None


def test_the_classifier_agreeing_or_silent_changes_nothing() -> None:
    assert sure_unit({"health": 0.99}, "health", AREAS) is None
    assert sure_unit({}, "health", AREAS) is None
    assert sure_unit({"health": 0.99}, None, AREAS) is None


def test_an_area_is_never_the_near_certain_unit() -> None:
    # The classifier learns every area as one class: sure of a local matter, not of a unit.
    p = {"xiongyue": 0.99, "public_security": 0.005}
    assert sure_unit(p, "public_security", AREAS) is None
