"""Every hold's verdict (auto.hold_checks), the ask read into the calibrated confidence's
evidence, and a calibrator fitted on some of the features (confidence.fit_calibrator)."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.auto import AutoDispatchSettings, held_back_by, hold_checks
from hotline.ticketing.routing.confidence import (
    FEATURES,
    CalibrationError,
    Evidence,
    fit_calibrator,
)

from tests.fixtures.routing import make_suggestion

ON = AutoDispatchSettings(enabled=True, threshold=0.9)


def test_every_hold_is_told_not_only_the_first() -> None:
    held = make_suggestion(epidemic=True, assisting=(("housing", "协办：物业"),), confidence=0.5)
    checks = dict(hold_checks(held, ON))
    assert checks["epidemic"] and checks["assisting"] and checks["threshold"]
    assert not checks["joint"] and not checks["source"]
    assert held_back_by(held, ON) == "epidemic"  # the first in order still decides
    assert [name for name, _ in hold_checks(held, ON)][-1] == "threshold"


def test_a_suggestion_no_hold_stops_has_every_check_false() -> None:
    assert not any(on for _, on in hold_checks(make_suggestion(), ON))
    assert held_back_by(make_suggestion(), ON) is None


def test_the_evidence_reads_the_ask_of_the_lead_and_a_question(router: Router) -> None:
    asked = router.suggest("停电了，请供电公司赶紧来修一下")
    assert asked.department == "power" and asked.evidence is not None
    assert asked.evidence.lead_asked == 1.0 and asked.evidence.question == 0.0
    question = router.suggest("请问个人在家开网店卖衣服，要不要办营业执照？")
    assert question.category == "consult" and question.evidence is not None
    assert question.evidence.question == 1.0 and question.evidence.lead_asked == 0.0


def test_other_units_duties_heard_are_counted_in_the_evidence(router: Router) -> None:
    alone = router.suggest("暖气不热，屋里才十五度")
    assert alone.evidence is not None and alone.evidence.second_units == 0.0
    both = router.suggest("海边那一溜烧烤摊 羊肉串根本不是羊肉 一串还卖五块")
    assert both.evidence is not None
    assert both.evidence.second_units == pytest.approx(
        min(len(both.assisting) + len(both.other_duties), 3) / 3
    )
    assert both.evidence.second_units > 0


def _evidence(**values: float) -> Evidence:
    return Evidence(**{name: values.get(name, 0.0) for name in FEATURES})


def test_a_calibrator_fitted_on_some_features_weighs_only_those() -> None:
    evidence = [_evidence(score=s / 10, question=float(s % 2)) for s in range(10)] * 3
    correct = [e.score > 0.4 for e in evidence]
    fitted = fit_calibrator(evidence, correct, features=("score", "margin"))
    assert set(fitted.weights) == {"score", "margin"}
    assert fitted.weights["score"] > 0
    assert fitted(_evidence(score=0.9, question=1.0)) == fitted(_evidence(score=0.9))
    with pytest.raises(CalibrationError):
        fit_calibrator(evidence, correct, features=("score", "no_such_feature"))
