"""Automatic dispatch policy, its calibration, and 协办 suggestions (auto.py, assist.py)."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml
from hotline.ticketing.routing import (
    DEFAULT_RULES_FILE,
    Router,
    RulesError,
    parse_rules,
)
from hotline.ticketing.routing.auto import (
    AutoDispatchSettings,
    choose_threshold,
    decide,
    may_take_back,
    reliability_curve,
)
from hotline.ticketing.routing.confidence import (
    FEATURES,
    CalibrationError,
    Evidence,
    fit_calibrator,
    parse_calibration,
)

from tests.fixtures.routing import make_suggestion

ON = AutoDispatchSettings(enabled=True, threshold=0.9, take_back_minutes=30)


def test_off_by_default_in_the_packaged_rules(router: Router) -> None:
    assert router.rules.auto_dispatch.enabled is False
    assert decide(make_suggestion(), router.rules.auto_dispatch, "热力公司").dispatch is False


def test_confident_rule_decision_is_dispatched_with_the_reason() -> None:
    decision = decide(make_suggestion(), ON, "鲅鱼圈区热力公司")
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
    decision = decide(make_suggestion(**changes), ON, "热力公司")
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
    assert (
        parse_rules(data, router.catalog).auto_dispatch.threshold
        == data["auto_dispatch"]["threshold"]
    )
    for bad in (
        {"threshold": 2},
        {"enabled": "yes"},
        {"take_back_minutes": -1},
        {"x": 1},
    ):
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


def test_a_word_inside_the_leads_own_phrase_is_no_second_duty(router: Router) -> None:
    # 着火 (emergency) is heard only inside 点不着火, the gas company's own complaint.
    assert router.suggest("燃气灶点不着火，燃气表也不走字").assisting == ()
    # 报警 (police) only inside 燃气报警器: no police matter.
    said = router.suggest("燃气公司入户安检收检查费，还强制卖燃气报警器")
    assert "public_security" not in dict(said.assisting)


def test_assisting_reason_quotes_the_other_units_own_words(router: Router) -> None:
    s = router.suggest("开发商一直不给小区开通燃气，入住一年了还用煤气罐")
    for unit, reason in s.assisting:
        assert reason.startswith("协办：")
        assert "“" in reason and unit != s.department


def _assist_dev(name: str = "assist_dev") -> list[dict[str, object]]:
    path = Path(__file__).parent / "data" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_assist_dev_set_is_labelled_with_catalogue_ids(router: Router) -> None:
    items = _assist_dev()
    assert len(items) >= 60
    for item in items:
        assert router.catalog.has_unit(str(item["unit"])), item
        assisting = item["assist"]
        assert isinstance(assisting, list) and item["unit"] not in assisting, item
        assert all(router.catalog.has_unit(u) for u in assisting), item
    assert sum(not i["assist"] for i in items) >= 15  # single-duty requests too


@pytest.mark.parametrize("name", ["assist_dev2", "assist_dev3"])
def test_later_assist_dev_sets_are_labelled_with_catalogue_ids(router: Router, name: str) -> None:
    items = _assist_dev(name)
    assert len(items) >= 30
    for item in items:
        assert router.catalog.has_unit(str(item["unit"])), item
        assert item["unit"] not in item["assist"], item  # type: ignore[operator]
        assert all(router.catalog.has_unit(u) for u in item["assist"]), item  # type: ignore[attr-defined]


def test_assisting_precision_on_the_dev_set_stays_at_least_050(router: Router) -> None:
    # A regression guard (the set was written from the catalogue, the rule was then
    # tuned on it), not a target.
    said = right = 0
    for item in _assist_dev():
        units = {u for u, _ in router.suggest(str(item["text"])).assisting}
        said += len(units)
        right += len(units & set(item["assist"]))  # type: ignore[arg-type]
    assert said and right / said >= 0.50


def test_calibration_section_parses_and_scores_monotonically() -> None:
    data = {"intercept": -2.0, "weights": {"score": 4.0, "both_agree": 2.0}}
    calibrator = parse_calibration(data)
    assert calibrator is not None and calibrator.to_dict() == data
    low, high = _evidence(score=0.3), _evidence(score=0.9)
    assert 0.0 < calibrator(low) < calibrator(high) < 1.0
    assert calibrator(_evidence(score=0.9, both_agree=1.0)) > calibrator(high)
    biased = parse_calibration({**data, "units": {"heating": 1.0}})
    assert biased is not None and biased(replace(high, lead="heating")) > calibrator(high)
    for bad in (
        {**data, "units": {"heating": "high"}},
        {**data, "extra": 1},
        {"intercept": 1},
        {"intercept": "x", "weights": {}},
        {"intercept": 0, "weights": {"nonsense": 1.0}},
        {"intercept": 0, "weights": {"score": True}},
    ):
        with pytest.raises(CalibrationError):
            parse_calibration(bad)


def test_fitted_calibrator_ranks_agreeing_evidence_higher() -> None:
    agree = [_evidence(score=0.7, both_agree=1.0)] * 40
    alone = [_evidence(score=0.7)] * 40
    correct = [True] * 39 + [False] + [True] * 20 + [False] * 20
    calibrator = fit_calibrator(agree + alone, correct)
    assert calibrator(agree[0]) > 0.8 > 0.6 > calibrator(alone[0])
    # A lead unit that is often wrong gets a bias of its own.
    often_wrong = [_evidence(score=0.7, lead="emergency")] * 40
    fitted = fit_calibrator(agree + often_wrong, [True] * 39 + [False] + [False] * 30 + [True] * 10)
    assert fitted.units["emergency"] < 0


def test_the_threshold_reads_the_calibrated_confidence_when_there_is_one() -> None:
    settings = replace(ON, calibration=parse_calibration({"intercept": 0.0, "weights": {}}))
    # The combined score 0.95 is above 0.9, but the calibrated confidence (0.5) is not.
    decision = decide(make_suggestion(calibrated=0.5), settings, "热力公司")
    assert not decision.dispatch and "0.50" in decision.reason
    assert decide(make_suggestion(calibrated=0.93), settings, "热力公司").dispatch


def test_router_attaches_the_calibrated_confidence(router: Router) -> None:
    calibration = parse_calibration({"intercept": 0.0, "weights": {"score": 1.0}})
    settings = replace(router.rules.auto_dispatch, calibration=calibration)
    calibrated = Router(
        replace(router.rules, auto_dispatch=settings),
        router.catalog,
        phonetic=router.phonetic,
        seed=router.classifier(),
    )
    s = calibrated.suggest("暖气不热，家里太冷了")
    assert s.evidence is not None and s.calibrated is not None
    assert s.calibrated == pytest.approx(1 / (1 + math.exp(-s.evidence.score)), abs=1e-4)


def _evidence(lead: str = "", **values: float) -> Evidence:
    return Evidence(**{name: values.get(name, 0.0) for name in FEATURES}, lead=lead)


def test_written_dev_set_is_labelled_with_catalogue_ids(router: Router) -> None:
    """The written web-form dev set (bench/type_eval.py --sets) uses catalogue ids only."""
    items = _assist_dev("written_dev")
    units = {u.id for u in router.catalog.units} | {a.id for a in router.catalog.areas}
    types = {c.id for c in router.catalog.categories}
    areas = {a.id for a in router.catalog.areas}
    assert 80 <= len(items) <= 120
    for item in items:
        assert set(item) == {"text", "unit", "type", "area", "epidemic"}, item
        assert item["unit"] in units and item["type"] in types, item
        assert item["area"] is None or item["area"] in areas, item
        assert isinstance(item["epidemic"], bool) and 40 <= len(str(item["text"])) <= 250


def test_epidemic_dev_set_is_labelled_with_catalogue_ids(router: Router) -> None:
    """The spoken epidemic dev set (bench/type_eval.py --sets): catalogue ids, and both
    flagged requests and look-alikes in about equal numbers."""
    items = _assist_dev("epidemic_dev")
    units = {u.id for u in router.catalog.units} | {a.id for a in router.catalog.areas}
    types = {c.id for c in router.catalog.categories}
    areas = {a.id for a in router.catalog.areas}
    assert len(items) >= 60
    for item in items:
        assert set(item) == {"text", "unit", "type", "area", "epidemic"}, item
        assert item["unit"] in units and item["type"] in types, item
        assert item["area"] is None or item["area"] in areas, item
        assert isinstance(item["epidemic"], bool), item
    assert 25 <= sum(bool(i["epidemic"]) for i in items) <= 35
