"""Streaming with the real Vosk model: 20 ms frames from asyncio, words with timings."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

import pytest
from hotline.asr.audio import frames
from hotline.asr.model import LoadedModel
from hotline.asr.transcript import Partial, Transcript, Utterance
from hotline.asr.vosk_engine import VoskEngine


async def stream_like_a_call(
    engine: VoskEngine,
    pcm: bytes,
    rate: int,
    partials: list[Partial] | None = None,
    utterances: list[Utterance] | None = None,
) -> Transcript:
    stream = await engine.open_stream(
        rate,
        on_partial=partials.append if partials is not None else None,
        on_utterance=utterances.append if utterances is not None else None,
    )
    for frame in frames(pcm, rate, 20):
        stream.feed(frame)
        await asyncio.sleep(0)  # let the loop run between frames, as RTP would
    return await stream.finish()


def assert_words_with_timings(t: Transcript, duration: float) -> None:
    assert len(t.words) >= 5, t.text
    previous_start = 0.0
    for w in t.words:
        assert w.word.strip()
        assert 0.0 <= w.start <= w.end <= duration + 0.1
        assert w.start >= previous_start
        assert 0.0 < w.conf <= 1.0
        previous_start = w.start
    assert t.text
    assert t.duration == pytest.approx(duration, abs=0.03)


@pytest.mark.parametrize("rate", [8000, 16000])
async def test_speech_in_20ms_frames_gives_words_with_timings(
    vosk_engine: VoskEngine, speech_pcm: Callable[..., bytes], rate: int
) -> None:
    pcm = speech_pcm(rate)
    partials: list[Partial] = []
    utterances: list[Utterance] = []
    t = await stream_like_a_call(vosk_engine, pcm, rate, partials, utterances)
    assert_words_with_timings(t, len(pcm) / 2 / rate)
    # Partial results came while audio was still being fed, and grew towards the result.
    assert partials and all(p.text for p in partials)
    assert [w for u in utterances for w in u.words] == list(t.words)


async def test_identical_output_across_runs_with_dither_free_model(
    vosk_engine: VoskEngine, speech_pcm: Callable[..., bytes]
) -> None:
    pcm = speech_pcm(8000)
    first = await stream_like_a_call(vosk_engine, pcm, 8000)
    # Second run with a different feeding rhythm: all frames queued at once.
    stream = await vosk_engine.open_stream(8000)
    for frame in frames(pcm, 8000, 20):
        stream.feed(frame)
    second = await stream.finish()
    assert first.to_dict() == second.to_dict()


async def test_eight_parallel_streams_share_one_model(
    vosk_engine: VoskEngine, vosk_loaded_model: LoadedModel, speech_pcm: Callable[..., bytes]
) -> None:
    pcm = speech_pcm(8000)
    alone = await stream_like_a_call(vosk_engine, pcm, 8000)
    results = await asyncio.gather(*(stream_like_a_call(vosk_engine, pcm, 8000) for _ in range(8)))
    assert all(r.to_dict() == alone.to_dict() for r in results)
    assert vosk_engine.loaded.model is vosk_loaded_model.model
    assert vosk_engine.pool._max_workers == 2  # bounded pool, not a thread per stream


async def test_event_loop_stays_responsive_while_decoding(
    vosk_engine: VoskEngine, speech_pcm: Callable[..., bytes]
) -> None:
    pcm = speech_pcm(16000)
    stream = await vosk_engine.open_stream(16000)
    for frame in frames(pcm, 16000, 20):
        stream.feed(frame)
    ticks = 0
    finished = asyncio.ensure_future(stream.finish())
    while not finished.done():
        ticks += 1
        await asyncio.sleep(0.005)
    assert ticks > 3  # the loop kept running other work during decoding
    assert (await finished).words


async def test_model_without_8khz_support_gets_soxr_resampled_audio(
    vosk_loaded_model: LoadedModel, speech_pcm: Callable[..., bytes]
) -> None:
    # Same Model object, but its info says 8 kHz is not accepted: the stream resamples.
    strict = dataclasses.replace(
        vosk_loaded_model.info, allow_upsample=False, allow_downsample=False
    )
    loaded = LoadedModel(info=strict, model=vosk_loaded_model.model)
    engine = VoskEngine(strict.path, decode_threads=2, loaded=loaded)
    try:
        stream = await engine.open_stream(8000)
        assert stream._r.resampler is not None and stream._r.rate == 16000
        pcm = speech_pcm(8000)
        for frame in frames(pcm, 8000, 20):
            stream.feed(frame)
        t = await stream.finish()
        assert_words_with_timings(t, len(pcm) / 2 / 8000)
    finally:
        await engine.close()
