"""Joining 20 ms frames into longer AcceptWaveform chunks: the joiner alone, then the real
Vosk model behind the speech gate with 200 ms chunks."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import numpy as np
import pytest
from hotline.asr.audio import FrameJoiner, frames
from hotline.asr.model import LoadedModel
from hotline.asr.transcript import Partial, Transcript, Utterance
from hotline.asr.vosk_engine import VoskEngine

RATE = 8000


def pcm_of(seconds: float, seed: int = 3) -> bytes:
    rng = np.random.default_rng(seed)
    return rng.integers(-3000, 3000, int(seconds * RATE)).astype("<i2").tobytes()


def test_joiner_cuts_by_count_whatever_the_pushes() -> None:
    audio = pcm_of(1.03)
    size = RATE * 200 // 1000 * 2
    pieces: dict[str, list[bytes]] = {}
    for name, step in (("20 ms frames", 320), ("odd pushes", 777), ("one push", len(audio))):
        joiner = FrameJoiner(RATE, 200)
        out: list[bytes] = []
        for i in range(0, len(audio), step):
            out += joiner.push(audio[i : i + step])
        pieces[name] = out + joiner.flush()
    assert pieces["20 ms frames"] == pieces["odd pushes"] == pieces["one push"]
    cut = pieces["one push"]
    assert b"".join(cut) == audio
    assert [len(p) for p in cut] == [size] * 5 + [len(audio) - 5 * size]


def test_joiner_holds_a_short_rest_until_flushed() -> None:
    joiner = FrameJoiner(RATE, 100)
    assert joiner.push(pcm_of(0.06)) == []
    assert joiner.held_bytes == RATE * 60 // 1000 * 2
    assert joiner.flush() == [pcm_of(0.06)]
    assert joiner.flush() == [] and joiner.held_bytes == 0


def test_joiner_at_frame_size_passes_frames_through() -> None:
    joiner = FrameJoiner(RATE, 20)
    frame = pcm_of(0.02)
    assert joiner.push(frame) == [frame] and joiner.flush() == []


@pytest.mark.parametrize("chunk_ms", [0, 30, 10])
def test_engine_refuses_chunks_that_are_not_whole_frames(
    vosk_loaded_model: LoadedModel, chunk_ms: int
) -> None:
    with pytest.raises(ValueError, match="chunk_ms"):
        VoskEngine(vosk_loaded_model.info.path, loaded=vosk_loaded_model, chunk_ms=chunk_ms)


async def _call(
    engine: VoskEngine, pcm: bytes, feed_ms: int, pause: bool
) -> tuple[Transcript, list[Partial], list[Utterance]]:
    partials: list[Partial] = []
    utterances: list[Utterance] = []
    stream = await engine.open_stream(
        RATE, on_partial=partials.append, on_utterance=utterances.append
    )
    for piece in frames(pcm, RATE, feed_ms):
        stream.feed(piece)
        if pause:
            await asyncio.sleep(0)  # decoding runs between pieces, as on a live call
    return await stream.finish(), partials, utterances


async def test_chunked_stream_gives_the_same_words_however_the_audio_arrives(
    vosk_loaded_model: LoadedModel, speech_pcm: Callable[..., bytes]
) -> None:
    speech = speech_pcm(RATE)
    hiss = pcm_of(4.0, seed=9)
    # Quiet hiss, speech, a pause long enough to close the gate, the speech again.
    quiet = (np.frombuffer(hiss, dtype="<i2") // 30).astype("<i2").tobytes()
    call = quiet[: 2 * RATE * 2] + speech + quiet + speech + quiet[: RATE * 2]
    engine = VoskEngine(
        vosk_loaded_model.info.path, loaded=vosk_loaded_model, vad=True, chunk_ms=200
    )
    try:
        live, partials, utterances = await _call(engine, call, 20, pause=True)
        bulk, _, _ = await _call(engine, call, 1000, pause=False)
    finally:
        await engine.close()
    assert live.to_dict() == bulk.to_dict()
    assert len(live.words) >= 10, live.text
    # Partials still come while the speech is decoded; utterances add up to the transcript.
    assert sum(1 for p in partials if p.text) >= 2, partials
    assert [w for u in utterances for w in u.words] == list(live.words)
    # Word times are on the call's timeline, not the gated audio's: the second sentence
    # starts where it was spoken, after the skipped pause.
    second = 2.0 + len(speech) / 2 / RATE + 4.0
    late = [w for w in live.words if w.start >= second - 0.5]
    assert late and abs(late[0].start - second) < 0.5, [(w.word, w.start) for w in live.words]
