"""The intake runtime in-process with real parts: SipListener, Vosk (Korean test model),
SQLite/PostgreSQL, sipp calling with espeak-ng speech. `hotline serve` as a subprocess
is tested in tests/e2e/."""

from __future__ import annotations

import asyncio
import wave
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from hotline.asr.backlog import BacklogQueue
from hotline.asr.vosk_engine import VoskEngine
from hotline.ticketing.model import State, Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.events import EventHub

from hotline.intake_wiring import build_intake_runtime
from hotline.runtime import IntakeRuntime
from hotline.settings import Settings
from tests.fixtures.common import rtp_window
from tests.fixtures.sip import speech_pcap, tone_pcm, write_wav_8k
from tests.fixtures.sipp import needs_sipp, sipp_call

pytestmark = [needs_sipp, pytest.mark.timeout(240)]


def _settings(
    tmp_path: Path, model_dir: Path, url: str, notify_url: str | None = None, **asr: Any
) -> Settings:
    rtp_min, rtp_max = rtp_window(4000)
    greeting = write_wav_8k(tmp_path / "greeting.wav", tone_pcm(0.3))
    return Settings(
        sip={
            "rtp_port_min": rtp_min,
            "rtp_port_max": rtp_max,
            "greeting_wav": greeting,
            "silence_timeout_seconds": 30,
        },
        storage={"database_url": url, "recordings_dir": tmp_path / "var" / "recordings"},
        asr={"model_path": model_dir, **asr},
        notify={"webhook_url": notify_url, "format": "wecom"},
        web={"base_url": "http://console.test"},
    )


@pytest.fixture
async def runtime_factory(
    database: Database, tmp_path: Path, vosk_model_dir: Path, vosk_loaded_model: Any
) -> AsyncIterator[Callable[..., Any]]:
    started: list[IntakeRuntime] = []

    async def make(
        notify_url: str | None = None, model_missing: bool = False, hub: Any = None, **asr: Any
    ) -> IntakeRuntime:
        url = database.engine.url.render_as_string(hide_password=False)
        model = tmp_path / "no-model-here" if model_missing else vosk_model_dir
        settings = _settings(tmp_path, model, url, notify_url, **asr)
        engine = None
        if not model_missing:
            engine = VoskEngine(vosk_model_dir, decode_threads=2, loaded=vosk_loaded_model)
        runtime = build_intake_runtime(settings, database, asr_engine=engine, sip_port=0, hub=hub)
        runtime.asr.worker.poll_interval = 0.5  # type: ignore[union-attr]
        await runtime.start()
        started.append(runtime)
        return runtime

    yield make
    for runtime in started:
        await runtime.shutdown(5)


async def _ticket(
    database: Database, ready: Callable[[Ticket], bool], timeout: float = 60
) -> Ticket:
    from hotline.ticketing.services import TicketQuery, get_ticket, list_tickets

    async def poll() -> Ticket:
        while True:
            tickets = await asyncio.to_thread(list_tickets, database.uow(), TicketQuery())
            for t in tickets:
                if ready(t):
                    assert t.id is not None
                    return await asyncio.to_thread(get_ticket, database.uow(), t.id)  # + history
            await asyncio.sleep(0.2)

    return await asyncio.wait_for(poll(), timeout)


async def test_speech_call_becomes_a_transcribed_draft(
    runtime_factory: Callable[..., Any],
    database: Database,
    tmp_path: Path,
    speech_pcm: Callable[..., bytes],
) -> None:
    robot: list[dict[str, Any]] = []

    async def handle(request: web.Request) -> web.Response:
        robot.append(await request.json())
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    app = web.Application()
    app.router.add_post("/robot", handle)
    app_runner = web.AppRunner(app)
    await app_runner.setup()
    site = web.TCPSite(app_runner, "127.0.0.1", 0)
    await site.start()
    robot_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    hub = EventHub()
    runtime = await runtime_factory(notify_url=f"http://127.0.0.1:{robot_port}/robot", hub=hub)
    pcm = speech_pcm(8000)
    pcap = speech_pcap(tmp_path, pcm)
    async with hub.subscribe() as console:
        result = await sipp_call(tmp_path, runtime.listener.port, pcap, len(pcm) / 16000)
        assert result.returncode == 0, str(result)
        t = await _ticket(database, lambda t: bool(t.transcript_words))
        seen = []
        while not seen or seen[-1].data["intake"] != "call_transcribed":
            seen.append((await asyncio.wait_for(console.get(), 30))[1])
    # The console saw the draft appear, words arrive while the caller spoke, then the result.
    assert [e.data["intake"] for e in seen][0] == "draft_opened"
    assert seen[0].kind == "ticket.created" and seen[0].ticket_id == t.id
    assert "partial_heard" in [e.data["intake"] for e in seen]
    assert seen[-1].data["intake"] == "call_transcribed"
    assert t.state is State.DRAFT
    assert t.caller_number == "13900001111" and t.called_number == "12345"
    assert t.call_id and t.received_at.tzinfo is not None
    assert t.dispatch_due_at is not None
    assert not t.transcription_pending
    assert all(w.end >= w.start >= 0 and 0 <= w.conf <= 1 for w in t.transcript_words)
    assert t.machine_text.strip()
    assert "explanation" in t.routing_suggestion and "lead" in t.routing_suggestion
    recording = Path(runtime.recordings_dir) / str(t.recording_ref)
    with wave.open(str(recording)) as w:
        assert w.getframerate() == 8000 and w.getnframes() > 8000
    # The group chat got one notice with a link to the draft.
    assert runtime.notifier is not None
    await asyncio.wait_for(runtime.notifier.drain(), 30)
    await app_runner.cleanup()
    assert len(robot) == 1
    assert f"http://console.test/console#/ticket/{t.id}" in robot[0]["markdown"]["content"]


async def test_no_model_keeps_a_pending_draft_with_its_recording(
    runtime_factory: Callable[..., Any],
    database: Database,
    tmp_path: Path,
    speech_pcm: Callable[..., bytes],
) -> None:
    runtime = await runtime_factory(model_missing=True)
    pcm = speech_pcm(8000)
    pcap = speech_pcap(tmp_path, pcm)
    result = await sipp_call(tmp_path, runtime.listener.port, pcap, len(pcm) / 16000)
    assert result.returncode == 0, str(result)
    t = await _ticket(database, lambda t: t.transcription_pending)
    assert t.state is State.DRAFT and not t.transcript_words
    assert (Path(runtime.recordings_dir) / str(t.recording_ref)).is_file()
    queue = BacklogQueue(database.engine)

    async def queued() -> Any:  # hang-up handling runs after the caller's BYE
        while (job := await asyncio.to_thread(queue.get, str(t.call_id))) is None:
            await asyncio.sleep(0.2)
        return job

    job = await asyncio.wait_for(queued(), 60)
    assert job.state == "queued" and job.audio_path.endswith(str(t.recording_ref))


async def test_silent_call_becomes_invalid(
    runtime_factory: Callable[..., Any], database: Database, tmp_path: Path
) -> None:
    runtime = await runtime_factory()
    pcap = speech_pcap(tmp_path, b"\x00\x00" * 8000 * 2)
    result = await sipp_call(tmp_path, runtime.listener.port, pcap, 2.0)
    assert result.returncode == 0, str(result)
    t = await _ticket(database, lambda t: t.state is State.INVALID)
    assert t.history[-1].command == "mark_invalid"


async def test_no_live_capacity_queues_then_backlog_completes(
    runtime_factory: Callable[..., Any],
    database: Database,
    tmp_path: Path,
    speech_pcm: Callable[..., bytes],
) -> None:
    runtime = await runtime_factory(max_live_streams=0)
    pcm = speech_pcm(8000)
    pcap = speech_pcap(tmp_path, pcm)
    result = await sipp_call(tmp_path, runtime.listener.port, pcap, len(pcm) / 16000)
    assert result.returncode == 0, str(result)
    t = await _ticket(database, lambda t: bool(t.transcript_words), timeout=90)
    assert not t.transcription_pending
    assert any(h.command == "attach_transcript" for h in t.history)
