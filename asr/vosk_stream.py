"""One call's in-process Vosk stream: a KaldiRecognizer fed in order on the engine's pool.

Each stream has at most one decode job in flight (its frames are decoded in order);
frames that arrive meanwhile wait in the stream's queue and go in the next job.
Consecutive frames are joined into `chunk_ms` pieces, one AcceptWaveform call each,
flushed at each endpoint and at the end, so results do not depend on timing. With a
SpeechGate only speech plus padding is decoded, the utterance closed where the gate saw
the speech end, and word times mapped back onto the call's timeline. A stream keeps the
model it was opened on to its end, whatever the engine switches to meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from hotline.asr.admission import DecodeMeter
from hotline.asr.audio import FrameJoiner, PcmResampler, frames
from hotline.asr.calibration import calibration_call
from hotline.asr.engine import (
    FRAME_MS,
    PartialCallback,
    StreamFailed,
    UtteranceCallback,
    Utterances,
    deliver,
)
from hotline.asr.model import LoadedModel
from hotline.asr.transcript import Partial, Transcript, Word
from hotline.asr.vad import Chunk, Endpoint, GateOptions, SpeechGate
from hotline.asr.vosk_json import partial_from_vosk, words_from_vosk

log = logging.getLogger(__name__)

# At most this much audio per pool job: bounds how long one stream holds a thread.
MAX_JOB_MS = 500
# Audio per AcceptWaveform call (bench/asr_capacity.py measures the CPU per chunk size).
CHUNK_MS = FRAME_MS
# Partial results are computed at most this often (seconds of audio): they cost a traceback.
PARTIAL_INTERVAL_S = 0.2


class Recognizer:
    """A KaldiRecognizer plus the resampler it needs when the model can't take the rate."""

    def __init__(self, loaded: LoadedModel, sample_rate: int) -> None:
        import vosk

        info = loaded.info
        if info.accepts_rate(sample_rate):
            self.resampler = None
            rate = sample_rate
        else:
            self.resampler = PcmResampler(sample_rate, info.sample_rate)
            rate = info.sample_rate
        self.rec = vosk.KaldiRecognizer(loaded.model, rate)
        self.rec.SetWords(True)
        # No SetPartialWords: with it Vosk builds the partial (text too) from a word lattice
        # that trails the audio by ~1.9 s; without, the text comes from the best path ~0.5 s
        # behind (bench/asr_capacity.py --partials). Nothing downstream uses partial words.
        self.rate = rate


def new_recognizer(loaded: LoadedModel, sample_rate: int) -> Recognizer:
    return Recognizer(loaded, sample_rate)


def calibration_cpu(
    loaded: LoadedModel, gating: GateOptions | None, chunk_ms: int = CHUNK_MS
) -> tuple[float, float]:
    """(thread CPU seconds, call seconds) to decode the synthetic speech-like call at 8 kHz
    as a live call would be: through the speech gate (if on), in `chunk_ms` pieces, closed
    at each endpoint."""
    rate = 8000
    pcm, seconds = calibration_call(rate)
    r = Recognizer(loaded, rate)
    gate = gating.gate(rate) if gating is not None else None
    joiner = FrameJoiner(rate, chunk_ms)

    def accept(pieces: list[bytes]) -> None:
        for piece in pieces:
            r.rec.AcceptWaveform(piece if r.resampler is None else r.resampler.process(piece))

    start = time.thread_time()
    for frame in frames(pcm, rate, FRAME_MS):
        for item in gate.push(frame) if gate is not None else [Chunk(0, frame)]:
            if isinstance(item, Endpoint):
                accept(joiner.flush())
                r.rec.FinalResult()
            else:
                accept(joiner.push(item.pcm))
    accept(joiner.flush())
    r.rec.FinalResult()
    return time.thread_time() - start, seconds


class VoskStream:
    def __init__(
        self,
        recognizer: Recognizer,
        loaded: LoadedModel,
        pool: ThreadPoolExecutor,
        sample_rate: int,
        on_partial: PartialCallback | None,
        on_utterance: UtteranceCallback | None,
        *,
        gate: SpeechGate | None = None,
        meter: DecodeMeter | None = None,
        chunk_ms: int = CHUNK_MS,
        generation: int | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.sample_rate = sample_rate
        self._generation = generation  # the meter's generation this stream decodes on
        self._on_close = on_close  # once, when the stream is done with its model
        self._joiner = FrameJoiner(sample_rate, chunk_ms)
        self._max_job_items = max(1, MAX_JOB_MS // chunk_ms)
        self.gate = gate
        self._meter = meter
        self._reported = 0  # call samples already reported to the meter
        self._job_cpu = 0.0  # thread CPU of the last decode job
        self._r = recognizer
        self._pool = pool
        self._loop = asyncio.get_running_loop()
        self._on_partial = on_partial
        self._pending: deque[bytes | Endpoint] = deque()
        # (recogniser seconds, call seconds) where each gated stretch starts.
        self._segments: list[tuple[float, float]] = [(0.0, 0.0)]
        self._fed = 0  # samples handed to the recogniser
        self._next_offset = 0  # call position right after the last chunk handed over
        self._task: asyncio.Task[None] | None = None
        self._utterances = Utterances(on_utterance)
        self._samples = 0
        self._since_partial = 0  # samples decoded since the last partial
        self._last_partial = ""
        self._error: BaseException | None = None
        self._closed = False

    def feed(self, pcm: bytes) -> None:
        if self._closed:
            raise RuntimeError("feed() after finish()/abort()")
        if self._error is not None or not pcm:
            return  # already failed: finish() reports it; the recording has the audio
        self._samples += len(pcm) // 2
        if self.gate is None:
            self._pending.extend(self._joiner.push(pcm))
            self._fed += len(pcm) // 2
        else:
            self._queue_gated(self.gate.push(pcm))
        self._kick()

    def _kick(self) -> None:
        if self._pending and (self._task is None or self._task.done()):
            self._task = self._loop.create_task(self._drain())

    def _queue_gated(self, outputs: list[Chunk | Endpoint]) -> None:
        for item in outputs:
            if isinstance(item, Endpoint):
                self._pending.extend(self._joiner.flush())  # the speech ends with its audio
                self._pending.append(item)
                continue
            if item.offset != self._next_offset:  # a skipped stretch: a new segment
                # _fed counts the audio the joiner still holds: it goes in before this one.
                self._segments.append(
                    (self._fed / self.sample_rate, item.offset / self.sample_rate)
                )
            self._pending.extend(self._joiner.push(item.pcm))
            self._fed += len(item.pcm) // 2
            self._next_offset = item.offset + len(item.pcm) // 2

    def _on_call_time(self, words: list[Word]) -> list[Word]:
        """Recogniser times (gated audio only) → times on the call's timeline."""
        if len(self._segments) == 1:
            return words
        out = []
        for w in words:
            fed, call = next(seg for seg in reversed(self._segments) if seg[0] <= w.start + 1e-6)
            shift = round(call - fed, 3)
            out.append(Word(w.word, round(w.start + shift, 3), round(w.end + shift, 3), w.conf))
        return out

    async def _drain(self) -> None:
        while self._pending and self._error is None:
            count = min(len(self._pending), self._max_job_items)
            batch = [self._pending.popleft() for _ in range(count)]
            try:
                finals, partial = await self._loop.run_in_executor(self._pool, self._decode, batch)
            except Exception as exc:  # noqa: BLE001 - any decoder error fails this stream only
                log.warning("ASR stream failed: %s", exc)
                self._error = exc
                self._pending.clear()
                return
            if self._meter is not None:
                self._meter.record(
                    self._job_cpu,
                    (self._samples - self._reported) / self.sample_rate,
                    self._generation,
                )
                self._reported = self._samples
            for words in finals:
                self._publish_utterance(words)
            if partial is not None and self._on_partial is not None:
                words = tuple(self._on_call_time(list(partial.words)))
                deliver(self._on_partial, Partial(text=partial.text, words=words))

    def _decode(self, batch: list[bytes | Endpoint]) -> tuple[list[list[Word]], Partial | None]:
        """Runs on a pool thread; only one job per stream at a time."""
        started = time.thread_time()
        try:
            return self._decode_batch(batch)
        finally:
            self._job_cpu = time.thread_time() - started

    def _decode_batch(
        self, batch: list[bytes | Endpoint]
    ) -> tuple[list[list[Word]], Partial | None]:
        rec = self._r.rec
        finals: list[list[Word]] = []
        endpoint = False
        for chunk in batch:
            if isinstance(chunk, Endpoint):  # the gate saw the speech end: close it now
                finals.append(words_from_vosk(rec.FinalResult()))
                endpoint = True
                continue
            if self._r.resampler is not None:
                chunk = self._r.resampler.process(chunk)
            endpoint = bool(rec.AcceptWaveform(chunk))
            self._since_partial += len(chunk) // 2
            if endpoint:
                finals.append(words_from_vosk(rec.Result()))
        partial = None
        due = self._since_partial >= PARTIAL_INTERVAL_S * self._r.rate
        if self._on_partial is not None and not endpoint and due:
            self._since_partial = 0
            p = partial_from_vosk(rec.PartialResult())
            if p.text != self._last_partial:
                self._last_partial = p.text
                partial = p
        return finals, partial

    def _final(self) -> list[Word]:
        rec = self._r.rec
        if self._r.resampler is not None:
            tail = self._r.resampler.process(b"", last=True)
            if tail:
                rec.AcceptWaveform(tail)
        return words_from_vosk(rec.FinalResult())

    def _publish_utterance(self, words: list[Word]) -> None:
        if words:
            self._utterances.add(self._on_call_time(words))

    async def finish(self) -> Transcript:
        if self._closed:
            raise RuntimeError("finish() called twice")
        self._closed = True
        try:
            if self.gate is not None:
                self._queue_gated(self.gate.flush())
            self._pending.extend(self._joiner.flush())
            self._kick()
            while self._task is not None and not self._task.done():
                await self._task
            if self._error is None:
                try:
                    words = await self._loop.run_in_executor(self._pool, self._final)
                except Exception as exc:  # noqa: BLE001
                    self._error = exc
                else:
                    self._publish_utterance(words)
        finally:
            self._done_with_model()
        if self._error is not None:
            raise StreamFailed(f"ASR decoding failed: {self._error}") from self._error
        return self._utterances.transcript(self._samples / self.sample_rate)

    async def abort(self) -> None:
        self._closed = True
        self._pending.clear()
        try:
            if self._task is not None and not self._task.done():
                await asyncio.wait([self._task])
        finally:
            self._done_with_model()

    def _done_with_model(self) -> None:
        """Free the recognizer now and tell the engine (a retired model may go with it)."""
        self._r = None  # type: ignore[assignment]
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close()
