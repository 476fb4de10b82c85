"""How the console shows follow-up jobs and calls: labels and JSON views (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from hotline.ticketing.followup import store
from hotline.ticketing.followup.policy import CallingWindow
from hotline.ticketing.followup.states import STATE_LABELS_ZH, JobState
from hotline.ticketing.model import (
    SATISFACTION_LABELS,
    STATE_LABELS,
    Satisfaction,
    State,
    mask_number,
)
from hotline.ticketing.persistence.followup_queries import RETRYABLE, TicketBrief
from hotline.ticketing.privacy import mask_phone_numbers

S = JobState
EXCERPT_CHARS = 40
ELLIPSIS = "…"
# Characters that belong to one "word" an excerpt must not split: digits (also masked
# ones and dictated Chinese digits), Latin letters and number separators.
_WORD = re.compile(r"[0-9０-９A-Za-z*＊零〇一二三四五六七八九幺洞两\-－]")
_BREAK = "，。；;,.！？!?、 "

FILTER_LABELS: dict[str, str] = {
    "open": "未完成",
    "retry": "待重拨",
    "in_call": "呼叫中",
    "manual": "需人工回访",
    "final": "已结束",
    **{str(s): label for s, label in STATE_LABELS_ZH.items()},
}
OUTCOME_LABELS: dict[str, str] = {
    "answered": "已接通",
    "busy": "占线",
    "no_answer": "无人接听",
    "failed": "呼叫失败",
    "manual": "人工回访",
}
ENDING_LABELS: dict[str, str] = {
    "answer": "已作答",
    "opted_out": "按键拒绝回访",
    "no_response": "未作有效选择",
    "hung_up": "对方挂机",
    "hung_up_prompt": "提问前挂机",
}
CHANNEL_LABELS: dict[str, str] = {"auto": "自动呼叫", "manual": "人工回访"}

ManualResult = Literal[
    "satisfied", "basic", "basically_satisfied", "dissatisfied", "no_answer", "declined"
]
MANUAL_RESULT_LABELS: dict[str, str] = {
    "satisfied": "满意",
    "basic": "基本满意",
    "dissatisfied": "不满意",
    "no_answer": "无法联系",
    "declined": "拒绝回访",
}
MANUAL_RESULT_HINT = "、".join(f"{v}({k})" for k, v in MANUAL_RESULT_LABELS.items())


def _local(value: datetime | None, zone: ZoneInfo) -> str | None:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _satisfaction_label(value: str | None) -> str | None:
    try:
        return SATISFACTION_LABELS[Satisfaction(value)] if value else None
    except ValueError:
        return value


def _status(job: store.FollowupJob) -> str:
    """The console's word for where the job stands (finer than the raw state for retries)."""
    if job.state is S.PLANNED and job.attempts > 0 and job.last_outcome in RETRYABLE:
        return "retry"
    return str(job.state)


def _status_label(job: store.FollowupJob) -> str:
    if _status(job) == "retry":
        return f"待重拨（上次{OUTCOME_LABELS.get(job.last_outcome or '', job.last_outcome)}）"
    return STATE_LABELS_ZH[job.state]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """`text` shortened to about `limit` characters with an ellipsis, cut after a
    punctuation mark when one is near the end, and never inside a number or word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = limit
    while cut > 0 and _WORD.match(text[cut - 1]) and _WORD.match(text[cut]):
        cut -= 1  # back out of the number the limit fell into
    if cut == 0:  # one long run (e.g. a masked number): cut before it
        return ELLIPSIS
    head = text[:cut]
    stop = max(head.rfind(c) for c in _BREAK)
    if stop >= cut * 2 // 3:
        head = head[: stop + 1]
    return head.rstrip(_BREAK) + ELLIPSIS


def ticket_brief_view(brief: TicketBrief) -> dict[str, Any]:
    state = State(brief.state)
    return {
        "id": brief.id,
        "state": str(state),
        "state_label": STATE_LABELS[state],
        # The job's number is masked next to it; the summary must not spell it out:
        # masked on the whole text first, then shortened.
        "summary": excerpt(mask_phone_numbers(brief.summary)),
    }


def tickets_view(briefs: dict[int, TicketBrief]) -> dict[int, dict[str, Any]]:
    return {ticket_id: ticket_brief_view(b) for ticket_id, b in briefs.items()}


def window_view(window: CallingWindow, now: datetime) -> dict[str, Any]:
    """The calling window and whether it is open now (for the list header)."""
    notice = window.closed_notice(now)
    return {"hours": window.hours, "open": notice is None, "notice": notice}


def job_view(
    job: store.FollowupJob,
    ticket: dict[str, Any] | None,
    window: CallingWindow,
    max_attempts: int,
    now: datetime,
) -> dict[str, Any]:
    """One job as the console shows it; times also in the centre's local time. The next
    attempt is when the call can really be placed (not in the past, inside the window)."""
    zone = window.zone
    next_at = window.next_attempt(job.due_at, now) if job.state is S.PLANNED else None
    waiting = job.state in (S.PLANNED, S.EXHAUSTED)
    return {
        "id": job.id,
        "ticket_id": job.ticket_id,
        "state": str(job.state),
        "state_label": STATE_LABELS_ZH[job.state],
        "status": _status(job),
        "status_label": _status_label(job),
        "phone_masked": mask_number(job.phone),
        "attempts": job.attempts,
        "max_attempts": max_attempts,
        "next_attempt_at": _iso(next_at),
        "next_attempt_local": _local(next_at, zone),
        "window_notice": window.closed_notice(now) if waiting else None,
        "last_outcome": job.last_outcome,
        "last_outcome_label": OUTCOME_LABELS.get(job.last_outcome or "", job.last_outcome),
        "satisfaction": job.satisfaction,
        "satisfaction_label": _satisfaction_label(job.satisfaction),
        "note": job.note,
        "triggered_at": _iso(job.triggered_at),
        "updated_at": _iso(job.updated_at),
        "updated_local": _local(job.updated_at, zone),
        "completed_at": _iso(job.completed_at),
        "completed_local": _local(job.completed_at, zone),
        "can_call_now": job.state in (S.PLANNED, S.EXHAUSTED),
        "can_record": job.state in (S.PLANNED, S.EXHAUSTED),
        "ticket": ticket or {"id": job.ticket_id},
    }


def jobs_view(
    jobs: Sequence[store.FollowupJob],
    briefs: dict[int, TicketBrief],
    window: CallingWindow,
    max_attempts: int,
    now: datetime,
) -> list[dict[str, Any]]:
    tickets = tickets_view(briefs)
    return [job_view(job, tickets.get(job.ticket_id), window, max_attempts, now) for job in jobs]


def attempt_view(attempt: store.FollowupAttempt, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "attempt": attempt.attempt,
        "channel": attempt.channel,
        "channel_label": CHANNEL_LABELS.get(attempt.channel, attempt.channel),
        "actor": attempt.actor,
        "started_at": _iso(attempt.started_at),
        "started_local": _local(attempt.started_at, zone),
        "ended_at": _iso(attempt.ended_at),
        "outcome": attempt.outcome,
        "outcome_label": OUTCOME_LABELS.get(attempt.outcome or "", attempt.outcome),
        "satisfaction": attempt.satisfaction,
        "satisfaction_label": _satisfaction_label(attempt.satisfaction),
        "ending": attempt.ending,
        "ending_label": ENDING_LABELS.get(attempt.ending or "", attempt.ending),
        "heard": attempt.heard,
        "detail": attempt.detail,
        "has_recording": bool(attempt.recording_path),
    }
