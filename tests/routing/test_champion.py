"""Champion/challenger verdicts (champion.py); the models here are plain lookup tables
standing in for trained classifiers, because the verdict only needs their predictions."""

from __future__ import annotations

from hotline.ticketing.routing.champion import compare, recent_holdout

HOLDOUT = [
    ("暖气不热", "heating", None),
    ("停水了", "water", None),
    ("井盖没了", "urban_management", None),
]
Model = dict[str, str]


def predict(text: str, model: Model | None) -> str | None:
    return (model or {}).get(text)


def test_better_or_equal_challenger_replaces_the_champion() -> None:
    champion = {"暖气不热": "heating"}
    challenger = {"暖气不热": "heating", "停水了": "water"}
    verdict = compare(champion, challenger, HOLDOUT, predict)
    assert verdict.replace
    assert (verdict.champion_accuracy, verdict.challenger_accuracy) == (1 / 3, 2 / 3)
    assert "已替换" in verdict.reason


def test_worse_challenger_is_rejected() -> None:
    champion = {"暖气不热": "heating", "停水了": "water"}
    verdict = compare(champion, {"暖气不热": "heating"}, HOLDOUT, predict)
    assert not verdict.replace
    assert "保留现用模型" in verdict.reason


def test_no_recent_history_keeps_the_champion() -> None:
    assert not compare({}, {}, [], predict).replace


def test_the_newest_dispatches_are_held_out() -> None:
    history = [(f"t{i}", "water", None) for i in range(100)]
    split = recent_holdout(history, share=0.2, minimum=20)
    assert [t for t, _, _ in split.holdout] == [f"t{i}" for i in range(80, 100)]
    assert len(split.train) == 80
    assert recent_holdout(history[:50], share=0.2, minimum=20).holdout == ()
