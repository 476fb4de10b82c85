"""An in-memory IntakeStore for the unit tests of intake logic.

A fake only for speed and for simulating an outage; the same logic runs against
SQLite and PostgreSQL through the real repository in tests/intake/test_store.py
and tests/e2e/.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from hotline.ticketing import workflow
from hotline.ticketing.commands import Command
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.errors import ConflictError
from hotline.ticketing.model import Ticket
from hotline.ticketing.users import SYSTEM_ACTOR
from sqlalchemy.exc import OperationalError

from hotline.catalog_loader import load_catalog
from hotline.settings import Settings


class MemoryStore:
    def __init__(self) -> None:
        self.tickets: dict[int, Ticket] = {}
        self.jobs: dict[str, str] = {}
        self.down = False
        self.catalog = load_catalog()
        self.policy = DeadlinePolicy.from_settings(Settings().deadlines)

    def _check(self) -> None:
        if self.down:
            raise OperationalError("connect", {}, Exception("connection refused"))

    def by_call_id(self, call_id: str) -> Ticket | None:
        self._check()
        for t in self.tickets.values():
            if t.call_id == call_id:
                return copy.deepcopy(t)
        return None

    def create(self, ticket: Ticket) -> Ticket:
        self._check()
        ticket = copy.deepcopy(ticket)
        ticket.id = len(self.tickets) + 1
        workflow.create_history_entry(ticket, SYSTEM_ACTOR, datetime.now(UTC))
        ticket.version = 1
        self.tickets[ticket.id] = ticket
        return copy.deepcopy(ticket)

    def save(self, ticket: Ticket) -> Ticket:
        self._check()
        assert ticket.id is not None
        if self.tickets[ticket.id].version != ticket.version:
            raise ConflictError(ticket.id, ticket.version)
        ticket = copy.deepcopy(ticket)
        ticket.version += 1
        self.tickets[ticket.id] = ticket
        return copy.deepcopy(ticket)

    def apply_command(self, ticket_id: int, command: Command) -> Ticket:
        self._check()
        ticket = copy.deepcopy(self.tickets[ticket_id])
        workflow.apply(
            ticket,
            command,
            SYSTEM_ACTOR,
            now=datetime.now(UTC),
            policy=self.policy,
            catalog=self.catalog,
        )
        return self.save(ticket)

    def open_tickets_since(self, since: datetime) -> list[Ticket]:
        self._check()
        return [copy.deepcopy(t) for t in self.tickets.values() if t.received_at >= since]

    def enqueue_transcription(self, call_id: str, audio_path: str) -> None:
        self._check()
        self.jobs.setdefault(call_id, audio_path)

    def by_recording_ref(self, recording_ref: str) -> Ticket | None:
        self._check()
        for t in self.tickets.values():
            if t.recording_ref == recording_ref:
                return copy.deepcopy(t)
        return None

    def unfinished_drafts(self, received_before: datetime) -> list[Ticket]:
        self._check()
        return [
            copy.deepcopy(t)
            for t in self.tickets.values()
            if t.state.value == "draft"
            and not t.transcript_words
            and not t.transcription_pending
            and t.received_at < received_before
        ]
