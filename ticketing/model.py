"""The ticket (工单) and its append-only history. Plain data, no I/O.

State changes go through `ticketing.workflow.apply`; this module only says what
a ticket holds. Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class State(StrEnum):
    DRAFT = "draft"  # machine draft from a call, or typed in by an operator
    REGISTERED = "registered"  # an operator confirmed the content
    DISPATCHED = "dispatched"  # handed to a lead unit (+ assisting units), not yet signed for
    ACCEPTED = "accepted"  # the lead unit signed for it (签收) and is handling it
    RETURNED = "returned"  # the unit refused it with a reason (退单)
    REPLIED = "replied"  # the unit reported its result (答复)
    REVIEWED = "reviewed"  # the centre accepted the reply (审核通过)
    FOLLOW_UP = "follow_up"  # survey call under way (回访)
    CLOSED = "closed"  # 办结
    REPORTED = "reported"  # pushed to the city/province platform (上报)
    MERGED = "merged"  # duplicate folded into another ticket (并单)
    INVALID = "invalid"  # silent call, prank, wrong number (无效)


STATE_LABELS: dict[State, str] = {
    State.DRAFT: "草稿",
    State.REGISTERED: "已登记",
    State.DISPATCHED: "已派单",
    State.ACCEPTED: "办理中",
    State.RETURNED: "已退单",
    State.REPLIED: "已答复",
    State.REVIEWED: "已审核",
    State.FOLLOW_UP: "回访中",
    State.CLOSED: "已办结",
    State.REPORTED: "已上报",
    State.MERGED: "已并单",
    State.INVALID: "无效",
}

# States in which the centre still owes the caller something.
OPEN_STATES: frozenset[State] = frozenset(
    {
        State.DRAFT,
        State.REGISTERED,
        State.DISPATCHED,
        State.ACCEPTED,
        State.RETURNED,
        State.REPLIED,
        State.REVIEWED,
        State.FOLLOW_UP,
    }
)


class Channel(StrEnum):
    PHONE = "phone"  # a call answered by our SIP intake
    PLATFORM = "platform"  # forwarded by the 12345/8890 platform as a ticket
    ONLINE = "online"  # 民心网 and other online channels
    WALK_IN = "walk_in"
    OTHER = "other"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.PHONE: "电话",
    Channel.PLATFORM: "8890平台转办",
    Channel.ONLINE: "网络渠道",
    Channel.WALK_IN: "来访",
    Channel.OTHER: "其他",
}


class Urgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"


URGENCY_LABELS: dict[Urgency, str] = {Urgency.NORMAL: "一般", Urgency.URGENT: "紧急"}


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    NO_ANSWER = "no_answer"  # all attempts failed
    NO_NUMBER = "no_number"  # the caller left no number: no call possible
    DECLINED = "declined"  # opt-out digit or do-not-call list


SATISFACTION_LABELS: dict[Satisfaction, str] = {
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASICALLY_SATISFIED: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
    Satisfaction.NO_ANSWER: "未接通",
    Satisfaction.NO_NUMBER: "无联系电话",
    Satisfaction.DECLINED: "拒绝回访",
}

# What an operator can mark as missing on an incomplete draft.
MISSING_INFO_LABELS: dict[str, str] = {
    "callback_number": "无联系电话",
    "caller_name": "无来电人姓名",
    "content": "诉求内容不清",
    "location": "地点不清",
    "unit": "责任单位不明",
}


@dataclass(frozen=True)
class TranscriptWord:
    """One recognised word: text, start/end seconds into the recording, confidence 0..1."""

    word: str
    start: float
    end: float
    conf: float

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "start": self.start, "end": self.end, "conf": self.conf}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TranscriptWord:
        return cls(
            word=str(data["word"]),
            start=float(data["start"]),
            end=float(data["end"]),
            conf=float(data["conf"]),
        )


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the append-only history: who did what, when, and why."""

    at: datetime
    actor: str
    actor_role: str
    command: str  # a workflow command, or "create"
    from_state: State | None
    to_state: State
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Ticket:
    received_at: datetime  # the moment the call was answered: every clock starts here
    state: State = State.DRAFT
    channel: Channel = Channel.PHONE
    # Caller and call
    caller_number: str | None = None  # None: withheld or unknown
    caller_name: str = ""
    caller_confidential: bool = False  # 来电人要求保密
    called_number: str | None = None
    forwarded_from: str | None = None  # number the call was forwarded from (Diversion header)
    callback_number: str | None = None  # number the caller dictated, if different
    call_id: str | None = None
    recording_ref: str | None = None  # path relative to storage.recordings_dir
    # Of the caller's audio, measured at hang-up (RTP counters + RTCP): loss_percent,
    # jitter_ms, rtt_ms (None: no RTCP from the caller), mos, poor (too poor to transcribe
    # well). None: not a call, or a call from before this was kept.
    call_quality: dict[str, Any] | None = None
    # Machine transcript and the operator's correction (both kept)
    transcript_words: list[TranscriptWord] = field(default_factory=list)
    machine_text: str = ""
    transcription_pending: bool = False  # recording waits in the ASR backlog
    corrected_text: str | None = None
    corrected_by: str | None = None
    corrected_at: datetime | None = None
    # Content and routing
    summary: str = ""
    request_type: str | None = None  # catalogue category id
    location_text: str = ""
    area_id: str | None = None
    lead_unit: str | None = None  # 主办
    assisting_units: tuple[str, ...] = ()  # 协办
    urgency: Urgency = Urgency.NORMAL
    epidemic: bool = False
    routing_suggestion: dict[str, Any] = field(default_factory=dict)  # written by routing
    missing_info: tuple[str, ...] = ()  # keys of MISSING_INFO_LABELS
    duplicate_candidates: tuple[int, ...] = ()
    # Routing-derived fields the operator set by hand: re-routing leaves them alone.
    manual_fields: tuple[str, ...] = ()
    merged_into: int | None = None
    claimed_by: str | None = None
    # Handling
    reply_text: str = ""
    replied_by: str | None = None
    satisfaction: Satisfaction | None = None
    satisfaction_note: str = ""
    upstream_ref: str | None = None  # id given by the upper platform when reported
    # Milestones
    registered_at: datetime | None = None
    first_dispatched_at: datetime | None = None  # on-time dispatch is measured on this
    dispatched_at: datetime | None = None  # latest (re)dispatch: the close clock runs from here
    accepted_at: datetime | None = None
    replied_at: datetime | None = None
    reviewed_at: datetime | None = None
    closed_at: datetime | None = None
    reported_at: datetime | None = None
    # Deadlines, kept up to date by the workflow (stored so lists can filter on them)
    dispatch_due_at: datetime | None = None
    close_due_at: datetime | None = None
    followup_due_at: datetime | None = None
    # Bookkeeping
    history: list[HistoryEntry] = field(default_factory=list)
    updated_at: datetime | None = None
    version: int = 0  # 0 until stored; the repository bumps it on every save
    id: int | None = None

    @property
    def text(self) -> str:
        """What the caller said, as best known: the correction wins over the machine."""
        return self.corrected_text if self.corrected_text is not None else self.machine_text

    @property
    def reachable_number(self) -> str | None:
        return self.callback_number or self.caller_number

    def units(self) -> tuple[str, ...]:
        """Every unit the ticket is dispatched to (lead first)."""
        return ((self.lead_unit,) if self.lead_unit else ()) + self.assisting_units


def mask_number(number: str | None) -> str | None:
    """138****0000 — what a unit liaison sees of a caller's number."""
    if not number:
        return number
    if len(number) <= 4:
        return "*" * len(number)
    if len(number) <= 7:
        return number[:1] + "*" * (len(number) - 3) + number[-2:]
    return number[:3] + "****" + number[-4:]
