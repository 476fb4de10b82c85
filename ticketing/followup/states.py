"""Follow-up job states: every transition lives in TRANSITIONS below (h11 style).

A job is one survey of one ticket after it reached the trigger state. The
scheduler claims a planned job (dialling), the dialer reports how the call went
(answered / busy / no_answer / failed), and the retry policy then decides
between another attempt (planned again) and giving up (exhausted: the ticket
goes on the operators' manual-call list). Operators can also force a call
(call_now) or enter the result of a call they made by hand (record_manual).
"""

from __future__ import annotations

from enum import StrEnum

from hotline.ticketing.errors import table_move


class JobState(StrEnum):
    PLANNED = "planned"  # waiting for its due time (and the calling window)
    DIALLING = "dialling"  # claimed by one node; the call is in progress
    ANSWERED = "answered"  # someone picked up; waiting for the script's result
    BUSY = "busy"  # transient: the retry policy decides next
    NO_ANSWER = "no_answer"  # transient
    FAILED = "failed"  # transient (network, 4xx/5xx, no answer from the caller's keypad)
    EXHAUSTED = "exhausted"  # attempts used up: on the manual-call list
    OPTED_OUT = "opted_out"  # the caller pressed the opt-out digit
    NOT_CALLABLE = "not_callable"  # no number, or the number is on the do-not-call list
    DONE = "done"  # satisfaction recorded
    CANCELLED = "cancelled"  # the ticket left the follow-up (reopened, merged...) before a call


class JobEvent(StrEnum):
    CLAIM = "claim"  # a scheduler took the due job
    ANSWER = "answer"  # the callee picked up
    REPORT_BUSY = "report_busy"
    REPORT_NO_ANSWER = "report_no_answer"  # includes "picked up, gave no valid answer"
    REPORT_FAILED = "report_failed"
    RESULT = "result"  # a valid answer (1/2/3 or spoken)
    OPT_OUT = "opt_out"
    RETRY = "retry"  # policy: attempts left → plan the next one
    EXHAUST = "exhaust"  # policy: no attempts left
    UNCALLABLE = "uncallable"  # no number / do-not-call
    CALL_NOW = "call_now"  # operator: dial as soon as the window allows
    RECORD_MANUAL = "record_manual"  # operator: result of a call made by hand
    STALE = "stale"  # the node that claimed the job vanished mid-call
    DEFER = "defer"  # claimed, but the ticket is not ready yet: plan again, no attempt used
    CANCEL = "cancel"  # the ticket no longer awaits a survey


S, E = JobState, JobEvent
_OPERATOR_EDITABLE = (S.PLANNED, S.EXHAUSTED)

# Rule: everything that moves a follow-up job is in this one table.
TRANSITIONS: dict[tuple[JobState, JobEvent], JobState] = {
    (S.PLANNED, E.CLAIM): S.DIALLING,
    (S.PLANNED, E.UNCALLABLE): S.NOT_CALLABLE,
    (S.PLANNED, E.CANCEL): S.CANCELLED,
    (S.DIALLING, E.UNCALLABLE): S.NOT_CALLABLE,  # number put on the do-not-call list meanwhile
    (S.DIALLING, E.DEFER): S.PLANNED,
    (S.DIALLING, E.CANCEL): S.CANCELLED,
    (S.EXHAUSTED, E.CANCEL): S.CANCELLED,
    (S.DIALLING, E.ANSWER): S.ANSWERED,
    (S.DIALLING, E.REPORT_BUSY): S.BUSY,
    (S.DIALLING, E.REPORT_NO_ANSWER): S.NO_ANSWER,
    (S.DIALLING, E.REPORT_FAILED): S.FAILED,
    (S.DIALLING, E.STALE): S.FAILED,
    (S.ANSWERED, E.RESULT): S.DONE,
    (S.ANSWERED, E.OPT_OUT): S.OPTED_OUT,
    (S.ANSWERED, E.REPORT_NO_ANSWER): S.NO_ANSWER,  # picked up, but no valid answer
    (S.ANSWERED, E.STALE): S.FAILED,
    (S.BUSY, E.RETRY): S.PLANNED,
    (S.BUSY, E.EXHAUST): S.EXHAUSTED,
    (S.NO_ANSWER, E.RETRY): S.PLANNED,
    (S.NO_ANSWER, E.EXHAUST): S.EXHAUSTED,
    (S.FAILED, E.RETRY): S.PLANNED,
    (S.FAILED, E.EXHAUST): S.EXHAUSTED,
    **{(state, E.CALL_NOW): S.PLANNED for state in (S.PLANNED, S.EXHAUSTED)},
    **{(state, E.RECORD_MANUAL): S.DONE for state in _OPERATOR_EDITABLE},
}

# States in which a job is finished (a new trigger may start a new job).
FINAL_STATES: frozenset[JobState] = frozenset({S.DONE, S.OPTED_OUT, S.NOT_CALLABLE, S.CANCELLED})
# States shown on the operators' manual-call list.
MANUAL_CALL_STATES: frozenset[JobState] = frozenset({S.EXHAUSTED})

STATE_LABELS_ZH: dict[JobState, str] = {
    S.PLANNED: "待回访",
    S.DIALLING: "呼叫中",
    S.ANSWERED: "已接通",
    S.BUSY: "占线",
    S.NO_ANSWER: "无人接听",
    S.FAILED: "呼叫失败",
    S.EXHAUSTED: "多次未接通，需人工回访",
    S.OPTED_OUT: "来电人拒绝回访",
    S.NOT_CALLABLE: "无法回访",
    S.DONE: "已回访",
    S.CANCELLED: "已取消",
}


def next_state(state: JobState, event: JobEvent) -> JobState:
    """The state after `event`, or WorkflowError when the table has no such move."""
    state, event = JobState(state), JobEvent(event)
    return table_move(
        TRANSITIONS,
        state,
        event,
        code="followup_bad_transition",
        what="follow-up job",
        message_zh=f"回访任务当前状态为「{STATE_LABELS_ZH[state]}」，不能执行该操作",
    )
