"""The edge that reads the training history: every dispatched ticket's text → lead unit.

The lead unit stored on a ticket is the one finally chosen (after any 改派), and
the text is the operator's correction when there is one (`Ticket.text`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ticketing.persistence.database import Database
from ticketing.persistence.repository import TicketQuery

PAGE = 500


def dispatch_history(database: Database) -> Iterator[tuple[str, str]]:
    """(text, unit_id) for every ticket with a lead unit, oldest first."""
    unit_ids = [u.id for u in database.catalog.units]
    offset = 0
    while True:
        with database.uow() as uow:
            page = uow.tickets.list(
                TicketQuery(lead_units=unit_ids, limit=PAGE, offset=offset, newest_first=False)
            )
        for ticket in page:
            text = ticket.text or ticket.summary
            if text.strip() and ticket.lead_unit:
                yield text, ticket.lead_unit
        if len(page) < PAGE:
            return
        offset += PAGE
