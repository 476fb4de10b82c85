"""Missed-call states and the rules on them (sans-I/O: pure functions of time and data).

A missed call is not a ticket. Intake still turns a silent call into an `invalid` draft
(restorable, keeps the recording); the missed call refers to that draft and tracks the
call-back alone. After calling back, the operator may create a real ticket as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from hotline.ticketing.errors import table_move

DEFAULT_CALLBACK_DEADLINE = timedelta(minutes=30)
# How intake words its reasons for a silent call (ticketing.intake.service).
INTAKE_SILENT_REASONS = ("无声来电", "空白来电", "来电人未说话即挂机")


class MissedState(StrEnum):
    PENDING = "pending"  # to be called back
    CALLED_BACK = "called_back"  # an operator called back (result in the note)
    NOT_CALLABLE = "not_callable"  # withheld number: nobody to call


class MissedEvent(StrEnum):
    CALL_BACK = "call_back"


# Rule: every move of a missed call. Registration picks PENDING or NOT_CALLABLE.
TRANSITIONS: dict[tuple[MissedState, MissedEvent], MissedState] = {
    (MissedState.PENDING, MissedEvent.CALL_BACK): MissedState.CALLED_BACK,
}

STATE_LABELS: dict[MissedState, str] = {
    MissedState.PENDING: "待回拨",
    MissedState.CALLED_BACK: "已回拨",
    MissedState.NOT_CALLABLE: "无来电号码",
}


def next_state(state: MissedState, event: MissedEvent) -> MissedState:
    state, event = MissedState(state), MissedEvent(event)
    return table_move(
        TRANSITIONS,
        state,
        event,
        code="missed_bad_transition",
        what="missed call",
        message_zh=f"该未接来电当前为「{STATE_LABELS[state]}」，不能再标记已回拨",
    )


def is_missed_call_reason(reason: str) -> bool:
    """Whether intake marked the draft invalid because the caller never spoke."""
    return reason.startswith(INTAKE_SILENT_REASONS)


def initial_state(caller: str | None) -> MissedState:
    digits = "".join(ch for ch in caller or "" if ch.isdigit())
    return MissedState.PENDING if len(digits) >= 5 else MissedState.NOT_CALLABLE


@dataclass(frozen=True)
class Timeliness:
    """Where one missed call stands against its call-back deadline."""

    overdue: bool  # pending past the deadline, or called back after it
    in_time: bool  # called back by the deadline
    minutes_left: int | None  # pending: minutes to the deadline (negative when overdue)


def timeliness(
    state: MissedState, due_at: datetime, called_back_at: datetime | None, now: datetime
) -> Timeliness:
    if state is MissedState.CALLED_BACK and called_back_at is not None:
        late = called_back_at > due_at
        return Timeliness(overdue=late, in_time=not late, minutes_left=None)
    if state is MissedState.PENDING:
        left = (due_at - now).total_seconds() / 60
        return Timeliness(overdue=left < 0, in_time=False, minutes_left=int(left // 1))
    return Timeliness(overdue=False, in_time=False, minutes_left=None)


@dataclass(frozen=True)
class MissedStats:
    missed: int  # every missed call registered
    callable: int  # with a number to call back
    called_back: int
    called_back_in_time: int
    called_back_late: int
    pending: int
    overdue: int  # pending past the deadline

    @property
    def in_time_rate(self) -> float | None:
        return round(self.called_back_in_time / self.callable, 4) if self.callable else None


class HasDeadline(Protocol):
    state: MissedState
    due_at: datetime
    called_back_at: datetime | None


def summarise(rows: Sequence[HasDeadline], now: datetime) -> MissedStats:
    """Statistics of missed calls (store.MissedCall rows)."""
    counts = dict.fromkeys(("back", "in_time", "late", "pending", "overdue", "callable"), 0)
    for row in rows:
        state = row.state
        t = timeliness(state, row.due_at, row.called_back_at, now)
        if state is MissedState.NOT_CALLABLE:
            continue
        counts["callable"] += 1
        if state is MissedState.CALLED_BACK:
            counts["back"] += 1
            counts["in_time" if t.in_time else "late"] += 1
        else:
            counts["pending"] += 1
            counts["overdue"] += int(t.overdue)
    return MissedStats(
        missed=len(rows),
        callable=counts["callable"],
        called_back=counts["back"],
        called_back_in_time=counts["in_time"],
        called_back_late=counts["late"],
        pending=counts["pending"],
        overdue=counts["overdue"],
    )
