"""The features of the calibrated confidence (confidence.Evidence), gathered from what
the router computed for one text. No I/O."""

from __future__ import annotations

import math

from hotline.ticketing.routing.blend import Ranking
from hotline.ticketing.routing.confidence import Evidence, scaled_logit
from hotline.ticketing.routing.model_votes import ClassifierVote
from hotline.ticketing.routing.roles import Role, unit_role
from hotline.ticketing.routing.rule_votes import UnitScores

STRONG_PHRASE = 3.0  # a rival unit with at least this many points has a duty of its own
SHORT_TEXT = 12  # characters: too little said to be sure
QUESTION = "consult"  # the request type of a question (咨询)


def gather_evidence(
    ranking: Ranking,
    units: UnitScores,
    clf: ClassifierVote,
    decided_by: str,
    length: int,
    area_found: bool,
    area_ids: set[str],
    type_p: float,
    text: str = "",
    second_units: int = 0,
    category: str = "",
) -> Evidence | None:
    """None without a lead (nothing to be confident about). `text`: the compact text the
    rules read (for the lead's role in it, roles.unit_role); `second_units`: other units
    whose duties were heard (协办 shown or not); `category`: the request type chosen."""
    lead = ranking.lead
    if lead is None:
        return None
    score = ranking.confidence
    second = ranking.alternatives[0].score if ranking.alternatives else 0.0
    ranked_clf = sorted(clf.proba.values(), reverse=True)
    clf_best = max(clf.proba, key=lambda u: clf.proba[u]) if clf.proba else None
    clf_margin = (
        ranked_clf[0] - (ranked_clf[1] if len(ranked_clf) > 1 else 0.0) if ranked_clf else 0.0
    )
    lead_points = units.scores.get(lead, 0.0)
    other_points = max((s for u, s in units.scores.items() if u != lead), default=0.0)
    hits = units.hits_of.get(lead, [])
    rivals = sum(1 for u, s in units.scores.items() if u != lead and s >= STRONG_PHRASE)
    rules_agree = units.rule_lead() == lead
    classifier_agrees = clf_best == lead
    p_lead = clf.proba.get(lead, 0.0)
    role = unit_role(text, lead, units.hits_of) if text else None
    return Evidence(
        score=score,
        logit_score=scaled_logit(score),
        margin=max(0.0, score - second),
        ratio=min(1.0, second / score) if score > 0 else 1.0,
        rule_points=math.log1p(lead_points) / 3,
        rule_margin=(math.log1p(lead_points) - math.log1p(other_points)) / 3,
        rule_hits=min(len(hits), 4) / 4,
        by_sound=sum(h.by_sound for h in hits) / len(hits) if hits else 0.0,
        rules_agree=float(rules_agree),
        classifier_agrees=float(classifier_agrees),
        both_agree=float(rules_agree and classifier_agrees),
        classifier_p=p_lead,
        logit_classifier_p=scaled_logit(p_lead) if clf.proba else -1.0,
        classifier_margin=clf_margin,
        support=clf.support,
        rivals=min(rivals, 3) / 3,
        length=min(length, 200) / 200,
        short=float(length < SHORT_TEXT),
        area=float(area_found),
        area_lead=float(lead in area_ids),
        type_p=type_p,
        by_rules=float(decided_by == "rules"),
        by_classifier=float(decided_by == "classifier"),
        by_words=float(units.by_words),
        strongest=max((h.weight for h in hits), default=0.0) / 4,
        units_heard=min(sum(1 for v in units.scores.values() if v > 0), 5) / 5,
        unplaced=clf.unplaced,
        lead_asked=float(role is Role.ASKED),
        lead_plain=float(role is Role.PLAIN),
        second_units=min(second_units, 3) / 3,
        question=float(category == QUESTION),
        lead=lead,
    )
