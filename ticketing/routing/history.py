"""The edge that reads tickets for routing: the training history (every dispatched
ticket's text → lead unit) and the open tickets the duplicate search compares with.

The lead unit stored on a ticket is the one finally chosen (after any 改派), the
request type the one the operator registered, and the text is the operator's
correction when there is one (`Ticket.text`). A ticket the machine dispatched (自动派单)
and no person dispatched or re-assigned since is left out: training on the model's own
decisions would only confirm them.
"""

from __future__ import annotations

from datetime import datetime

from hotline.ticketing.commands import CommandName
from hotline.ticketing.model import OPEN_STATES
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.repository import TicketQuery
from hotline.ticketing.persistence.tables import HistoryRow
from hotline.ticketing.routing.duplicates import OpenTicketInfo
from sqlalchemy import select
from sqlalchemy.orm import Session

PAGE = 500


def dispatch_history(
    database: Database, newest: int | None = None
) -> list[tuple[str, str, str | None]]:
    """(text, unit_id, request type or None) for the `newest` dispatched tickets (all when
    None), oldest first: the unit trains the unit classifier, the type the request-type
    classifier. Bounded so a city's years of tickets do not all sit in memory to train."""
    unit_ids = [u.id for u in database.catalog.units]
    found: list[tuple[str, str, str | None]] = []
    offset = 0
    while newest is None or len(found) < newest:
        with database.uow() as uow:
            page = uow.tickets.list(
                TicketQuery(lead_units=unit_ids, limit=PAGE, offset=offset, newest_first=True)
            )
        machine_only = _machine_dispatched(database, [t.id for t in page if t.id is not None])
        for ticket in page:
            text = ticket.text or ticket.summary
            if text.strip() and ticket.lead_unit and ticket.id not in machine_only:
                found.append((text, ticket.lead_unit, ticket.request_type))
        if len(page) < PAGE:
            break
        offset += PAGE
    return found[:newest][::-1]


def _machine_dispatched(database: Database, ticket_ids: list[int]) -> set[int]:
    """Of `ticket_ids`, those the machine dispatched that no person dispatched or
    re-assigned since."""

    def having(*commands: CommandName) -> set[int]:
        names = [str(c) for c in commands]
        with Session(database.engine) as session:
            query = (
                select(HistoryRow.ticket_id)
                .where(HistoryRow.command.in_(names), HistoryRow.ticket_id.in_(ticket_ids))
                .distinct()
            )
            return set(session.scalars(query))

    if not ticket_ids:
        return set()
    return having(CommandName.AUTO_DISPATCH) - having(CommandName.DISPATCH, CommandName.REASSIGN)


def open_tickets_since(
    database: Database, since: datetime, limit: int = 2000
) -> list[OpenTicketInfo]:
    """Open tickets received since `since`, as the duplicate search (并单) wants them."""
    with database.uow() as uow:
        tickets = uow.tickets.list(
            TicketQuery(states=sorted(OPEN_STATES), received_from=since, limit=limit)
        )
    return [
        OpenTicketInfo(
            ticket_id=t.id,
            text=t.text or t.summary,
            received_at=t.received_at,
            caller_number=t.caller_number,
            callback_number=t.callback_number,
            unit_id=t.lead_unit or (t.routing_suggestion or {}).get("department"),
        )
        for t in tickets
        if t.id is not None
    ]
