"""Intake: calls become draft tickets (两个马上 — register the moment a request arrives).

Three layers, so the decisions are testable without sockets or a database:

1. `IntakeRecord`s — the writes intake makes, as small JSON-able facts keyed by
   call id (a draft was opened, a partial was heard, the call was transcribed,
   was silent, its transcription was queued). `IntakeService` turns call events
   into records; nothing there does I/O.
2. `apply_record(store, record, ctx)` — writes one record through an
   `IntakeStore` (the ticket repository port). Idempotent by call id, so a
   record replayed from the journal after a database outage or a crash does
   no harm.
3. `IntakeWriter` — applies records in order on a worker thread, and when the
   database is unreachable appends them to the durable `IntakeJournal` and
   replays them, in order, when it returns. Nothing is lost; nothing blocks
   the call. Started "held" (`start(hold=True)`) it journals everything and
   does not touch the database until `resume()`: `hotline serve` starts that
   way when the database was unreachable at start-up (its schema may not even
   be migrated yet).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar, Protocol

from hotline.ticketing.commands import AttachTranscript, Command, MarkInvalid
from hotline.ticketing.errors import ConflictError
from hotline.ticketing.model import OPEN_STATES, Channel, State, Ticket, TranscriptWord

log = logging.getLogger(__name__)

FORWARDED_FROM_MAX = 100  # tickets.forwarded_from is VARCHAR(100)

# ---------------------------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeOptions:
    # Open tickets from the same number (or with similar content) this recent are duplicates.
    duplicate_window: timedelta = timedelta(days=3)
    # At most one partial-transcript write per call per this many seconds.
    partial_interval: float = 1.0
    # A transcript with fewer recognised words than this counts as an empty call.
    min_words: int = 1
    # Base URL for links in notices (the console).
    base_url: str = "http://127.0.0.1:8080"


# ---------------------------------------------------------------------------------------------
# Records: what intake writes (JSON lines in the journal)
# ---------------------------------------------------------------------------------------------


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


RECORD_TYPES: dict[str, type[IntakeRecord]] = {
    cls.kind: cls
    for cls in (DraftOpened, PartialHeard, CallTranscribed, TranscriptionQueued, CallSilent)
}


def record_from_json(line: str) -> IntakeRecord:
    data = json.loads(line)
    cls = RECORD_TYPES[data.pop("kind")]
    for f in dataclasses.fields(cls):
        value = data.get(f.name)
        if value is None:
            continue
        if f.name in ("received_at", "ended_at"):
            data[f.name] = datetime.fromisoformat(value)
        elif f.name in ("words", "numbers"):
            data[f.name] = tuple(value)
    return cls(**data)


# ---------------------------------------------------------------------------------------------
# The service: call events → records (no I/O)
# ---------------------------------------------------------------------------------------------


class PartialThrottle:
    """Lets a partial through at most once per `interval` seconds per call (clock injected)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self.clock = clock
        self._last: dict[str, tuple[float, str]] = {}

    def allow(self, call_id: str, text: str) -> bool:
        now = self.clock()
        last = self._last.get(call_id)
        if last is not None and (last[1] == text or now - last[0] < self.interval):
            return False
        self._last[call_id] = (now, text)
        return True

    def forget(self, call_id: str) -> None:
        self._last.pop(call_id, None)


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

    def partial(self, call_id: str, text: str) -> None:
        if text.strip() and self.throttle.allow(call_id, text):
            self.emit(PartialHeard(call_id=call_id, text=text))

    def finished(
        self,
        *,
        call_id: str,
        ended_at: datetime,
        recording_path: Path,
        heard_speech: bool,
        transcript: TranscriptLike | None,
        pending_reason: str | None,
    ) -> None:
        """Hang-up. `transcript` is the live result, or None with `pending_reason` set."""
        self.throttle.forget(call_id)
        if not heard_speech:
            self.emit(CallSilent(call_id=call_id, reason="无声来电（未检测到语音）"))
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


# ---------------------------------------------------------------------------------------------
# Applying records to tickets (idempotent by call id)
# ---------------------------------------------------------------------------------------------


class IntakeStore(Protocol):
    """The ticket repository as intake needs it. Blocking; called on a worker thread.

    `apply_command` runs a workflow command as the SYSTEM actor and saves;
    `save` writes machine fields (no history line) with the ticket's version.
    Both raise ConflictError when an operator saved the ticket in between.
    """

    def by_call_id(self, call_id: str) -> Ticket | None: ...

    def by_recording_ref(self, recording_ref: str) -> Ticket | None: ...

    def create(self, ticket: Ticket) -> Ticket: ...

    def save(self, ticket: Ticket) -> Ticket: ...

    def apply_command(self, ticket_id: int, command: Command) -> Ticket: ...

    def open_tickets_since(self, since: datetime) -> list[Ticket]: ...

    def unfinished_drafts(self, received_before: datetime) -> list[Ticket]:
        """Drafts with no transcript that are not waiting in the backlog either: their call
        never reached hang-up handling (the process died)."""
        ...

    def enqueue_transcription(self, call_id: str, audio_path: str) -> None: ...


@dataclass(frozen=True)
class AppliedChange:
    """What the writer tells the console and the chat after a record was stored."""

    kind: str  # "created" | "updated"
    ticket: Ticket
    record: IntakeRecord


DuplicateFn = Callable[[Ticket, Sequence[Ticket]], list[int]]


def same_number_duplicates(ticket: Ticket, candidates: Sequence[Ticket]) -> list[int]:
    """Open tickets reachable on the same number (caller or dictated callback number)."""
    mine = {n for n in (ticket.caller_number, ticket.callback_number) if n}
    out = []
    for other in candidates:
        if other.id is None or other.id == ticket.id or other.state not in OPEN_STATES:
            continue
        if mine & {n for n in (other.caller_number, other.callback_number) if n}:
            out.append(other.id)
    return out


@dataclass
class ApplyContext:
    options: IntakeOptions = field(default_factory=IntakeOptions)
    find_duplicates: DuplicateFn = same_number_duplicates


def apply_record(
    store: IntakeStore, record: IntakeRecord, ctx: ApplyContext
) -> AppliedChange | None:
    """Write one record. Returns what changed, or None when there was nothing to do."""
    for attempt in range(3):
        try:
            return _APPLY[type(record)](store, record, ctx)
        except ConflictError:
            # An operator saved the draft in between: reload and apply again.
            if attempt == 2:
                raise
    return None


def _duplicates(store: IntakeStore, ticket: Ticket, ctx: ApplyContext) -> tuple[int, ...]:
    since = ticket.received_at - ctx.options.duplicate_window
    found = ctx.find_duplicates(ticket, store.open_tickets_since(since))
    merged = dict.fromkeys([*ticket.duplicate_candidates, *found])
    return tuple(i for i in merged if i != ticket.id)


def _apply_draft_opened(
    store: IntakeStore, rec: DraftOpened, ctx: ApplyContext
) -> AppliedChange | None:
    if store.by_call_id(rec.call_id) is not None:
        return None
    ticket = Ticket(
        received_at=rec.received_at,
        state=State.DRAFT,
        channel=Channel.PHONE,
        caller_number=rec.caller,
        called_number=rec.called,
        # A SIP user part has no length limit; the column has (and a refused insert
        # would keep the draft out of the database).
        forwarded_from=rec.forwarded_from[:FORWARDED_FROM_MAX] if rec.forwarded_from else None,
        call_id=rec.call_id,
        recording_ref=rec.recording_ref,
        transcription_pending=rec.transcription_pending,
    )
    ticket.duplicate_candidates = _duplicates(store, ticket, ctx)
    return AppliedChange("created", store.create(ticket), rec)


def _apply_partial(
    store: IntakeStore, rec: PartialHeard, ctx: ApplyContext
) -> AppliedChange | None:
    ticket = store.by_call_id(rec.call_id)
    # Only a draft still waiting for its final transcript shows partials.
    if ticket is None or ticket.state is not State.DRAFT or ticket.transcript_words:
        return None
    if ticket.machine_text == rec.text:
        return None
    ticket.machine_text = rec.text
    return AppliedChange("updated", store.save(ticket), rec)


def _apply_transcribed(
    store: IntakeStore, rec: CallTranscribed, ctx: ApplyContext
) -> AppliedChange | None:
    ticket = store.by_call_id(rec.call_id)
    if ticket is None:
        log.error("transcript for call %s but no ticket: kept in the log only", rec.call_id)
        return None
    words = tuple(TranscriptWord.from_dict(w) for w in rec.words)
    if tuple(ticket.transcript_words) == words and not ticket.transcription_pending:
        return None  # replayed
    fields = routing_fields(rec.routing, rec.numbers)
    # Routing prefills what the operator confirms; an operator's own edits win.
    if ticket.corrected_text is None:
        ticket.request_type = ticket.request_type or fields["request_type"]
        ticket.area_id = ticket.area_id or fields["area_id"]
        ticket.epidemic = ticket.epidemic or fields["epidemic"]
        ticket.callback_number = ticket.callback_number or fields["callback_number"]
    ticket.routing_suggestion = fields["suggestion"]
    ticket.machine_text = rec.text  # duplicates are looked for on the final text
    ticket.duplicate_candidates = _duplicates(store, ticket, ctx)
    # The suggestion is stored before the words (two writes): whoever sees the transcript
    # sees its routing too. A crash in between redoes both (no words yet).
    ticket = store.save(ticket)
    assert ticket.id is not None
    ticket = store.apply_command(ticket.id, AttachTranscript(text=rec.text, words=words))
    return AppliedChange("updated", ticket, rec)


def _apply_queued(
    store: IntakeStore, rec: TranscriptionQueued, ctx: ApplyContext
) -> AppliedChange | None:
    store.enqueue_transcription(rec.call_id, rec.audio_path)
    ticket = store.by_call_id(rec.call_id)
    if ticket is None or ticket.transcription_pending or ticket.transcript_words:
        return None
    ticket.transcription_pending = True
    return AppliedChange("updated", store.save(ticket), rec)


def _apply_silent(store: IntakeStore, rec: CallSilent, ctx: ApplyContext) -> AppliedChange | None:
    ticket = store.by_call_id(rec.call_id)
    if ticket is None or ticket.state is not State.DRAFT or ticket.transcript_words:
        return None
    if ticket.history and any(h.command == "mark_invalid" for h in ticket.history):
        return None  # an operator restored it once already: leave it to them
    assert ticket.id is not None
    if ticket.transcription_pending:
        ticket.transcription_pending = False
        ticket = store.save(ticket)
        assert ticket.id is not None
    ticket = store.apply_command(ticket.id, MarkInvalid(reason=rec.reason))
    return AppliedChange("updated", ticket, rec)


_APPLY: dict[
    type[IntakeRecord], Callable[[IntakeStore, Any, ApplyContext], AppliedChange | None]
] = {
    DraftOpened: _apply_draft_opened,
    PartialHeard: _apply_partial,
    CallTranscribed: _apply_transcribed,
    TranscriptionQueued: _apply_queued,
    CallSilent: _apply_silent,
}


def routing_fields(suggestion: dict[str, Any], numbers: Iterable[str] = ()) -> dict[str, Any]:
    """Map a routing suggestion (the `hotline route` JSON shape) to ticket fields.

    Keys read: department (lead unit or area id), alternatives [{department, score}],
    category, area, epidemic, confidence, explanation, callback_number.
    """
    callback = suggestion.get("callback_number")
    if not callback:
        # Fall back to a dictated mobile number the ASR normalised.
        callback = next((n for n in numbers if len(n) == 11 and n.startswith("1")), None)
    kept = {
        "type": suggestion.get("category"),
        "lead": suggestion.get("department"),
        "alternatives": list(suggestion.get("alternatives") or []),
        "area": suggestion.get("area"),
        "epidemic": bool(suggestion.get("epidemic", False)),
        "callback_number": callback,
        "confidence": suggestion.get("confidence"),
        "explanation": suggestion.get("explanation", ""),
    }
    return {
        "request_type": kept["type"],
        "area_id": kept["area"],
        "epidemic": kept["epidemic"],
        "callback_number": callback,
        "suggestion": kept,
    }


# ---------------------------------------------------------------------------------------------
# The durable journal (database outage) and the writer
# ---------------------------------------------------------------------------------------------


class IntakeJournal:
    """Append-only JSON lines, fsynced per record. Replay removes what was applied."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def append(self, record: IntakeRecord) -> None:
        line = record.to_json() + "\n"
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)

    def pending(self) -> list[IntakeRecord]:
        if not self.path.exists():
            return []
        out = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append(record_from_json(line))
            except (ValueError, KeyError, TypeError):
                # A torn last line after a crash mid-write; earlier lines are intact.
                log.error("%s:%d: unreadable journal line skipped: %r", self.path, n, line[:200])
        return out

    def __len__(self) -> int:
        return len(self.pending())

    def reject(self, record: IntakeRecord, error: str) -> None:
        """Keep a record the database refused for a reason other than an outage (a bug, bad
        data) beside the journal, so an administrator can look at it: nothing is dropped."""
        line = json.dumps(
            {"error": error, "record": json.loads(record.to_json())}, ensure_ascii=False
        )
        with (
            self._lock,
            open(self.path.with_suffix(".rejected.jsonl"), "a", encoding="utf-8") as fh,
        ):
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def drop_first(self, count: int) -> None:
        """Remove the first `count` records (they are in the database now), atomically."""
        with self._lock:
            rest = self.pending()[count:]
            tmp = self.path.with_suffix(".tmp")
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.writelines(r.to_json() + "\n" for r in rest)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            _fsync_dir(self.path.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def is_outage(exc: BaseException) -> bool:
    """The database is unreachable (as opposed to a bug or a domain error)."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


OnChange = Callable[[AppliedChange], Awaitable[None] | None]


class IntakeWriter:
    """Applies records one at a time, in order, off the event loop.

    While the database is unreachable every record (partials excepted) is
    journaled; a retry loop replays the journal in order once it answers again.
    While held, records are journaled without trying the database at all.
    `submit` never blocks and never raises.
    """

    def __init__(
        self,
        store: IntakeStore,
        journal: IntakeJournal,
        ctx: ApplyContext,
        *,
        on_change: OnChange | None = None,
        retry_seconds: float = 2.0,
    ) -> None:
        self.store = store
        self.journal = journal
        self.ctx = ctx
        self.on_change = on_change
        self.retry_seconds = retry_seconds
        self.degraded = False  # True while records go to the journal
        self.held = False  # True until resume(): journal only, no database access
        # A None record is resume()'s wake-up call for the writer task.
        self._queue: asyncio.Queue[tuple[IntakeRecord | None, asyncio.Future[None] | None]] = (
            asyncio.Queue()
        )
        self._task: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    async def start(self, *, hold: bool = False) -> None:
        """Start writing; with `hold`, journal everything until `resume()`."""
        if hold:
            self.held = self.degraded = True
        else:
            # Records left from an outage or a crash come first, before anything new.
            self.degraded = len(self.journal) > 0
            if self.degraded:
                await self._replay()
        self._task = asyncio.create_task(self._run(), name="intake-writer")

    async def resume(self) -> None:
        """The database is usable: replay the journal (in the writer task, so in order with
        new records) and write directly from now on. Returns after the replay attempt; if the
        database went away again, the writer keeps retrying on its own."""
        if not self.held:
            return
        self.held = False
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._idle.clear()
        self._queue.put_nowait((None, done))
        await done

    def submit(self, record: IntakeRecord) -> None:
        self._idle.clear()
        self._queue.put_nowait((record, None))

    async def write(self, record: IntakeRecord) -> None:
        """Submit and wait until the record is in the database or the journal."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._idle.clear()
        self._queue.put_nowait((record, done))
        await done

    async def drain(self, timeout: float | None = None) -> None:
        """Wait until everything submitted is in the database or the journal."""
        await asyncio.wait_for(self._wait_idle(), timeout)

    async def _wait_idle(self) -> None:
        while not (self._queue.empty() and self._idle.is_set()):
            await self._idle.wait()
            await asyncio.sleep(0)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        # Anything still queued goes to the journal so a restart applies it.
        while not self._queue.empty():
            record, done = self._queue.get_nowait()
            if record is not None and not isinstance(record, PartialHeard):
                self.journal.append(record)
            if done is not None and not done.done():
                done.set_result(None)

    async def _run(self) -> None:
        while True:
            retrying = self.degraded and not self.held
            if retrying:
                await self._replay()
            try:
                record, done = await asyncio.wait_for(
                    self._queue.get(), self.retry_seconds if retrying else None
                )
            except TimeoutError:
                continue
            try:
                if record is None:  # resume(): replay now rather than after a timeout
                    if self.degraded:
                        await self._replay()
                    continue
                await self._handle(record)
            finally:
                if done is not None and not done.done():
                    done.set_result(None)
                if self._queue.empty():
                    self._idle.set()

    async def _handle(self, record: IntakeRecord) -> None:
        if self.degraded:
            if not isinstance(record, PartialHeard):
                await asyncio.to_thread(self.journal.append, record)
            return
        started = time.monotonic()
        try:
            change = await asyncio.to_thread(apply_record, self.store, record, self.ctx)
        except Exception as exc:
            if is_outage(exc):
                log.warning("database unreachable (%s): journaling intake records", exc)
                self.degraded = True
                if not isinstance(record, PartialHeard):
                    await asyncio.to_thread(self.journal.append, record)
                return
            log.exception("intake record %s for call %s failed", record.kind, record.call_id)
            if not isinstance(record, PartialHeard):
                await asyncio.to_thread(self.journal.reject, record, repr(exc))
            return
        if not isinstance(record, PartialHeard):
            log.info(
                "call %s: %s stored in %.3f s (%d waiting)",
                record.call_id,
                record.kind,
                time.monotonic() - started,
                self._queue.qsize(),
            )
        await self._announce(change)

    async def _replay(self) -> None:
        records = await asyncio.to_thread(self.journal.pending)
        done = 0
        try:
            for record in records:
                try:
                    change = await asyncio.to_thread(apply_record, self.store, record, self.ctx)
                except Exception as exc:
                    if is_outage(exc):
                        raise
                    log.exception("journaled %s for call %s failed", record.kind, record.call_id)
                    await asyncio.to_thread(self.journal.reject, record, repr(exc))
                    change = None
                done += 1
                await self._announce(change)
        except Exception as exc:
            log.info("database still unreachable (%s); %d journaled", exc, len(records) - done)
            return
        finally:
            if done:
                await asyncio.to_thread(self.journal.drop_first, done)
        if done:
            log.warning("database back: %d journaled intake records written", done)
        self.degraded = False

    async def _announce(self, change: AppliedChange | None) -> None:
        if change is None or self.on_change is None:
            return
        try:
            result = self.on_change(change)
            if result is not None:
                await result
        except Exception:
            log.exception("intake change listener failed")
