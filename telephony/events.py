"""Typed events a call emits to the composition root (telephony imports nothing of ticketing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hotline.telephony.rtp.rtcp import CallQuality

# Why a call finished (CallFinished.reason).
FINISH_REASONS = (
    "caller_hangup",
    "we_hung_up",
    "silence",
    "max_duration",
    "media_timeout",
    "no_ack",
    "session_expired",  # RFC 4028: the refresher did not refresh (or our refresh failed)
    "shutdown",
    "recording_failed",  # the recordings volume is full (or failing): what was kept is kept
    "transferred",  # 转人工: the recording ends where an operator took the call over
)


@dataclass(frozen=True)
class CallAnswered:
    call_id: str
    caller: str | None
    called: str | None
    forwarded_from: str | None
    answered_at: datetime  # aware, UTC
    recording_path: Path


@dataclass(frozen=True)
class AudioReceived:
    call_id: str
    # Whole 20 ms frames (usually 0.1 s worth: media is received in batches), 16-bit LE
    # mono 8 kHz, from the answer on; all of them joined equal the recording.
    pcm: bytes


@dataclass(frozen=True)
class DtmfReceived:
    call_id: str
    digit: str


@dataclass(frozen=True)
class CallFinished:
    call_id: str
    ended_at: datetime
    reason: str  # one of FINISH_REASONS
    recording_path: Path
    duration_seconds: float
    heard_speech: bool
    # Of the caller's audio (RTP counters and RTCP): loss, jitter, RTT, MOS, `poor`.
    quality: CallQuality | None = None


@dataclass(frozen=True)
class CallTakenOver:
    """转人工: the caller now talks to an operator's phone (after the call's CallFinished)."""

    call_id: str
    by: str  # the operator's user name, or "caller" (pressed 0 / said 人工)
    target: str  # the phone's SIP URI
    method: str  # "refer" (the caller's side called the phone) | "bridge" (we relay)
    at: datetime  # aware, UTC


@dataclass(frozen=True)
class CallCancelled:
    call_id: str
    caller: str | None  # CANCEL before answer: no recording kept


CallEvent = (
    CallAnswered | AudioReceived | DtmfReceived | CallFinished | CallCancelled | CallTakenOver
)
