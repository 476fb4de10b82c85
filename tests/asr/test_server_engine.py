"""The vosk-server client against a websocket server built on the real `vosk` package.

alphacep's vosk-server cannot be fetched on these machines (no internet), so
tests/asr/vosk_ws_server.py stands in for it with the same protocol.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from hotline.asr.audio import frames
from hotline.asr.engine import EngineUnavailable, StreamFailed
from hotline.asr.model import LoadedModel
from hotline.asr.server_engine import VoskServerEngine
from hotline.asr.transcript import Partial, Utterance

from tests.asr.vosk_ws_server import vosk_ws_server


@pytest.mark.parametrize("rate", [8000, 16000])
async def test_server_engine_streams_words_with_timings(
    vosk_loaded_model: LoadedModel, speech_pcm: Callable[..., bytes], rate: int
) -> None:
    async with vosk_ws_server(vosk_loaded_model.model) as url:
        engine = VoskServerEngine(url)
        await engine.start()
        assert engine.ready
        partials: list[Partial] = []
        utterances: list[Utterance] = []
        stream = await engine.open_stream(rate, partials.append, utterances.append)
        pcm = speech_pcm(rate)
        for frame in frames(pcm, rate, 20):
            stream.feed(frame)
            await asyncio.sleep(0)
        t = await stream.finish()
        await engine.close()
    assert len(t.words) >= 5
    assert all(0 <= w.start <= w.end <= len(pcm) / 2 / rate + 0.1 for w in t.words)
    assert t.duration == pytest.approx(len(pcm) / 2 / rate, abs=0.03)
    assert partials and [w for u in utterances for w in u.words] == list(t.words)


async def test_server_and_in_process_engines_agree(
    vosk_loaded_model: LoadedModel, vosk_engine, speech_pcm: Callable[..., bytes]
) -> None:
    pcm = speech_pcm(16000)
    local = await vosk_engine.transcribe_pcm(pcm, 16000)
    async with vosk_ws_server(vosk_loaded_model.model) as url:
        engine = VoskServerEngine(url)
        await engine.start()
        remote = await engine.transcribe_pcm(pcm, 16000)
    # Same words; chunk boundaries differ over the wire, so timings may differ slightly.
    assert [w.word for w in remote.words] == [w.word for w in local.words]


async def test_unreachable_server_is_reported() -> None:
    engine = VoskServerEngine("ws://127.0.0.1:9/", open_timeout=5)
    with pytest.raises(EngineUnavailable, match="127.0.0.1:9"):
        await engine.start()
    assert not engine.ready


async def test_server_dying_mid_call_fails_the_stream(
    vosk_loaded_model: LoadedModel, speech_pcm: Callable[..., bytes]
) -> None:
    async with vosk_ws_server(vosk_loaded_model.model) as url:
        engine = VoskServerEngine(url)
        stream = await engine.open_stream(16000)
        stream.feed(speech_pcm(16000)[:32000])
        await asyncio.sleep(0)
    # The server is gone (context exited, connections closed).
    stream.feed(speech_pcm(16000)[32000:64000])
    with pytest.raises(StreamFailed):
        await stream.finish()


async def test_call_whose_live_stream_fails_is_queued_not_lost(
    tmp_path, vosk_loaded_model: LoadedModel, speech_pcm: Callable[..., bytes], speech_wav
) -> None:
    import sqlalchemy as sa
    from hotline.asr.backlog import BacklogQueue
    from hotline.asr.backlog_worker import BacklogWorker
    from hotline.asr.capacity import CapacityLimiter
    from hotline.asr.service import AsrService

    db = sa.create_engine(f"sqlite:///{tmp_path / 'hotline.db'}")
    queue = BacklogQueue(db)
    queue.create_table()

    async def on_done(key: str, transcript) -> None:  # the server is gone: never reached here
        raise AssertionError("no ASR engine is reachable")

    async with vosk_ws_server(vosk_loaded_model.model) as url:
        engine = VoskServerEngine(url)
        capacity = CapacityLimiter(2)
        worker = BacklogWorker(queue, engine, on_done, capacity=capacity, poll_interval=60)
        svc = AsrService(engine, capacity, worker)
        await svc.start()
        call = await svc.open_call("call-1", 16000)
        assert call.live
        call.feed(speech_pcm(16000)[:32000])
    call.feed(speech_pcm(16000)[32000:64000])  # the ASR server died mid-call
    try:
        assert await call.finish(speech_wav(16000)) is None
        job = queue.get("call-1")
        assert job is not None and job.audio_path == str(speech_wav(16000))
        assert job.state in ("queued", "running")
        assert capacity.live == 0
    finally:
        await svc.stop()
