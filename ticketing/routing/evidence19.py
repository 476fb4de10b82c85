"""Round 19's readings for the calibrated confidence (confidence.Evidence): how the caller
spoke and how contested the lead is, read from what the router already computed. No I/O.

Each is a question an operator asks before trusting a lead: was the call hard to follow
(fillers, repeats, dialect), does the classifier hesitate between many units or favour
the runner-up, was the lead put ahead of a unit that scored higher because the caller
asked it, how many things were said, and is the lead's duty the first thing heard or an
afterthought."""

from __future__ import annotations

import math
import re

from hotline.ticketing.routing.blend import Ranking
from hotline.ticketing.routing.clause_duty import clauses
from hotline.ticketing.routing.model_votes import ClassifierVote
from hotline.ticketing.routing.rules import Hit
from hotline.ticketing.routing.speech import normalise_speech

FILLER_SCALE = 4.0  # a quarter of the words dropped reads as 1
MAX_CLAUSES = 6
_SPACE = re.compile(r"\s+")


def filler_share(said: str) -> float:
    """Share of the caller's characters that plain written Chinese drops (fillers,
    repeats, dialect), scaled by FILLER_SCALE and capped at 1; 0 for nothing said."""
    raw = _SPACE.sub("", said)
    if not raw:
        return 0.0
    plain = _SPACE.sub("", normalise_speech(said))
    return min(1.0, max(0, len(raw) - len(plain)) / len(raw) * FILLER_SCALE)


def entropy(proba: dict[str, float]) -> float:
    """The probabilities' entropy over log(number of classes): 0 one sure class, 1 flat."""
    ps = [p for p in proba.values() if p > 0]
    if len(proba) < 2 or not ps:
        return 0.0
    total = sum(ps)
    h = -sum(p / total * math.log(p / total) for p in ps)
    return min(1.0, h / math.log(len(proba)))


def first_heard(text: str, hits: list[Hit]) -> float:
    """1 − where the lead's first phrase stands in `text` over its length (1 at the
    start); 0 when none of its phrases is written verbatim (heard by sound or by words)."""
    places = [i for i in (text.find(h.phrase) for h in hits) if i >= 0]
    if not text or not places:
        return 0.0
    return 1.0 - min(places) / len(text)


def round19_readings(
    said: str, text: str, ranking: Ranking, clf: ClassifierVote, hits: list[Hit]
) -> dict[str, float]:
    """The round-19 Evidence fields. `said`: the caller's words as received; `text`: the
    compact text the rules read; `hits`: the lead's phrases heard."""
    runner_up = ranking.alternatives[0] if ranking.alternatives else None
    return {
        "fillers": filler_share(said),
        "clf_entropy": entropy(clf.proba),
        "rival_clf": clf.proba.get(runner_up.department, 0.0) if runner_up else 0.0,
        "promoted": float(runner_up is not None and runner_up.score > ranking.confidence),
        "clauses": min(len(clauses(text)) if text else 0, MAX_CLAUSES) / MAX_CLAUSES,
        "lead_early": first_heard(text, hits),
    }
