"""The dashboard's figures counted by the database (GROUP BY), not row by row in Python.

A year of a city's tickets is ~330 000 rows: reading them costs seconds whatever is done
with them afterwards, so the counting and the deadline judgments (dispatched / closed on
time, overdue) happen in SQL and only the groups come back. The deadline rules go in as a
CASE over (request type, urgency) built from the policy (stats.limit_table), so the
judgments are those of ticketing.deadlines; tests/ticketing/test_figures_sql.py compares
the two on both databases.

PostgreSQL compares timestamps directly and groups by local day with `timezone()`, all in
one scan (GROUPING SETS). SQLite keeps naive UTC text ('YYYY-MM-DD HH:MM:SS.ffffff'), so
times become integer microseconds there, and rows are grouped by UTC quarter-hour (every
zone's midnight falls on one) and the quarters mapped to local days here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.model import OPEN_STATES
from hotline.ticketing.persistence.tables import TicketRow, UTCDateTime
from hotline.ticketing.stats import EXCLUDED_STATES, UNASSIGNED, Counts, limit_table
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Integer,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import KeyedColumnElement

QUARTER_US = 15 * 60 * 1_000_000
_US = datetime.resolution  # one microsecond


class _Times:
    """Time arithmetic of one dialect, with limits in integer microseconds."""

    def __init__(self, dialect: str, now: datetime) -> None:
        self.postgres = dialect == "postgresql"
        self.now = now

    def _us(self, column: Any) -> ColumnElement[int]:
        # SQLite: whole seconds from strftime, the six fraction digits from the text (given
        # the fraction, strftime would round it to milliseconds: .9999995 s to the next second).
        seconds = cast(func.strftime("%s", func.substr(column, 1, 19)), BigInteger)
        return seconds * 1_000_000 + cast(func.substr(column, 21, 6), BigInteger)

    def _plus(self, column: Any, limit_us: ColumnElement[int]) -> ColumnElement[Any]:
        return column + literal_column("interval '1 microsecond'") * limit_us

    def within(self, done: Any, start: Any, limit_us: ColumnElement[int]) -> ColumnElement[bool]:
        """done <= start + limit (deadlines.on_time)."""
        if self.postgres:
            return done <= self._plus(start, limit_us)
        return self._us(done) <= self._us(start) + limit_us

    def past(self, start: Any, limit_us: ColumnElement[int]) -> ColumnElement[bool]:
        """now > start + limit (deadlines.is_overdue)."""
        if self.postgres:
            return literal(self.now, UTCDateTime) > self._plus(start, limit_us)
        now_us = (self.now - datetime(1970, 1, 1, tzinfo=UTC)) // _US
        return literal(now_us, BigInteger) > self._us(start) + limit_us

    def span(self, start: Any, end: Any) -> ColumnElement[Any]:
        """end - start: an interval (PostgreSQL; sums cheaply) or integer microseconds."""
        if self.postgres:
            return end - start
        return self._us(end) - self._us(start)

    def day(self, column: Any, tz: str) -> ColumnElement[Any]:
        """The local day (PostgreSQL) or the UTC quarter-hour (SQLite) of a time."""
        if self.postgres:
            return cast(func.timezone(tz, column), Date)
        return self._us(column) // QUARTER_US


def _limits(policy: DeadlinePolicy) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """(dispatch limit, close limit) of each ticket, in microseconds, as CASE expressions."""
    table = limit_table(policy)
    *named, other = table
    conditions = []
    for row in named:
        parts = []
        if row.category is not None:
            parts.append(TicketRow.request_type == row.category)
        if row.urgency is not None:
            parts.append(TicketRow.urgency == row.urgency)
        conditions.append(and_(*parts))

    def pick(attr: str) -> ColumnElement[int]:
        default = literal(getattr(other, attr), BigInteger)
        if not named:
            return default
        whens = [
            (cond, literal(getattr(row, attr), BigInteger))
            for cond, row in zip(conditions, named, strict=True)
        ]
        return case(*whens, else_=default)

    return pick("dispatch_us"), pick("close_us")


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


_OPEN = sorted(str(s) for s in OPEN_STATES)
# A ticket's 0/1 judgments are grouped on, not summed: aggregates run for every grouping
# set, keys only where they are named, and the judgments are needed in one set only.
_FLAGS = ("epidemic", "d_den", "d_num", "c_den", "c_num")
_SETS: tuple[tuple[str, ...], ...] = (
    ("day",),
    ("request_type",),
    ("lead_unit",),
    ("area_id",),
    ("state", "satisfaction", *_FLAGS),
)
_KEYS = ("day", "request_type", "lead_unit", "area_id", "state", "satisfaction", *_FLAGS)


def _grouping_mask(grouped: tuple[str, ...]) -> int:
    # PostgreSQL's grouping(a, b, …): bit set for each argument NOT grouped, first = highest.
    return sum(1 << (len(_KEYS) - 1 - i) for i, key in enumerate(_KEYS) if key not in grouped)


def _per_ticket(times: _Times, policy: DeadlinePolicy, lo: datetime, hi: datetime, tz: str) -> Any:
    """One row per counted ticket: its keys and 0/1 judgments."""
    t = TicketRow
    dispatch_us, close_us = _limits(policy)
    dispatched_in_time = times.within(t.first_dispatched_at, t.received_at, dispatch_us)
    late_waiting = and_(
        t.first_dispatched_at.is_(None),
        t.state.in_(_OPEN),
        times.past(t.received_at, dispatch_us),
    )
    judged_close = and_(t.dispatched_at.is_not(None), t.closed_at.is_not(None))
    return (
        select(
            times.day(t.received_at, tz).label("day"),
            t.request_type,
            t.lead_unit,
            t.area_id,
            t.state,
            t.satisfaction,
            _flag(t.epidemic.is_(True)).label("epidemic"),
            _flag(t.first_dispatched_at.is_not(None) | late_waiting).label("d_den"),
            _flag(t.first_dispatched_at.is_not(None) & dispatched_in_time).label("d_num"),
            _flag(judged_close).label("c_den"),
            _flag(judged_close & times.within(t.closed_at, t.dispatched_at, close_us)).label(
                "c_num"
            ),
            case((judged_close, times.span(t.received_at, t.closed_at)), else_=None).label(
                "c_span"
            ),
        )
        .where(
            t.received_at >= lo,
            t.received_at < hi,
            t.state.not_in(sorted(str(s) for s in EXCLUDED_STATES)),
        )
        .subquery("per_ticket")
    )


def _grouped(per: Any, postgres: bool) -> Any:
    sums = [func.sum(per.c.c_span).label("c_span")]
    count = func.count().label("n")
    keys = [per.c[key] for key in _KEYS]
    if postgres:
        sets = [tuple_(*(per.c[k] for k in grouped)) for grouped in _SETS]
        return select(func.grouping(*keys).label("mask"), *keys, count, *sums).group_by(
            func.grouping_sets(*sets)
        )
    branches = []
    for grouped in _SETS:
        columns: list[KeyedColumnElement[Any]] = [
            per.c[key] if key in grouped else literal(None).label(key) for key in _KEYS
        ]
        branches.append(
            select(
                literal(_grouping_mask(grouped), Integer).label("mask"), *columns, count, *sums
            ).group_by(*(per.c[k] for k in grouped))
        )
    return union_all(*branches)


def period_statement(
    dialect: str, policy: DeadlinePolicy, lo: datetime, hi: datetime, tz: str, now: datetime
) -> Any:
    """The grouping statement count_period() runs (for EXPLAIN as well)."""
    times = _Times(dialect, now)
    return _grouped(_per_ticket(times, policy, lo, hi, tz), times.postgres)


def backlog_statement(dialect: str, policy: DeadlinePolicy, now: datetime) -> Any:
    """lead unit, open, overdue over all open tickets (deadlines.clocks(...).overdue)."""
    times = _Times(dialect, now)
    t = TicketRow
    dispatch_us, close_us = _limits(policy)
    overdue = (t.first_dispatched_at.is_(None) & times.past(t.received_at, dispatch_us)) | (
        t.dispatched_at.is_not(None) & t.closed_at.is_(None) & times.past(t.dispatched_at, close_us)
    )
    return (
        select(t.lead_unit, func.count(), func.sum(_flag(overdue)))
        .where(t.state.in_(_OPEN))
        .group_by(t.lead_unit)
    )


def count_period(
    session: Session,
    *,
    lo: datetime,
    hi: datetime,
    tz: str,
    policy: DeadlinePolicy,
    now: datetime,
    with_backlog: bool,
) -> Counts:
    """stats.count() of the tickets received in [lo, hi), by the database."""
    dialect = session.get_bind().dialect.name
    stmt = period_statement(dialect, policy, lo, hi, tz, now)
    zone = ZoneInfo(tz)
    c = Counts()
    masks = {_grouping_mask(g): g for g in _SETS}
    if dialect == "postgresql":
        # With the default 4 MB the planner sorts a year's rows by day on disk before it
        # groups; the groups themselves take a few MB. For this transaction only.
        session.execute(text("SET LOCAL work_mem = '64MB'"))
    for row in session.execute(stmt).mappings():
        grouped = masks[row["mask"]]
        n = int(row["n"])
        if grouped == ("day",):
            c.by_day[_local_day(row["day"], zone)] += n
        elif grouped == ("request_type",):
            c.by_type[row["request_type"] or UNASSIGNED] += n
        elif grouped == ("lead_unit",):
            c.by_unit[row["lead_unit"] or UNASSIGNED] += n
        elif grouped == ("area_id",):
            c.by_area[row["area_id"] or UNASSIGNED] += n
        else:
            c.by_state[row["state"]] += n
            if row["satisfaction"] is not None:
                c.surveys[row["satisfaction"]] += n
            c.epidemic += n * row["epidemic"]
            c.dispatched += n * row["d_den"]
            c.dispatched_in_time += n * row["d_num"]
            c.closed += n * row["c_den"]
            c.closed_in_time += n * row["c_num"]
            span = row["c_span"]
            if isinstance(span, timedelta):
                c.close_seconds += span.total_seconds()
            elif span is not None:
                c.close_seconds += int(span) / 1_000_000
    if with_backlog:
        backlog = session.execute(backlog_statement(dialect, policy, now))
        c.backlog_by_unit = {unit: [int(n), int(late or 0)] for unit, n, late in backlog}
    return c


def _local_day(key: Any, zone: ZoneInfo) -> date:
    if isinstance(key, date):
        return key
    quarter = datetime.fromtimestamp(int(key) * QUARTER_US / 1_000_000, UTC)
    return quarter.astimezone(zone).date()
