"""What the learned models say about a text: the voting classifier's p_c and the
dispatch history's evidence for the rules' decision. No I/O.

scikit-learn is not imported here: the models arrive fitted (classifier.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.rules import Hit, Phrase

if TYPE_CHECKING:  # scikit-learn is imported only when a model is used
    from hotline.ticketing.routing.classifier import HistoryModel

# The classifier's class for every area matter (classifier.AREA_CLASS, repeated
# here so that routing without a model never imports scikit-learn).
AREA_CLASS = "@area"
# Nearest-training-text similarity at which the history is fully trusted.
SUPPORT_FULL = 0.3
# Phrases of at least this weight are the evidence the history is asked about.
DECISIVE_WEIGHT = 2.0
# Added to each unit's evidence count when shaping the classifier's vote.
EVIDENCE_SMOOTHING = 0.5
# Longest training text quoted in an explanation ("与「…」类工单相似").
QUOTE_CHARS = 14


class AreaClasses:
    """Which classifier labels stand for an area matter."""

    def __init__(self, area_ids: Iterable[str]) -> None:
        self.area_ids = set(area_ids)

    def __contains__(self, label: str) -> bool:
        # Models of format 3 and older learned every area as a class of its own.
        return label == AREA_CLASS or label in self.area_ids


@dataclass(frozen=True)
class ClassifierVote:
    proba: dict[str, float] = field(default_factory=dict)  # p_c, area vote to the area named
    support: float = 0.0  # k: 0..1, how close the nearest corpus text is
    unplaced: float = 0.0  # the area-matter probability that found no area


def classifier_vote(
    model: HistoryModel,
    text: str,
    area: AreaHit | None,
    area_classes: AreaClasses,
    min_probability: float,
) -> ClassifierVote:
    """p_c with the area-matter vote given to the area named here, k, and the
    area-matter probability that found no area. With no area named the vote is
    dropped: the classifier knows *that* it is a local matter, not *where*; sending
    it to a guessed town would be worse than asking, so the console says so (the
    units keep their votes: a weak unit guess plus that warning helps more than
    no suggestion; measured on the dev sets and the corpus cross-validation)."""
    support = max(model.support(text).values(), default=0.0)
    if support <= 0.0:
        return ClassifierVote()
    merged: dict[str, float] = {}
    unplaced = 0.0
    for unit_id, p in model.probabilities(text).items():
        if unit_id in area_classes:
            if area is None:
                unplaced += p
                continue
            unit_id = area.area_id
        merged[unit_id] = merged.get(unit_id, 0.0) + p
    if max(merged.values(), default=0.0) < min_probability:
        return ClassifierVote(unplaced=unplaced)
    return ClassifierVote(merged, min(1.0, support / SUPPORT_FULL), unplaced)


def classifier_note(
    voter: HistoryModel | None,
    text: str,
    lead: str,
    p_clf: dict[str, float],
    area_ids: set[str],
    area_classes: AreaClasses,
) -> str:
    """ "分类模型：与「…」类工单相似 0.83": the nearest corpus text of the lead's class."""
    p = p_clf.get(lead, 0.0)
    if voter is None:
        return f"分类模型 {p:.2f}"
    label = lead
    if lead in area_ids:  # area votes were merged: quote the nearest local matter
        support = voter.support(text)
        label = max(
            (str(u) for u in voter.pipeline.classes_ if str(u) in area_classes),
            key=lambda u: float(support.get(u, 0.0)),
            default=lead,
        )
    like = voter.nearest(text, str(label))
    if like is None:
        return f"分类模型 {p:.2f}"
    like = like.replace(" ", "")
    like = like if len(like) <= QUOTE_CHARS else like[:QUOTE_CHARS] + "…"
    return f"分类模型：与「{like}」类工单相似 {p:.2f}"


@dataclass
class HistoryVote:
    proba: dict[str, float] = field(default_factory=dict)  # p_h, area votes merged
    knowledge: float = 0.0  # 0..1: how much the history knows about this decision
    evidence: Counter[str] = field(default_factory=Counter)  # unit → evidence texts
    phrases_used: list[Phrase] = field(default_factory=list)

    @property
    def evidence_count(self) -> int:
        return sum(self.evidence.values())


class HistoryReader:
    """Asks the trained model what operators did when the rules decided on the same words."""

    def __init__(
        self,
        model: HistoryModel,
        phrase_of: dict[str, dict[str, Phrase]],
        area_ids: set[str],
        min_examples: int,
    ) -> None:
        self.model = model
        self.phrase_of = phrase_of
        self.area_ids = area_ids
        self.area_classes = AreaClasses(area_ids)
        self.min_examples = min_examples
        self.by_rule_lead: dict[str, list[int]] = {}
        for i, lead in enumerate(model.rule_leads):
            if lead is not None:
                self.by_rule_lead.setdefault(lead, []).append(i)

    def vote(
        self,
        text: str,
        area: AreaHit | None,
        rule_lead: str | None,
        decisive: list[Hit],
        voter_speaks: bool,
    ) -> HistoryVote:
        """p_h and how far to trust it. With a rule lead: shaped by the evidence texts;
        without one: by the nearest training text — unless the voting classifier
        (`voter_speaks`) already speaks for the model."""
        merged = self._probabilities(text, area)
        if rule_lead is not None:
            return self._evidence_vote(merged, area, rule_lead, decisive)
        if voter_speaks:
            return HistoryVote()
        best = max(self.model.support(text).values(), default=0.0)
        return HistoryVote(merged, min(1.0, best / SUPPORT_FULL))

    def _probabilities(self, text: str, area: AreaHit | None) -> dict[str, float]:
        merged: dict[str, float] = {}
        for unit_id, p in self.model.probabilities(text).items():
            if unit_id == AREA_CLASS and area is None:
                continue  # a local matter, but where is not said
            key = area.area_id if area is not None and unit_id in self.area_classes else unit_id
            merged[key] = merged.get(key, 0.0) + p
        return merged

    def _evidence_vote(
        self,
        merged: dict[str, float],
        area: AreaHit | None,
        rule_lead: str,
        decisive: list[Hit],
    ) -> HistoryVote:
        model = self.model
        phrases = self._decisive_phrases(rule_lead, decisive)
        evidence: Counter[str] = Counter(
            model.labels[i]
            for i in self.by_rule_lead.get(rule_lead, ())
            if any(p.found_in(model.texts[i]) for p in phrases)
        )
        if area is not None:  # area votes count for the area named here
            evidence = Counter(
                {(area.area_id if u in self.area_ids else u): n for u, n in evidence.items()}
            )
        n = sum(evidence.values())
        if n == 0:
            return HistoryVote()
        # The classifier may only move weight towards units the evidence saw.
        shaped = {u: p * (evidence[u] + EVIDENCE_SMOOTHING) for u, p in merged.items()}
        total = sum(shaped.values()) or 1.0
        proba = {u: p / total for u, p in shaped.items()}
        return HistoryVote(proba, min(1.0, n / self.min_examples), evidence, phrases)

    def _decisive_phrases(self, rule_lead: str, decisive: list[Hit]) -> list[Phrase]:
        """The strong phrases that chose the rule lead, not every weak hint ("小区")."""
        strongest = max((h.weight for h in decisive), default=0.0)
        own = self.phrase_of[rule_lead]
        return [
            own[h.phrase]
            for h in decisive
            if not h.by_sound
            and h.weight >= DECISIVE_WEIGHT
            and h.weight >= strongest / 2
            and h.phrase in own
        ]

    def examples(self, unit_id: str) -> int:
        """Training dispatches to this unit (to any area, for an area)."""
        per_unit = self.model.examples_per_unit
        if unit_id in self.area_ids:
            return sum(n for u, n in per_unit.items() if u in self.area_ids)
        return per_unit.get(unit_id, 0)
