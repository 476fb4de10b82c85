"""Request and response bodies of the 回访 API (pydantic, for validation and OpenAPI)."""

from __future__ import annotations

from hotline.ticketing.web.followup_views import ManualResult
from hotline.ticketing.web.schemas import Text
from pydantic import BaseModel, ConfigDict, Field


class TicketRef(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int
    state: str | None = None
    state_label: str | None = None
    summary: str | None = None


class FollowupJobOut(BaseModel):
    id: int
    ticket_id: int
    state: str
    state_label: str
    status: str
    status_label: str
    phone_masked: str | None = None
    attempts: int
    max_attempts: int
    next_attempt_at: str | None = None
    next_attempt_local: str | None = None
    window_notice: str | None = None  # e.g. 呼叫时段外，明天08:00开始; null inside the window
    last_outcome: str | None = None
    last_outcome_label: str | None = None
    satisfaction: str | None = None
    satisfaction_label: str | None = None
    note: str
    triggered_at: str
    updated_at: str
    updated_local: str
    completed_at: str | None = None
    completed_local: str | None = None
    can_call_now: bool
    can_record: bool
    ticket: TicketRef


class CallingWindowOut(BaseModel):
    hours: str  # 08:00–20:00, local time
    open: bool
    notice: str | None = None


class FollowupJobListOut(BaseModel):
    window: CallingWindowOut
    total: int
    items: list[FollowupJobOut]
    counts: dict[str, int]
    filters: dict[str, str]
    timezone: str
    notice: str | None = None  # why surveys are not dialled (no outbound route), else null


class CompletionOut(BaseModel):
    """Answered automatic survey calls: reached the question / answered / hung up early."""

    answered_calls: int
    reached_question: int
    answered: int
    hung_up_prompt: int
    hung_up_after_question: int
    no_response: int
    opted_out: int
    completion_rate: float | None = None
    satisfaction: dict[str, int]


class AttemptOut(BaseModel):
    attempt: int
    channel: str
    channel_label: str
    actor: str
    started_at: str
    started_local: str
    ended_at: str | None = None
    outcome: str | None = None
    outcome_label: str | None = None
    satisfaction: str | None = None
    satisfaction_label: str | None = None
    ending: str | None = None
    ending_label: str | None = None
    heard: list[str]
    detail: str
    has_recording: bool


class JobAttemptsOut(BaseModel):
    job: FollowupJobOut
    attempts: list[AttemptOut]


class TicketFollowupOut(BaseModel):
    ticket_id: int
    ticket_state: str
    jobs: list[JobAttemptsOut]
    can_call_now: bool
    can_record: bool
    manual_results: dict[str, str]


class CallNowOut(BaseModel):
    job: FollowupJobOut
    message: str


class ManualResultOut(BaseModel):
    job: FollowupJobOut
    ticket: TicketRef
    message: str


class ManualResultBody(BaseModel):
    """The result of a survey call an operator made by hand."""

    model_config = ConfigDict(extra="forbid")
    result: ManualResult = Field(
        description="satisfied 满意 | basic 基本满意 | dissatisfied 不满意 | "
        "no_answer 无法联系 | declined 拒绝回访"
    )
    note: Text = Field(default="", max_length=500, description="备注（如：来电人反映的情况）")


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: str = ""
