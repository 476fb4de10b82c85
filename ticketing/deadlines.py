"""Deadlines (时限): pure functions of a policy, the ticket's times and `now`.

The centre's rules: dispatch within 30 minutes of receipt, close within 24 hours
of dispatch, follow-up call the day after closure — each overridable per request
type and urgency. Nothing here reads a clock: callers pass `now` (services get
it from an injected `Clock`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The production clock."""
    return datetime.now(UTC)


def fixed_clock(at: datetime) -> Clock:
    return lambda: at


@dataclass(frozen=True)
class DeadlineRule:
    """Overrides for tickets of one request type and/or urgency (None matches any)."""

    category: str | None = None
    urgency: str | None = None
    dispatch_minutes: float | None = None
    close_hours: float | None = None
    followup_delay_hours: float | None = None

    def matches(self, category: str | None, urgency: str | None) -> bool:
        return (self.category is None or self.category == category) and (
            self.urgency is None or self.urgency == urgency
        )

    @property
    def specificity(self) -> int:
        return (self.category is not None) + (self.urgency is not None)


class _DeadlineSettingsLike(Protocol):
    dispatch_minutes: float
    close_hours: float
    warn_fraction: float
    followup_delay_hours: float
    rules: Iterable[Any]


@dataclass(frozen=True)
class Limits:
    dispatch: timedelta
    close: timedelta
    followup_delay: timedelta


@dataclass(frozen=True)
class DeadlinePolicy:
    dispatch_minutes: float = 30
    close_hours: float = 24
    followup_delay_hours: float = 24
    warn_fraction: float = 0.75  # "due soon" once this share of the allowed time has passed
    rules: tuple[DeadlineRule, ...] = ()

    @classmethod
    def from_settings(cls, deadlines: _DeadlineSettingsLike) -> DeadlinePolicy:
        """Build from `config.settings.DeadlineSettings` (or anything shaped like it)."""
        return cls(
            dispatch_minutes=deadlines.dispatch_minutes,
            close_hours=deadlines.close_hours,
            followup_delay_hours=deadlines.followup_delay_hours,
            warn_fraction=deadlines.warn_fraction,
            rules=tuple(
                DeadlineRule(
                    category=getattr(rule, "category", None),
                    urgency=getattr(rule, "urgency", None),
                    dispatch_minutes=getattr(rule, "dispatch_minutes", None),
                    close_hours=getattr(rule, "close_hours", None),
                    followup_delay_hours=getattr(rule, "followup_delay_hours", None),
                )
                for rule in deadlines.rules
            ),
        )

    def limits(self, category: str | None, urgency: str | None) -> Limits:
        """The limits for one kind of ticket.

        For each limit the most specific matching rule that sets it wins
        (category + urgency > one of them > none); among equally specific rules
        the later one wins, so a file can append corrections.
        """
        matching = sorted(
            (r for r in self.rules if r.matches(category, urgency)),
            key=lambda r: r.specificity,
        )

        def pick(attr: str, default: float) -> float:
            value = default
            for rule in matching:  # ascending specificity: later/more specific overwrite
                if getattr(rule, attr) is not None:
                    value = getattr(rule, attr)
            return value

        return Limits(
            dispatch=timedelta(minutes=pick("dispatch_minutes", self.dispatch_minutes)),
            close=timedelta(hours=pick("close_hours", self.close_hours)),
            followup_delay=timedelta(hours=pick("followup_delay_hours", self.followup_delay_hours)),
        )

    def dispatch_due(
        self, received_at: datetime, category: str | None, urgency: str | None
    ) -> datetime:
        return received_at + self.limits(category, urgency).dispatch

    def close_due(
        self, dispatched_at: datetime, category: str | None, urgency: str | None
    ) -> datetime:
        return dispatched_at + self.limits(category, urgency).close

    def followup_due(
        self, closed_at: datetime, category: str | None, urgency: str | None
    ) -> datetime:
        return closed_at + self.limits(category, urgency).followup_delay


class Status(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"  # warn: most of the allowed time is used
    OVERDUE = "overdue"  # escalate
    MET = "met"  # done in time
    MISSED = "missed"  # done, but late


STATUS_LABELS: dict[Status, str] = {
    Status.OK: "正常",
    Status.DUE_SOON: "即将超时",
    Status.OVERDUE: "已超时",
    Status.MET: "按时完成",
    Status.MISSED: "超时完成",
}


def status(
    start: datetime, due: datetime, now: datetime, *, done_at: datetime | None, warn_fraction: float
) -> Status:
    """Where one clock stands. `start`..`due` is the allowed time; `done_at` stops the clock."""
    if done_at is not None:
        return Status.MET if done_at <= due else Status.MISSED
    if now > due:
        return Status.OVERDUE
    if now >= start + (due - start) * warn_fraction:
        return Status.DUE_SOON
    return Status.OK


def is_due_soon(start: datetime, due: datetime, now: datetime, warn_fraction: float) -> bool:
    return status(start, due, now, done_at=None, warn_fraction=warn_fraction) is Status.DUE_SOON


def is_overdue(due: datetime, now: datetime) -> bool:
    return now > due


def on_time(done_at: datetime | None, due: datetime | None) -> bool | None:
    """For statistics: True/False once done, None while the clock still runs."""
    if done_at is None or due is None:
        return None
    return done_at <= due


# --- Ticket-level helpers (duck-typed on ticketing.model.Ticket to keep this module leaf) ---


class _Milestones(Protocol):
    """What the clocks read: a Ticket, or the dashboard's read-only TicketFigures."""

    @property
    def received_at(self) -> datetime: ...
    @property
    def request_type(self) -> str | None: ...
    @property
    def urgency(self) -> Any: ...
    @property
    def first_dispatched_at(self) -> datetime | None: ...
    @property
    def dispatched_at(self) -> datetime | None: ...
    @property
    def closed_at(self) -> datetime | None: ...


class _DueTimes(_Milestones, Protocol):
    """What `refresh` writes besides: the stored due times of a Ticket."""

    dispatch_due_at: datetime | None
    close_due_at: datetime | None
    followup_due_at: datetime | None


def refresh(ticket: _DueTimes, policy: DeadlinePolicy) -> None:
    """Recompute the stored due times from the ticket's milestones.

    The dispatch clock runs from receipt; the close clock from the latest
    (re)dispatch, so a unit that receives a reassigned ticket gets its full
    time; the follow-up is due after closure.
    """
    urgency = str(ticket.urgency) if ticket.urgency is not None else None
    limits = policy.limits(ticket.request_type, urgency)
    ticket.dispatch_due_at = ticket.received_at + limits.dispatch
    ticket.close_due_at = ticket.dispatched_at + limits.close if ticket.dispatched_at else None
    ticket.followup_due_at = ticket.closed_at + limits.followup_delay if ticket.closed_at else None


@dataclass(frozen=True)
class TicketClocks:
    dispatch: Status
    close: Status | None  # None before dispatch

    @property
    def overdue(self) -> bool:
        return Status.OVERDUE in (self.dispatch, self.close)

    @property
    def due_soon(self) -> bool:
        return Status.DUE_SOON in (self.dispatch, self.close)


def clocks(ticket: _Milestones, policy: DeadlinePolicy, now: datetime) -> TicketClocks:
    """Both clocks of a ticket at `now` (for lists, colours and escalation)."""
    urgency = str(ticket.urgency) if ticket.urgency is not None else None
    limits = policy.limits(ticket.request_type, urgency)
    dispatch_due = ticket.received_at + limits.dispatch
    dispatch = status(
        ticket.received_at,
        dispatch_due,
        now,
        done_at=ticket.first_dispatched_at,
        warn_fraction=policy.warn_fraction,
    )
    close: Status | None = None
    if ticket.dispatched_at is not None:
        close = status(
            ticket.dispatched_at,
            ticket.dispatched_at + limits.close,
            now,
            done_at=ticket.closed_at,
            warn_fraction=policy.warn_fraction,
        )
    return TicketClocks(dispatch=dispatch, close=close)


def dispatched_on_time(ticket: _Milestones, policy: DeadlinePolicy) -> bool | None:
    """≤ 30 min from receipt to the first dispatch (by default)."""
    urgency = str(ticket.urgency) if ticket.urgency is not None else None
    due = policy.dispatch_due(ticket.received_at, ticket.request_type, urgency)
    return on_time(ticket.first_dispatched_at, due)


def closed_on_time(ticket: _Milestones, policy: DeadlinePolicy) -> bool | None:
    """≤ 24 h from the latest dispatch to closure (by default)."""
    if ticket.dispatched_at is None:
        return None
    urgency = str(ticket.urgency) if ticket.urgency is not None else None
    due = policy.close_due(ticket.dispatched_at, ticket.request_type, urgency)
    return on_time(ticket.closed_at, due)
