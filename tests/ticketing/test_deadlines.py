"""Deadlines with a fixed clock: the 30-minute and 24-hour rules, overrides, warnings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hotline.ticketing import deadlines
from hotline.ticketing.deadlines import DeadlinePolicy, DeadlineRule, Status
from hotline.ticketing.model import Ticket, Urgency

from hotline.settings import DeadlineRule as SettingsRule
from hotline.settings import DeadlineSettings

RECEIVED = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
POLICY = DeadlinePolicy()


def test_dispatch_is_due_30_minutes_after_receipt() -> None:
    assert POLICY.dispatch_due(RECEIVED, "help", "normal") == RECEIVED + timedelta(minutes=30)


def test_close_is_due_24_hours_after_dispatch() -> None:
    dispatched = RECEIVED + timedelta(minutes=12)
    assert POLICY.close_due(dispatched, "help", "normal") == dispatched + timedelta(hours=24)


def test_follow_up_is_due_the_day_after_closure() -> None:
    closed = RECEIVED + timedelta(hours=5)
    assert POLICY.followup_due(closed, None, None) == closed + timedelta(hours=24)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (0, Status.OK),
        (22, Status.OK),
        (22.5, Status.DUE_SOON),  # 75 % of 30 minutes
        (30, Status.DUE_SOON),  # exactly at the limit is still in time
        (30.01, Status.OVERDUE),
        (600, Status.OVERDUE),
    ],
)
def test_dispatch_clock_while_running(minutes: float, expected: Status) -> None:
    now = RECEIVED + timedelta(minutes=minutes)
    due = POLICY.dispatch_due(RECEIVED, None, None)
    assert deadlines.status(RECEIVED, due, now, done_at=None, warn_fraction=0.75) is expected
    assert deadlines.is_overdue(due, now) is (expected is Status.OVERDUE)
    assert deadlines.is_due_soon(RECEIVED, due, now, 0.75) is (expected is Status.DUE_SOON)


def test_a_stopped_clock_reports_met_or_missed_regardless_of_now() -> None:
    due = RECEIVED + timedelta(minutes=30)
    later = RECEIVED + timedelta(days=3)
    on_time = deadlines.status(
        RECEIVED, due, later, done_at=RECEIVED + timedelta(minutes=30), warn_fraction=0.75
    )
    late = deadlines.status(
        RECEIVED, due, later, done_at=RECEIVED + timedelta(minutes=31), warn_fraction=0.75
    )
    assert (on_time, late) == (Status.MET, Status.MISSED)


def test_overrides_by_category_and_urgency_most_specific_wins() -> None:
    policy = DeadlinePolicy(
        rules=(
            DeadlineRule(urgency="urgent", dispatch_minutes=10, close_hours=4),
            DeadlineRule(category="consult", close_hours=8),
            DeadlineRule(category="consult", urgency="urgent", close_hours=2),
            DeadlineRule(category="complaint", followup_delay_hours=48),
        )
    )
    assert policy.limits("help", "normal").dispatch == timedelta(minutes=30)
    assert policy.limits("help", "urgent").dispatch == timedelta(minutes=10)
    assert policy.limits("help", "urgent").close == timedelta(hours=4)
    assert policy.limits("consult", "normal").close == timedelta(hours=8)
    assert policy.limits("consult", "urgent").close == timedelta(hours=2)
    # the urgent rule still supplies the dispatch limit the combined rule leaves open
    assert policy.limits("consult", "urgent").dispatch == timedelta(minutes=10)
    assert policy.limits("complaint", "normal").followup_delay == timedelta(hours=48)
    assert policy.limits(None, None).close == timedelta(hours=24)


def test_later_rule_of_equal_specificity_wins() -> None:
    policy = DeadlinePolicy(
        rules=(
            DeadlineRule(category="help", close_hours=8),
            DeadlineRule(category="help", close_hours=6),
        )
    )
    assert policy.limits("help", None).close == timedelta(hours=6)


def test_policy_from_the_settings_object() -> None:
    settings = DeadlineSettings(
        dispatch_minutes=20,
        close_hours=12,
        warn_fraction=0.5,
        followup_delay_hours=2,
        rules=[SettingsRule(urgency="urgent", dispatch_minutes=5, followup_delay_hours=1)],
    )
    policy = DeadlinePolicy.from_settings(settings)
    assert policy.warn_fraction == 0.5
    assert policy.limits("help", "normal") == deadlines.Limits(
        timedelta(minutes=20), timedelta(hours=12), timedelta(hours=2)
    )
    assert policy.limits("help", "urgent").dispatch == timedelta(minutes=5)
    assert policy.limits("help", "urgent").followup_delay == timedelta(hours=1)


def test_defaults_match_the_centre_rules() -> None:
    policy = DeadlinePolicy.from_settings(DeadlineSettings())
    assert policy.limits(None, None) == deadlines.Limits(
        timedelta(minutes=30), timedelta(hours=24), timedelta(hours=24)
    )


def _ticket(**kw: object) -> Ticket:
    return Ticket(received_at=RECEIVED, request_type="help", **kw)  # type: ignore[arg-type]


def test_on_time_flags_for_statistics() -> None:
    fast = _ticket(
        first_dispatched_at=RECEIVED + timedelta(minutes=29),
        dispatched_at=RECEIVED + timedelta(minutes=29),
        closed_at=RECEIVED + timedelta(hours=20),
    )
    slow = _ticket(
        first_dispatched_at=RECEIVED + timedelta(minutes=31),
        dispatched_at=RECEIVED + timedelta(minutes=31),
        closed_at=RECEIVED + timedelta(minutes=31, hours=24, seconds=1),
    )
    running = _ticket()
    assert deadlines.dispatched_on_time(fast, POLICY) is True
    assert deadlines.closed_on_time(fast, POLICY) is True
    assert deadlines.dispatched_on_time(slow, POLICY) is False
    assert deadlines.closed_on_time(slow, POLICY) is False
    assert deadlines.dispatched_on_time(running, POLICY) is None
    assert deadlines.closed_on_time(running, POLICY) is None


def test_urgent_tickets_get_the_urgent_limits() -> None:
    policy = DeadlinePolicy(rules=(DeadlineRule(urgency="urgent", dispatch_minutes=10),))
    ticket = _ticket(urgency=Urgency.URGENT)
    deadlines.refresh(ticket, policy)
    assert ticket.dispatch_due_at == RECEIVED + timedelta(minutes=10)
    ticket.first_dispatched_at = RECEIVED + timedelta(minutes=15)
    assert deadlines.dispatched_on_time(ticket, policy) is False


def test_refresh_and_clocks_follow_the_milestones() -> None:
    ticket = _ticket()
    deadlines.refresh(ticket, POLICY)
    assert ticket.dispatch_due_at == RECEIVED + timedelta(minutes=30)
    assert ticket.close_due_at is None and ticket.followup_due_at is None
    now = RECEIVED + timedelta(minutes=25)
    assert deadlines.clocks(ticket, POLICY, now).due_soon
    assert deadlines.clocks(ticket, POLICY, now + timedelta(minutes=10)).overdue

    # First dispatch at 10 min, returned and reassigned at 3 h: the new unit gets a full day.
    ticket.first_dispatched_at = RECEIVED + timedelta(minutes=10)
    ticket.dispatched_at = RECEIVED + timedelta(hours=3)
    deadlines.refresh(ticket, POLICY)
    assert ticket.close_due_at == RECEIVED + timedelta(hours=27)
    state = deadlines.clocks(ticket, POLICY, RECEIVED + timedelta(hours=26))
    assert (state.dispatch, state.close) == (Status.MET, Status.DUE_SOON)
    ticket.closed_at = RECEIVED + timedelta(hours=26)
    deadlines.refresh(ticket, POLICY)
    assert ticket.followup_due_at == RECEIVED + timedelta(hours=50)
    assert deadlines.clocks(ticket, POLICY, RECEIVED + timedelta(days=9)).close is Status.MET


def test_fixed_clock() -> None:
    clock = deadlines.fixed_clock(RECEIVED)
    assert clock() == RECEIVED
    assert deadlines.utc_now().tzinfo is not None
