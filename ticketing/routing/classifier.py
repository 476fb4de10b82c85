"""A text classifier learned from operators' dispatches (corrected text → unit chosen). No I/O.

Features: TF-IDF over jieba words (uni- and bigrams) plus TF-IDF over character
1–3-grams (robust to recognition errors and unseen words); model: multinomial
logistic regression, which gives calibrated-enough probabilities to blend with
the rules (see `suggest.py` for the combination).

A classifier always answers, even for a text unlike anything in the history.
So the model also keeps, for every training text, its normalised text and what
the rules alone suggested for it (`rule_leads`): the router can then ask "when
the rules decided this on the same words, where did operators really send
it?" (see `suggest.py`). It also keeps a content-word index (no fillers, no
place names) to tell how close the nearest training text is when the rules
find nothing. Retrain after editing the rules, so `rule_leads` stay current.

The packaged seed corpus (seed.py) is trained along with the history by default:
its texts teach the classifier the units' everyday vocabulary, but they are not
evidence of what operators did (their `rule_leads` are None), so they never
override a rule through the history mechanism.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from ticketing.routing import segment
from ticketing.routing.text import normalise

MODEL_FORMAT = 3
# Words that say nothing about whose duty a request is: greetings, fillers, and
# where-words. Place names of the gazetteer are added at training time.
STOP_WORDS = frozenset(
    [
        "你好",
        "您好",
        "喂喂",
        "反映",
        "一下",
        "我们",
        "你们",
        "他们",
        "我家",
        "麻烦",
        "问一下",
        "请问",
        "投诉",
        "这个",
        "那个",
        "就是",
        "现在",
        "一直",
        "已经",
        "没有",
        "什么",
        "怎么",
        "还是",
        "可以",
        "不是",
        "知道",
        "时候",
        "问题",
        "情况",
        "谢谢",
        "希望",
        "有人",
        "那边",
        "这边",
        "小区",
        "街道",
        "门口",
        "楼下",
        "楼上",
        "单元",
        "家里",
        "附近",
        "旁边",
        "社区",
        "村里",
        "镇上",
        "地方",
        "这里",
        "那里",
        "东西",
    ]
)


class TrainingError(ValueError):
    """The history cannot train a classifier (too little or too uniform)."""


def jieba_words(text: str) -> list[str]:
    # Module-level so that a saved pipeline can be loaded again.
    return segment.words(text)


class ContentWords:
    """Tokenizer for the support index: words of two or more characters that are
    neither fillers nor contain a place name. A class, so it pickles with the model."""

    def __init__(self, place_names: Iterable[str] = ()) -> None:
        self.place_names = tuple(sorted({p for p in place_names if p}))

    def __call__(self, text: str) -> list[str]:
        return [
            w
            for w in segment.words(text)
            if len(w) >= 2
            and w not in STOP_WORDS
            and not any(name in w for name in self.place_names)
        ]


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
    support_vectorizer: TfidfVectorizer
    support_matrix: Any  # sparse, one L2-normalised row per training text
    support_labels: np.ndarray
    texts: list[str] = field(default_factory=list)  # normalised training texts
    labels: list[str] = field(default_factory=list)  # the unit operators chose
    rule_leads: list[str | None] = field(default_factory=list)  # the rules' suggestion
    trained_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    format: int = MODEL_FORMAT
    seed_examples: int = 0  # how many of `texts` came from the seed corpus

    @property
    def includes_seed(self) -> bool:
        # getattr: models saved before the seed corpus existed lack the field.
        return getattr(self, "seed_examples", 0) > 0

    def nearest(self, normalised_text: str, label: str) -> str | None:
        """The training text of `label` most like this one (content words), if any."""
        vector = self.support_vectorizer.transform([normalised_text])
        if vector.nnz == 0:
            return None
        sims = (self.support_matrix @ vector.T).toarray().ravel()
        sims[self.support_labels != label] = -1.0
        best = int(np.argmax(sims))
        return self.texts[best] if sims[best] > 0 else None

    @property
    def size(self) -> int:
        return sum(self.examples_per_unit.values())

    def probabilities(self, normalised_text: str) -> dict[str, float]:
        proba = self.pipeline.predict_proba([normalised_text])[0]
        classes = self.pipeline.classes_
        return {str(c): float(p) for c, p in zip(classes, proba, strict=True)}

    def support(self, normalised_text: str) -> dict[str, float]:
        """Per unit: cosine similarity of the nearest training text (content words)."""
        vector = self.support_vectorizer.transform([normalised_text])
        if vector.nnz == 0:
            return {}
        sims = (self.support_matrix @ vector.T).toarray().ravel()
        best: dict[str, float] = {}
        for label, sim in zip(self.support_labels, sims, strict=True):
            if sim > best.get(label, 0.0):
                best[str(label)] = float(sim)
        return best


def _clean(history: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    labels: list[str] = []
    for text, unit_id in history:
        norm = normalise(text or "")
        if norm and unit_id:
            texts.append(norm)
            labels.append(unit_id)
    return texts, labels


RulesLead = Callable[[str], str | None]


def _seed(corpus: Iterable[tuple[str, str]] | None) -> tuple[list[str], list[str]]:
    if corpus is None:
        from ticketing.routing.seed import seed_examples  # the packaged corpus

        corpus = seed_examples()
    return _clean(corpus)


def train(
    history: Iterable[tuple[str, str]],
    place_names: Iterable[str] = (),
    rules_lead: RulesLead | None = None,
    seed_corpus: Iterable[tuple[str, str]] | None = None,
) -> HistoryModel:
    """Fit on (text, unit_id) pairs plus the seed corpus (`seed_corpus`; None = the packaged
    one, () = none); raise TrainingError when that is impossible.
    `place_names` (the gazetteer's) are left out of the support index;
    `rules_lead(text)` is the rules-only suggestion, recorded per history text."""
    texts, labels = _clean(history)
    if not texts and seed_corpus is None:
        raise TrainingError("没有派单历史可训练（0 条）")
    leads = [rules_lead(t) for t in texts] if rules_lead else [None] * len(texts)
    seed_texts, seed_labels = _seed(seed_corpus)
    return _fit(
        seed_texts + texts,
        seed_labels + labels,
        [None] * len(seed_texts) + leads,
        tuple(place_names),
        seed_examples=len(seed_texts),
    )


def _fit(
    texts: list[str],
    labels: list[str],
    rule_leads: list[str | None],
    place_names: tuple[str, ...],
    seed_examples: int = 0,
) -> HistoryModel:
    counts = Counter(labels)
    if len(counts) < 2:
        raise TrainingError(
            f"需要至少两个不同承办单位的派单记录才能训练（现有 {len(texts)} 条，"
            f"{len(counts)} 个单位）"
        )
    pipeline = build_pipeline()
    pipeline.fit(texts, labels)
    history_counts = Counter(labels[seed_examples:])
    support = TfidfVectorizer(
        tokenizer=ContentWords(place_names), token_pattern=None, lowercase=False
    )
    try:
        matrix = support.fit_transform(texts)
    except ValueError:  # no content word at all in the history
        support = TfidfVectorizer(analyzer="char")
        matrix = support.fit_transform(texts)
    return HistoryModel(
        pipeline,
        dict(history_counts),
        support,
        matrix,
        np.array(labels, dtype=object),
        texts=list(texts),
        labels=list(labels),
        rule_leads=list(rule_leads),
        seed_examples=seed_examples,
    )


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
    place_names: Iterable[str] = (),
    seed_corpus: Iterable[tuple[str, str]] | None = None,
) -> EvalReport:
    """K-fold accuracy of the classifier alone and, given `rules_predict`, of the rules
    alone and of rules + classifier (the router as it runs after `train`). Every fold
    trains on the seed corpus (`seed_corpus`, as in `train`) plus the other folds."""
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
    places = tuple(place_names)
    leads = [rules_predict(t, None) for t in texts] if rules_predict else [None] * len(texts)
    seed_texts, seed_labels = _seed(seed_corpus)
    clf_right = rules_right = combined_right = 0
    used = 0
    for train_idx, test_idx in splitter.split(x, y):
        if len(set(y[train_idx])) < 2:
            continue
        model = _fit(
            seed_texts + list(x[train_idx]),
            seed_labels + list(y[train_idx]),
            [None] * len(seed_texts) + [leads[i] for i in train_idx],
            places,
            seed_examples=len(seed_texts),
        )
        predicted = model.pipeline.predict(list(x[test_idx]))
        clf_right += int(sum(p == t for p, t in zip(predicted, y[test_idx], strict=True)))
        if rules_predict is not None:
            for i in test_idx:
                rules_right += int(leads[i] == y[i])
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
