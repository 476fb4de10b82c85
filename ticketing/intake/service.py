"""The intake service: call events → intake records. No I/O; `emit` gets the records."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from hotline.ticketing.intake.options import IntakeOptions
from hotline.ticketing.intake.records import (
    CallQualityMeasured,
    CallSilent,
    CallTakenOver,
    CallTranscribed,
    DraftOpened,
    IntakeRecord,
    PartialHeard,
    TranscriptionQueued,
)

log = logging.getLogger(__name__)


class PartialThrottle:
    """At most one partial per `interval` seconds per call (clock injected). A changed text
    that comes too soon is held, not dropped: `release` lets the newest held text through
    once the interval is over (trailing edge), so the console is never more than an
    interval behind the speech."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self.clock = clock
        self._last: dict[str, tuple[float, str]] = {}
        self._held: dict[str, str] = {}

    def allow(self, call_id: str, text: str) -> bool:
        now = self.clock()
        last = self._last.get(call_id)
        if last is not None and last[1] == text:
            self._held.pop(call_id, None)  # the console already shows it
            return False
        if last is not None and now - last[0] < self.interval:
            self._held[call_id] = text
            return False
        self._last[call_id] = (now, text)
        self._held.pop(call_id, None)
        return True

    def held_for(self, call_id: str) -> float | None:
        """Seconds until the held text of `call_id` may go; None when nothing is held."""
        if call_id not in self._held:
            return None
        return max(0.0, self.interval - (self.clock() - self._last[call_id][0]))

    def release(self, call_id: str) -> str | None:
        """The held text if it may go now (it is then the last one sent)."""
        text = self._held.get(call_id)
        return text if text is not None and self.allow(call_id, text) else None

    def forget(self, call_id: str) -> None:
        self._last.pop(call_id, None)
        self._held.pop(call_id, None)


RouteFn = Callable[[str], dict[str, Any]]


def empty_routing() -> dict[str, Any]:
    return {}


class IntakeService:
    """Turns call events into intake records; `emit` receives them (normally IntakeWriter.submit).

    `route(text)` gives the routing suggestion for a final transcript (see
    `routing_fields` for the keys intake reads).
    """

    def __init__(
        self,
        emit: Callable[[IntakeRecord], None],
        *,
        recordings_dir: Path,
        route: RouteFn | None = None,
        options: IntakeOptions | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.emit = emit
        self.recordings_dir = recordings_dir
        self.route = route or (lambda text: {})
        self.options = options or IntakeOptions()
        self.throttle = PartialThrottle(self.options.partial_interval, clock)

    def recording_ref(self, path: Path) -> str:
        """Recordings are referenced relative to the recordings folder when inside it."""
        try:
            return path.resolve().relative_to(self.recordings_dir.resolve()).as_posix()
        except ValueError:
            return str(path)

    def answered(
        self,
        *,
        call_id: str,
        caller: str | None,
        called: str | None,
        forwarded_from: str | None,
        answered_at: datetime,
        recording_path: Path,
        transcription_pending: bool,
    ) -> None:
        self.emit(
            DraftOpened(
                call_id=call_id,
                received_at=answered_at,
                caller=caller,
                called=called,
                forwarded_from=forwarded_from,
                recording_ref=self.recording_ref(recording_path),
                transcription_pending=transcription_pending,
            )
        )

    def partial(self, call_id: str, text: str) -> float | None:
        """Emit the partial, or hold it: returns in how many seconds `release_partial`
        should be called (None: nothing held)."""
        if text.strip() and self.throttle.allow(call_id, text):
            self.emit(PartialHeard(call_id=call_id, text=text))
        return self.throttle.held_for(call_id)

    def release_partial(self, call_id: str) -> float | None:
        """The held partial of `call_id`, once its interval is over; as `partial`."""
        text = self.throttle.release(call_id)
        if text is not None:
            self.emit(PartialHeard(call_id=call_id, text=text))
        return self.throttle.held_for(call_id)

    def quality(
        self,
        call_id: str,
        *,
        loss_ratio: float,
        jitter_ms: float,
        rtt_ms: float | None,
        mos: float,
        poor: bool,
    ) -> None:
        """The caller's audio figures at hang-up, stored on the call's ticket."""
        self.emit(
            CallQualityMeasured(
                call_id=call_id,
                quality={
                    "loss_percent": round(loss_ratio * 100, 2),
                    "jitter_ms": round(jitter_ms, 1),
                    "rtt_ms": round(rtt_ms, 1) if rtt_ms is not None else None,
                    "mos": round(mos, 2),
                    "poor": poor,
                },
            )
        )

    def taken_over(self, call_id: str, *, by: str, target: str, method: str, at: datetime) -> None:
        """转人工: goes into the ticket's history."""
        self.emit(CallTakenOver(call_id=call_id, by=by, target=target, method=method, at=at))

    def finished(
        self,
        *,
        call_id: str,
        ended_at: datetime,
        recording_path: Path,
        heard_speech: bool,
        transcript: TranscriptLike | None,
        pending_reason: str | None,
        finish_reason: str | None = None,
    ) -> None:
        """Hang-up. `transcript` is the live result, or None with `pending_reason` set.
        `finish_reason`: telephony's CallFinished.reason (caller_hangup, silence, ...)."""
        self.throttle.forget(call_id)
        if not heard_speech and finish_reason == "transferred":
            return  # 转人工 before a word: the operator has the caller and fills in the draft
        if not heard_speech:
            # Both words start the reasons ticketing.missed recognises as a missed call.
            reason = (
                "来电人未说话即挂机（问候语中或问候后）"
                if finish_reason == "caller_hangup"
                else "无声来电（未检测到语音）"
            )
            self.emit(CallSilent(call_id=call_id, reason=reason))
            return
        if transcript is None:
            self.emit(
                TranscriptionQueued(
                    call_id=call_id,
                    audio_path=str(recording_path),
                    reason=pending_reason or "transcription unavailable",
                )
            )
            return
        self.transcribed(call_id, transcript, source="live", ended_at=ended_at)

    def transcribed(
        self,
        call_id: str,
        transcript: TranscriptLike,
        *,
        source: str,
        ended_at: datetime | None = None,
    ) -> None:
        """A final transcript, live or from the backlog worker's on_done."""
        words = tuple(_word_dict(w) for w in transcript.words)
        if len(words) < self.options.min_words or not transcript.text.strip():
            self.emit(CallSilent(call_id=call_id, reason="空白来电（未识别到内容）"))
            return
        try:
            routing = self.route(transcript.text)
        except Exception:  # a routing bug must not lose the transcript
            log.exception("routing failed for call %s", call_id)
            routing = {}
        self.emit(
            CallTranscribed(
                call_id=call_id,
                text=transcript.text,
                words=words,
                duration=float(transcript.duration),
                numbers=tuple(getattr(transcript, "numbers", ()) or ()),
                source=source,
                routing=routing,
                ended_at=ended_at,
            )
        )


class TranscriptLike(Protocol):
    """asr.transcript.Transcript, seen structurally (ticketing does not import asr)."""

    @property
    def text(self) -> str: ...

    @property
    def words(self) -> Sequence[Any]: ...

    @property
    def duration(self) -> float: ...


def _word_dict(word: Any) -> dict[str, Any]:
    if isinstance(word, dict):
        return {k: word[k] for k in ("word", "start", "end", "conf")}
    return {"word": word.word, "start": word.start, "end": word.end, "conf": word.conf}
