"""The call-intake runtime: SIP listener → ASR streams → intake → console and chat.

`IntakeRuntime` owns the parts that run while `hotline serve` is up:

- the SIP listener (telephony), whose events arrive on the event loop;
- one ASR `CallTranscription` per answered call (live while capacity allows,
  else queued in the durable backlog at hang-up);
- the intake service + writer (ticketing), which turns events into draft
  tickets, journaling them when the database is unreachable;
- start-up recovery after a crash and graceful shutdown on SIGTERM.

The database may be unreachable when the runtime starts: `start(database_ready=False)`
brings up what calls need (SIP listener, ASR engine, the writer journaling) and
`database_ready()` the rest once the database is back (journal replay, ASR backlog
worker, recovery of interrupted calls).

Telephony and ASR never see ticketing: this module is where they meet.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hotline.asr.engine import EngineUnavailable
from hotline.asr.model import ModelError
from hotline.asr.service import AsrService, CallTranscription
from hotline.asr.transcript import Partial, Transcript
from hotline.held_partials import HeldPartials
from hotline.telephony.events import (
    AudioReceived,
    CallAnswered,
    CallCancelled,
    CallEvent,
    CallFinished,
    CallTakenOver,
    DtmfReceived,
)
from hotline.telephony.listener import ListenerOptions, SipListener, TakeRefused
from hotline.telephony.recording import repair_recordings
from hotline.ticketing.intake.records import (
    CallTranscribed,
    DraftOpened,
    IntakeRecord,
    TranscriptionQueued,
)
from hotline.ticketing.intake.service import IntakeService
from hotline.ticketing.intake.store_port import AppliedChange, IntakeStore
from hotline.ticketing.intake.writer import IntakeWriter
from hotline.ticketing.notify import DraftNotice, DraftNotifier
from hotline.ticketing.web.metrics import observe_call_quality

log = logging.getLogger(__name__)

SAMPLE_RATE = 8000
# The caller asks for a person: key 0 or the word in a partial transcript (no menu is read).
PERSON_KEY = "0"
PERSON_WORD = "人工"


@dataclass
class _Call:
    """What the runtime keeps per call between CallAnswered and CallFinished."""

    event: CallAnswered
    opened: asyncio.Event = field(default_factory=asyncio.Event)
    transcription: CallTranscription | None = None
    early_audio: list[bytes] = field(default_factory=list)  # frames before the stream opened
    finished: asyncio.Task[None] | None = None


class IntakeRuntime:
    def __init__(
        self,
        listener_options: ListenerOptions,
        asr: AsrService | None,
        service: IntakeService,
        writer: IntakeWriter,
        store: IntakeStore,
        *,
        notifier: DraftNotifier | None = None,
        publish: Callable[[AppliedChange], None] | None = None,
        listener_factory: Callable[..., SipListener] = SipListener,
        person_phone: str | None = None,  # where 0 / 人工 transfers the caller (None: off)
    ) -> None:
        self.person_phone = person_phone
        self.listener = listener_factory(listener_options, self.on_call_event)
        self.recordings_dir = service.recordings_dir  # what recording refs are relative to
        # Where this node records (its folder of a shared volume): the only files it repairs.
        self.own_recordings = listener_options.recordings_dir
        self.asr = asr
        self.service = service
        self.writer = writer
        self.store = store
        self.notifier = notifier
        self.publish = publish
        self.calls: dict[str, _Call] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._held_partials = HeldPartials(self.service.release_partial)
        # Hang-up handling in progress, with the call it finishes; how long SIGTERM waits
        # for it (after the calls themselves) before queueing what is left.
        self.finish_timeout = 30.0
        self._finishing: dict[asyncio.Task[Any], CallFinished] = {}
        self.writer.on_change = self._on_change
        self._started_at = datetime.now(UTC)
        self._repaired: list[Path] = []
        self._backlog_started = False
        self._recovered = False

    # ---- life cycle ---------------------------------------------------------------------

    async def start(self, *, database_ready: bool = True) -> None:
        """Start taking calls. Without the database (`database_ready=False`) records go to
        the journal until `database_ready()` is called."""
        self._started_at = datetime.now(UTC)
        self._repaired = await asyncio.to_thread(repair_recordings, self.own_recordings)
        # Replays a journal left by an outage or a crash, or holds it for later.
        await self.writer.start(hold=not database_ready)
        if self.notifier is not None:
            await self.notifier.start()
        await self._start_asr_engine()
        if database_ready:
            await self.database_ready()
        await self.listener.start()
        log.info("SIP listener on %s:%d", self.listener.options.host, self.listener.port)

    async def database_ready(self) -> None:
        """The database is migrated and answering: write the journal, start the ASR backlog
        worker, complete calls a crash interrupted. Safe to call again after a failure."""
        await self.writer.resume()
        if self.asr is not None and not self._backlog_started:
            await self.asr.worker.start()
            self._backlog_started = True
        if not self._recovered:
            for path in await self._interrupted_recordings(self._repaired, self._started_at):
                await self._recover(path)
            self._recovered = True

    async def _start_asr_engine(self) -> None:
        """Load the model: what live transcription needs (no database). A missing or broken
        model is logged; calls are then queued until it is installed."""
        if self.asr is None:
            return
        try:
            await self.asr.engine.start()
        except (ModelError, EngineUnavailable) as exc:
            log.error("ASR not available, calls will be transcribed once it is: %s", exc)
            self.asr.worker.engine_problem = str(exc)

    async def shutdown(self, grace_seconds: float) -> None:
        """SIGTERM: 503 to new INVITEs, let calls finish (up to grace), then stop everything."""
        await self.listener.stop_accepting()
        log.info(
            "shutting down: new calls get 503; waiting up to %.0f s for %d call(s)",
            grace_seconds,
            self.listener.active_calls,
        )
        if not await self.listener.wait_idle(grace_seconds):
            log.warning("grace period over: hanging up %d call(s)", self.listener.active_calls)
        await self.listener.close()  # hangs up what is left ("shutdown"): still recorded
        # Hang-up handling (final transcript, ticket write) of the last calls must finish
        # before the ASR engine closes.
        if self._finishing:
            await asyncio.wait(set(self._finishing), timeout=self.finish_timeout)
        await self._queue_unfinished()
        with contextlib.suppress(TimeoutError):
            await self.writer.drain(30)
        if self.asr is not None:
            await self.asr.stop()
        await self.writer.close()
        if self.notifier is not None:
            await self.notifier.close()

    async def _queue_unfinished(self) -> None:
        """Calls whose live transcript is still not final at shutdown (ASR far behind):
        queued for the backlog, which any node drains, rather than left as drafts without a
        transcript that nobody would complete (a stopped node is not taken over)."""
        left = dict(self._finishing)
        for task in left:
            task.cancel()
        await asyncio.gather(*left, return_exceptions=True)
        for ev in left.values():
            log.warning("call %s: transcript not final at shutdown, queued", ev.call_id)
            self._hand_over(ev, None, "shutdown")

    # ---- call events (synchronous callback from the listener, on the loop) --------------

    def on_call_event(self, event: CallEvent) -> None:
        if isinstance(event, CallAnswered):
            call = _Call(event)
            self.calls[event.call_id] = call
            self._spawn(self._answered(call))
        elif isinstance(event, AudioReceived):
            call = self.calls.get(event.call_id)
            if call is None:
                return
            if call.transcription is not None:
                call.transcription.feed(event.pcm)
            elif not call.opened.is_set():
                call.early_audio.append(event.pcm)
        elif isinstance(event, CallFinished):
            call = self.calls.get(event.call_id)
            if call is not None:
                call.finished = self._spawn(self._finished(call, event))
                self._finishing[call.finished] = event
                call.finished.add_done_callback(lambda t: self._finishing.pop(t, None))
        elif isinstance(event, DtmfReceived):
            if event.digit == PERSON_KEY:
                self._caller_asks(event.call_id)
        elif isinstance(event, CallTakenOver):
            self.service.taken_over(
                event.call_id, by=event.by, target=event.target, method=event.method, at=event.at
            )
        elif isinstance(event, CallCancelled):
            pass  # cancelled before answer: no recording, no ticket

    # ---- 转人工 ---------------------------------------------------------------------------

    def take_call(self, call_id: str, by: str, phone: str) -> str | None:
        """`by` takes the live call over on `phone`; returns why not ("gone", "taken",
        "not_answered") or None once the transfer is under way."""
        try:
            self.listener.take(call_id, phone, by)
        except TakeRefused as refused:
            return refused.reason
        log.info("call %s: %s takes it over on %s", call_id, by, phone)
        return None

    def live_call_ids(self) -> list[str]:
        return self.listener.live_call_ids()

    def _caller_asks(self, call_id: str) -> None:
        if self.person_phone is None or call_id not in self.listener.live_call_ids():
            return
        self.take_call(call_id, "caller", self.person_phone)

    async def _answered(self, call: _Call) -> None:
        ev = call.event
        reason: str | None = "ASR disabled"
        try:
            if self.asr is not None:
                call.transcription = await self.asr.open_call(
                    ev.call_id,
                    SAMPLE_RATE,
                    on_partial=lambda p: self._partial(ev.call_id, p),
                )
                reason = call.transcription.queued_reason
                for frame in call.early_audio:
                    call.transcription.feed(frame)
        except Exception:
            log.exception("opening ASR for %s failed; it will be queued", ev.call_id)
            reason = "ASR error"
        finally:
            call.early_audio.clear()
            call.opened.set()
        live = call.transcription is not None and call.transcription.live
        self.service.answered(
            call_id=ev.call_id,
            caller=ev.caller,
            called=ev.called,
            forwarded_from=ev.forwarded_from,
            answered_at=ev.answered_at,
            recording_path=ev.recording_path,
            transcription_pending=not live,
        )
        if not live:
            log.info("call %s: no live transcription (%s)", ev.call_id, reason)

    def _partial(self, call_id: str, partial: Partial) -> None:
        self._held_partials.hold(call_id, self.service.partial(call_id, partial.text))
        if PERSON_WORD in partial.text.replace(" ", ""):
            self._caller_asks(call_id)

    async def _finished(self, call: _Call, ev: CallFinished) -> None:
        hung_up = time.monotonic()
        if ev.quality is not None:
            q = ev.quality
            rtt = q.rtt_ms / 1000 if q.rtt_ms is not None else None
            observe_call_quality(q.mos, rtt, q.poor)
            (log.warning if q.poor else log.info)(
                "call %s audio: loss %.1f %%, jitter %.1f ms, RTT %s, MOS %.2f%s",
                ev.call_id,
                q.loss_ratio * 100,
                q.jitter_ms,
                f"{q.rtt_ms:.0f} ms" if q.rtt_ms is not None else "unknown",
                q.mos,
                " (too poor to transcribe well)" if q.poor else "",
            )
            await call.opened.wait()  # the draft is opened first: the figures go on it
            self.service.quality(
                ev.call_id,
                loss_ratio=q.loss_ratio,
                jitter_ms=q.jitter_ms,
                rtt_ms=q.rtt_ms,
                mos=q.mos,
                poor=q.poor,
            )
        await call.opened.wait()
        self.calls.pop(ev.call_id, None)
        transcript: Transcript | None = None
        reason: str | None = None
        ct = call.transcription
        try:
            if ct is None:
                reason = "ASR unavailable"
            elif not ev.heard_speech:
                await ct.abort()
            else:
                reason = ct.queued_reason
                transcript = await ct.finish(ev.recording_path)
                if transcript is None:
                    reason = ct.queued_reason or "queued"
        except Exception as exc:
            # e.g. the backlog insert failed because the database is down: the
            # TranscriptionQueued record below is journaled and enqueues on replay.
            log.warning("call %s: transcription queued through intake (%s)", ev.call_id, exc)
            reason = str(exc) or type(exc).__name__
            transcript = None
        log.info(
            "call %s ended (%s, %.1f s): transcript %s after %.2f s",
            ev.call_id,
            ev.reason,
            ev.duration_seconds,
            "ready" if transcript is not None else f"not live ({reason})",
            time.monotonic() - hung_up,
        )
        self._hand_over(ev, transcript, reason)

    def _hand_over(
        self, ev: CallFinished, transcript: Transcript | None, reason: str | None
    ) -> None:
        """The finished call to intake: its live transcript, or queued with `reason`."""
        self.service.finished(
            call_id=ev.call_id,
            ended_at=ev.ended_at,
            recording_path=ev.recording_path,
            heard_speech=ev.heard_speech,
            transcript=transcript,
            pending_reason=reason,
            finish_reason=ev.reason,
        )

    # ---- ASR backlog → intake -----------------------------------------------------------

    async def on_transcription_done(self, key: str, transcript: Transcript) -> None:
        """BacklogWorker on_done: waits until the result is stored (or journaled)."""
        records: list[Any] = []
        emit = self.service.emit
        self.service.emit = records.append
        try:
            self.service.transcribed(key, transcript, source="backlog")
        finally:
            self.service.emit = emit
        for record in records:
            await self.writer.write(record)

    async def on_transcription_failed(self, key: str, error: str) -> None:
        log.error("transcription of call %s failed for good: %s", key, error)

    # ---- crash recovery -----------------------------------------------------------------

    async def recover_node(
        self, records: list[IntakeRecord], recordings: Path, *, quiet_seconds: float
    ) -> int:
        """Another node died and did not come back (hotline/node_takeover.py): its journal's
        records, then its interrupted calls — what it would recover on restart. Files written
        to in the last `quiet_seconds` are left alone (a live node's). Returns the calls."""
        for record in records:
            await self.writer.write(record)
        quiet = time.time() - quiet_seconds
        repaired = await asyncio.to_thread(repair_recordings, recordings, quiet_seconds)
        found = await self._interrupted_recordings(repaired, datetime.now(UTC), recordings)
        # Repairing wrote to a file: its quiet time was checked before.
        found = [p for p in found if p in repaired or p.stat().st_mtime < quiet]
        for path in found:
            await self._recover(path)
        return len(found)

    async def _interrupted_recordings(
        self, repaired: list[Path], started_at: datetime, folder: Path | None = None
    ) -> list[Path]:
        """Recordings of calls a node did not finish handling: headers repaired after a
        crash, plus drafts left with neither transcript nor backlog job (the process died
        between hang-up and storing the result). Only that node's recordings (`folder`,
        default this node's sub-folder of a shared volume): another's may be being written."""
        found = {self.service.recording_ref(p): p for p in repaired}
        own = (folder or self.own_recordings).resolve()
        try:
            drafts = await asyncio.to_thread(self.store.unfinished_drafts, started_at)
        except Exception as exc:  # database down at start: the journal path takes over
            log.warning("recovery: cannot list unfinished drafts: %s", exc)
            drafts = []
        for t in drafts:
            path = self.recordings_dir / str(t.recording_ref)
            if t.recording_ref and path.resolve().is_relative_to(own) and path.is_file():
                found.setdefault(t.recording_ref, path)
        if found:
            log.warning("recovery: %d interrupted call(s) to complete", len(found))
        return list(found.values())

    async def _recover(self, path: Path) -> None:
        """A recording cut short by a crash: make sure it has a draft and is transcribed."""
        ref = self.service.recording_ref(path)
        ticket = await asyncio.to_thread(self._by_ref, ref)
        if ticket is None:
            call_id = path.stem
            received = _started_at(path)
            log.warning("recording %s had no ticket: draft created for it", path)
            await self.writer.write(
                DraftOpened(
                    call_id=call_id,
                    received_at=received,
                    caller=None,
                    called=None,
                    forwarded_from=None,
                    recording_ref=ref,
                    transcription_pending=True,
                )
            )
        else:
            call_id = ticket.call_id or path.stem
            if ticket.transcript_words:
                return
        await self.writer.write(
            TranscriptionQueued(call_id=call_id, audio_path=str(path), reason="recovered")
        )
        if self.asr is not None:
            self.asr.worker.wake()

    def _by_ref(self, ref: str) -> Any:
        try:
            return self.store.by_recording_ref(ref)
        except Exception as exc:  # database down at start: the journal path takes over
            log.warning("recovery lookup for %s failed: %s", ref, exc)
            return None

    # ---- console and chat ---------------------------------------------------------------

    async def _on_change(self, change: AppliedChange) -> None:
        if self.publish is not None:
            try:
                self.publish(change)
            except Exception:
                log.exception("publishing ticket %s failed", change.ticket.id)
        if self.notifier is not None and _worth_a_notice(change):
            t = change.ticket
            assert t.id is not None
            self.notifier.submit(
                DraftNotice(
                    ticket_id=t.id,
                    received_at=t.received_at,
                    caller_number=t.caller_number,
                    text=t.machine_text,
                    suggested_unit=(t.routing_suggestion or {}).get("lead"),
                    transcription_pending=t.transcription_pending,
                    invalid=str(t.state) == "invalid",
                )
            )

    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task


def _worth_a_notice(change: AppliedChange) -> bool:
    """One notice per call, once the draft is worth reading: transcribed live, or pending.

    Silent calls (invalid) are not announced; a pending draft is not announced twice.
    """
    record = change.record
    if isinstance(record, CallTranscribed):
        return record.source == "live"
    return isinstance(record, TranscriptionQueued)


def _started_at(path: Path) -> datetime:
    """When a recovered recording began: its last write minus its length."""
    modified = datetime.fromtimestamp(os.stat(path).st_mtime, UTC)
    try:
        with wave.open(str(path)) as wav:
            seconds = wav.getnframes() / float(wav.getframerate() or SAMPLE_RATE)
    except (wave.Error, EOFError, OSError):
        seconds = 0.0
    return modified - timedelta(seconds=seconds)
