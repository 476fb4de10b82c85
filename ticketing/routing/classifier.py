"""A text classifier learned from operators' dispatches (corrected text → unit chosen). No I/O.

Features: TF-IDF over jieba words (uni- and bigrams), over character 1–3-grams
(robust to unseen words) and over toneless pinyin syllables (1–2-grams: a
recognition homophone — 无业/物业, 一保/医保 — sounds like the word it replaces);
model: multinomial logistic regression, which gives calibrated-enough
probabilities to blend with the rules (see `suggest.py` for the combination).
A word pair or character triple must occur in `MIN_DF` training texts to be a feature,
and the request-type classifier reads the same fitted features: with the fit on one
BLAS thread they cut cold training to about a quarter of its CPU (bench/RESULTS.md).

Place names are masked out of the classifier's input, in training and in
prediction (`PlaceMask`), as written and as a recogniser spells them by sound (旺海
for 望海: place_mask.py): a classifier must not learn "熊岳 → 熊岳镇" because the
training texts of village matters name their village, or a dead-duck report
from 熊岳 goes to the town. For the same reason the six areas are one class
for the classifier, `AREA_CLASS` ("a town/community/village matter"); the
router resolves it to the area the gazetteer finds in the text.

The request type (consult/help/complaint/report/suggestion) has a classifier
of its own, trained on the seed corpus's requests labelled with a type; the
router blends it with the type cue rules.

A classifier always answers, even for a text unlike anything in the history.
So the model also keeps, for every training text, its normalised text and what
the rules alone suggested for it (`rule_leads`): the router can then ask "when
the rules decided this on the same words, where did operators really send
it?" (see `suggest.py`). It also keeps a content-word index (no fillers, no
place names) to tell how close the nearest training text is when the rules
find nothing. Retrain after editing the rules, so `rule_leads` stay current.

The packaged seed corpus (read by seed.py, passed in by the caller) is trained along
with the history:
its texts teach the classifier the units' everyday vocabulary, but they are not
evidence of what operators did (their `rule_leads` are None), so they never
override a rule through the history mechanism.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from hotline.ticketing.routing import segment
from hotline.ticketing.routing.phonetic import syllables

# PlaceMask: imported here too, where models pickled before place_mask.py look for it.
from hotline.ticketing.routing.place_mask import PlaceMask
from hotline.ticketing.routing.text import normalise
from hotline.ticketing.routing.type_fit import fit_type_model
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from threadpoolctl import threadpool_limits

MODEL_FORMAT = 4
# The classifier's single class for every town/subdistrict/community/village matter.
AREA_CLASS = "@area"
_ALL_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# Words that say nothing about whose duty a request is: greetings, fillers, and
# where-words. Place names of the gazetteer are added at training time.
_STOP_WORDS = (
    "你好 您好 喂喂 反映 一下 我们 你们 他们 我家 麻烦 问一下 请问 "
    "投诉 这个 那个 就是 现在 一直 已经 没有 什么 怎么 还是 可以 不是 "
    "知道 时候 问题 情况 谢谢 希望 有人 那边 这边 小区 街道 门口 楼下 "
    "楼上 单元 家里 附近 旁边 社区 村里 镇上 地方 这里 那里 东西 "
    # Words of every request ("I want to tell you about a matter"): a vague text
    # built of them alone must find no similar training text.
    "事儿 事情 这事 一件 说说 想问 问问 咋办 咋整 怎么办 能不能 管管 "
    "有个 不能 不行 为啥 为什么 到底 应该 可能 需要 "
    # The hotline's own number: callers say they rang it before, whatever the matter.
    "12345"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


class TrainingError(ValueError):
    """The history cannot train a classifier (too little or too uniform)."""


def jieba_words(text: str) -> list[str]:
    # Module-level so that a saved pipeline can be loaded again.
    return segment.words(text)


def sound_words(text: str) -> list[str]:
    """Toneless pinyin, one token per Chinese character (module-level: pickles)."""
    return syllables(text)


def class_of(unit_id: str, area_ids: Iterable[str]) -> str:
    """The classifier's class for a unit: AREA_CLASS for every area."""
    return AREA_CLASS if unit_id in set(area_ids) else unit_id


class ContentWords:
    """Tokenizer for the support index: the character pairs of the words of two or
    more characters that are neither fillers nor contain a place name (公共厕所 →
    公共, 共厕, 厕所: a compound never seen whole still meets its parts). A class, so
    it pickles with the model."""

    def __init__(self, place_names: Iterable[str] = ()) -> None:
        self.place_names = tuple(sorted({p for p in place_names if p}))

    def __call__(self, text: str) -> list[str]:
        pairs: list[str] = []
        for w in segment.words(text):
            if len(w) < 2 or w in STOP_WORDS or any(name in w for name in self.place_names):
                continue
            if _ALL_CJK.fullmatch(w):
                pairs.extend(w[i : i + 2] for i in range(len(w) - 1))
            else:  # digits and Latin letters: whole words only ("12345" is no 12, 23…)
                pairs.append(w)
        return pairs


# A word pair, a sound pair or a character triple must occur in at least this many
# training texts to be a feature: most occur once (198k features → about 88k for the
# packaged corpus), which cost fitting time in proportion and taught nothing that
# carries over to another round of callers. Single words and character pairs are all
# kept: a word the corpus uses once (游戏厅, 遗址) is still a unit's duty word; dropping
# them too lost dev-set requests (bench/RESULTS.md).
MIN_DF = 2


def build_pipeline(
    place_names: Sequence[str] = (), min_df: int = MIN_DF, mask: PlaceMask | None = None
) -> Pipeline:
    """`mask`: the place mask to share (default: one of `place_names`)."""
    mask = mask or PlaceMask(place_names)

    def tokens(
        tokenizer: Callable[[str], list[str]], ngrams: tuple[int, int], min_df: int
    ) -> TfidfVectorizer:
        """Word or sound n-grams, as the tokenizer writes them."""
        return TfidfVectorizer(
            preprocessor=mask,
            tokenizer=tokenizer,
            token_pattern=None,
            lowercase=False,
            ngram_range=ngrams,
            sublinear_tf=True,
            min_df=min_df,
        )

    def chars(ngrams: tuple[int, int], min_df: int) -> TfidfVectorizer:
        return TfidfVectorizer(
            preprocessor=mask, analyzer="char", ngram_range=ngrams, sublinear_tf=True, min_df=min_df
        )

    features = FeatureUnion(
        [
            ("words", tokens(jieba_words, (1, 1), 1)),
            ("word_pairs", tokens(jieba_words, (2, 2), min_df)),
            ("chars", chars((1, 2), 1)),
            ("char_triples", chars((3, 3), min_df)),
            ("sounds", tokens(sound_words, (1, 2), min_df)),  # syllables are never rare
        ]
    )
    # Fitted to convergence: at tol 1e-3 L-BFGS stopped after ~22 steps and where it stopped
    # moved with the data; 1e-5 costs ~1.6x the training CPU and is steadier held out.
    model = LogisticRegression(C=10.0, max_iter=2000, tol=1e-5, class_weight="balanced")
    return Pipeline([("features", features), ("model", model)])


@dataclass
class HistoryModel:
    """The fitted pipeline plus what it was trained on (for explanations and thresholds)."""

    pipeline: Pipeline
    examples_per_unit: dict[str, int]
    support_vectorizer: TfidfVectorizer
    support_matrix: Any  # sparse, one L2-normalised row per training text
    support_labels: np.ndarray  # the classifier's class per training text
    texts: list[str] = field(default_factory=list)  # normalised training texts
    labels: list[str] = field(default_factory=list)  # the unit operators chose
    rule_leads: list[str | None] = field(default_factory=list)  # the rules' suggestion
    trained_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    format: int = MODEL_FORMAT
    seed_examples: int = 0  # how many of `texts` came from the seed corpus
    # The request-type classifier (texts labelled with a type), None without such texts.
    category_pipeline: Pipeline | None = None

    @property
    def includes_seed(self) -> bool:
        # getattr: models saved before the seed corpus existed lack the field.
        return getattr(self, "seed_examples", 0) > 0

    def nearest(self, normalised_text: str, label: str) -> str | None:
        """The training text of class `label` most like this one (content words), if any."""
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
        """Per class (a unit id, or AREA_CLASS for every area)."""
        proba = self.pipeline.predict_proba([normalised_text])[0]
        classes = self.pipeline.classes_
        return {str(c): float(p) for c, p in zip(classes, proba, strict=True)}

    def category_probabilities(self, normalised_text: str) -> dict[str, float]:
        """Per request type; empty when the model has no type classifier."""
        pipeline = getattr(self, "category_pipeline", None)
        if pipeline is None:
            return {}
        proba = pipeline.predict_proba([normalised_text])[0]
        return {str(c): float(p) for c, p in zip(pipeline.classes_, proba, strict=True)}

    def support(self, normalised_text: str) -> dict[str, float]:
        """Per class: cosine similarity of the nearest training text (content words)."""
        vector = self.support_vectorizer.transform([normalised_text])
        if vector.nnz == 0:
            return {}
        sims = (self.support_matrix @ vector.T).toarray().ravel()
        best: dict[str, float] = {}
        for label, sim in zip(self.support_labels, sims, strict=True):
            if sim > best.get(label, 0.0):
                best[str(label)] = float(sim)
        return best


# (text, unit), (text, unit, request type or None), or with a training weight as well
# (default 1: seed.py weighs callers' own words, see there).
Example = tuple[str, str] | tuple[str, str, str | None] | tuple[str, str, str | None, float]


@dataclass
class _Examples:
    texts: list[str] = field(default_factory=list)  # normalised
    labels: list[str] = field(default_factory=list)
    categories: list[str | None] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def __add__(self, other: _Examples) -> _Examples:
        return _Examples(
            self.texts + other.texts,
            self.labels + other.labels,
            self.categories + other.categories,
            self.weights + other.weights,
        )

    def subset(self, index: Iterable[int]) -> _Examples:
        at = list(index)
        return _Examples(
            [self.texts[i] for i in at],
            [self.labels[i] for i in at],
            [self.categories[i] for i in at],
            [self.weights[i] for i in at],
        )


def _clean(history: Iterable[Example]) -> _Examples:
    out = _Examples()
    for example in history:
        text, unit_id = example[0], example[1]
        norm = normalise(text or "")
        if norm and unit_id:
            out.texts.append(norm)
            out.labels.append(unit_id)
            out.categories.append(example[2] if len(example) > 2 else None)  # type: ignore[misc]
            out.weights.append(float(example[3]) if len(example) > 3 else 1.0)  # type: ignore[misc]
    return out


RulesLead = Callable[[str], str | None]


def train(
    history: Iterable[Example],
    place_names: Iterable[str] = (),
    rules_lead: RulesLead | None = None,
    *,
    seed_corpus: Iterable[Example],
    area_ids: Iterable[str] = (),
) -> HistoryModel:
    """Fit on the dispatch history's (text, unit_id[, type]) examples plus the seed
    corpus (`seed_corpus`, () = none: the caller reads it, see seed.py); raise
    TrainingError when that is impossible, or when the history is empty.
    `place_names` (the gazetteer's) are masked out of the classifier's input and left
    out of the support index; `area_ids` are learned as one class (AREA_CLASS);
    `rules_lead(text)` is the rules-only suggestion, recorded per history text."""
    history_examples = _clean(history)
    texts = history_examples.texts
    if not texts:
        raise TrainingError("没有派单历史可训练（0 条）")
    leads = [rules_lead(t) for t in texts] if rules_lead else [None] * len(texts)
    seed = _clean(seed_corpus)
    return _fit(
        seed + history_examples,
        [None] * len(seed.texts) + leads,
        tuple(place_names),
        seed_examples=len(seed.texts),
        area_ids=tuple(area_ids),
    )


def train_seed(
    corpus: Iterable[Example], place_names: Iterable[str] = (), area_ids: Iterable[str] = ()
) -> HistoryModel:
    """The seed-corpus classifier: fitted on the corpus alone (no dispatch history)."""
    examples = _clean(corpus)
    n = len(examples.texts)
    return _fit(examples, [None] * n, tuple(place_names), seed_examples=n, area_ids=tuple(area_ids))


# Fewer type-labelled texts than this (or a single type) train no type classifier.
MIN_CATEGORY_EXAMPLES = 20


def _fit(
    examples: _Examples,
    rule_leads: list[str | None],
    place_names: tuple[str, ...],
    seed_examples: int = 0,
    area_ids: tuple[str, ...] = (),
) -> HistoryModel:
    # One BLAS thread: the solver's vectors are small, and a thread pool spent more CPU
    # spinning than it saved (cold training 12 → 8 CPU s on 2 cores; bench/RESULTS.md),
    # CPU a serving node's calls need.
    with threadpool_limits(limits=1, user_api="blas"):
        return _fit_now(examples, rule_leads, place_names, seed_examples, area_ids)


def _fit_now(
    examples: _Examples,
    rule_leads: list[str | None],
    place_names: tuple[str, ...],
    seed_examples: int,
    area_ids: tuple[str, ...],
) -> HistoryModel:
    texts, labels = examples.texts, examples.labels
    counts = Counter(labels)
    if len(counts) < 2:
        raise TrainingError(
            f"需要至少两个不同承办单位的派单记录才能训练（现有 {len(texts)} 条，"
            f"{len(counts)} 个单位）"
        )
    classes = [class_of(u, area_ids) for u in labels]
    if len(set(classes)) < 2:
        raise TrainingError("派单记录都是镇街属地事务，需要至少一个职能部门的记录才能训练")
    # Unit weights (all 1 for a plain history) are passed only when some differ, so an
    # unweighted fit stays exactly the fit it always was.
    weights = np.array(examples.weights)
    weighted = bool(len(weights)) and bool(np.any(weights != 1.0))
    mask = PlaceMask(place_names)  # one mask (and memo) for every feature family
    pipeline = build_pipeline(place_names, mask=mask)
    # The features are fitted once and shared by both classifiers (the type classifier
    # reads the typed texts' rows): featurising is a third of the training time.
    features = pipeline.named_steps["features"]
    try:
        matrix_all = features.fit_transform(texts)
    except ValueError:  # a history so small that no pair occurs twice: keep every one
        pipeline = build_pipeline(place_names, min_df=1, mask=mask)
        features = pipeline.named_steps["features"]
        matrix_all = features.fit_transform(texts)
    # Balanced: the area class weighs as one unit. Weighing it as the six areas it stands
    # for gained 0.5 points of corpus CV but sent wage arrears "in our village" to the
    # town (村里 became evidence of a local matter): the place pull this class exists
    # to remove.
    pipeline.named_steps["model"].fit(
        matrix_all, classes, **({"sample_weight": weights} if weighted else {})
    )
    typed = [i for i, c in enumerate(examples.categories) if c]
    category_pipeline: Pipeline | None = None
    if len(typed) >= MIN_CATEGORY_EXAMPLES and len({examples.categories[i] for i in typed}) >= 2:
        category_model = fit_type_model(
            pipeline.named_steps["model"],
            features,
            matrix_all[typed],
            [examples.categories[i] for i in typed],
            weights[typed] if weighted else None,
        )
        category_pipeline = Pipeline([("features", features), ("model", category_model)])
    history_counts = Counter(labels[seed_examples:])
    # Sound-alike place names are masked from the support index too (ContentWords leaves
    # out the words holding a name as written).
    support = TfidfVectorizer(
        preprocessor=mask, tokenizer=ContentWords(place_names), token_pattern=None, lowercase=False
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
        np.array(classes, dtype=object),
        texts=list(texts),
        labels=list(labels),
        rule_leads=list(rule_leads),
        seed_examples=seed_examples,
        category_pipeline=category_pipeline,
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
    history: Iterable[Example],
    folds: int = 5,
    rules_predict: Callable[[str, HistoryModel | None], str | None] | None = None,
    seed: int = 0,
    place_names: Iterable[str] = (),
    *,
    seed_corpus: Iterable[Example],
    area_ids: Iterable[str] = (),
) -> EvalReport:
    """K-fold accuracy of the classifier alone and, given `rules_predict`, of the rules
    alone and of rules + classifier (the router as it runs after `train`). Every fold
    trains on the seed corpus (`seed_corpus`, as in `train`) plus the other folds.
    The classifier alone is right on an area matter when it says AREA_CLASS."""
    history_examples = _clean(history)
    texts, labels = history_examples.texts, history_examples.labels
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
    areas = tuple(area_ids)
    leads = [rules_predict(t, None) for t in texts] if rules_predict else [None] * len(texts)
    seed = _clean(seed_corpus)
    clf_right = rules_right = combined_right = 0
    used = 0
    for train_idx, test_idx in splitter.split(x, y):
        if len({class_of(u, areas) for u in y[train_idx]} | set(seed.labels)) < 2:
            continue
        model = _fit(
            seed + history_examples.subset(train_idx),
            [None] * len(seed.texts) + [leads[i] for i in train_idx],
            places,
            seed_examples=len(seed.texts),
            area_ids=areas,
        )
        predicted = model.pipeline.predict(list(x[test_idx]))
        clf_right += int(
            sum(p == class_of(t, areas) for p, t in zip(predicted, y[test_idx], strict=True))
        )
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
