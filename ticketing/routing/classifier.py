"""A text classifier learned from operators' dispatches (corrected text → unit chosen). No I/O.

Features: TF-IDF over jieba words (uni- and bigrams) plus TF-IDF over character
1–3-grams (robust to recognition errors and unseen words); model: multinomial
logistic regression, which gives calibrated-enough probabilities to blend with
the rules (see `suggest.py` for the combination).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from ticketing.routing import segment
from ticketing.routing.text import normalise

MODEL_FORMAT = 1


class TrainingError(ValueError):
    """The history cannot train a classifier (too little or too uniform)."""


def jieba_words(text: str) -> list[str]:
    # Module-level so that a saved pipeline can be loaded again.
    return segment.words(text)


def build_pipeline() -> Pipeline:
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    tokenizer=jieba_words,
                    token_pattern=None,
                    lowercase=False,
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
            ),
        ]
    )
    model = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
    return Pipeline([("features", features), ("model", model)])


@dataclass
class HistoryModel:
    """The fitted pipeline plus what it was trained on (for explanations and thresholds)."""

    pipeline: Pipeline
    examples_per_unit: dict[str, int]
    trained_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    format: int = MODEL_FORMAT

    @property
    def size(self) -> int:
        return sum(self.examples_per_unit.values())

    def probabilities(self, normalised_text: str) -> dict[str, float]:
        proba = self.pipeline.predict_proba([normalised_text])[0]
        classes = self.pipeline.classes_
        return {str(c): float(p) for c, p in zip(classes, proba, strict=True)}


def _clean(history: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    labels: list[str] = []
    for text, unit_id in history:
        norm = normalise(text or "")
        if norm and unit_id:
            texts.append(norm)
            labels.append(unit_id)
    return texts, labels


def train(history: Iterable[tuple[str, str]]) -> HistoryModel:
    """Fit on (text, unit_id) pairs; raise TrainingError when that is impossible."""
    texts, labels = _clean(history)
    counts = Counter(labels)
    if len(counts) < 2:
        raise TrainingError(
            f"需要至少两个不同承办单位的派单记录才能训练（现有 {len(texts)} 条，"
            f"{len(counts)} 个单位）"
        )
    pipeline = build_pipeline()
    pipeline.fit(texts, labels)
    return HistoryModel(pipeline, dict(counts))


@dataclass(frozen=True)
class EvalReport:
    examples: int
    units: int
    folds: int
    classifier_accuracy: float
    rules_accuracy: float | None
    combined_accuracy: float | None


def cross_validate(
    history: Iterable[tuple[str, str]],
    folds: int = 5,
    rules_predict: Callable[[str, HistoryModel | None], str | None] | None = None,
    seed: int = 0,
) -> EvalReport:
    """K-fold accuracy of the classifier alone and, given `rules_predict`, of the rules
    alone and of rules + classifier (the router as it runs after `train`)."""
    texts, labels = _clean(history)
    counts = Counter(labels)
    if len(counts) < 2 or len(texts) < 4:
        raise TrainingError(
            f"历史派单太少，无法交叉验证（{len(texts)} 条，{len(counts)} 个单位；"
            "至少需要 4 条、2 个单位）"
        )
    folds = max(2, min(folds, len(texts)))
    if min(counts.values()) >= folds:
        splitter: KFold | StratifiedKFold = StratifiedKFold(folds, shuffle=True, random_state=seed)
    else:
        splitter = KFold(folds, shuffle=True, random_state=seed)
    x = np.array(texts, dtype=object)
    y = np.array(labels, dtype=object)
    clf_right = rules_right = combined_right = 0
    used = 0
    for train_idx, test_idx in splitter.split(x, y):
        if len(set(y[train_idx])) < 2:
            continue
        model = HistoryModel(build_pipeline(), dict(Counter(y[train_idx])))
        model.pipeline.fit(list(x[train_idx]), list(y[train_idx]))
        predicted = model.pipeline.predict(list(x[test_idx]))
        clf_right += int(sum(p == t for p, t in zip(predicted, y[test_idx], strict=True)))
        if rules_predict is not None:
            for i in test_idx:
                rules_right += int(rules_predict(x[i], None) == y[i])
                combined_right += int(rules_predict(x[i], model) == y[i])
        used += len(test_idx)
    if used == 0:
        raise TrainingError("每一折训练数据都只有一个单位，无法交叉验证")
    return EvalReport(
        examples=len(texts),
        units=len(counts),
        folds=folds,
        classifier_accuracy=clf_right / used,
        rules_accuracy=rules_right / used if rules_predict else None,
        combined_accuracy=combined_right / used if rules_predict else None,
    )
