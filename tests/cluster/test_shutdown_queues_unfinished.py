"""SIGTERM while a call's live transcript is still not final (ASR far behind on a loaded
node): the call is queued for the backlog, which any node drains, instead of staying a draft
without a transcript that nobody completes (a node stopped cleanly is not taken over).

The live ASR stream is a fake that never finishes — a real Vosk cannot be made that slow on
demand; the runtime, listener, intake writer and database (SQLite and PostgreSQL) are real.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hotline.asr.backlog import BacklogQueue
from hotline.telephony.events import CallAnswered, CallFinished
from hotline.ticketing.persistence.database import Database

from hotline.intake_wiring import build_intake_runtime
from hotline.settings import Settings
from tests.fixtures.common import rtp_window
from tests.fixtures.sip import tone_pcm, write_wav_8k


class _NeverFinal:
    """A live stream whose final transcript never comes."""

    live = True
    queued_reason = None

    def feed(self, pcm: bytes) -> None:
        pass

    async def finish(self, recording: Path) -> Any:
        await asyncio.Event().wait()

    async def abort(self) -> None:
        pass


async def test_a_transcript_not_final_at_shutdown_is_queued(
    database: Database, tmp_path: Path
) -> None:
    url = database.engine.url.render_as_string(hide_password=False)
    rtp_min, rtp_max = rtp_window(200)
    settings = Settings(
        sip={
            "rtp_port_min": rtp_min,
            "rtp_port_max": rtp_max,
            "greeting_wav": write_wav_8k(tmp_path / "greeting.wav", tone_pcm(0.3)),
        },
        storage={"database_url": url, "recordings_dir": tmp_path / "recordings"},
        asr={"model_path": tmp_path / "no-model"},  # the fake stands in for it
        cluster={"node_id": "node-a"},
    )
    runtime = build_intake_runtime(settings, database, sip_port=0)
    assert runtime.asr is not None

    async def open_call(*args: Any, **kwargs: Any) -> _NeverFinal:
        return _NeverFinal()

    runtime.asr.open_call = open_call  # type: ignore[method-assign]
    runtime.finish_timeout = 0.5
    await runtime.start()
    (tmp_path / "recordings" / "node-a").mkdir(parents=True, exist_ok=True)
    wav = write_wav_8k(tmp_path / "recordings" / "node-a" / "c-1.wav", tone_pcm(3))
    now = datetime.now(UTC)
    runtime.on_call_event(CallAnswered("c-1", "13800000000", "12345", None, now, wav))
    runtime.on_call_event(CallFinished("c-1", now, "caller_hangup", wav, 3.0, True))
    await asyncio.sleep(0.3)
    await runtime.shutdown(0)

    ticket = runtime.store.by_call_id("c-1")
    assert ticket is not None and ticket.transcription_pending and not ticket.transcript_words
    job = BacklogQueue(database.engine).get("c-1")
    assert job is not None and job.state == "queued" and job.audio_path == str(wav)
