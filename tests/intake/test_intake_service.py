"""Intake decisions and record application, with the real workflow table."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hotline.ticketing.intake.journal import IntakeJournal
from hotline.ticketing.intake.records import (
    CallSilent,
    CallTranscribed,
    DraftOpened,
    IntakeRecord,
    PartialHeard,
    TranscriptionQueued,
    record_from_json,
)
from hotline.ticketing.intake.routing_fields import routing_fields
from hotline.ticketing.intake.service import IntakeService, PartialThrottle
from hotline.ticketing.intake.store_port import ApplyContext, apply_record
from hotline.ticketing.intake.writer import IntakeWriter
from hotline.ticketing.model import State

from .memory_store import MemoryStore

T0 = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


@dataclass
class W:
    word: str
    start: float
    end: float
    conf: float


@dataclass
class FakeTranscript:
    text: str
    words: list[W] = field(default_factory=list)
    duration: float = 3.0
    numbers: tuple[str, ...] = ()


def _route(text: str) -> dict[str, Any]:
    return {
        "department": "water",
        "alternatives": [{"department": "housing", "score": 0.3}],
        "category": "complaint",
        "area": "bayuquan_street",
        "epidemic": False,
        "confidence": 0.8,
        "explanation": "停水 → water",
    }


def _service(records: list[IntakeRecord], tmp_path: Path) -> IntakeService:
    return IntakeService(records.append, recordings_dir=tmp_path, route=_route)


def _answer(
    svc: IntakeService, tmp_path: Path, call_id: str = "c1", caller: str = "13800001234"
) -> None:
    svc.answered(
        call_id=call_id,
        caller=caller,
        called="12345",
        forwarded_from="8890",
        answered_at=T0,
        recording_path=tmp_path / "2026/03/01" / f"{call_id}.wav",
        transcription_pending=False,
    )


def _finish(svc: IntakeService, tmp_path: Path, transcript: FakeTranscript) -> None:
    """The caller of `_answer` spoke `transcript` and hung up five seconds in."""
    svc.finished(
        call_id="c1",
        ended_at=T0 + timedelta(seconds=5),
        recording_path=tmp_path / "2026/03/01/c1.wav",
        heard_speech=True,
        transcript=transcript,
        pending_reason=None,
    )


def test_answer_opens_a_draft_with_relative_recording(tmp_path: Path) -> None:
    records: list[IntakeRecord] = []
    _answer(_service(records, tmp_path), tmp_path)
    (rec,) = records
    assert isinstance(rec, DraftOpened)
    assert rec.received_at == T0 and rec.recording_ref == "2026/03/01/c1.wav"
    assert record_from_json(rec.to_json()) == rec


def test_partials_are_throttled() -> None:
    clock = [0.0]
    throttle = PartialThrottle(1.0, lambda: clock[0])
    assert throttle.allow("c", "一")
    assert not throttle.allow("c", "一二")  # too soon
    clock[0] = 1.5
    assert throttle.allow("c", "一二")
    assert not throttle.allow("c", "一二")  # unchanged
    assert throttle.allow("other", "x")


def test_silent_call_and_empty_transcript_become_silent_records(tmp_path: Path) -> None:
    records: list[IntakeRecord] = []
    svc = _service(records, tmp_path)
    kw = dict(ended_at=T0, recording_path=tmp_path / "x.wav", pending_reason=None)
    svc.finished(call_id="a", heard_speech=False, transcript=FakeTranscript("你好"), **kw)
    svc.finished(call_id="b", heard_speech=True, transcript=FakeTranscript(""), **kw)
    assert [type(r) for r in records] == [CallSilent, CallSilent]


def test_no_transcript_queues_the_recording(tmp_path: Path) -> None:
    records: list[IntakeRecord] = []
    svc = _service(records, tmp_path)
    svc.finished(
        call_id="a",
        ended_at=T0,
        recording_path=tmp_path / "a.wav",
        heard_speech=True,
        transcript=None,
        pending_reason="capacity",
    )
    (rec,) = records
    assert isinstance(rec, TranscriptionQueued) and rec.reason == "capacity"


def test_routing_fields_fall_back_to_dictated_number() -> None:
    fields = routing_fields({"category": "help"}, numbers=("26", "13912345678"))
    assert fields["callback_number"] == "13912345678"
    assert fields["suggestion"]["type"] == "help"


def test_full_call_writes_draft_transcript_routing_and_is_idempotent(tmp_path: Path) -> None:
    store, ctx = MemoryStore(), ApplyContext()
    records: list[IntakeRecord] = []
    svc = _service(records, tmp_path)
    _answer(svc, tmp_path)
    svc.partial("c1", "小区")
    words = [W("小区", 0.1, 0.5, 0.9), W("停水", 0.6, 1.0, 0.7)]
    _finish(svc, tmp_path, FakeTranscript("小区停水", words))
    for rec in records:
        apply_record(store, rec, ctx)
    (t,) = store.tickets.values()
    assert t.state is State.DRAFT and t.received_at == T0 and t.call_id == "c1"
    assert t.caller_number == "13800001234" and t.called_number == "12345"
    assert t.machine_text == "小区停水" and [w.word for w in t.transcript_words] == ["小区", "停水"]
    assert t.routing_suggestion["lead"] == "water" and t.request_type == "complaint"
    assert t.dispatch_due_at == T0 + timedelta(minutes=30)
    assert t.forwarded_from == "8890"  # its own field, kept when the transcript arrives
    version = t.version
    # Replaying every record (journal after a crash) changes nothing.
    for rec in records:
        assert apply_record(store, rec, ctx) is None
    assert store.tickets[t.id].version == version and len(store.tickets) == 1


def test_every_stored_version_with_words_has_its_routing(tmp_path: Path) -> None:
    # The console and `hotline tickets` read between intake's writes: the transcript must
    # never be visible without its routing suggestion.
    store, ctx = MemoryStore(), ApplyContext()
    stored: list[Any] = []
    real_save = store.save

    def save(ticket: Any) -> Any:
        stored.append(real_save(ticket))
        return stored[-1]

    store.save = save  # type: ignore[method-assign]
    records: list[IntakeRecord] = []
    svc = _service(records, tmp_path)
    _answer(svc, tmp_path)
    _finish(svc, tmp_path, FakeTranscript("小区停水", [W("小区停水", 0.1, 1.0, 0.9)]))
    for rec in records:
        apply_record(store, rec, ctx)
    with_words = [t for t in stored if t.transcript_words]
    assert with_words and all(t.routing_suggestion.get("lead") == "water" for t in with_words)


def test_silent_call_is_invalid_and_restorable(tmp_path: Path) -> None:
    from hotline.ticketing import workflow
    from hotline.ticketing.commands import Restore
    from hotline.ticketing.users import Actor, Role

    store, ctx = MemoryStore(), ApplyContext()
    apply_record(store, DraftOpened("s", T0, "139", None, None, "s.wav"), ctx)
    apply_record(store, CallSilent("s", "无声来电"), ctx)
    (t,) = store.tickets.values()
    assert t.state is State.INVALID and t.history[-1].reason == "无声来电"
    op = Actor("op", Role.OPERATOR)
    workflow.apply(
        t, Restore(reason="有内容"), op, now=T0, policy=store.policy, catalog=store.catalog
    )
    assert t.state is State.DRAFT


def test_repeated_call_from_same_number_is_a_duplicate_candidate(tmp_path: Path) -> None:
    store, ctx = MemoryStore(), ApplyContext()
    apply_record(store, DraftOpened("a", T0, "13800001234", None, None, "a.wav"), ctx)
    apply_record(
        store, DraftOpened("b", T0 + timedelta(hours=1), "13800001234", None, None, "b.wav"), ctx
    )
    apply_record(
        store, DraftOpened("c", T0 + timedelta(hours=1), "13900000000", None, None, "c.wav"), ctx
    )
    first, second, third = store.tickets.values()
    assert second.duplicate_candidates == (first.id,)
    assert third.duplicate_candidates == ()


def test_backlog_transcript_completes_a_pending_draft(tmp_path: Path) -> None:
    store, ctx = MemoryStore(), ApplyContext()
    apply_record(store, DraftOpened("p", T0, "1", None, None, "p.wav", True), ctx)
    apply_record(store, TranscriptionQueued("p", "/r/p.wav", "no model"), ctx)
    assert store.jobs == {"p": "/r/p.wav"}
    assert store.tickets[1].transcription_pending
    rec = CallTranscribed(
        "p",
        "你好",
        ({"word": "你好", "start": 0.1, "end": 0.4, "conf": 1.0},),
        1.0,
        source="backlog",
    )
    apply_record(store, rec, ctx)
    t = store.tickets[1]
    assert not t.transcription_pending and t.machine_text == "你好"


async def test_outage_journals_in_order_and_replays(tmp_path: Path) -> None:
    store = MemoryStore()
    journal = IntakeJournal(tmp_path / "journal.jsonl")
    changes: list[str] = []
    writer = IntakeWriter(
        store,
        journal,
        ApplyContext(),
        on_change=lambda c: changes.append(c.record.kind),
        retry_seconds=0.05,
    )
    await writer.start()
    store.down = True
    writer.submit(DraftOpened("x", T0, "1", None, None, "x.wav"))
    writer.submit(PartialHeard("x", "你"))  # dropped while down
    writer.submit(
        CallTranscribed("x", "你好", ({"word": "你好", "start": 0, "end": 1, "conf": 1},), 1.0)
    )
    await writer.drain(10)
    assert writer.degraded and [r.kind for r in journal.pending()] == [
        "draft_opened",
        "call_transcribed",
    ]
    assert not store.tickets
    store.down = False
    for _ in range(200):
        if not writer.degraded:
            break
        await asyncio.sleep(0.05)
    await writer.close()
    assert changes == ["draft_opened", "call_transcribed"]
    assert journal.pending() == []
    (t,) = store.tickets.values()
    assert t.machine_text == "你好"


async def test_journal_left_by_a_crash_is_replayed_at_start(tmp_path: Path) -> None:
    journal = IntakeJournal(tmp_path / "j.jsonl")
    journal.append(DraftOpened("k", T0, "1", None, None, "k.wav"))
    with open(journal.path, "a") as fh:
        fh.write('{"kind": "call_sil')  # torn line from SIGKILL mid-write
    store = MemoryStore()
    writer = IntakeWriter(store, journal, ApplyContext(), retry_seconds=0.05)
    await writer.start()
    for _ in range(200):
        if store.tickets:
            break
        await asyncio.sleep(0.05)
    await writer.close()
    assert [t.call_id for t in store.tickets.values()] == ["k"]


def test_conflict_with_an_operator_is_retried(tmp_path: Path) -> None:
    store, ctx = MemoryStore(), ApplyContext()
    apply_record(store, DraftOpened("c", T0, "1", None, None, "c.wav"), ctx)
    real_by_call_id = store.by_call_id
    calls = {"n": 0}

    def stale(call_id: str):  # first read returns a ticket an operator then saves
        t = real_by_call_id(call_id)
        calls["n"] += 1
        if calls["n"] == 1:
            other = real_by_call_id(call_id)
            other.caller_name = "张三"
            store.save(other)
        return t

    store.by_call_id = stale  # type: ignore[method-assign]
    apply_record(store, PartialHeard("c", "你好"), ctx)
    t = store.tickets[1]
    assert t.machine_text == "你好" and t.caller_name == "张三"


@pytest.mark.parametrize("line", ["", "   "])
def test_blank_journal_lines_are_ignored(tmp_path: Path, line: str) -> None:
    journal = IntakeJournal(tmp_path / "j.jsonl")
    journal.path.write_text(line + "\n")
    assert journal.pending() == []


async def test_a_record_the_database_refuses_is_kept_aside(tmp_path: Path) -> None:
    store = MemoryStore()
    journal = IntakeJournal(tmp_path / "journal.jsonl")
    writer = IntakeWriter(store, journal, ApplyContext())
    await writer.start()

    def broken(call_id: str) -> None:
        raise ValueError("bug")

    store.by_call_id = broken  # type: ignore[method-assign,assignment]
    writer.submit(CallSilent("z", "无声"))
    await writer.drain(10)
    await writer.close()
    rejected = (tmp_path / "journal.rejected.jsonl").read_text()
    assert '"call_silent"' in rejected and "bug" in rejected


def test_a_partial_that_came_too_soon_is_held_and_released_when_due() -> None:
    clock = [0.0]
    throttle = PartialThrottle(1.0, lambda: clock[0])
    assert throttle.allow("c", "一") and throttle.held_for("c") is None
    clock[0] = 0.3
    assert not throttle.allow("c", "一二")
    assert throttle.held_for("c") == pytest.approx(0.7)
    assert not throttle.allow("c", "一二三")  # the newest text is what is held
    assert throttle.release("c") is None  # not due yet: still held
    clock[0] = 1.0
    assert throttle.release("c") == "一二三"
    assert throttle.held_for("c") is None and throttle.release("c") is None
    clock[0] = 1.2
    assert not throttle.allow("c", "一二三")  # unchanged: nothing to hold
    assert throttle.held_for("c") is None
    assert not throttle.allow("c", "一二三四")
    throttle.forget("c")  # the call ended: the held text goes with it
    assert throttle.held_for("c") is None and throttle.release("c") is None


async def test_held_partials_reach_intake_when_their_interval_is_over(tmp_path: Path) -> None:
    """The runtime's timers (hotline/held_partials.py) on a real event loop: the last
    words said inside an interval are not lost."""
    from hotline.held_partials import HeldPartials

    records: list[IntakeRecord] = []
    svc = _service(records, tmp_path)
    svc.throttle = PartialThrottle(0.2)
    held = HeldPartials(svc.release_partial)
    held.hold("c1", svc.partial("c1", "一"))
    held.hold("c1", svc.partial("c1", "一二"))
    held.hold("c1", svc.partial("c1", "一二三"))
    assert [r.text for r in records if isinstance(r, PartialHeard)] == ["一"]
    await asyncio.sleep(0.4)
    assert [r.text for r in records if isinstance(r, PartialHeard)] == ["一", "一二三"]
