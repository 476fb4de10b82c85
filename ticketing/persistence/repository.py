"""Repositories: load and store domain objects; the only code that knows both shapes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.errors import ConflictError, NotFoundError
from hotline.ticketing.model import (
    Channel,
    HistoryEntry,
    Satisfaction,
    State,
    Ticket,
    TranscriptWord,
    Urgency,
)
from hotline.ticketing.persistence import figures_sql, search_sql
from hotline.ticketing.persistence.tables import HistoryRow, TicketRow, UserRow
from hotline.ticketing.stats import FIGURE_FIELDS, Counts, TicketFigures
from hotline.ticketing.users import Role, User
from sqlalchemy import Select, Text, cast, func, or_, select, text, update
from sqlalchemy.orm import Session

# Ticket fields stored as plain columns of the same name.
_PLAIN = [
    f.name
    for f in fields(Ticket)
    if f.name not in {"id", "version", "history", "transcript_words", "assisting_units"}
    and f.name not in {"missing_info", "duplicate_candidates", "manual_fields"}
]


def _ticket_values(ticket: Ticket) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(ticket, name) for name in _PLAIN}
    for enum_field in ("state", "channel", "urgency", "satisfaction"):
        value = values[enum_field]
        values[enum_field] = str(value) if value is not None else None
    values["transcript_words"] = [w.to_dict() for w in ticket.transcript_words]
    values["assisting_units"] = list(ticket.assisting_units)
    values["missing_info"] = list(ticket.missing_info)
    values["duplicate_candidates"] = list(ticket.duplicate_candidates)
    values["manual_fields"] = list(ticket.manual_fields)
    return values


def _ticket_from_row(row: TicketRow, history: list[HistoryEntry]) -> Ticket:
    values = {name: getattr(row, name) for name in _PLAIN}
    values["state"] = State(row.state)
    values["channel"] = Channel(row.channel)
    values["urgency"] = Urgency(row.urgency)
    values["satisfaction"] = Satisfaction(row.satisfaction) if row.satisfaction else None
    return Ticket(
        **values,
        id=row.id,
        version=row.version,
        history=history,
        transcript_words=[TranscriptWord.from_dict(w) for w in row.transcript_words or []],
        assisting_units=tuple(row.assisting_units or ()),
        missing_info=tuple(row.missing_info or ()),
        duplicate_candidates=tuple(int(i) for i in row.duplicate_candidates or ()),
        manual_fields=tuple(str(f) for f in row.manual_fields or ()),
    )


def _history_from_row(row: HistoryRow) -> HistoryEntry:
    return HistoryEntry(
        at=row.at,
        actor=row.actor,
        actor_role=row.actor_role,
        command=row.command,
        from_state=State(row.from_state) if row.from_state else None,
        to_state=State(row.to_state),
        reason=row.reason,
        details=dict(row.details or {}),
    )


LIKE_ESCAPE = "\\"


def like_escape(value: str) -> str:
    """`value` as a literal inside a LIKE pattern (use with `escape=LIKE_ESCAPE`)."""
    return (
        value.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )


@dataclass(frozen=True)
class TicketQuery:
    """Filters for lists; all optional and combined with AND."""

    states: Sequence[State | str] = ()
    units: Sequence[str] = ()  # lead OR assisting unit in this set (liaison views, portfolios)
    lead_units: Sequence[str] = ()  # lead unit in this set
    request_type: str | None = None
    area_id: str | None = None
    text: str | None = None  # substring of summary, texts, location, numbers
    search_numbers: bool = True  # False: `text` never looks at the number columns
    received_from: datetime | None = None
    received_before: datetime | None = None
    overdue_at: datetime | None = None  # open tickets whose running clock is past due at this time
    transcription_pending: bool | None = None
    limit: int = 100
    offset: int = 0
    newest_first: bool = True


class TicketRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, ticket: Ticket) -> Ticket:
        """Insert a new ticket (version 1) with its history; sets `ticket.id`."""
        row = TicketRow(**_ticket_values(ticket), version=1)
        self.session.add(row)
        self.session.flush()
        ticket.id = row.id
        ticket.version = 1
        self._append_history(ticket, start=0)
        return ticket

    def get(self, ticket_id: int, *, with_history: bool = True) -> Ticket:
        row = self.session.get(TicketRow, ticket_id, populate_existing=True)
        if row is None:
            raise NotFoundError("ticket", ticket_id, "工单")
        return _ticket_from_row(row, self._history(ticket_id) if with_history else [])

    def get_by_call_id(self, call_id: str) -> Ticket | None:
        row = self.session.scalars(select(TicketRow).where(TicketRow.call_id == call_id)).first()
        return None if row is None else _ticket_from_row(row, self._history(row.id))

    def get_by_recording_ref(self, recording_ref: str) -> Ticket | None:
        row = self.session.scalars(
            select(TicketRow).where(TicketRow.recording_ref == recording_ref).limit(1)
        ).first()
        return None if row is None else _ticket_from_row(row, self._history(row.id))

    def save(self, ticket: Ticket) -> None:
        """Store changes if nobody else did since `ticket.version` was read.

        `UPDATE … WHERE id = ? AND version = ?`: of two concurrent writers the
        second matches no row (PostgreSQL re-checks the WHERE after the first
        commits; SQLite serialises writers) and gets ConflictError.
        """
        assert ticket.id is not None, "save() is for stored tickets; use add()"
        expected = ticket.version
        result = self.session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket.id, TicketRow.version == expected)
            .values(**_ticket_values(ticket), version=expected + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise ConflictError(ticket.id, expected)
        stored = self.session.scalar(
            select(func.count()).select_from(HistoryRow).where(HistoryRow.ticket_id == ticket.id)
        )
        if stored is None or stored > len(ticket.history):
            raise ValueError("ticket was loaded without its history; cannot append safely")
        self._append_history(ticket, start=stored)
        ticket.version = expected + 1

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def list(self, query: TicketQuery) -> list[Ticket]:
        """Tickets matching `query`, without history (use get() for one ticket in full)."""
        self._search_memory(query)
        recent = self._recent_window(query)
        if recent is not None:
            page = self._page(recent)
            if len(page) == query.limit:
                return page
        return self._page(query)

    def _page(self, query: TicketQuery) -> list[Ticket]:
        stmt = self._filtered(select(TicketRow), query, self._dialect)
        order = TicketRow.received_at.desc() if query.newest_first else TicketRow.received_at
        stmt = stmt.order_by(order, TicketRow.id.desc()).limit(query.limit).offset(query.offset)
        return [_ticket_from_row(row, []) for row in self.session.scalars(stmt)]

    def _recent_window(self, query: TicketQuery) -> TicketQuery | None:
        """The query narrowed to the last SEARCH_WINDOW before its newest ticket, for an
        indexed text search newest first (PostgreSQL).

        A frequent term (a town's name: 7 % of a city's tickets) makes PostgreSQL read and
        sort every match to find the newest 50 (0.5–1 s at 1 000 000 tickets); within a
        month it reads a thirtieth of them. Every ticket in the window is newer than every
        ticket before it, so a full page from the window is the same page; a short one
        means the window did not hold it, and the caller asks again without it.
        """
        if not (
            query.newest_first and query.text and search_sql.indexed(self._dialect, query.text)
        ):
            return None
        newest = select(func.max(TicketRow.received_at))
        if query.received_before is not None:
            newest = newest.where(TicketRow.received_at < query.received_before)
        latest = self.session.scalar(newest)
        if latest is None:
            return None
        start = latest - search_sql.SEARCH_WINDOW
        if query.received_from is not None and query.received_from >= start:
            return None  # already narrow
        return replace(query, received_from=start)

    def figures(self, query: TicketQuery) -> list[TicketFigures]:
        """What the dashboard counts of every matching ticket (no limit, no order): a few
        columns instead of whole rows, so a year of tickets is read in seconds."""
        columns = (getattr(TicketRow, name) for name in FIGURE_FIELDS)
        stmt = self._filtered(select(*columns), query, self._dialect)
        out = []
        for row in self.session.execute(stmt):
            values = dict(row._mapping)
            values["state"] = State(values["state"])
            out.append(TicketFigures(**values))
        return out

    def period_counts(
        self,
        *,
        lo: datetime,
        hi: datetime,
        tz: str,
        policy: DeadlinePolicy,
        now: datetime,
        with_backlog: bool = True,
    ) -> Counts:
        """The dashboard's counts of tickets received in [lo, hi), grouped by the database
        (and the backlog of all open tickets): what stats.count() would count of figures()."""
        return figures_sql.count_period(
            self.session, lo=lo, hi=hi, tz=tz, policy=policy, now=now, with_backlog=with_backlog
        )

    def count(self, query: TicketQuery, cap: int | None = None) -> int:
        """How many tickets match; with `cap`, counting stops at cap + 1 (a city's "all
        tickets" need not be counted to the last one to show 10000+)."""
        self._search_memory(query)
        if cap is None:
            stmt = self._filtered(select(func.count()).select_from(TicketRow), query, self._dialect)
        else:
            matching = self._filtered(select(TicketRow.id), query, self._dialect).limit(cap + 1)
            stmt = select(func.count()).select_from(matching.subquery())
        return int(self.session.scalar(stmt) or 0)

    def _search_memory(self, query: TicketQuery) -> None:
        if query.text and search_sql.indexed(self._dialect, query.text):
            self.session.execute(text(search_sql.SEARCH_WORK_MEM))

    @staticmethod
    def _filtered(stmt: Select[Any], q: TicketQuery, dialect: str = "sqlite") -> Select[Any]:
        if q.states:
            stmt = stmt.where(TicketRow.state.in_([str(s) for s in q.states]))
        if q.lead_units:
            stmt = stmt.where(TicketRow.lead_unit.in_(list(q.lead_units)))
        if q.units:
            # assisting_units is a JSON list: match its text form, ids are [a-z_]+ so this is exact.
            clauses = [TicketRow.lead_unit.in_(list(q.units))]
            clauses += [
                search_sql.has_assisting_unit(unit)
                if dialect == "postgresql"
                else cast(TicketRow.assisting_units, Text).like(
                    f'%"{like_escape(unit)}"%', escape=LIKE_ESCAPE
                )
                for unit in q.units
            ]
            stmt = stmt.where(or_(*clauses))
        if q.request_type:
            stmt = stmt.where(TicketRow.request_type == q.request_type)
        if q.area_id:
            stmt = stmt.where(TicketRow.area_id == q.area_id)
        if q.text:
            # The search text is literal: % and _ must not act as wildcards.
            pattern = f"%{like_escape(q.text)}%"
            columns = [
                TicketRow.summary,
                TicketRow.machine_text,
                TicketRow.corrected_text,
                TicketRow.location_text,
            ]
            if q.search_numbers:
                columns += [TicketRow.caller_number, TicketRow.callback_number]
            stmt = stmt.where(or_(*(c.like(pattern, escape=LIKE_ESCAPE) for c in columns)))
            if search_sql.indexed(dialect, q.text):
                stmt = stmt.where(search_sql.text_may_contain(q.text))
        if q.received_from:
            stmt = stmt.where(TicketRow.received_at >= q.received_from)
        if q.received_before:
            stmt = stmt.where(TicketRow.received_at < q.received_before)
        if q.transcription_pending is not None:
            stmt = stmt.where(TicketRow.transcription_pending == q.transcription_pending)
        if q.overdue_at:
            not_dispatched = TicketRow.first_dispatched_at.is_(None) & (
                TicketRow.dispatch_due_at < q.overdue_at
            )
            not_closed = (
                TicketRow.dispatched_at.is_not(None)
                & TicketRow.closed_at.is_(None)
                & (TicketRow.close_due_at < q.overdue_at)
            )
            open_states = [
                str(s)
                for s in State
                if s not in (State.CLOSED, State.REPORTED, State.MERGED, State.INVALID)
            ]
            stmt = stmt.where(TicketRow.state.in_(open_states), or_(not_dispatched, not_closed))
        return stmt

    def _history(self, ticket_id: int) -> list[HistoryEntry]:
        rows = self.session.scalars(
            select(HistoryRow).where(HistoryRow.ticket_id == ticket_id).order_by(HistoryRow.seq)
        )
        return [_history_from_row(r) for r in rows]

    def _append_history(self, ticket: Ticket, start: int) -> None:
        for seq, entry in enumerate(ticket.history[start:], start=start):
            self.session.add(
                HistoryRow(
                    ticket_id=ticket.id,
                    seq=seq,
                    at=entry.at,
                    actor=entry.actor,
                    actor_role=entry.actor_role,
                    command=entry.command,
                    from_state=str(entry.from_state) if entry.from_state else None,
                    to_state=str(entry.to_state),
                    reason=entry.reason,
                    details=entry.details,
                )
            )
        self.session.flush()


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, user: User) -> User:
        row = UserRow(
            name=user.name,
            display_name=user.display_name,
            role=str(user.role),
            unit_id=user.unit_id,
            portfolio=list(user.portfolio),
            password_hash=user.password_hash,
            active=user.active,
            created_at=user.created_at,
            integration=user.integration,
        )
        self.session.add(row)
        self.session.flush()
        user.id = row.id
        return user

    def get(self, name: str) -> User | None:
        row = self.session.scalars(select(UserRow).where(UserRow.name == name)).first()
        return None if row is None else self._from_row(row)

    def list(self) -> list[User]:
        return [
            self._from_row(r) for r in self.session.scalars(select(UserRow).order_by(UserRow.name))
        ]

    def save(self, user: User) -> None:
        row = self.session.scalars(select(UserRow).where(UserRow.name == user.name)).one()
        row.display_name = user.display_name
        row.role = str(user.role)
        row.unit_id = user.unit_id
        row.portfolio = list(user.portfolio)
        row.password_hash = user.password_hash
        row.active = user.active
        row.integration = user.integration
        self.session.flush()

    @staticmethod
    def _from_row(row: UserRow) -> User:
        return User(
            id=row.id,
            name=row.name,
            display_name=row.display_name,
            role=Role(row.role),
            unit_id=row.unit_id,
            portfolio=tuple(row.portfolio or ()),
            password_hash=row.password_hash,
            active=row.active,
            created_at=row.created_at,
            integration=bool(row.integration),
        )
