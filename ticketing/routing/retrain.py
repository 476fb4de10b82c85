"""Retraining from the operators' dispatches, judged champion/challenger. No I/O: the
caller reads the history and the seed corpus and stores what comes out.

The newest part of the history is held out (champion.recent_holdout); the challenger is
trained on the older part plus the seed corpus; both route the held-out requests with the
same rules, and the challenger goes live only when it is not worse. A challenger that
goes live is then refitted on the whole history, so that the newest dispatches count too:
the held-out comparison has already decided that this way of training is not worse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hotline.ticketing.routing.champion import Example, Verdict, compare, recent_holdout
from hotline.ticketing.routing.classifier import Example as CorpusExample
from hotline.ticketing.routing.classifier import HistoryModel, TrainingError, train
from hotline.ticketing.routing.suggest import Router


@dataclass(frozen=True)
class RetrainPolicy:
    holdout_share: float = 0.2  # the newest share of the history both models are tested on
    min_holdout: int = 20  # fewer held-out dispatches than this: no verdict, keep the model
    tolerance: float = 0.0  # the challenger may be this much less accurate and still win


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    examples: int  # dispatches in the history
    model: HistoryModel | None  # the new live model when verdict.replace, else None


def retrain(
    router: Router,
    history: Sequence[Example],
    seed_corpus: Sequence[CorpusExample],
    policy: RetrainPolicy = RetrainPolicy(),
) -> Outcome:
    """Train a challenger on `history` (oldest first) and judge it against the router's
    live model on the newest dispatches. Raises TrainingError when there is nothing to
    train on."""
    split = recent_holdout(history, share=policy.holdout_share, minimum=policy.min_holdout)
    if not split.holdout:
        verdict = compare(router.model, router.model, (), router.predict_unit)
        return Outcome(verdict, len(history), None)
    if not split.train:
        raise TrainingError("没有较早的派单历史可训练")
    rules_only = router.with_model(None)
    routers: dict[int, Router] = {}  # one router per model, not one per held-out text

    def predict(text: str, model: HistoryModel | None) -> str | None:
        found = routers.setdefault(id(model), router.with_model(model))
        return found.suggest(text).department

    def fit(examples: Sequence[Example]) -> HistoryModel:
        return train(
            examples,
            place_names=router.gazetteer.names(),
            area_ids=[a.id for a in router.catalog.areas],
            rules_lead=lambda text: rules_only.suggest(text).department,
            seed_corpus=seed_corpus,
        )

    challenger = fit(split.train)
    verdict = compare(router.model, challenger, split.holdout, predict, policy.tolerance)
    return Outcome(verdict, len(history), fit(history) if verdict.replace else None)
