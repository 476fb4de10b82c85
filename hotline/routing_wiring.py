"""Settings → routing: the suggestion function for drafts and typed-in requests, and
routing's 并单 (duplicate) search for intake.

`hotline.ticketing.routing` is imported when first used: scikit-learn takes seconds to
import, and a routing that cannot load must leave drafts without a suggestion, not stop
the service.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from hotline.settings import Settings
from hotline.ticketing.intake.service import RouteFn
from hotline.ticketing.intake.store_port import DuplicateFn
from hotline.ticketing.model import OPEN_STATES, Ticket

log = logging.getLogger("hotline.intake_wiring")


def build_route(settings: Settings, catalog: Any) -> tuple[RouteFn | None, Any]:
    """The routing suggestion function and the router (None, None if routing is unusable)."""
    try:
        from hotline.ticketing.routing import load_router

        router = load_router(catalog, settings.routing_rules_path, settings.storage.data_dir)
        router.classifier()  # train/load now, not while the first caller waits
    except Exception as exc:  # drafts without a suggestion beat no drafts
        log.error("routing rules not loaded, drafts get no suggestion: %s", exc)
        return None, None
    return (lambda text: router.suggest(text).to_dict()), router


def routing_duplicates(router: Any) -> DuplicateFn:
    """Routing's 并单 search (same number, or similar content, within its window)."""
    from hotline.ticketing.routing import DraftInfo, OpenTicketInfo, find_duplicates

    dup = router.rules.duplicates

    def lead_of(t: Ticket) -> str | None:
        return t.lead_unit or (t.routing_suggestion or {}).get("lead")

    def find(ticket: Ticket, candidates: Sequence[Ticket]) -> list[int]:
        draft = DraftInfo(
            text=ticket.text,
            received_at=ticket.received_at,
            caller_number=ticket.caller_number,
            callback_number=ticket.callback_number,
            unit_id=lead_of(ticket),
        )
        others = [
            OpenTicketInfo(
                ticket_id=t.id,
                text=t.text,
                received_at=t.received_at,
                caller_number=t.caller_number,
                callback_number=t.callback_number,
                unit_id=lead_of(t),
            )
            for t in candidates
            if t.id is not None and t.id != ticket.id and t.state in OPEN_STATES
        ]
        found = find_duplicates(
            draft,
            others,
            window_days=dup.window_days,
            min_similarity=dup.min_similarity,
            limit=dup.limit,
        )
        return [c.ticket_id for c in found]

    return find
