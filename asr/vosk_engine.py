"""In-process Vosk: one shared Model, one KaldiRecognizer per stream, decoding on a bounded pool.

cffi releases the GIL during Vosk calls, so `decode_threads` threads use that
many cores. Each stream has at most one decode job in flight (its frames are
decoded in order); frames that arrive meanwhile wait in the stream's queue and
go in the next job. Consecutive frames are joined into `chunk_ms` pieces, one
AcceptWaveform call each, cut by sample count and flushed at each endpoint and at
the end, so results do not depend on timing. The default is one 20 ms frame a
call: bench/asr_capacity.py found bigger pieces no cheaper once the gate drops the
silence, and they change the words.

With `vad` (the default) a SpeechGate sits in front of the queue: only speech
plus padding is decoded, and the utterance is closed (FinalResult) where the
gate saw the speech end. Word times are mapped back onto the call's timeline.

The model can change under a running engine (`switch_to`; under asr.graph auto when a
static graph is compiled after the start): new streams open on the new model, each open
stream finishes on the model it started on, and the old model is released when the last
of them closes. Nothing is restarted, no call is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hotline.asr.admission import DecodeMeter
from hotline.asr.decoder import DecoderOptions, shadow_dir, with_decoder_options
from hotline.asr.engine import (
    FRAME_MS,
    EngineUnavailable,
    PartialCallback,
    UtteranceCallback,
    transcribe_in_frames,
)
from hotline.asr.low_priority import run_niced
from hotline.asr.model import (
    DEFAULT_MODEL_NAME,
    PROBE_TIMEOUT_S,
    LoadedModel,
    forget_model,
    is_loaded,
    load_model,
    return_freed_memory,
)
from hotline.asr.static_graph import (
    GRAPH_MODES,
    SWITCH_CHECK_S,
    SWITCH_NICE,
    SWITCH_PROBE_TIMEOUT_S,
    SWITCH_RETRY_S,
    StaticGraphError,
    choose_graph,
    file_identity,
    switch_target,
    with_static_graph,
)
from hotline.asr.transcript import Transcript
from hotline.asr.vad import VAD_RATES, GateOptions
from hotline.asr.vosk_stream import CHUNK_MS, VoskStream, calibration_cpu, new_recognizer

log = logging.getLogger(__name__)


def graph_of(loaded: LoadedModel) -> str:
    return "static" if loaded.info.graph == "HCLG" else "lookahead"


@dataclass(frozen=True)
class GraphSwitch:
    """The last switch of a running engine to another model (for /healthz)."""

    at: datetime
    old_graph: str
    graph: str
    load_s: float  # loading and measuring the new model, off the event loop
    cost_before: float | None
    cost_after: float


class VoskEngine:
    name = "vosk"

    def __init__(
        self,
        model_path: Path | str,
        decode_threads: int = 2,
        *,
        model_name: str = DEFAULT_MODEL_NAME,
        probe: bool = True,
        loaded: LoadedModel | None = None,
        vad: bool = True,
        decoder: DecoderOptions | None = None,
        gate: GateOptions | None = None,
        chunk_ms: int = CHUNK_MS,
        graph: str = "lookahead",
        graph_cache: Path | None = None,
        graph_check_s: float = SWITCH_CHECK_S,
        graph_retry_s: float = SWITCH_RETRY_S,
        switch_nice: int = SWITCH_NICE,
    ) -> None:
        if graph not in GRAPH_MODES:
            raise ValueError(f"graph must be one of {GRAPH_MODES}, not {graph!r}")
        self.graph = graph
        self.graph_cache = graph_cache
        if chunk_ms < FRAME_MS or chunk_ms % FRAME_MS:
            raise ValueError(f"chunk_ms must be a multiple of {FRAME_MS} ms, not {chunk_ms}")
        self.vad = vad
        self.chunk_ms = chunk_ms
        self.gate_options = gate or GateOptions()
        self.model_path = Path(model_path)
        self.decoder = decoder or DecoderOptions()
        self.model_name = model_name
        self._probe = probe
        self._loaded = loaded
        self._owned = False  # _loaded came from load_model here: forgotten when retired
        self.graph_check_s = graph_check_s
        self._watch: asyncio.Task[None] | None = None
        self.graph_retry_s = graph_retry_s
        # Compiled graphs that did not load (file identity) → when they failed (monotonic).
        self._failed: dict[tuple[int, int, int], float] = {}
        self.switch_nice = switch_nice
        self._switching = False
        self.last_switch: GraphSwitch | None = None
        self._open: dict[int, int] = {}  # id(LoadedModel) → streams open on it
        # Models replaced by a switch while streams were open on them: id → (model, owned).
        self._retired: dict[int, tuple[LoadedModel, bool]] = {}
        self.pool = ThreadPoolExecutor(max_workers=decode_threads, thread_name_prefix="vosk")
        self.decode_threads = decode_threads
        self.meter = DecodeMeter()  # decode CPU per call second, for admission

    @property
    def ready(self) -> bool:
        return self._loaded is not None

    @property
    def loaded(self) -> LoadedModel:
        if self._loaded is None:
            raise EngineUnavailable(f"ASR model at {self.model_path} is not loaded")
        return self._loaded

    async def start(self) -> None:
        if self._loaded is None:
            # Not on the decode pool: loading takes seconds.
            try:
                path = await asyncio.to_thread(self._graph_model)
            except StaticGraphError as exc:  # like a missing model: calls go to the backlog
                raise EngineUnavailable(str(exc)) from exc
            self._loaded, self._owned = await asyncio.to_thread(self._load, path)
        if self.meter.cost is None:
            loop = asyncio.get_running_loop()
            cpu, seconds = await loop.run_in_executor(
                self.pool,
                calibration_cpu,
                self._loaded,
                self.gate_options if self.vad else None,
                self.chunk_ms,
            )
            self.meter.calibrate(cpu, seconds)
            log.info("ASR decode cost at start: %.3f CPU s per call s", cpu / seconds)
        self._start_watch()

    def _graph_model(self) -> Path:
        """The model folder to load for asr.graph (choose_graph): the installed one, or a
        shadow of it on its compiled static graph. Never compiles (minutes): StaticGraphError
        for `static` without a compiled graph."""
        choice = choose_graph(self.graph, self.model_path, self.graph_cache)
        if choice.hint is not None:
            log.warning("ASR decodes on the lookahead graph (asr.graph auto): %s", choice.hint)
        if choice.compiled is None:
            log.info("ASR model %s decodes on its %s graph", self.model_path, choice.graph)
            return self.model_path
        log.info("ASR model %s decodes on the static graph %s", self.model_path, choice.compiled)
        return with_static_graph(self.model_path, choice.compiled, shadow_dir())

    @property
    def graph_in_use(self) -> str | None:
        """The graph new streams search, static or lookahead (None before start)."""
        return None if self._loaded is None else graph_of(self._loaded)

    @property
    def streams_on_old_models(self) -> int:
        """Streams still decoding on a model a switch replaced."""
        return sum(self._open.get(key, 0) for key in self._retired)

    # ---- switching to a graph compiled after the start -------------------------------------

    def _start_watch(self) -> None:
        """Under auto on the lookahead graph: look for a compiled graph every graph_check_s.
        (Under lookahead nothing is looked for; static started on one or did not start.)"""
        if self._watch is not None or self.graph != "auto" or self.graph_cache is None:
            return
        if self.graph_in_use != "lookahead":
            return
        self._watch = asyncio.get_running_loop().create_task(
            self._watch_graph(), name="asr-graph-watch"
        )

    async def _watch_graph(self) -> None:
        while self.graph_in_use == "lookahead":
            await asyncio.sleep(self.graph_check_s)
            try:
                await self.check_graph()
            except Exception:  # noqa: BLE001 - the watch must outlive any surprise
                log.exception("ASR: looking for a compiled static graph failed")

    async def check_graph(self) -> bool:
        """One look at asr.graph_cache: True if a static graph compiled for this model since
        the start was loaded and new streams now open on it. A graph that fails to load is
        logged once and tried again when its file changes (compiled again) or after
        graph_retry_s (the cause may have passed), not at every look."""
        if self._loaded is None or self._switching:
            return False
        compiled = await asyncio.to_thread(
            switch_target, self.graph, self.graph_in_use, self.model_path, self.graph_cache
        )
        if compiled is None:
            return False
        try:
            identity = await asyncio.to_thread(file_identity, compiled / "HCLG.fst")
        except OSError:  # replaced between the two looks: the next check sees the new one
            return False
        failed_at = self._failed.get(identity)
        if failed_at is not None and time.monotonic() - failed_at < self.graph_retry_s:
            return False
        log.info(
            "ASR loading the static graph %s, compiled since the start (asr.graph auto), off "
            "the event loop at nice +%d: new calls move to it once it is loaded and measured",
            compiled,
            self.switch_nice,
        )
        try:
            shadow = await asyncio.to_thread(
                with_static_graph, self.model_path, compiled, shadow_dir()
            )
            await self.switch_to(shadow)
        except Exception as exc:  # noqa: BLE001 - any failure keeps the node as it is
            self._failed[identity] = time.monotonic()
            log.error(
                "ASR stays on the lookahead graph: the static graph %s did not load (%s); "
                "it is tried again once compiled again, or in %.0f s",
                compiled,
                exc,
                self.graph_retry_s,
            )
            return False
        return True

    async def switch_to(self, model_dir: Path | str) -> None:
        """Load `model_dir` (with asr.decoder's settings) and measure its decode cost, both
        off the event loop, then open new streams on it; streams open now finish on their
        model, released when the last of them closes. On any error (ModelError, a failed
        measurement) the engine stays as it was and the new model is dropped."""
        if self._switching:
            raise RuntimeError("a switch is already under way")
        self._switching = True
        started = time.monotonic()
        try:
            # Yields to live calls: seconds of CPU on the decode cores, on a thread of its
            # own at a raised nice value (the probe's child process inherits it).
            prepared = await run_niced(
                self.switch_nice, self._prepare, model_dir, name="asr-graph-switch"
            )
        finally:
            self._switching = False
        if prepared is None:
            return  # the model in use already
        loaded, owned, cpu, seconds = prepared
        old, old_owned = self._loaded, self._owned
        cost_before = self.meter.cost
        # Back to a model whose old streams still run: it is current again, not retired.
        owned = self._retired.pop(id(loaded), (loaded, owned))[1]
        self._loaded, self._owned = loaded, owned
        self.meter.recalibrate(cpu, seconds)
        took = time.monotonic() - started
        old_graph = graph_of(old) if old is not None else "none"
        self.last_switch = GraphSwitch(
            datetime.now(UTC), old_graph, graph_of(loaded), took, cost_before, cpu / seconds
        )
        still_open = self._open.get(id(old), 0) if old is not None else 0
        log.info(
            "ASR switched to the %s graph without a restart: %s loaded and measured in %.1f s; "
            "new streams decode on it, %d open stream(s) finish on the %s graph; decode cost "
            "%s -> %.3f CPU s per call s",
            graph_of(loaded),
            loaded.info.path,
            took,
            still_open,
            old_graph,
            "-" if cost_before is None else f"{cost_before:.3f}",
            cpu / seconds,
        )
        if old is not None:
            self._retired[id(old)] = (old, old_owned)
            if not still_open:
                self._release(old)

    def _load(
        self, model_dir: Path | str, probe_timeout: float = PROBE_TIMEOUT_S
    ) -> tuple[LoadedModel, bool]:
        """The model and whether this engine loaded it (a model someone else loaded, e.g.
        a caller's (`loaded=`), is left in the process cache when retired)."""
        path = with_decoder_options(model_dir, self.decoder)
        owned = not is_loaded(path)
        loaded = load_model(
            path, probe=self._probe, name=self.model_name, probe_timeout=probe_timeout
        )
        return loaded, owned

    def _prepare(self, model_dir: Path | str) -> tuple[LoadedModel, bool, float, float] | None:
        """The switch's blocking part, on its low-priority thread: load `model_dir` and
        measure its decode cost (thread CPU time, so the priority does not change it);
        None if it is the model in use already. Nothing of the engine changes here."""
        # At a low priority on a busy node the probe may wait long for the CPU: a hung
        # load is still caught, later.
        loaded, owned = self._load(model_dir, probe_timeout=SWITCH_PROBE_TIMEOUT_S)
        if loaded is self._loaded:
            return None
        try:
            cpu, seconds = calibration_cpu(
                loaded, self.gate_options if self.vad else None, self.chunk_ms
            )
        except BaseException:
            if owned:
                forget_model(loaded)
            raise
        return loaded, owned, cpu, seconds

    def _stream_closed(self, loaded: LoadedModel) -> None:
        key = id(loaded)
        self._open[key] -= 1
        if self._open[key] <= 0:
            del self._open[key]
            if key in self._retired:
                self._release(loaded)

    def _release(self, loaded: LoadedModel) -> None:
        """A retired model's last stream closed: drop every reference this engine holds
        (and the process cache's, if this engine loaded it), so its memory goes."""
        _, owned = self._retired.pop(id(loaded))
        if owned:
            forget_model(loaded)
            # Once the callers' frames that still hold it are gone: then the heap is free.
            loop = asyncio.get_running_loop()
            loop.call_soon(loop.run_in_executor, None, return_freed_memory)
        log.info(
            "ASR released the %s model %s: no stream decodes on it any more",
            graph_of(loaded),
            loaded.info.path,
        )

    def health(self) -> dict[str, Any]:
        """The last switch for /healthz (empty when the engine never switched)."""
        switch = self.last_switch
        if switch is None:
            return {}
        return {
            "graph_switch": {
                "at": switch.at.isoformat(timespec="seconds"),
                "from": switch.old_graph,
                "to": switch.graph,
                "load_s": round(switch.load_s, 1),
                "decode_cost_before": switch.cost_before and round(switch.cost_before, 3),
                "decode_cost_after": round(switch.cost_after, 3),
                "streams_on_old_model": self.streams_on_old_models,
            }
        }

    async def open_stream(
        self,
        sample_rate: int,
        on_partial: PartialCallback | None = None,
        on_utterance: UtteranceCallback | None = None,
        *,
        measure: bool = True,
    ) -> VoskStream:
        """`measure`: report this stream's decode cost to the meter (live calls only)."""
        loaded = self.loaded  # the stream stays on this model whatever switches meanwhile
        self._open[id(loaded)] = self._open.get(id(loaded), 0) + 1
        generation = self.meter.open_stream() if measure else None

        def closed() -> None:
            if generation is not None:
                self.meter.close_stream(generation)
            self._stream_closed(loaded)

        loop = asyncio.get_running_loop()
        try:
            recognizer = await loop.run_in_executor(self.pool, new_recognizer, loaded, sample_rate)
        except BaseException:
            closed()
            raise
        gated = self.vad and sample_rate in VAD_RATES
        gate = self.gate_options.gate(sample_rate) if gated else None
        return VoskStream(
            recognizer,
            loaded,
            self.pool,
            sample_rate,
            on_partial,
            on_utterance,
            gate=gate,
            meter=self.meter if measure else None,
            chunk_ms=self.chunk_ms,
            generation=generation,
            on_close=closed,
        )

    async def transcribe_pcm(self, pcm: bytes, sample_rate: int) -> Transcript:
        stream = await self.open_stream(sample_rate, measure=False)  # not real time
        return await transcribe_in_frames(stream, pcm, sample_rate)

    async def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)
            self._watch = None
        self.pool.shutdown(wait=True, cancel_futures=True)
