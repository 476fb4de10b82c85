"""Missed calls in the database (SQLAlchemy Core table on the ticket `metadata`).

One row per silent/abandoned call, keyed by its (invalid) draft: registering twice, or
from two nodes at once, leaves one row (unique ticket_id). Call-backs are a
compare-and-set on `version`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hotline.ticketing.errors import ConflictError, NotFoundError
from hotline.ticketing.missed.states import MissedEvent, MissedState, next_state
from hotline.ticketing.persistence.records import due_in_states, key_column, ticket_column
from hotline.ticketing.persistence.tables import HistoryRow, TicketRow, UTCDateTime, metadata
from sqlalchemy import (
    Column,
    Integer,
    String,
    Table,
    Text,
    and_,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

missed_calls = Table(
    "missed_calls",
    metadata,
    key_column(),
    ticket_column(unique=True),
    Column("call_id", String(255), nullable=True),
    Column("caller", String(40), nullable=True),
    Column("received_at", UTCDateTime, nullable=False, index=True),
    Column("reason", Text, nullable=False, default=""),
    Column("due_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("called_back_at", UTCDateTime, nullable=True),
    Column("called_back_by", String(100), nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False, default=1),
)


@dataclass(frozen=True)
class MissedCall:
    id: int
    ticket_id: int
    call_id: str | None
    caller: str | None
    received_at: datetime
    reason: str
    due_at: datetime
    state: MissedState
    called_back_at: datetime | None
    called_back_by: str | None
    note: str
    created_at: datetime
    version: int


@dataclass(frozen=True)
class SilentDraft:
    """An intake draft marked invalid by the system: a candidate missed call."""

    ticket_id: int
    call_id: str | None
    caller: str | None
    received_at: datetime
    reason: str


def _row(row: Any) -> MissedCall:
    m = dict(row._mapping)
    m["state"] = MissedState(m["state"])
    return MissedCall(**m)


def unregistered_silent_drafts(conn: Connection, *, since: datetime) -> list[SilentDraft]:
    """Phone drafts the system marked invalid since `since` that have no row yet."""
    t, h = TicketRow.__table__, HistoryRow.__table__
    known = select(missed_calls.c.ticket_id)
    rows = conn.execute(
        select(t.c.id, t.c.call_id, t.c.caller_number, t.c.received_at, h.c.reason)
        .join(h, h.c.ticket_id == t.c.id)
        .where(
            and_(
                t.c.channel == "phone",
                t.c.received_at >= since,
                h.c.command == "mark_invalid",
                h.c.actor == "system",
                t.c.id.not_in(known),
            )
        )
        .order_by(t.c.received_at, t.c.id)
    )
    drafts: dict[int, SilentDraft] = {}
    for r in rows:
        drafts.setdefault(
            r.id, SilentDraft(r.id, r.call_id, r.caller_number, r.received_at, r.reason or "")
        )
    return list(drafts.values())


def register(
    conn: Connection, draft: SilentDraft, *, due_at: datetime, state: MissedState, now: datetime
) -> bool:
    """Insert one missed call; False when it exists (another node registered it)."""
    try:
        with conn.begin_nested():
            conn.execute(
                insert(missed_calls).values(
                    ticket_id=draft.ticket_id,
                    call_id=draft.call_id,
                    caller=draft.caller,
                    received_at=draft.received_at,
                    reason=draft.reason,
                    due_at=due_at,
                    state=str(state),
                    note="",
                    created_at=now,
                    version=1,
                )
            )
    except IntegrityError:
        return False
    return True


def get(conn: Connection, missed_id: int) -> MissedCall:
    row = conn.execute(select(missed_calls).where(missed_calls.c.id == missed_id)).first()
    if row is None:
        raise NotFoundError("missed call", missed_id, "未接来电")
    return _row(row)


def list_calls(
    conn: Connection,
    *,
    states: list[MissedState] | None = None,
    since: datetime | None = None,
    limit: int = 500,
) -> list[MissedCall]:
    where = [] if since is None else [missed_calls.c.received_at >= since]
    return [_row(r) for r in conn.execute(due_in_states(missed_calls, states, limit, *where))]


def called_back(
    conn: Connection, call: MissedCall, *, actor: str, note: str, now: datetime
) -> MissedCall:
    target = next_state(call.state, MissedEvent.CALL_BACK)
    result = conn.execute(
        update(missed_calls)
        .where(and_(missed_calls.c.id == call.id, missed_calls.c.version == call.version))
        .values(
            state=str(target),
            called_back_at=now,
            called_back_by=actor,
            note=note,
            version=call.version + 1,
        )
    )
    if result.rowcount != 1:
        raise ConflictError(call.ticket_id, call.version)
    return get(conn, call.id)
