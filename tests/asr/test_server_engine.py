"""The vosk-server client against a websocket server built on the real `vosk` package.

alphacep's vosk-server cannot be fetched on these machines (no internet), so
tests/asr/vosk_ws_server.py stands in for it with the same protocol.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from asr.audio import frames
from asr.engine import EngineUnavailable, StreamFailed
from asr.model import LoadedModel
from asr.server_engine import VoskServerEngine
from asr.transcript import Partial, Utterance
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
