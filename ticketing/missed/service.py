"""Missed-call service: register silent calls from intake's drafts, call back, statistics.

Registration is a sweep over drafts intake marked invalid because nobody spoke (no
change to the intake path): the list and statistics sweep before they read, so a call
is on the list as soon as an operator looks. Times come from an injected clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotline.ticketing.errors import InvalidInputError
from hotline.ticketing.missed import store
from hotline.ticketing.missed.states import (
    DEFAULT_CALLBACK_DEADLINE,
    MissedState,
    MissedStats,
    initial_state,
    is_missed_call_reason,
    summarise,
)
from hotline.ticketing.users import Actor
from sqlalchemy.engine import Engine

Clock = Callable[[], datetime]
MAX_NOTE = 500


@dataclass
class MissedCallService:
    engine: Engine
    clock: Clock
    deadline: timedelta = DEFAULT_CALLBACK_DEADLINE
    # Silent drafts older than this are not registered (switching the feature on must
    # not put last year's calls on the list).
    lookback: timedelta = timedelta(days=2)

    def sweep(self) -> int:
        """Register new missed calls; the number registered."""
        now = self.clock()
        added = 0
        with self.engine.begin() as conn:
            for draft in store.unregistered_silent_drafts(conn, since=now - self.lookback):
                if not is_missed_call_reason(draft.reason):
                    continue  # invalidated for another reason (e.g. by an operator)
                added += store.register(
                    conn,
                    draft,
                    due_at=draft.received_at + self.deadline,
                    state=initial_state(draft.caller),
                    now=now,
                )
        return added

    def list_calls(
        self, states: list[MissedState] | None = None, days: int = 7
    ) -> list[store.MissedCall]:
        self.sweep()
        with self.engine.connect() as conn:
            return store.list_calls(conn, states=states, since=self.clock() - timedelta(days=days))

    def call_back(self, missed_id: int, actor: Actor, note: str) -> store.MissedCall:
        """已回拨: an operator called the caller back; `note` says how it went."""
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise InvalidInputError(
                "invalid_input",
                f"回拨情况不能超过{MAX_NOTE}字",
                f"call-back note longer than {MAX_NOTE} characters",
            )
        with self.engine.begin() as conn:
            call = store.get(conn, missed_id)
            return store.called_back(conn, call, actor=actor.name, note=note, now=self.clock())

    def stats(self, days: int = 30) -> MissedStats:
        self.sweep()
        now = self.clock()
        with self.engine.connect() as conn:
            calls = store.list_calls(conn, since=now - timedelta(days=days), limit=100_000)
        return summarise(calls, now)
