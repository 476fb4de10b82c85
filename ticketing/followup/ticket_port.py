"""TicketPort over the foundation's services and tables (one database for both)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hotline.ticketing import services
from hotline.ticketing.commands import Command
from hotline.ticketing.followup.store import followup_jobs
from hotline.ticketing.followup.tickets import CANDIDATE_STATES, Trigger
from hotline.ticketing.model import Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.tables import TicketRow
from hotline.ticketing.users import Actor
from sqlalchemy import and_, exists, select


@dataclass
class DatabaseTicketPort:
    database: Database
    batch: int = 200  # tickets looked at per sweep; the rest wait for the next pass

    def candidates(self, trigger: Trigger, since: datetime) -> list[Ticket]:
        tickets = TicketRow.__table__
        at = tickets.c.replied_at if trigger == "replied" else tickets.c.closed_at
        already = exists().where(
            and_(followup_jobs.c.ticket_id == tickets.c.id, followup_jobs.c.triggered_at == at)
        )
        query = (
            select(tickets.c.id)
            .where(
                tickets.c.state.in_([str(s) for s in CANDIDATE_STATES[trigger]]),
                at.is_not(None),
                at >= since,
                ~already,
            )
            .order_by(at)
            .limit(self.batch)
        )
        with self.database.engine.connect() as conn:
            ids = list(conn.execute(query).scalars())
        return [self.get(ticket_id) for ticket_id in ids]

    def get(self, ticket_id: int) -> Ticket:
        return services.get_ticket(self.database.read_uow(), ticket_id)

    def execute(self, ticket_id: int, command: Command, actor: Actor) -> Ticket:
        return services.apply_command(self.database.uow(), ticket_id, command, actor)
