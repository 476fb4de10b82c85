"""Dashboard figures (统计): pure functions over tickets; no I/O, no clock.

The figures the centre's lead asks for: counts by day, type, unit and area;
epidemic share; on-time dispatch (≤ 30 min by default) and on-time close rates;
satisfaction (满意 + 基本满意 over answered surveys); backlog and overdue per
supervisor; average time to close. Tickets are selected by receipt time in
the chosen period; days are local days in the catalogue's timezone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypedDict, Unpack
from zoneinfo import ZoneInfo

from hotline.ticketing import deadlines
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.model import OPEN_STATES, Satisfaction, State, Ticket

# Side exits do not count as requests handled.
EXCLUDED_STATES = frozenset({State.MERGED, State.INVALID})
ANSWERED_SURVEYS = frozenset(
    {Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.DISSATISFIED}
)
UNASSIGNED = "(未分配)"


@dataclass(frozen=True, slots=True)
class TicketFigures:
    """What the dashboard counts of one ticket: no texts, no history. A year of a city's
    tickets is read as these (persistence: TicketRepository.figures), not as Tickets."""

    state: State
    received_at: datetime
    request_type: str | None
    urgency: str
    lead_unit: str | None
    area_id: str | None
    epidemic: bool
    satisfaction: str | None
    first_dispatched_at: datetime | None
    dispatched_at: datetime | None
    closed_at: datetime | None
    dispatch_due_at: datetime | None
    close_due_at: datetime | None
    followup_due_at: datetime | None
    id: int | None = None  # for the export's ticket list


FIGURE_FIELDS: tuple[str, ...] = TicketFigures.__slots__  # type: ignore[assignment]


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def to_dict(self) -> dict[str, float | int | None]:
        return {"numerator": self.numerator, "denominator": self.denominator, "value": self.value}


@dataclass(frozen=True)
class Backlog:
    open: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class DashboardStats:
    start: date
    end: date  # inclusive
    total: int
    by_day: dict[str, int]
    by_type: dict[str, int]
    by_unit: dict[str, int]
    by_area: dict[str, int]
    by_state: dict[str, int]
    epidemic: Rate
    dispatch_on_time: Rate
    close_on_time: Rate
    satisfaction: Rate
    surveys: dict[str, int]
    backlog_by_supervisor: dict[str, Backlog] = field(default_factory=dict)
    average_close_hours: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "total": self.total,
            "by_day": self.by_day,
            "by_type": self.by_type,
            "by_unit": self.by_unit,
            "by_area": self.by_area,
            "by_state": self.by_state,
            "epidemic": self.epidemic.to_dict(),
            "dispatch_on_time": self.dispatch_on_time.to_dict(),
            "close_on_time": self.close_on_time.to_dict(),
            "satisfaction": self.satisfaction.to_dict(),
            "surveys": self.surveys,
            "backlog_by_supervisor": {
                k: {"open": v.open, "overdue": v.overdue}
                for k, v in self.backlog_by_supervisor.items()
            },
            "average_close_hours": self.average_close_hours,
        }


def period_bounds(start: date, end: date, tz: str) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) local time, as aware datetimes (for the query)."""
    zone = ZoneInfo(tz)
    return (
        datetime.combine(start, datetime.min.time(), zone),
        datetime.combine(end + timedelta(days=1), datetime.min.time(), zone),
    )


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


@dataclass
class Counts:
    """What is counted over a period, before it is shaped into DashboardStats: the Python
    loop below and the SQL aggregation (persistence/figures_sql.py) both produce this."""

    by_day: Counter[date] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    by_unit: Counter[str] = field(default_factory=Counter)
    by_area: Counter[str] = field(default_factory=Counter)
    by_state: Counter[str] = field(default_factory=Counter)
    surveys: Counter[str] = field(default_factory=Counter)
    epidemic: int = 0
    dispatched: int = 0  # dispatch judgments: dispatched, or still waiting and already late
    dispatched_in_time: int = 0
    closed: int = 0
    closed_in_time: int = 0
    close_seconds: float = 0.0  # receipt → closure, summed over the close judgments
    # lead unit (None: none yet) → [open, overdue] over all open tickets; None: not asked
    backlog_by_unit: dict[str | None, list[int]] | None = None


class Period(TypedDict):
    """What a count is over: local days [start, end] in `tz`, judged by `policy` at `now`."""

    start: date
    end: date
    tz: str
    policy: DeadlinePolicy
    now: datetime


def compute(
    tickets: Iterable[Ticket | TicketFigures],
    *,
    supervisors: Mapping[str, str] | None = None,
    open_tickets: Iterable[Ticket | TicketFigures] = (),
    **period: Unpack[Period],
) -> DashboardStats:
    """Figures for tickets received in [start, end] (local days), counted here.

    `supervisors` maps unit id → the 督办员 whose portfolio holds it; the
    backlog is computed over `open_tickets` (all tickets still open, whatever
    their receipt date), since a backlog has no period.
    """
    counts = count(tickets, **period)
    if supervisors is not None:
        counts.backlog_by_unit = count_backlog(open_tickets, period["policy"], period["now"])
    return assemble(counts, start=period["start"], end=period["end"], supervisors=supervisors)


def count(tickets: Iterable[Ticket | TicketFigures], **period: Unpack[Period]) -> Counts:
    """The reference counting, ticket by ticket (the SQL aggregation must agree with it)."""
    tz, policy, now = period["tz"], period["policy"], period["now"]
    start, end = period["start"], period["end"]
    zone = ZoneInfo(tz)
    lo, hi = period_bounds(start, end, tz)
    c = Counts()
    for t in tickets:
        if not (lo <= t.received_at < hi) or t.state in EXCLUDED_STATES:
            continue
        c.by_day[t.received_at.astimezone(zone).date()] += 1
        c.by_type[t.request_type or UNASSIGNED] += 1
        c.by_unit[t.lead_unit or UNASSIGNED] += 1
        c.by_area[t.area_id or UNASSIGNED] += 1
        c.by_state[str(t.state)] += 1
        c.epidemic += bool(t.epidemic)
        in_time = deadlines.dispatched_on_time(t, policy)
        if in_time is not None:
            c.dispatched += 1
            c.dispatched_in_time += in_time
        elif t.state in OPEN_STATES and deadlines.is_overdue(
            policy.dispatch_due(t.received_at, t.request_type, str(t.urgency)), now
        ):
            # Still not dispatched and already late: it counts against the rate.
            c.dispatched += 1
        closed_ok = deadlines.closed_on_time(t, policy)
        if closed_ok is not None and t.closed_at is not None:
            c.closed += 1
            c.closed_in_time += closed_ok
            c.close_seconds += (t.closed_at - t.received_at).total_seconds()
        if t.satisfaction is not None:
            c.surveys[str(t.satisfaction)] += 1
    return c


def count_backlog(
    open_tickets: Iterable[Ticket | TicketFigures], policy: DeadlinePolicy, now: datetime
) -> dict[str | None, list[int]]:
    counts: dict[str | None, list[int]] = {}
    for t in open_tickets:
        if t.state not in OPEN_STATES:
            continue
        entry = counts.setdefault(t.lead_unit, [0, 0])
        entry[0] += 1
        entry[1] += deadlines.clocks(t, policy, now).overdue
    return counts


def _ranked(counter: Counter[str]) -> dict[str, int]:
    # Most first; ties by name, so the order does not depend on the rows' order.
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def assemble(
    c: Counts, *, start: date, end: date, supervisors: Mapping[str, str] | None = None
) -> DashboardStats:
    """Shape counted figures for the dashboard; the backlog goes per supervisor."""
    by_day = {d.isoformat(): 0 for d in _days(start, end)}
    for day, n in c.by_day.items():
        by_day[day.isoformat()] += n
    total = sum(c.by_state.values())
    answered = sum(c.surveys[str(s)] for s in ANSWERED_SURVEYS)
    pleased = (
        c.surveys[str(Satisfaction.SATISFIED)] + c.surveys[str(Satisfaction.BASICALLY_SATISFIED)]
    )
    backlog: dict[str, Backlog] = {}
    if supervisors is not None and c.backlog_by_unit is not None:
        per: dict[str, list[int]] = {}
        for unit, (opened, overdue) in c.backlog_by_unit.items():
            entry = per.setdefault(supervisors.get(unit or "", UNASSIGNED), [0, 0])
            entry[0] += opened
            entry[1] += overdue
        backlog = {k: Backlog(open=v[0], overdue=v[1]) for k, v in sorted(per.items())}
    return DashboardStats(
        start=start,
        end=end,
        total=total,
        by_day=by_day,
        by_type=_ranked(c.by_type),
        by_unit=_ranked(c.by_unit),
        by_area=_ranked(c.by_area),
        by_state=_ranked(c.by_state),
        epidemic=Rate(c.epidemic, total),
        dispatch_on_time=Rate(c.dispatched_in_time, c.dispatched),
        close_on_time=Rate(c.closed_in_time, c.closed),
        satisfaction=Rate(pleased, answered),
        surveys={k: v for k, v in sorted(c.surveys.items()) if v},
        backlog_by_supervisor=backlog,
        average_close_hours=c.close_seconds / 3600 / c.closed if c.closed else None,
    )


@dataclass(frozen=True)
class LimitRow:
    """One line of the deadline rules as a table: tickets of `category` and `urgency`
    (None: any other) have these limits, in microseconds."""

    category: str | None
    urgency: str | None
    dispatch_us: int
    close_us: int


_MICROSECOND = timedelta(microseconds=1)


class _Other(str):
    """A request type or urgency no rule names (never equal to a real one)."""


def limit_table(policy: DeadlinePolicy) -> list[LimitRow]:
    """policy.limits() for every kind of ticket, most specific first; the last row (None,
    None) holds for everything the rows before it do not name. A request type or urgency
    no rule names gets the limits of "any other", so these rows cover all tickets."""
    categories = list(dict.fromkeys(r.category for r in policy.rules if r.category is not None))
    urgencies = list(dict.fromkeys(r.urgency for r in policy.rules if r.urgency is not None))
    other = _Other("\x00other")
    rows = []
    for category in [*categories, None]:
        for urgency in [*urgencies, None]:
            limits = policy.limits(
                other if category is None else category, other if urgency is None else urgency
            )
            rows.append(
                LimitRow(
                    category, urgency, limits.dispatch // _MICROSECOND, limits.close // _MICROSECOND
                )
            )
    # Both named, then type only, then urgency only, then neither.
    return sorted(rows, key=lambda r: (r.category is None, r.urgency is None))


def supervisor_map(users: Iterable[object]) -> dict[str, str]:
    """unit id → display name of the operator whose portfolio holds it (first one wins)."""
    out: dict[str, str] = {}
    for user in users:
        for unit in getattr(user, "portfolio", ()):
            out.setdefault(unit, getattr(user, "display_name", "") or getattr(user, "name", ""))
    return out
