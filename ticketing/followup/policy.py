"""When to call and when to try again (sans-I/O: pure functions of time and settings)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from hotline.ticketing.followup.states import JobEvent

from hotline.settings import Settings

DEFAULT_RETRY_DELAY = timedelta(hours=2)
# Shown in the console while follow-up dialling is off for want of an outbound route.
NO_OUTBOUND_ROUTE = "未配置外呼线路（sip.outbound.proxy），回访电话不会拨出"

CallOutcome = Literal["answered", "busy", "no_answer", "failed"]
RetryableOutcome = Literal["busy", "no_answer", "failed"]


@dataclass(frozen=True)
class CallingWindow:
    """Local hours in which callers may be phoned; start > end means overnight."""

    start: time = time(8, 0)
    end: time = time(20, 0)
    timezone: str = "Asia/Shanghai"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def contains(self, when: datetime) -> bool:
        local = _aware(when).astimezone(self.zone).time()
        if self.start == self.end:
            return True  # a 24-hour window
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def next_open(self, when: datetime) -> datetime:
        """`when` itself if inside the window, else the next opening (UTC)."""
        when = _aware(when)
        if self.contains(when):
            return when.astimezone(UTC)
        local = when.astimezone(self.zone)
        candidate = datetime.combine(local.date(), self.start, tzinfo=self.zone)
        if candidate <= local:
            candidate = datetime.combine(
                local.date() + timedelta(days=1), self.start, tzinfo=self.zone
            )
        return candidate.astimezone(UTC)

    def next_attempt(self, due: datetime, now: datetime) -> datetime:
        """When a call due at `due` can really be placed: not before now, inside the window."""
        return self.next_open(max(_aware(due), _aware(now)))

    @property
    def hours(self) -> str:
        return f"{self.start.strftime('%H:%M')}–{self.end.strftime('%H:%M')}"

    def closed_notice(self, now: datetime) -> str | None:
        """None while calls may be placed, else e.g. 呼叫时段外，明天08:00开始."""
        if self.contains(now):
            return None
        opens = self.next_open(now).astimezone(self.zone)
        days = (opens.date() - _aware(now).astimezone(self.zone).date()).days
        day = {0: "今天", 1: "明天"}.get(days, opens.strftime("%m月%d日"))
        return f"呼叫时段外，{day}{opens.strftime('%H:%M')}开始"


@dataclass(frozen=True)
class RetryDecision:
    event: JobEvent  # RETRY or EXHAUST
    due_at: datetime | None  # next attempt (inside the window) when retrying


@dataclass(frozen=True)
class FollowupPolicy:
    window: CallingWindow = field(default_factory=CallingWindow)
    delay: timedelta = timedelta(hours=24)
    max_attempts: int = 3
    retry_delays: dict[str, timedelta] = field(
        default_factory=lambda: {k: DEFAULT_RETRY_DELAY for k in ("busy", "no_answer", "failed")}
    )
    opt_out_digit: str = "9"
    do_not_call: frozenset[str] = frozenset()
    # Why surveys are not dialled (None: they are): for the console's follow-up panel.
    dialling_off: str | None = None

    @property
    def dialling(self) -> bool:
        return self.dialling_off is None

    def first_due(self, triggered_at: datetime) -> datetime:
        """Closure (or reply) time + delay, moved into the calling window."""
        return self.window.next_open(_aware(triggered_at) + self.delay)

    def after_failed_attempt(
        self, outcome: RetryableOutcome, attempts_made: int, now: datetime
    ) -> RetryDecision:
        if attempts_made >= self.max_attempts:
            return RetryDecision(JobEvent.EXHAUST, None)
        due = self.window.next_open(_aware(now) + self.retry_delays[outcome])
        return RetryDecision(JobEvent.RETRY, due)

    def is_do_not_call(self, phone: str) -> bool:
        return normalise_number(phone) in {normalise_number(n) for n in self.do_not_call}


def normalise_number(raw: str) -> str:
    """Digits only, without the +86 / 0086 country prefix, for list comparisons."""
    digits = re.sub(r"[^0-9]", "", raw)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 11:
            return digits[len(prefix) :]
    return digits


def dialable_number(raw: str | None) -> str | None:
    """The number to dial, or None when the ticket has nothing usable."""
    if raw is None:
        return None
    digits = normalise_number(raw)
    return digits if len(digits) >= 5 else None


def policy_from_settings(settings: Settings) -> FollowupPolicy:
    """The policy from `followup:` plus `deadlines.followup_delay_hours`."""
    f = settings.followup
    retry = {k: timedelta(minutes=v) for k, v in f.retry_minutes.items()}
    for outcome in ("busy", "no_answer", "failed"):
        retry.setdefault(outcome, DEFAULT_RETRY_DELAY)
    return FollowupPolicy(
        window=CallingWindow(f.window_start, f.window_end, f.timezone),
        delay=timedelta(hours=settings.deadlines.followup_delay_hours),
        max_attempts=f.max_attempts,
        retry_delays=retry,
        opt_out_digit=f.opt_out_digit,
        do_not_call=frozenset(str(n) for n in f.do_not_call),
        dialling_off=dialling_off(settings),
    )


def dialling_off(settings: Settings) -> str | None:
    """Why follow-up calls cannot be placed, or None. Without an outbound route
    (`sip.outbound.proxy`) a survey would be sent to sip:<caller>@<our own host>:
    the service's own listener."""
    if not settings.sip.outbound.proxy:
        return NO_OUTBOUND_ROUTE
    return None


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError(f"naive datetime {when!r}: follow-up times must be timezone-aware")
    return when
