"""Routing follows the ticket's current text: what a correction re-derives, and what not.

Intake routes the machine transcript once; an operator's correction changes what the
caller said, so the suggestion, callback number, area, request type, epidemic flag and
duplicate candidates are derived again from `Ticket.text` — except the fields the operator
set by hand (`Ticket.manual_fields`), which routing never overwrites. Pure functions, no
I/O: the service layer hands in the routing result and the duplicate search.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from hotline.ticketing.catalog import Catalog
from hotline.ticketing.errors import InvalidInputError
from hotline.ticketing.intake.routing_fields import routing_fields
from hotline.ticketing.model import Ticket

# Ticket fields routing derives from the text; an operator's own value pins them.
DERIVED_FIELDS: tuple[str, ...] = ("request_type", "area_id", "epidemic", "callback_number")

SuggestFn = Callable[[str], dict[str, Any]]
DuplicateFn = Callable[[Ticket, Sequence[Ticket]], list[int]]


@dataclass(frozen=True)
class TextRouting:
    """What re-routing needs from outside the domain: routing (`hotline route` JSON for a
    text) and the 并单 search over open tickets received within `window` of this one."""

    suggest: SuggestFn
    find_duplicates: DuplicateFn | None = None
    window: timedelta = timedelta(days=3)


def derived_fields(suggestion: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    """A routing suggestion → the ticket fields it proposes (ids the catalogue knows only)
    plus the stored suggestion under "routing_suggestion"."""
    mapped = routing_fields(suggestion)
    areas = {a.id for a in catalog.areas}
    return {
        "routing_suggestion": mapped["suggestion"],
        "request_type": mapped["request_type"]
        if mapped["request_type"] in catalog.category_ids()
        else None,
        "area_id": mapped["area_id"] if mapped["area_id"] in areas else None,
        "epidemic": bool(mapped["epidemic"]),
        "callback_number": mapped["callback_number"] or None,
    }


_SEPARATORS = re.compile(r"[\s\-()（）]")


def callback_number(value: str) -> str | None:
    """An operator's callback number: "" clears; separators dropped; 5–20 digits."""
    text = _SEPARATORS.sub("", value.strip())
    if not text:
        return None
    if not re.fullmatch(r"\+?\d{5,20}", text):
        raise InvalidInputError(
            "invalid_callback_number",
            "回拨号码格式有误：应为 5–20 位数字，如 13912345678 或 0417-1234567",
            f"callback number {value[:40]!r} is not 5-20 digits",
        )
    return text


def mark_manual(ticket: Ticket, field: str, value: Any) -> None:
    """An operator set `field` to `value`: pinned if it differs from what is there (a form
    sending back the value routing put there pins nothing)."""
    if field in DERIVED_FIELDS and getattr(ticket, field) != value:
        ticket.manual_fields = tuple(dict.fromkeys((*ticket.manual_fields, field)))


def rederive(ticket: Ticket, derived: dict[str, Any], duplicates: Sequence[int] | None) -> None:
    """Store the routing of the current text on `ticket`, keeping hand-set fields.

    A field routing no longer finds (no number in the new text) is cleared unless pinned:
    the derived fields say what the current text says."""
    heard_by = (ticket.routing_suggestion or {}).get("asr_model")
    ticket.routing_suggestion = dict(derived["routing_suggestion"])
    if heard_by:  # which model heard the machine text: ASR quality counts per model
        ticket.routing_suggestion.setdefault("asr_model", heard_by)
    for name in DERIVED_FIELDS:
        if name not in ticket.manual_fields:
            setattr(ticket, name, derived[name])
    if duplicates is not None:
        ticket.duplicate_candidates = tuple(i for i in dict.fromkeys(duplicates) if i != ticket.id)


def preview(ticket: Ticket, derived: dict[str, Any], duplicates: Sequence[int] | None) -> Ticket:
    """The ticket as it would be with this routing, the stored one left untouched."""
    copy = dataclasses.replace(ticket, history=[])
    rederive(copy, derived, duplicates)
    return copy
