"""ticketing.stats: pure figures over tickets (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.model import Satisfaction, State, Ticket
from hotline.ticketing.stats import compute, supervisor_map
from hotline.ticketing.users import Role, User

T0 = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)  # 09:00 in Asia/Shanghai
POLICY = DeadlinePolicy()


def ticket(**kw) -> Ticket:
    t = Ticket(received_at=kw.pop("received_at", T0), **kw)
    return t


def figures(tickets, **kw):
    return compute(
        tickets,
        start=date(2026, 1, 5),
        end=date(2026, 1, 6),
        tz="Asia/Shanghai",
        policy=POLICY,
        now=kw.pop("now", T0 + timedelta(days=2)),
        **kw,
    )


def test_days_are_local_days_and_side_exits_do_not_count():
    late_evening = datetime(2026, 1, 5, 17, 30, tzinfo=UTC)  # 01:30 on the 6th in Shanghai
    f = figures(
        [
            ticket(),
            ticket(received_at=late_evening),
            ticket(state=State.MERGED),
            ticket(state=State.INVALID),
            ticket(received_at=T0 - timedelta(days=3)),  # outside the period
        ]
    )
    assert f.by_day == {"2026-01-05": 1, "2026-01-06": 1}
    assert f.total == 2


def test_on_time_rates_count_undispatched_late_tickets_against_dispatch():
    on_time = ticket(
        state=State.CLOSED,
        first_dispatched_at=T0 + timedelta(minutes=20),
        dispatched_at=T0 + timedelta(minutes=20),
        closed_at=T0 + timedelta(hours=10),
        lead_unit="housing",
    )
    late = ticket(
        state=State.CLOSED,
        first_dispatched_at=T0 + timedelta(minutes=40),
        dispatched_at=T0 + timedelta(minutes=40),
        closed_at=T0 + timedelta(hours=30),
        lead_unit="housing",
    )
    never = ticket(state=State.REGISTERED)  # still not dispatched after two days
    f = figures([on_time, late, never])
    assert (f.dispatch_on_time.numerator, f.dispatch_on_time.denominator) == (1, 3)
    assert (f.close_on_time.numerator, f.close_on_time.denominator) == (1, 2)
    assert f.by_unit == {"housing": 2, "(未分配)": 1}
    assert f.average_close_hours == (10 + 30) / 2


def test_epidemic_share_and_satisfaction_over_answered_surveys():
    f = figures(
        [
            ticket(epidemic=True, satisfaction=Satisfaction.SATISFIED),
            ticket(epidemic=True, satisfaction=Satisfaction.BASICALLY_SATISFIED),
            ticket(satisfaction=Satisfaction.DISSATISFIED),
            ticket(satisfaction=Satisfaction.NO_ANSWER),
        ]
    )
    assert f.epidemic.value == 0.5
    assert (f.satisfaction.numerator, f.satisfaction.denominator) == (2, 3)
    assert f.surveys["no_answer"] == 1


def test_backlog_per_supervisor_uses_portfolios_and_open_tickets():
    users = [
        User(name="op1", role=Role.OPERATOR, display_name="张督办", portfolio=("housing",)),
        User(name="op2", role=Role.OPERATOR, display_name="李督办", portfolio=("health",)),
    ]
    open_tickets = [
        ticket(
            state=State.DISPATCHED, lead_unit="housing", dispatched_at=T0, first_dispatched_at=T0
        ),
        ticket(state=State.ACCEPTED, lead_unit="health", dispatched_at=T0, first_dispatched_at=T0),
        ticket(state=State.CLOSED, lead_unit="health"),
    ]
    f = figures([], supervisors=supervisor_map(users), open_tickets=open_tickets)
    assert {k: (v.open, v.overdue) for k, v in f.backlog_by_supervisor.items()} == {
        "张督办": (1, 1),  # dispatched two days ago: past the 24 h close limit
        "李督办": (1, 1),
    }


def test_empty_period_has_no_rates():
    f = figures([])
    assert f.total == 0 and f.satisfaction.value is None and f.dispatch_on_time.value is None
