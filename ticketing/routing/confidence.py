"""Calibrated confidence for automatic dispatch: P(the lead unit is right). No I/O.

The lead's combined score (0..1) alone is a poor judge: it is under-confident when the
phrase rules and the classifier agree, over-confident when one weak phrase stands alone.
`Evidence` gathers what the router already knows about its own decision; `Calibrator` is
a logistic regression over it, fitted (by `fit_calibrator`, with scikit-learn, offline)
on cross-validated routings of the seed corpus — every request routed by a classifier
that never saw it — and applied here with plain arithmetic, so routing never imports
scikit-learn. The coefficients live in the routing rules (`auto_dispatch.calibration`),
as printed by `bench/routing_eval.py --calibrate 5`, with the threshold chosen on the
out-of-fold calibrated confidences (never on routings the calibrator was fitted to).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any


class CalibrationError(ValueError):
    """The `auto_dispatch.calibration` section is invalid."""


@dataclass(frozen=True)
class Evidence:
    """What the router knows about its lead decision, each scaled to about 0..1
    (the `logit_*` fields: log-odds clipped to ±5, then divided by 5)."""

    score: float  # the lead's combined score c(lead)
    logit_score: float  # the same as scaled log-odds
    margin: float  # c(lead) − c(second)
    ratio: float  # c(second) / c(lead): 0 alone, 1 a tie
    rule_points: float  # log1p(s(lead)) / 3: how much phrase weight the lead's duty got
    rule_margin: float  # log1p(s(lead)) − log1p(s(best other unit)), / 3
    rule_hits: float  # min(phrases of the lead heard, 4) / 4
    by_sound: float  # share of the lead's phrases heard only by sound
    rules_agree: float  # 1: the phrase rules alone chose this lead
    classifier_agrees: float  # 1: the seed classifier's best class is this lead
    both_agree: float  # 1: rules and classifier chose this lead independently
    classifier_p: float  # the seed classifier's probability for the lead
    logit_classifier_p: float  # the same as scaled log-odds
    classifier_margin: float  # p_c(best) − p_c(second best)
    support: float  # how close the nearest corpus text is (0..1)
    rivals: float  # min(other units with a strong duty phrase, 3) / 3
    length: float  # min(characters, 200) / 200
    short: float  # 1: fewer than 12 characters
    area: float  # 1: a place was recognised
    area_lead: float  # 1: the lead is a town/subdistrict
    type_p: float  # the type classifier's probability for the chosen type
    strongest: float  # the lead's most specific phrase weight / 4
    units_heard: float  # min(units any phrase spoke for, 5) / 5
    unplaced: float  # the classifier's local-matter share that found no place
    by_rules: float  # decided_by one-hot (history and classifier: the rest)
    by_classifier: float
    by_words: float  # 1: no phrase matched, words inside phrases voted (backoff)
    # What the router read of the ask (round 18; 0 in evidence gathered before): the
    # caller asks the lead to act (by name, or a mention of its duty with 来修/管管), or
    # the lead's phrases are plainly what the request is about (roles.unit_role); how
    # many other units' duties were heard beside it (协办 shown or not); a question (咨询).
    lead_asked: float = 0.0
    lead_plain: float = 0.0
    second_units: float = 0.0  # min(units, 3) / 3
    question: float = 0.0
    # The lead unit: some units are confused with others far more often (its own bias).
    lead: str = ""

    def vector(self) -> tuple[float, ...]:
        return tuple(float(getattr(self, name)) for name in FEATURES)


FEATURES: tuple[str, ...] = tuple(f.name for f in fields(Evidence) if f.name != "lead")
LOGIT_CLIP = 5.0


def scaled_logit(p: float) -> float:
    """log(p / (1 − p)) clipped to ±LOGIT_CLIP, over LOGIT_CLIP."""
    p = min(max(p, 1e-6), 1 - 1e-6)
    z = math.log(p / (1 - p))
    return max(-LOGIT_CLIP, min(LOGIT_CLIP, z)) / LOGIT_CLIP


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Calibrator:
    intercept: float
    weights: Mapping[str, float]  # per Evidence field; a missing field weighs 0
    units: Mapping[str, float] = field(default_factory=dict)  # per lead unit; missing: 0

    def __call__(self, evidence: Evidence) -> float:
        values = zip(FEATURES, evidence.vector(), strict=True)
        z = self.intercept + sum(self.weights.get(name, 0.0) * v for name, v in values)
        return sigmoid(z + self.units.get(evidence.lead, 0.0))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "intercept": round(self.intercept, 4),
            "weights": {k: round(v, 4) for k, v in self.weights.items()},
        }
        if self.units:
            out["units"] = {k: round(v, 4) for k, v in self.units.items()}
        return out


def parse_calibration(data: Any) -> Calibrator | None:
    """{intercept, weights: {feature: coefficient}, units: {unit id: coefficient}}
    (units optional); None when absent."""
    if data is None:
        return None
    if (
        not isinstance(data, Mapping)
        or not {"intercept", "weights"} <= set(data)
        or (set(data) - {"intercept", "weights", "units"})
    ):
        raise CalibrationError("auto_dispatch.calibration: expected {intercept, weights, units}")
    intercept, weights, units = data["intercept"], data["weights"], data.get("units", {})
    if not isinstance(units, Mapping) or not all(
        isinstance(k, str) and _number(v) for k, v in units.items()
    ):
        raise CalibrationError("auto_dispatch.calibration: units maps unit ids to numbers")
    if not _number(intercept) or not isinstance(weights, Mapping):
        raise CalibrationError("auto_dispatch.calibration: intercept is a number, weights a map")
    unknown = set(weights) - set(FEATURES)
    if unknown:
        raise CalibrationError(f"auto_dispatch.calibration: unknown features {sorted(unknown)}")
    if not all(_number(v) for v in weights.values()):
        raise CalibrationError("auto_dispatch.calibration: every weight is a number")
    return Calibrator(
        float(intercept),
        {k: float(v) for k, v in weights.items()},
        {k: float(v) for k, v in units.items()},
    )


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def fit_calibrator(
    evidence: Sequence[Evidence],
    correct: Sequence[bool],
    strength: float = 1.0,
    features: Sequence[str] = FEATURES,
) -> Calibrator:
    """Logistic regression of `correct` on the evidence (L2, `strength` = 1/C), meant for
    out-of-fold routings: a text routed by a classifier that never saw it. `features`:
    the Evidence fields it may weigh (the rest weigh 0; the bench compares feature sets)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if len(set(correct)) < 2:
        raise CalibrationError("calibration needs both right and wrong routings")
    leads = sorted({e.lead for e in evidence if e.lead})
    column = {unit: i for i, unit in enumerate(leads)}
    unknown = set(features) - set(FEATURES)
    if unknown:
        raise CalibrationError(f"unknown features {sorted(unknown)}")
    used = [i for i, name in enumerate(FEATURES) if name in features]
    x = np.zeros((len(evidence), len(used) + len(leads)))
    for row, e in enumerate(evidence):
        vector = e.vector()
        x[row, : len(used)] = [vector[i] for i in used]
        if e.lead:
            x[row, len(used) + column[e.lead]] = 1.0
    y = np.array(correct, dtype=int)
    model = LogisticRegression(C=1.0 / strength, max_iter=5000).fit(x, y)
    coef = [float(c) for c in model.coef_[0]]
    weights = dict(zip((FEATURES[i] for i in used), coef[: len(used)], strict=True))
    units = dict(zip(leads, coef[len(used) :], strict=True))
    return Calibrator(float(model.intercept_[0]), weights, units)
