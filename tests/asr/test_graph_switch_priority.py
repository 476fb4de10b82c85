"""The live graph switch yields to the calls in progress: its probe (a child process), load
and calibration run at a raised nice value on a thread of their own, the decode threads keep
theirs, and the calibration's figure is the model's CPU cost whatever the priority.

Observed from outside the work, as an operator would (`ps -L`): the nice value of the
switch's thread and of its probe child while they run, read every few milliseconds."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hotline.asr.audio import frames
from hotline.asr.low_priority import MAX_NICE, run_niced, thread_nice
from hotline.asr.model import LoadedModel
from hotline.asr.vad import GateOptions
from hotline.asr.vosk_engine import VoskEngine
from hotline.asr.vosk_stream import calibration_cpu

from tests.fixtures.vosk import installed_korean_model, make_dither_free_copy

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's"
)

RATE = 8000
SWITCH_THREAD = "asr-graph-switch"


def _process_nice(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[16])  # field 19: after ") state ..."


def _children() -> list[int]:
    pids: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        with contextlib.suppress(OSError):
            pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


@dataclass
class Seen:
    switch_thread: set[int] = field(default_factory=set)  # nice values of the switch thread
    children: set[int] = field(default_factory=set)  # of child processes (the probe)
    decode_threads: set[int] = field(default_factory=set)  # of the decode pool's threads


@contextlib.contextmanager
def watching(pool: ThreadPoolExecutor) -> Iterator[Seen]:
    """Nice values read every 5 ms while the block runs."""
    seen, stop = Seen(), threading.Event()

    def sample() -> None:
        while not stop.wait(0.005):
            for t in threading.enumerate():
                if t.name == SWITCH_THREAD and t.native_id is not None:
                    with contextlib.suppress(OSError):
                        seen.switch_thread.add(thread_nice(t.native_id))
            for t in list(pool._threads):
                if t.native_id is not None:
                    seen.decode_threads.add(thread_nice(t.native_id))
            for pid in _children():
                with contextlib.suppress(OSError, ValueError, IndexError):
                    seen.children.add(_process_nice(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield seen
    finally:
        stop.set()
        sampler.join()


def _feed(stream: object, pcm: bytes) -> None:
    for frame in frames(pcm, RATE, 20):
        stream.feed(frame)  # type: ignore[attr-defined]


async def test_the_switch_runs_niced_and_the_decode_threads_do_not(
    vosk_loaded_model: LoadedModel,
    speech_pcm: Callable[..., bytes],
    tmp_path: Path,
) -> None:
    """A switch with the crash-safe probe, while a live call decodes on the pool."""
    base, nice = thread_nice(), 3  # any raise will do (the default takes longer on a busy CI)
    engine = VoskEngine(
        vosk_loaded_model.info.path, decode_threads=2, loaded=vosk_loaded_model, switch_nice=nice
    )
    pcm = speech_pcm(RATE)
    try:
        await engine.start()
        reference = [w.word for w in (await engine.transcribe_pcm(pcm, RATE)).words]
        live = await engine.open_stream(RATE)
        second = make_dither_free_copy(installed_korean_model(), tmp_path / "generation-2")
        with watching(engine.pool) as seen:
            switch = asyncio.ensure_future(engine.switch_to(second))
            call = itertools.cycle(frames(pcm, RATE, 20))
            while not switch.done():  # the call goes on, in real time, while the switch works
                for _ in range(3):
                    live.feed(next(call))
                await asyncio.sleep(0.06)
            await switch
        assert engine.loaded.info.path == second.resolve()
        niced = min(MAX_NICE, base + nice)
        assert seen.switch_thread == {niced}
        assert niced in seen.children  # the probe child inherited it
        assert seen.decode_threads == {base}
        assert not any(t.name == SWITCH_THREAD for t in threading.enumerate())
        assert thread_nice() == base  # the event loop's thread as well
        # After the switch the pool still decodes at normal priority, on the new model.
        assert [w.word for w in (await engine.transcribe_pcm(pcm, RATE)).words] == reference
        assert {thread_nice(t.native_id) for t in engine.pool._threads} == {base}  # type: ignore[arg-type]
        await live.finish()
    finally:
        await engine.close()


async def test_switch_nice_zero_keeps_the_normal_priority(
    vosk_loaded_model: LoadedModel, tmp_path: Path
) -> None:
    base = thread_nice()
    engine = VoskEngine(
        vosk_loaded_model.info.path, loaded=vosk_loaded_model, probe=False, switch_nice=0
    )
    try:
        await engine.start()
        second = make_dither_free_copy(installed_korean_model(), tmp_path / "generation-2")
        with watching(engine.pool) as seen:
            await engine.switch_to(second)
        assert seen.switch_thread == {base}
        assert engine.last_switch is not None
    finally:
        await engine.close()


async def test_run_niced_is_confined_to_its_own_thread() -> None:
    base = thread_nice()
    loop = asyncio.get_running_loop()

    def spawn_and_report() -> tuple[int, int, int]:
        inner: list[int] = []
        t = threading.Thread(target=lambda: inner.append(thread_nice()))
        t.start()
        t.join()
        child = subprocess.run(
            [sys.executable, "-c", "import os; print(os.nice(0))"],
            capture_output=True,
            text=True,
            check=True,
        )
        return thread_nice(), inner[0], int(child.stdout)

    own, inner, child = await run_niced(3, spawn_and_report, name="niced-test")
    assert (own, inner, child) == (min(MAX_NICE, base + 3),) * 3
    assert thread_nice() == base
    # The default executor's threads (asyncio.to_thread) are untouched.
    assert await loop.run_in_executor(None, thread_nice) == base

    def fail() -> None:
        raise ValueError("the load failed")

    with pytest.raises(ValueError, match="the load failed"):
        await run_niced(3, fail, name="niced-test")


def test_the_calibration_measures_cpu_not_wall_time_when_niced_under_load(
    vosk_loaded_model: LoadedModel,
) -> None:
    """Niced among busy processes the calibration waits for the CPU (wall time grows) but
    the cost it reports stays the model's own, so admission is not misled."""
    gate, base = GateOptions(), thread_nice()
    calm_cpu, seconds = calibration_cpu(vosk_loaded_model, gate)
    cores = len(os.sched_getaffinity(0))
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(cores)]
    result: list[tuple[float, float]] = []

    def niced() -> None:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), min(MAX_NICE, base + 5))
        started = time.monotonic()
        cpu, _ = calibration_cpu(vosk_loaded_model, gate)
        result.append((cpu, time.monotonic() - started))

    try:
        time.sleep(0.3)  # the spinners are running
        t = threading.Thread(target=niced)
        t.start()
        t.join()
    finally:
        for p in spinners:
            p.kill()
            p.wait()
    busy_cpu, wall = result[0]
    assert wall > 1.5 * busy_cpu  # it did wait for the CPU ...
    assert busy_cpu == pytest.approx(calm_cpu, rel=0.35)  # ... and the figure did not grow
    assert seconds > 0
