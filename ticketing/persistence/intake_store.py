"""`SqlIntakeStore`: intake's store port (ticketing.intake.store_port.IntakeStore) on the
foundation's unit of work and services. Blocking; called on a worker thread."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from hotline.ticketing import services
from hotline.ticketing.commands import Command
from hotline.ticketing.model import OPEN_STATES, Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.recordings import record_recording_node
from hotline.ticketing.users import SYSTEM_ACTOR


class TranscriptionBacklog(Protocol):
    """Where recordings wait for transcription (asr.backlog.BacklogQueue, seen structurally:
    ticketing does not import asr)."""

    def enqueue(self, key: str, audio_path: str) -> Any: ...


class SqlIntakeStore:
    """IntakeStore on the foundation's unit of work and services (blocking; worker thread)."""

    def __init__(
        self, database: Database, backlog: TranscriptionBacklog, *, node_id: str = ""
    ) -> None:
        self.database = database
        self.backlog = backlog
        self.node_id = node_id  # recorded as the writer of the recordings of its drafts

    def by_call_id(self, call_id: str) -> Ticket | None:
        with self.database.uow() as uow:
            return uow.tickets.get_by_call_id(call_id)

    def by_recording_ref(self, recording_ref: str) -> Ticket | None:
        with self.database.uow() as uow:
            return uow.tickets.get_by_recording_ref(recording_ref)

    def create(self, ticket: Ticket) -> Ticket:
        new = services.NewTicket(
            received_at=ticket.received_at,
            channel=ticket.channel,
            caller_number=ticket.caller_number,
            called_number=ticket.called_number,
            forwarded_from=ticket.forwarded_from,
            call_id=ticket.call_id,
            recording_ref=ticket.recording_ref,
            transcription_pending=ticket.transcription_pending,
            duplicate_candidates=ticket.duplicate_candidates,
        )
        created = services.create_draft(self.database.uow(), new)
        if ticket.recording_ref and self.node_id:
            record_recording_node(self.database, ticket.recording_ref, ticket.call_id, self.node_id)
        return created

    def save(self, ticket: Ticket) -> Ticket:
        with self.database.uow() as uow:
            uow.tickets.save(ticket)
            uow.commit()
        return ticket

    def apply_command(self, ticket_id: int, command: Command) -> Ticket:
        return services.apply_command(self.database.uow(), ticket_id, command, SYSTEM_ACTOR)

    def open_tickets_since(self, since: datetime) -> list[Ticket]:
        query = services.TicketQuery(states=tuple(OPEN_STATES), received_from=since, limit=500)
        return services.list_tickets(self.database.uow(), query)

    def unfinished_drafts(self, received_before: datetime) -> list[Ticket]:
        query = services.TicketQuery(
            states=("draft",),
            transcription_pending=False,
            received_before=received_before,
            limit=1000,
        )
        tickets = services.list_tickets(self.database.uow(), query)
        return [t for t in tickets if not t.transcript_words and t.recording_ref]

    def enqueue_transcription(self, call_id: str, audio_path: str) -> None:
        self.backlog.enqueue(call_id, audio_path)
