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


def compute(
    tickets: Iterable[Ticket | TicketFigures],
    *,
    start: date,
    end: date,
    tz: str,
    policy: DeadlinePolicy,
    now: datetime,
    supervisors: Mapping[str, str] | None = None,
    open_tickets: Iterable[Ticket | TicketFigures] = (),
) -> DashboardStats:
    """Figures for tickets received in [start, end] (local days).

    `supervisors` maps unit id → the 督办员 whose portfolio holds it; the
    backlog is computed over `open_tickets` (all tickets still open, whatever
    their receipt date), since a backlog has no period.
    """
    zone = ZoneInfo(tz)
    lo, hi = period_bounds(start, end, tz)
    selected = [t for t in tickets if lo <= t.received_at < hi and t.state not in EXCLUDED_STATES]

    by_day = {d.isoformat(): 0 for d in _days(start, end)}
    by_type: Counter[str] = Counter()
    by_unit: Counter[str] = Counter()
    by_area: Counter[str] = Counter()
    by_state: Counter[str] = Counter()
    surveys: Counter[str] = Counter()
    epidemic = dispatched = dispatched_in_time = closed = closed_in_time = 0
    close_hours: list[float] = []
    for t in selected:
        by_day[t.received_at.astimezone(zone).date().isoformat()] += 1
        by_type[t.request_type or UNASSIGNED] += 1
        by_unit[t.lead_unit or UNASSIGNED] += 1
        by_area[t.area_id or UNASSIGNED] += 1
        by_state[str(t.state)] += 1
        epidemic += bool(t.epidemic)
        in_time = deadlines.dispatched_on_time(t, policy)
        if in_time is not None:
            dispatched += 1
            dispatched_in_time += in_time
        elif t.state in OPEN_STATES and deadlines.is_overdue(
            policy.dispatch_due(t.received_at, t.request_type, str(t.urgency)), now
        ):
            # Still not dispatched and already late: it counts against the rate.
            dispatched += 1
        closed_ok = deadlines.closed_on_time(t, policy)
        if closed_ok is not None:
            closed += 1
            closed_in_time += closed_ok
            if t.dispatched_at and t.closed_at:
                close_hours.append((t.closed_at - t.received_at).total_seconds() / 3600)
        if t.satisfaction is not None:
            surveys[str(t.satisfaction)] += 1

    answered = sum(surveys[str(s)] for s in ANSWERED_SURVEYS)
    pleased = surveys[str(Satisfaction.SATISFIED)] + surveys[str(Satisfaction.BASICALLY_SATISFIED)]

    backlog: dict[str, Backlog] = {}
    if supervisors is not None:
        counts: dict[str, list[int]] = {}
        for t in open_tickets:
            if t.state not in OPEN_STATES:
                continue
            who = supervisors.get(t.lead_unit or "", UNASSIGNED)
            entry = counts.setdefault(who, [0, 0])
            entry[0] += 1
            entry[1] += deadlines.clocks(t, policy, now).overdue
        backlog = {k: Backlog(open=v[0], overdue=v[1]) for k, v in sorted(counts.items())}

    return DashboardStats(
        start=start,
        end=end,
        total=len(selected),
        by_day=by_day,
        by_type=dict(by_type.most_common()),
        by_unit=dict(by_unit.most_common()),
        by_area=dict(by_area.most_common()),
        by_state=dict(by_state.most_common()),
        epidemic=Rate(epidemic, len(selected)),
        dispatch_on_time=Rate(dispatched_in_time, dispatched),
        close_on_time=Rate(closed_in_time, closed),
        satisfaction=Rate(pleased, answered),
        surveys=dict(surveys),
        backlog_by_supervisor=backlog,
        average_close_hours=(sum(close_hours) / len(close_hours)) if close_hours else None,
    )


def supervisor_map(users: Iterable[object]) -> dict[str, str]:
    """unit id → display name of the operator whose portfolio holds it (first one wins)."""
    out: dict[str, str] = {}
    for user in users:
        for unit in getattr(user, "portfolio", ()):
            out.setdefault(unit, getattr(user, "display_name", "") or getattr(user, "name", ""))
    return out
