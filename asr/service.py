"""What the composition root uses: engine from settings, one CallTranscription per call.

Live when a slot is free; otherwise (or if the live stream fails, or no model
is installed) the call's recording is queued in `asr_jobs` at hang-up and the
BacklogWorker delivers the transcript later through `on_done`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from hotline.asr.backlog import AsrJob, BacklogQueue
from hotline.asr.backlog_worker import BacklogWorker, OnDone, OnFailed
from hotline.asr.capacity import CapacityLimiter
from hotline.asr.engine import (
    AsrEngine,
    AsrStream,
    EngineUnavailable,
    PartialCallback,
    StreamFailed,
    UtteranceCallback,
)
from hotline.asr.model import ModelError
from hotline.asr.static_graph import SWITCH_CHECK_S, SWITCH_NICE
from hotline.asr.transcript import Transcript
from sqlalchemy.engine import Engine as DbEngine

log = logging.getLogger(__name__)


def engine_from_settings(asr_settings: object) -> AsrEngine:
    """`config.settings.AsrSettings` → the configured engine (not started yet)."""
    engine_kind = getattr(asr_settings, "engine", "vosk")
    if engine_kind == "vosk-server":
        from hotline.asr.server_engine import VoskServerEngine

        url = getattr(asr_settings, "server_url", None)
        if not url:
            raise ValueError("asr.engine is vosk-server but asr.server_url is not set")
        return VoskServerEngine(url)
    from hotline.asr.decoder import DecoderOptions
    from hotline.asr.vosk_engine import VoskEngine

    decoder = getattr(asr_settings, "decoder", None)
    return VoskEngine(
        Path(getattr(asr_settings, "model_path")),  # noqa: B009
        decode_threads=getattr(asr_settings, "decode_threads", 2),
        model_name=getattr(asr_settings, "model_name", "vosk-model-small-cn-0.22"),
        vad=getattr(asr_settings, "vad", True),
        decoder=DecoderOptions(
            beam=getattr(decoder, "beam", None), max_active=getattr(decoder, "max_active", None)
        ),
        graph=getattr(asr_settings, "graph", "auto"),
        graph_cache=getattr(asr_settings, "graph_cache", None),
        graph_check_s=getattr(asr_settings, "graph_check_seconds", SWITCH_CHECK_S),
        switch_nice=getattr(asr_settings, "graph_switch_nice", SWITCH_NICE),
    )


class CallTranscription:
    """One call's transcription: live stream or, past capacity, a backlog job at hang-up."""

    def __init__(
        self,
        service: AsrService,
        key: str,
        stream: AsrStream | None,
        reason: str | None,
    ) -> None:
        self.key = key
        self._service = service
        self._stream = stream
        self.queued_reason = reason  # why not live, e.g. "capacity" / "model: ..."
        self._done = False

    @property
    def live(self) -> bool:
        return self._stream is not None

    def feed(self, pcm: bytes) -> None:
        """16-bit mono PCM at the rate given to open_call; a no-op when not live."""
        if self._stream is not None:
            self._stream.feed(pcm)

    async def finish(self, recording_path: Path | str) -> Transcript | None:
        """At hang-up. Returns the transcript if it was live, else None: the recording is
        queued and `on_done(key, transcript)` delivers it later."""
        if self._done:
            raise RuntimeError("finish() called twice")
        self._done = True
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                return await stream.finish()
            except StreamFailed as exc:
                log.warning("live ASR for %s failed, queued instead: %s", self.key, exc)
                self.queued_reason = str(exc)
            finally:
                self._service.capacity.release_live()
        await self._service.worker.enqueue(self.key, str(recording_path))
        return None

    async def abort(self) -> None:
        """The call produced nothing worth transcribing (no recording)."""
        self._done = True
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                await stream.abort()
            finally:
                self._service.capacity.release_live()


class AsrService:
    def __init__(self, engine: AsrEngine, capacity: CapacityLimiter, worker: BacklogWorker) -> None:
        self.engine = engine
        self.capacity = capacity
        self.worker = worker

    @classmethod
    def from_settings(
        cls,
        asr_settings: object,
        db_engine: DbEngine,
        on_done: OnDone,
        *,
        on_failed: OnFailed | None = None,
        owner: str | None = None,
        engine: AsrEngine | None = None,
        lease_seconds: float = 60.0,
    ) -> AsrService:
        engine = engine or engine_from_settings(asr_settings)
        # In-process Vosk measures its decode speed: admission follows it, the setting is
        # only a cap. A remote engine keeps the fixed count (one per decode thread if unset).
        capacity = CapacityLimiter(
            getattr(asr_settings, "max_live_streams", None),
            cores=getattr(asr_settings, "decode_threads", 2),
            meter=getattr(engine, "meter", None),
        )
        worker = BacklogWorker(
            BacklogQueue(db_engine, lease_seconds=lease_seconds),
            engine,
            on_done,
            capacity=capacity,
            on_failed=on_failed,
            owner=owner,
        )
        return cls(engine, capacity, worker)

    async def start(self) -> None:
        """Load the model (a missing/broken model is logged: calls are queued until it is
        installed), then start the backlog worker."""
        try:
            await self.engine.start()
        except (ModelError, EngineUnavailable) as exc:
            log.error("ASR not available, calls will be transcribed once it is: %s", exc)
            self.worker.engine_problem = str(exc)
        await self.worker.start()

    async def stop(self) -> None:
        await self.worker.stop()
        await self.engine.close()

    async def open_call(
        self,
        key: str,
        sample_rate: int,
        on_partial: PartialCallback | None = None,
        on_utterance: UtteranceCallback | None = None,
    ) -> CallTranscription:
        if not self.engine.ready:
            return CallTranscription(self, key, None, self.worker.engine_problem or "not ready")
        if not self.capacity.try_acquire_live():
            return CallTranscription(self, key, None, "capacity")
        try:
            stream = await self.engine.open_stream(sample_rate, on_partial, on_utterance)
        except Exception as exc:  # noqa: BLE001 - never lose the call: queue it
            self.capacity.release_live()
            log.warning("cannot open live ASR for %s: %s", key, exc)
            return CallTranscription(self, key, None, str(exc))
        return CallTranscription(self, key, stream, None)

    async def job(self, key: str) -> AsrJob | None:
        import asyncio

        return await asyncio.to_thread(self.worker.queue.get, key)
