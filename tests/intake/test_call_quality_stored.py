"""Call quality goes with the ticket: a real call from baresip (which sends RTCP, so the
round-trip time is known) ends, and the draft's `call_quality` holds packet loss, jitter,
RTT and MOS; the ticket API shows them to the centre, not to a unit liaison.

The intake runtime runs in-process with its real parts (SipListener, SQL store) and no
speech model (the call is queued for transcription, which does not matter here)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hotline.ticketing.intake.records import CallQualityMeasured, record_from_json
from hotline.ticketing.model import Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.services import TicketQuery, get_ticket, list_tickets
from hotline.ticketing.web.app import create_web_app

from hotline.intake_wiring import build_intake_runtime
from hotline.settings import Settings
from tests.fixtures.baresip import baresip_dialing, needs_baresip
from tests.fixtures.common import free_port
from tests.fixtures.media import sine_wav
from tests.fixtures.sip import tone_pcm, write_wav_8k
from tests.fixtures.web import add_web_users, login, web_settings

pytestmark = pytest.mark.timeout(180)


def database_url(database: Database) -> str:
    return database.engine.url.render_as_string(hide_password=False)


def runtime_settings(
    tmp_path: Path, url: str, *, greeting_seconds: float = 0.3, **sip: object
) -> Settings:
    """An in-process intake runtime's settings: free RTP ports, no speech model (calls are
    queued for transcription), loopback media trusted (sipp plays from another port)."""
    rtp = free_port()
    return Settings(
        sip={
            "rtp_port_min": max(10000, rtp - 2000),
            "rtp_port_max": min(65000, rtp + 2000),
            "greeting_wav": write_wav_8k(tmp_path / "greeting.wav", tone_pcm(greeting_seconds)),
            "trusted_media": ["127.0.0.0/8"],
            **sip,
        },
        storage={"database_url": url, "recordings_dir": tmp_path / "var" / "recordings"},
        asr={"model_path": tmp_path / "no-model-here"},
        web={"secret_key": "test-secret-key"},
    )


async def wait_ticket(
    database: Database, ready: Callable[[Ticket], bool], timeout: float = 60
) -> Ticket:
    """The first ticket (with its history) for which `ready` holds."""

    async def poll() -> Ticket:
        while True:
            for t in await asyncio.to_thread(list_tickets, database.uow(), TicketQuery()):
                full = await asyncio.to_thread(get_ticket, database.uow(), t.id)
                if ready(full):
                    return full
            await asyncio.sleep(0.2)

    return await asyncio.wait_for(poll(), timeout)


@needs_baresip
async def test_a_real_call_leaves_its_quality_on_the_ticket(
    tmp_path: Path, database: Database
) -> None:
    wav = tmp_path / "caller.wav"
    # Long enough for a few 5-second RTCP intervals both ways.
    sine_wav(wav, 16, 440, vol=0.3)
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
