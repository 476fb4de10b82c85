"""Duplicate suggestions (并单): open tickets that may be the same request as a new draft. No I/O.

A candidate shares the caller's or the dictated callback number, or says nearly
the same thing (cosine of character 1–3-gram vectors of the normalised texts
without greetings and fillers, traditional script read as simplified; robust to
recognition errors and word order),
within a window of days. When both sides know their unit (the draft's
suggestion, the ticket's lead unit) and the units differ, the similarity is
halved: "小区停水" and "小区停电" in the same compound are different requests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotline.ticketing.routing.text import normalise
from hotline.ticketing.routing.traditional import simplified
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

# A shared number is strong evidence, but two requests from one caller can differ:
# it adds this much to the text similarity when ranking.
SAME_NUMBER_BONUS = 0.5
OTHER_UNIT_FACTOR = 0.5
# Greetings and fillers every call has; they would make all calls look alike.
_FILLERS = re.compile(
    r"喂|你好|您好|请问|我想反映一下|我想反映|反映一下|我要反映|我想问一下|问一下|我想|我要|一下"
    r"|那个|就是|谢谢|呃|嗯|啊"
)


@dataclass(frozen=True)
class DraftInfo:
    text: str
    received_at: datetime
    caller_number: str | None = None
    callback_number: str | None = None
    unit_id: str | None = None  # the routing suggestion's department, if any


@dataclass(frozen=True)
class OpenTicketInfo:
    ticket_id: int
    text: str
    received_at: datetime
    caller_number: str | None = None
    callback_number: str | None = None
    unit_id: str | None = None  # lead unit, or the suggestion of a draft


@dataclass(frozen=True)
class DuplicateCandidate:
    ticket_id: int
    score: float  # for ranking: similarity, plus SAME_NUMBER_BONUS for a shared number
    similarity: float  # 0..1
    same_number: bool
    reason: str  # for the console, in Chinese


def _digits(number: str | None) -> str | None:
    if not number:
        return None
    digits = re.sub(r"\D", "", number)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits or None


def _numbers(caller: str | None, callback: str | None) -> set[str]:
    return {n for n in (_digits(caller), _digits(callback)) if n}


def find_duplicates(
    draft: DraftInfo,
    open_tickets: Iterable[OpenTicketInfo],
    *,
    window_days: float = 7,
    min_similarity: float = 0.5,
    limit: int = 5,
) -> list[DuplicateCandidate]:
    """Ranked candidates (best first) among open tickets received within `window_days`
    before (or after) the draft."""
    window = timedelta(days=window_days)
    recent: Sequence[OpenTicketInfo] = [
        t for t in open_tickets if abs(draft.received_at - t.received_at) <= window
    ]
    if not recent:
        return []
    draft_numbers = _numbers(draft.caller_number, draft.callback_number)
    similarities = _similarities(draft.text, [t.text for t in recent])
    found: list[DuplicateCandidate] = []
    for ticket, similarity in zip(recent, similarities, strict=True):
        same_number = bool(draft_numbers & _numbers(ticket.caller_number, ticket.callback_number))
        other_unit = bool(draft.unit_id and ticket.unit_id and draft.unit_id != ticket.unit_id)
        if other_unit:
            similarity *= OTHER_UNIT_FACTOR
        if not same_number and similarity < min_similarity:
            continue
        reasons = []
        if same_number:
            reasons.append("同一来电/回电号码")
        if similarity >= min_similarity:
            reasons.append(f"内容相似度 {similarity:.2f}")
        elif similarity > 0:
            reasons.append(f"内容相似度仅 {similarity:.2f}")
        if other_unit:
            reasons.append("承办单位不同")
        found.append(
            DuplicateCandidate(
                ticket_id=ticket.ticket_id,
                score=round(similarity + (SAME_NUMBER_BONUS if same_number else 0.0), 3),
                similarity=round(similarity, 3),
                same_number=same_number,
                reason="，".join(reasons),
            )
        )
    found.sort(key=lambda c: (-c.score, c.ticket_id))
    return found[:limit]


def _similarities(text: str, others: list[str]) -> list[float]:
    texts = [_content(text)] + [_content(t) for t in others]
    if not texts[0] or not any(texts[1:]):
        return [0.0] * len(others)
    # No IDF: with a handful of documents it is noise, not information.
    vectorizer = TfidfVectorizer(
        analyzer="char", ngram_range=(1, 3), use_idf=False, sublinear_tf=True
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no characters left at all
        return [0.0] * len(others)
    return [float(s) for s in cosine_similarity(matrix[0], matrix[1:])[0]]


def _content(text: str) -> str:
    # A visitor's traditional script (熊嶽鎮的路燈壞了) is compared as the simplified it stands for.
    return _FILLERS.sub("", normalise(simplified(text)).replace(" ", ""))
