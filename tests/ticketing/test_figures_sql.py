"""The dashboard counted by the database agrees with the counting in Python.

stats.count() walks the tickets one by one with ticketing.deadlines' judgments;
figures_sql groups in SQL with the deadline rules as a CASE. Both run over the same few
hundred varied tickets — every state, types with and without their own rules, urgent
ones, missing units and areas, dispatches and closures exactly at, just before and just
after their limits, tickets across local midnight and outside the period — on SQLite and
on PostgreSQL.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from hotline.ticketing import services, stats
from hotline.ticketing.deadlines import DeadlinePolicy, DeadlineRule
from hotline.ticketing.model import Satisfaction, State, Ticket, Urgency
from hotline.ticketing.persistence.database import Database

TZ = "Asia/Shanghai"
START, END = date(2025, 11, 1), date(2025, 12, 31)
NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
POLICIES = {
    "default": DeadlinePolicy(),
    "rules": DeadlinePolicy(
        rules=(
            DeadlineRule(category="complaint", dispatch_minutes=20),
            DeadlineRule(urgency="urgent", dispatch_minutes=10, close_hours=4),
            DeadlineRule(category="complaint", urgency="urgent", close_hours=2.5),
            DeadlineRule(category="help", close_hours=72),
            DeadlineRule(category="help", close_hours=48),  # later rule of the same rank wins
        )
    ),
}
TYPES = ["complaint", "help", "consultation", None]
UNITS = ["heating", "water", "housing", None]
AREAS = ["hongqi", "xiongyue", None]
# Offsets from a limit: exactly at it, a microsecond either side, well inside, well over.
EDGES = [
    timedelta(0),
    timedelta(microseconds=1),
    -timedelta(microseconds=1),
    -timedelta(minutes=7),
    timedelta(hours=3),
]


def varied_tickets(policy: DeadlinePolicy, count: int = 400) -> list[Ticket]:
    rng = random.Random(20261203)
    lo = datetime(2025, 10, 31, 12, tzinfo=UTC)  # some before the period
    span = (datetime(2026, 1, 4, tzinfo=UTC) - lo).total_seconds()  # some after it
    tickets = []
    for n in range(count):
        received = lo + timedelta(seconds=rng.random() * span, microseconds=rng.randrange(10**6))
        if n % 25 == 0:  # on local midnight (16:00 UTC) or just before it
            received = received.replace(hour=15 + n % 2, minute=59 * (1 - n % 2), second=0)
        kind = rng.choice(TYPES)
        urgency = rng.choice(list(Urgency))
        limits = policy.limits(kind, str(urgency))
        state = rng.choice(list(State))
        t = Ticket(
            received_at=received,
            state=state,
            request_type=kind,
            urgency=urgency,
            lead_unit=rng.choice(UNITS),
            area_id=rng.choice(AREAS),
            epidemic=rng.random() < 0.1,
            satisfaction=rng.choice([None, None, *Satisfaction]),
        )
        if state not in (State.DRAFT, State.REGISTERED) or rng.random() < 0.2:
            t.first_dispatched_at = received + limits.dispatch + rng.choice(EDGES)
            t.dispatched_at = t.first_dispatched_at + rng.choice(
                [timedelta(0), timedelta(hours=rng.randint(1, 30))]
            )
            if state in (State.CLOSED, State.REPORTED, State.REVIEWED) or rng.random() < 0.2:
                t.closed_at = t.dispatched_at + limits.close + rng.choice(EDGES)
        tickets.append(t)
    # Still waiting at `now`: just overdue, exactly due (not overdue), far from due.
    for offset in EDGES:
        limits = policy.limits("complaint", "urgent")
        due_now = NOW - limits.dispatch - offset
        tickets.append(
            Ticket(
                received_at=due_now,
                state=State.DRAFT,
                request_type="complaint",
                urgency=Urgency.URGENT,
            )
        )
        closing = Ticket(
            received_at=NOW - timedelta(days=2),
            state=State.ACCEPTED,
            request_type="help",
            lead_unit="water",
        )
        closing.first_dispatched_at = closing.received_at + timedelta(minutes=5)
        closing.dispatched_at = NOW - policy.limits("help", "normal").close - offset
        tickets.append(closing)
    return tickets


@pytest.mark.parametrize("rules", sorted(POLICIES))
def test_sql_counts_equal_python_counts(database: Database, rules: str) -> None:
    policy = POLICIES[rules]
    tickets = varied_tickets(policy)
    with database.uow() as uow:
        for t in tickets:
            uow.tickets.add(t)
        uow.commit()
    python = stats.count(tickets, start=START, end=END, tz=TZ, policy=policy, now=NOW)
    python.backlog_by_unit = stats.count_backlog(tickets, policy, NOW)
    lo, hi = stats.period_bounds(START, END, TZ)
    with database.uow() as uow:
        sql = uow.tickets.period_counts(lo=lo, hi=hi, tz=TZ, policy=policy, now=NOW)

    assert python.by_state.total() > 250  # most of the tickets fall in the period
    assert python.dispatched_in_time and python.dispatched > python.dispatched_in_time
    assert python.closed_in_time and python.closed > python.closed_in_time
    for name in (
        "by_day",
        "by_type",
        "by_unit",
        "by_area",
        "by_state",
        "surveys",
        "epidemic",
        "dispatched",
        "dispatched_in_time",
        "closed",
        "closed_in_time",
        "backlog_by_unit",
    ):
        assert getattr(sql, name) == getattr(python, name), name
    assert sql.close_seconds == pytest.approx(python.close_seconds, rel=1e-12)

    # And the dashboard built from either is the same.
    supervisors = {"heating": "王督办", "water": "李督办"}
    shaped = [
        stats.assemble(c, start=START, end=END, supervisors=supervisors) for c in (python, sql)
    ]
    assert shaped[0].to_dict() | {"average_close_hours": None} == shaped[1].to_dict() | {
        "average_close_hours": None
    }


def test_service_counts_the_default_period(database: Database) -> None:
    """services.period_counts uses the database's own policy and gives stats.compute's figures."""
    tickets = varied_tickets(database.policy, count=120)
    with database.uow() as uow:
        for t in tickets:
            uow.tickets.add(t)
        uow.commit()
    lo, hi = stats.period_bounds(START, END, TZ)
    counts = services.period_counts(database.uow(), lo, hi, tz=TZ, now=NOW)
    via_sql = stats.assemble(counts, start=START, end=END, supervisors={})
    in_python = stats.compute(
        tickets,
        start=START,
        end=END,
        tz=TZ,
        policy=database.policy,
        now=NOW,
        supervisors={},
        open_tickets=tickets,
    )
    expected = in_python.to_dict()
    got = via_sql.to_dict()
    assert got.pop("average_close_hours") == pytest.approx(expected.pop("average_close_hours"))
    assert got == expected
    assert sum(got["by_day"].values()) == got["total"] > 0
