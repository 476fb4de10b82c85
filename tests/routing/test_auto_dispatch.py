"""Automatic dispatch policy, its calibration, and 协办 suggestions (auto.py, assist.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
import yaml
from hotline.ticketing.routing import (
    DEFAULT_RULES_FILE,
    Router,
    RulesError,
    Suggestion,
    parse_rules,
)
from hotline.ticketing.routing.auto import (
    AutoDispatchSettings,
    choose_threshold,
    decide,
    may_take_back,
    reliability_curve,
)

ON = AutoDispatchSettings(enabled=True, threshold=0.9, take_back_minutes=30)


def _suggestion(**changes: object) -> Suggestion:
    base = Suggestion(
        department="heating",
        alternatives=(),
        category="help",
        area=None,
        epidemic=False,
        confidence=0.95,
        explanation="",
        decided_by="rules",
        phrases=("暖气不热", "暖气"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_off_by_default_in_the_packaged_rules(router: Router) -> None:
    assert router.rules.auto_dispatch.enabled is False
    assert decide(_suggestion(), router.rules.auto_dispatch, "热力公司").dispatch is False


def test_confident_rule_decision_is_dispatched_with_the_reason() -> None:
    decision = decide(_suggestion(), ON, "鲅鱼圈区热力公司")
    assert decision.dispatch
    assert decision.reason.startswith("自动派单：鲅鱼圈区热力公司")
    assert "0.95" in decision.reason and "“暖气不热”" in decision.reason


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"confidence": 0.89}, "低于阈值"),
        ({"epidemic": True}, "涉疫"),
        ({"decided_by": "words"}, "依据不足"),
        ({"decided_by": "area"}, "依据不足"),
        ({"department": None}, "没有建议"),
        ({"assisting": (("housing", "协办：…"),)}, "协办"),
    ],
)
def test_a_person_decides_when_unsure_epidemic_or_unfounded(
    changes: dict[str, object], why: str
) -> None:
    decision = decide(_suggestion(**changes), ON, "热力公司")
    assert not decision.dispatch
    assert why in decision.reason


def test_take_back_window() -> None:
    at = datetime(2026, 12, 2, 8, 0)
    assert may_take_back(at, at + timedelta(minutes=30), ON)
    assert not may_take_back(at, at + timedelta(minutes=31), ON)


def test_threshold_is_the_widest_share_that_keeps_the_precision() -> None:
    pairs = [(0.99, True)] * 60 + [(0.95, True)] * 38 + [(0.95, False)] + [(0.6, False)] * 20
    chosen = choose_threshold(pairs, precision=0.98)
    assert chosen.threshold == 0.95
    assert chosen.coverage == pytest.approx(99 / 119)
    assert chosen.precision >= 0.98
    assert choose_threshold([(0.9, False)], 0.98).coverage == 0.0


def test_reliability_curve_bins() -> None:
    bins = reliability_curve([(0.05, False), (0.95, True), (0.97, False)], bins=10)
    assert [(b.low, b.count) for b in bins] == [(0.0, 1), (0.9, 2)]
    assert bins[1].accuracy == 0.5


def test_bad_auto_dispatch_section_is_named(router: Router) -> None:
    data = yaml.safe_load(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    assert parse_rules(data, router.catalog).auto_dispatch.threshold == 0.6
    for bad in ({"threshold": 2}, {"enabled": "yes"}, {"take_back_minutes": -1}, {"x": 1}):
        with pytest.raises(RulesError, match="auto_dispatch"):
            parse_rules({**data, "auto_dispatch": bad}, router.catalog)


def test_assisting_unit_is_suggested_with_a_reason(router: Router) -> None:
    s = router.suggest("开发商一直不给小区开通燃气，入住一年了还用煤气罐")
    units = dict(s.assisting)
    assert {s.department, *units} >= {"housing", "gas"}
    assert all(reason.startswith("协办") for reason in units.values())
    assert s.to_dict()["assisting"] == [{"department": d, "reason": r} for d, r in s.assisting]


def test_no_assisting_unit_for_a_single_duty(router: Router) -> None:
    assert router.suggest("身份证丢了怎么补办").assisting == ()
