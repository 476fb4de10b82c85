"""Champion/challenger retraining with the real router and classifier (retrain.py): a
consistent operator habit goes live, a challenger worse on the newest dispatches does
not, and too short a history gives no verdict.

The history is synthetic (tests/routing/synthetic_history.py): this centre sends lift
faults to market supervision, the packaged rules say housing.
"""

from __future__ import annotations

import random

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.retrain import RetrainPolicy, retrain
from hotline.ticketing.routing.seed import seed_records

from tests.routing.synthetic_history import history

LIFT = "喂 你好 我们 单元 的 电梯 这 两天 总是 停 在 半 道 上"


def _shuffled() -> list[tuple[str, str, str | None]]:
    items = [(text, unit, "complaint") for text, unit in history()]
    random.Random(7).shuffle(items)  # lifts among the newest dispatches too
    return items


@pytest.fixture(scope="module")
def habit(router: Router):  # type: ignore[no-untyped-def]
    return retrain(router, _shuffled(), seed_records())


def test_a_consistent_operator_habit_goes_live(router: Router, habit) -> None:  # type: ignore[no-untyped-def]
    verdict = habit.verdict
    assert verdict.replace and habit.model is not None
    assert verdict.held_out == 24 and habit.examples == 120
    assert verdict.challenger_accuracy > verdict.champion_accuracy
    assert "已替换" in verdict.reason
    assert router.suggest(LIFT).department == "housing"
    assert router.with_model(habit.model).suggest(LIFT).department == "market_supervision"


def test_a_challenger_worse_on_the_newest_dispatches_stays_out(router: Router, habit) -> None:  # type: ignore[no-untyped-def]
    live = router.with_model(habit.model)
    items = _shuffled()
    newest = items[-24:]
    # The older dispatches say lifts go to housing; the newest say market supervision.
    older = [(t, "housing" if u == "market_supervision" else u, c) for t, u, c in items[:-24]]
    outcome = retrain(live, older + newest, seed_records())
    assert not outcome.verdict.replace and outcome.model is None
    assert outcome.verdict.challenger_accuracy < outcome.verdict.champion_accuracy
    assert "保留现用模型" in outcome.verdict.reason


def test_too_short_a_history_gives_no_verdict(router: Router) -> None:
    outcome = retrain(router, _shuffled()[:60], seed_records(), RetrainPolicy(min_holdout=20))
    assert not outcome.verdict.replace and outcome.model is None
    assert outcome.verdict.held_out == 0 and outcome.examples == 60
    assert "不足" in outcome.verdict.reason
