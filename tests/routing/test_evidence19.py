"""Round 19's readings of the calibrated confidence's evidence (evidence19.py): how the
caller spoke and how contested the lead is."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.blend import Ranking
from hotline.ticketing.routing.evidence19 import (
    entropy,
    filler_share,
    first_heard,
    round19_readings,
)
from hotline.ticketing.routing.model_votes import ClassifierVote
from hotline.ticketing.routing.rules import Hit
from hotline.ticketing.routing.suggestion import Alternative


def test_fillers_and_repeats_count_plain_speech_does_not() -> None:
    assert filler_share("暖气不热，屋里才十五度") == 0.0
    halting = filler_share("嗯，那个，就是，呃，我家暖气暖气不热")
    assert 0.0 < halting <= 1.0
    assert filler_share("") == 0.0


def test_entropy_is_zero_for_one_sure_unit_and_one_when_flat() -> None:
    assert entropy({"power": 1.0, "water": 0.0}) == pytest.approx(0.0)
    assert entropy({"power": 0.5, "water": 0.5}) == pytest.approx(1.0)
    assert entropy({"power": 0.9, "water": 0.05, "gas": 0.05}) < 0.5
    assert entropy({}) == 0.0


def test_the_lead_heard_first_reads_higher_than_heard_last() -> None:
    hits = [Hit("暖气", 2.0)]
    early = first_heard("暖气不热已经三天了", hits)
    late = first_heard("家里老人孩子都冻感冒了暖气", hits)
    assert early == pytest.approx(1.0) and late < 0.2
    assert first_heard("什么都没说", hits) == 0.0  # heard by sound only: not placed


def _ranking(lead: str, score: float, runner_up: str, its_score: float) -> Ranking:
    return Ranking(
        lead,
        (Alternative(runner_up, its_score),),
        score,
        {lead: score, runner_up: its_score},
        0.0,
        None,
    )


def test_a_lead_put_ahead_of_a_higher_scored_unit_is_read_as_promoted() -> None:
    clf = ClassifierVote({"heating": 0.7, "housing": 0.2, "power": 0.1})
    asked = round19_readings("", "请物业来处理", _ranking("housing", 0.3, "heating", 0.6), clf, [])
    assert asked["promoted"] == 1.0 and asked["rival_clf"] == pytest.approx(0.7)
    plain = round19_readings("", "暖气不热", _ranking("heating", 0.6, "housing", 0.3), clf, [])
    assert plain["promoted"] == 0.0 and plain["rival_clf"] == pytest.approx(0.2)
    assert plain["clauses"] == pytest.approx(1 / 6)  # one clause said


def test_the_router_gathers_the_readings(router: Router) -> None:
    halting = router.suggest("嗯那个，就是，我家楼下那个烧烤店，呃，油烟特别大，晚上还吵得睡不着觉")
    plain = router.suggest("楼下烧烤店油烟特别大")
    assert halting.evidence is not None and plain.evidence is not None
    assert halting.evidence.fillers > plain.evidence.fillers == 0.0
    assert halting.evidence.clauses > plain.evidence.clauses
    assert 0.0 <= halting.evidence.clf_entropy <= 1.0
