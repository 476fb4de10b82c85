"""Combining the votes into one ranking of units (steps 1–5 of suggest.py's docstring). No I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from hotline.ticketing.routing.matching import strongest
from hotline.ticketing.routing.model_votes import HistoryVote
from hotline.ticketing.routing.rules import ClassifierSettings, Hit
from hotline.ticketing.routing.suggestion import Alternative

RULES_PRIOR = 4.0
MAX_ALTERNATIVES = 3
# The classifier gives every unit some probability: alternatives below this are noise.
MIN_ALTERNATIVE_SCORE = 0.01


@dataclass(frozen=True)
class SeededBase:
    """base(u): the rules' distribution with the voting classifier filling the unclaimed share."""

    scores: dict[str, float]
    seed_share: float  # a = seed_weight · u · k (0: the classifier did not vote)


def seeded_base(
    scores: dict[str, float], p_clf: dict[str, float], support: float, seed_weight: float
) -> SeededBase:
    total = sum(scores.values())
    p_rules = {u: s / (total + RULES_PRIOR) for u, s in scores.items()}
    unclaimed = RULES_PRIOR / (total + RULES_PRIOR)
    a = seed_weight * unclaimed * support
    if a <= 0:
        return SeededBase(dict(p_rules), a)
    # seed_weight > 1 may lift the total above 1: rescale (ranks unchanged).
    scale = max(1.0, sum(p_rules.values()) + a)
    base = dict.fromkeys([*p_rules, *p_clf], 0.0)
    for u in base:
        base[u] = (p_rules.get(u, 0.0) + a * p_clf.get(u, 0.0)) / scale
    return SeededBase(base, a)


@dataclass(frozen=True)
class Ranking:
    lead: str | None
    alternatives: tuple[Alternative, ...]
    confidence: float
    combined: dict[str, float]  # c(u)
    history_weight: float  # w
    override: str | None  # the unit consistent history put ahead of the rules


def rank(
    base: dict[str, float],
    vote: HistoryVote,
    rule_lead: str | None,
    hits_of: dict[str, list[Hit]],
    settings: ClassifierSettings,
    examples: Callable[[str], int],
) -> Ranking:
    """c(u) = (1 − w)·base(u) + w·p_h(u), consistent history's override, the order."""
    p_hist = vote.proba
    w = settings.weight * vote.knowledge
    # Ordered (not a set): equal scores must rank the same way in every process.
    candidates = dict.fromkeys([*base, *(p_hist if w > 0 else ())])
    combined = {u: (1 - w) * base.get(u, 0.0) + w * p_hist.get(u, 0.0) for u in candidates}
    override = _override(vote, w, rule_lead, settings, examples)
    if override is not None:
        combined[override] = max(combined[override], p_hist[override])
    ranked = sorted(
        (u for u in combined if combined[u] > 0),
        key=lambda u: (-round(combined[u], 9), -strongest(hits_of.get(u, []))),
    )
    if override is not None:
        ranked = [override] + [u for u in ranked if u != override]
    lead = ranked[0] if ranked else None
    alternatives = tuple(
        Alternative(u, round(combined[u], 3))
        for u in ranked[1:]
        if combined[u] >= MIN_ALTERNATIVE_SCORE
    )[:MAX_ALTERNATIVES]
    confidence = round(min(1.0, combined[lead]), 3) if lead else 0.0
    return Ranking(lead, alternatives, confidence, combined, w, override)


def _override(
    vote: HistoryVote,
    w: float,
    rule_lead: str | None,
    settings: ClassifierSettings,
    examples: Callable[[str], int],
) -> str | None:
    """B ≠ the rule lead, when enough evidence went to B and the classifier agrees."""
    p_hist = vote.proba
    if not p_hist or w <= 0:
        return None
    top = max(p_hist, key=lambda u: p_hist[u])
    needed = settings.min_examples
    threshold = settings.override_probability
    n = vote.evidence_count
    if rule_lead is not None:
        consistent = n >= needed and vote.evidence[top] / n >= threshold
    else:
        consistent = vote.knowledge >= 1.0 and examples(top) >= needed
    if top != rule_lead and p_hist[top] >= threshold and consistent:
        return top
    return None


def promote(ranking: Ranking, unit: str) -> Ranking:
    """The ranking with `unit` as the lead and the old lead first among the alternatives
    (the request asks `unit` to act; see roles.py)."""
    old = [ranking.lead, *(a.department for a in ranking.alternatives)]
    order = [u for u in old if u is not None and u != unit]
    alternatives = tuple(Alternative(u, round(ranking.combined.get(u, 0.0), 3)) for u in order)
    confidence = round(min(1.0, ranking.combined.get(unit, 0.0)), 3)
    return replace(
        ranking, lead=unit, alternatives=alternatives[:MAX_ALTERNATIVES], confidence=confidence
    )
