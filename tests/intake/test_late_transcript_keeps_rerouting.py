"""#14.1: a transcript arriving late from the ASR backlog for a draft the operator has
already corrected (and so re-routed) leaves the suggestion of the corrected text alone."""

from __future__ import annotations

from datetime import UTC, datetime

from hotline.ticketing.intake.records import CallTranscribed, DraftOpened
from hotline.ticketing.intake.store_port import ApplyContext, apply_record

from .memory_store import MemoryStore

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
WORDS = ({"word": "停水", "start": 0.1, "end": 0.5, "conf": 0.9},)


def _transcribed(store: MemoryStore, ctx: ApplyContext) -> None:
    late = CallTranscribed(
        call_id="c1",
        text="停水",
        words=WORDS,
        duration=1.0,
        source="backlog",
        routing={"department": "water", "category": "help"},
    )
    apply_record(store, late, ctx)


def test_late_transcript_does_not_replace_the_corrected_texts_routing() -> None:
    store, ctx = MemoryStore(), ApplyContext()
    apply_record(store, DraftOpened("c1", T0, "13800001234", "12345", None, "c1.wav", True), ctx)
    (t,) = store.tickets.values()
    t.corrected_text = "我家暖气不热"
    t.routing_suggestion = {"lead": "heating", "type": "complaint"}
    store.save(t)
    _transcribed(store, ctx)
    (t,) = store.tickets.values()
    assert t.machine_text == "停水" and t.routing_suggestion["lead"] == "heating"


def test_uncorrected_draft_takes_the_late_routing() -> None:
    store, ctx = MemoryStore(), ApplyContext()
    apply_record(store, DraftOpened("c1", T0, "13800001234", "12345", None, "c1.wav", True), ctx)
    _transcribed(store, ctx)
    (t,) = store.tickets.values()
    assert t.routing_suggestion["lead"] == "water" and t.request_type == "help"
