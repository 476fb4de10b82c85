"""Call quality goes with the ticket: a real call from baresip (which sends RTCP, so the
round-trip time is known) ends, and the draft's `call_quality` holds packet loss, jitter,
RTT and MOS; the ticket API shows them to the centre, not to a unit liaison.

The intake runtime runs in-process with its real parts (SipListener, SQL store) and no
speech model (the call is queued for transcription, which does not matter here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hotline.ticketing.intake.records import CallQualityMeasured, record_from_json
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.app import create_web_app

from hotline.intake_wiring import build_intake_runtime
from tests.fixtures.baresip import baresip_dialing, needs_baresip
from tests.fixtures.media import sine_wav
from tests.fixtures.runtime import database_url, runtime_settings, wait_ticket
from tests.fixtures.web import add_web_users, login, web_settings

pytestmark = pytest.mark.timeout(180)


@needs_baresip
async def test_a_real_call_leaves_its_quality_on_the_ticket(
    tmp_path: Path, database: Database
) -> None:
    wav = tmp_path / "caller.wav"
    # Long enough for a few 5-second RTCP intervals both ways: our first SR goes out within
    # 3.75 s and baresip reports every 5 s, so at least three of its reports can echo it
    # even when a loaded machine delays either side by seconds.
    sine_wav(wav, 20, 440, vol=0.3)
    # A 3 s greeting: our RTP makes our reports SRs that baresip's reports echo.
    settings = runtime_settings(tmp_path, database_url(database), greeting_seconds=3.0)
    runtime = build_intake_runtime(settings, database, sip_port=0)
    await runtime.start()
    try:
        async with baresip_dialing(tmp_path / "baresip", wav, runtime.listener.port, user="q"):
            ticket = await wait_ticket(database, lambda t: t.call_quality is not None, 90)
    finally:
        await runtime.shutdown(5)
    q = ticket.call_quality
    assert q is not None
    assert q["rtt_ms"] is not None and 0 <= q["rtt_ms"] < 1000, q
    assert q["loss_percent"] < 1 and q["jitter_ms"] >= 0
    assert q["mos"] > 4.0 and q["poor"] is False

    add_web_users(database)
    app = create_web_app(database, web_settings(tmp_path), data_dir=tmp_path / "data")
    async with TestClient(TestServer(app)) as client:
        await login(client, "op1")
        resp = await client.get(f"/api/v1/tickets/{ticket.id}")
        assert resp.status == 200
        assert (await resp.json())["call_quality"] == q


def test_the_quality_record_survives_the_journal() -> None:
    rec = CallQualityMeasured(
        call_id="c1",
        quality={"loss_percent": 12.5, "jitter_ms": 40.0, "rtt_ms": None, "mos": 2.4, "poor": True},
    )
    assert record_from_json(rec.to_json()) == rec


def test_the_intake_service_rounds_and_flags(tmp_path: Path) -> None:
    from hotline.ticketing.intake.service import IntakeService

    out: list[object] = []
    IntakeService(out.append, recordings_dir=tmp_path).quality(
        "c2", loss_ratio=0.12345, jitter_ms=31.26, rtt_ms=None, mos=2.456, poor=True
    )
    (rec,) = out
    assert isinstance(rec, CallQualityMeasured)
    assert rec.quality == {
        "loss_percent": 12.35,
        "jitter_ms": 31.3,
        "rtt_ms": None,
        "mos": 2.46,
        "poor": True,
    }
