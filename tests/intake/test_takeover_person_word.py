"""The caller says 人工: a live partial transcript containing the word transfers the call to
sip.takeover.person_phone, as pressing 0 does (no menu is read out). sipp is the caller and
accepts our REFER. The partial is handed to the runtime as the ASR stream would hand it:
the test speech model (Korean) cannot recognise Mandarin. Without a person phone, neither
the word nor 0 does anything."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.asr.transcript import Partial
from hotline.ticketing.persistence.database import Database

from hotline.intake_wiring import build_intake_runtime
from tests.fixtures.sipp import ACCEPTS_REFER, OPERATOR, call_listener, needs_sipp
from tests.intake.test_call_quality_stored import wait_ticket
from tests.web.test_takeover_api import _settings, _url

pytestmark = [needs_sipp, pytest.mark.timeout(120)]


async def test_saying_rengong_reaches_the_person_phone(tmp_path: Path, database: Database) -> None:
    settings = _settings(tmp_path, _url(database))
    settings.sip.takeover.person_phone = OPERATOR
    runtime = build_intake_runtime(settings, database, sip_port=0)
    await runtime.start()
    try:
        sipp = asyncio.create_task(
            call_listener(tmp_path, runtime.listener.port, ACCEPTS_REFER, name="word")
        )
        for _ in range(100):
            if runtime.live_call_ids():
                break
            await asyncio.sleep(0.1)
        (call_id,) = runtime.live_call_ids()
        runtime._partial(call_id, Partial(text="我 要 找 人 工"))  # spaced, as Vosk writes it
        result = await sipp
        assert result.returncode == 0, str(result)  # REFER to the person phone, then BYE
        t = await wait_ticket(database, lambda t: any(h.command == "take_over" for h in t.history))
        (line,) = [h for h in t.history if h.command == "take_over"]
        assert line.actor == "caller" and "来电人要求人工服务" in line.reason
    finally:
        await runtime.shutdown(5)


async def test_without_a_person_phone_the_word_does_nothing(
    tmp_path: Path, database: Database
) -> None:
    runtime = build_intake_runtime(_settings(tmp_path, _url(database)), database, sip_port=0)
    taken: list[tuple[str, str, str]] = []
    runtime.listener.take = lambda *args: taken.append(args)  # type: ignore[method-assign]
    runtime.listener.live_call_ids = lambda: ["c1"]  # type: ignore[method-assign]
    runtime._partial("c1", Partial(text="人工"))
    runtime._caller_asks("c1")
    assert taken == []
    runtime.person_phone = OPERATOR
    runtime._partial("c1", Partial(text="转 人工"))
    assert taken == [("c1", OPERATOR, "caller")]


def test_a_call_taken_over_before_a_word_stays_a_draft(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from hotline.ticketing.intake.service import IntakeService

    out: list[object] = []
    service = IntakeService(out.append, recordings_dir=tmp_path)
    common = {
        "ended_at": datetime.now(UTC),
        "recording_path": tmp_path / "r.wav",
        "heard_speech": False,
        "transcript": None,
        "pending_reason": None,
    }
    service.finished(call_id="c1", finish_reason="transferred", **common)
    assert out == []  # not invalid, not a missed call: the operator has the caller
    service.finished(call_id="c2", finish_reason="caller_hangup", **common)
    assert [type(r).__name__ for r in out] == ["CallSilent"]


def test_the_takeover_record_survives_the_journal() -> None:
    from datetime import UTC, datetime

    from hotline.ticketing.intake.records import CallTakenOver, record_from_json

    rec = CallTakenOver(
        call_id="c3", by="op1", target=OPERATOR, method="bridge", at=datetime.now(UTC)
    )
    assert record_from_json(rec.to_json()) == rec
