"""Intake records: the writes intake makes, as JSON-able facts keyed by call id (the journal
stores them one per line)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar


@dataclass(frozen=True)
class IntakeRecord:
    kind: ClassVar[str]
    call_id: str

    def to_json(self) -> str:
        data = dataclasses.asdict(self)
        data["kind"] = self.kind
        return json.dumps(data, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


@dataclass(frozen=True)
class DraftOpened(IntakeRecord):
    """The call was answered: a draft exists from this moment (the 30-minute clock starts)."""

    kind: ClassVar[str] = "draft_opened"
    received_at: datetime
    caller: str | None
    called: str | None
    forwarded_from: str | None
    recording_ref: str | None
    transcription_pending: bool = False


@dataclass(frozen=True)
class PartialHeard(IntakeRecord):
    """Words recognised so far; shown on the draft while the caller speaks. Never journaled."""

    kind: ClassVar[str] = "partial_heard"
    text: str


@dataclass(frozen=True)
class CallTranscribed(IntakeRecord):
    """Final transcript (live at hang-up, or later from the ASR backlog) + routing suggestion."""

    kind: ClassVar[str] = "call_transcribed"
    text: str
    words: tuple[dict[str, Any], ...]  # {"word", "start", "end", "conf"}
    duration: float
    numbers: tuple[str, ...] = ()
    source: str = "live"  # "live" | "backlog"
    routing: dict[str, Any] = field(default_factory=dict)
    ended_at: datetime | None = None


@dataclass(frozen=True)
class TranscriptionQueued(IntakeRecord):
    """No live transcript (no model, no capacity, crash): the recording waits in the backlog."""

    kind: ClassVar[str] = "transcription_queued"
    audio_path: str
    reason: str


@dataclass(frozen=True)
class CallSilent(IntakeRecord):
    """Nobody spoke (or nothing was recognised): the draft becomes `invalid`, restorable."""

    kind: ClassVar[str] = "call_silent"
    reason: str


@dataclass(frozen=True)
class CallQualityMeasured(IntakeRecord):
    """The caller's audio at hang-up: loss, jitter, round-trip time, MOS (Ticket.call_quality)."""

    kind: ClassVar[str] = "call_quality"
    quality: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CallTakenOver(IntakeRecord):
    """转人工: an operator (`by`; "caller" when the caller asked) took the call on a phone."""

    kind: ClassVar[str] = "call_taken_over"
    by: str
    target: str  # the phone's SIP URI
    method: str  # "refer" | "bridge"
    at: datetime


RECORD_TYPES: dict[str, type[IntakeRecord]] = {
    cls.kind: cls
    for cls in (
        DraftOpened,
        PartialHeard,
        CallTranscribed,
        TranscriptionQueued,
        CallSilent,
        CallQualityMeasured,
        CallTakenOver,
    )
}


def record_from_json(line: str) -> IntakeRecord:
    data = json.loads(line)
    cls = RECORD_TYPES[data.pop("kind")]
    for f in dataclasses.fields(cls):
        value = data.get(f.name)
        if value is None:
            continue
        if f.name in ("received_at", "ended_at", "at"):
            data[f.name] = datetime.fromisoformat(value)
        elif f.name in ("words", "numbers"):
            data[f.name] = tuple(value)
    return cls(**data)
