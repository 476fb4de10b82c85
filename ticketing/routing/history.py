"""The edge that reads tickets for routing: the training history (every dispatched
ticket's text → lead unit) and the open tickets the duplicate search compares with.

The lead unit stored on a ticket is the one finally chosen (after any 改派), the
request type the one the operator registered, and the text is the operator's
correction when there is one (`Ticket.text`). A ticket the machine dispatched (自动派单)
and no person dispatched or re-assigned since is left out: training on the model's own
decisions would only confirm them.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def dispatch_history(database: Database) -> Iterator[tuple[str, str, str | None]]:
    """(text, unit_id, request type or None) for every ticket with a lead unit, oldest
    first: the unit trains the unit classifier, the type the request-type classifier."""
    unit_ids = [u.id for u in database.catalog.units]
    machine_only = _machine_dispatched(database)
    offset = 0
    while True:
        with database.uow() as uow:
            page = uow.tickets.list(
                TicketQuery(lead_units=unit_ids, limit=PAGE, offset=offset, newest_first=False)
            )
        for ticket in page:
            text = ticket.text or ticket.summary
            if text.strip() and ticket.lead_unit and ticket.id not in machine_only:
                yield text, ticket.lead_unit, ticket.request_type
        if len(page) < PAGE:
            return
        offset += PAGE


def _machine_dispatched(database: Database) -> set[int]:
    """Tickets dispatched by the machine that no person dispatched or re-assigned since."""

    def having(*commands: CommandName) -> set[int]:
        names = [str(c) for c in commands]
        with Session(database.engine) as session:
            query = select(HistoryRow.ticket_id).where(HistoryRow.command.in_(names)).distinct()
            return set(session.scalars(query))

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
