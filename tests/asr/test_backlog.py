"""Capacity control and the durable backlog, with the real model and a SQLite file."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from hotline.asr.audio import frames
from hotline.asr.backlog import BacklogQueue
from hotline.asr.backlog_worker import BacklogWorker
from hotline.asr.capacity import CapacityLimiter
from hotline.asr.model import LoadedModel
from hotline.asr.service import AsrService
from hotline.asr.transcript import Transcript
from hotline.asr.vosk_engine import VoskEngine

WAIT = 120.0  # generous: the machine may be loaded


class Delivered:
    """on_done target: collects transcripts, lets tests await a key."""

    def __init__(self) -> None:
        self.items: dict[str, Transcript] = {}
        self._changed = asyncio.Event()

    async def __call__(self, key: str, transcript: Transcript) -> None:
        self.items[key] = transcript
        self._changed.set()

    async def wait_for(self, key: str) -> Transcript:
        async def until() -> Transcript:
            while key not in self.items:
                self._changed.clear()
                await self._changed.wait()
            return self.items[key]

        return await asyncio.wait_for(until(), WAIT)


async def wait_for_state(queue: BacklogQueue, key: str, state: str) -> None:
    """on_done runs before the row is marked done: poll the database briefly."""

    async def until() -> None:
        while (job := queue.get(key)) is None or job.state != state:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(until(), WAIT)


def db(tmp_path: Path) -> sa.Engine:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'hotline.db'}")
    BacklogQueue(engine).create_table()
    return engine


def service(
    engine: VoskEngine, db_engine: sa.Engine, on_done: Delivered, max_live: int, owner: str = "n1"
) -> AsrService:
    capacity = CapacityLimiter(max_live)
    worker = BacklogWorker(
        BacklogQueue(db_engine),
        engine,
        on_done,
        capacity=capacity,
        owner=owner,
        poll_interval=0.5,
        model_retry_interval=0.2,
    )
    return AsrService(engine, capacity, worker)


def test_capacity_limiter_counts_live_and_backlog() -> None:
    cap = CapacityLimiter(2)
    assert cap.try_acquire_live() and cap.try_acquire_live()
    assert not cap.try_acquire_live()
    cap.release_live()
    assert cap.try_acquire_live()
    with pytest.raises(RuntimeError):
        CapacityLimiter(1).release_live()


async def test_backlog_waits_for_a_free_slot() -> None:
    cap = CapacityLimiter(1)
    assert cap.try_acquire_live()
    waiting = asyncio.ensure_future(cap.acquire_backlog())
    await asyncio.sleep(0.05)
    assert not waiting.done()
    cap.release_live()
    await asyncio.wait_for(waiting, WAIT)
    assert cap.backlog == 1 and not cap.try_acquire_live()


async def test_call_over_capacity_is_queued_and_transcribed_later(
    tmp_path: Path, vosk_engine: VoskEngine, speech_wav: Callable[..., Path], speech_pcm
) -> None:
    delivered = Delivered()
    svc = service(vosk_engine, db(tmp_path), delivered, max_live=1)
    await svc.start()
    try:
        first = await svc.open_call("call-1", 8000)
        second = await svc.open_call("call-2", 8000)
        assert first.live and not second.live and second.queued_reason == "capacity"
        pcm = speech_pcm(8000)
        for frame in frames(pcm, 8000, 20):
            first.feed(frame)
            second.feed(frame)  # a no-op: the call is only recorded
        live = await first.finish(speech_wav(8000))
        assert live is not None and live.words
        assert await second.finish(speech_wav(8000)) is None
        later = await delivered.wait_for("call-2")
        assert later.words
        assert [w.word for w in later.words] == [w.word for w in live.words]
        await wait_for_state(svc.worker.queue, "call-2", "done")
        job = await svc.job("call-2")
        assert job is not None and job.state == "done" and job.result == later.to_dict()
    finally:
        await svc.stop()


async def test_queued_job_survives_a_restart(
    tmp_path: Path, vosk_loaded_model: LoadedModel, speech_wav: Callable[..., Path]
) -> None:
    engine_db = db(tmp_path)
    # Process 1 queued two calls and had started one when it crashed.
    queue = BacklogQueue(engine_db)
    queue.enqueue("call-a", str(speech_wav(8000)))
    queue.enqueue("call-b", str(speech_wav(16000)))
    assert queue.claim_next("node-1") is not None  # 'running' forever: the process died
    # Process 2 (same node, new worker, same database file) finishes both.
    delivered = Delivered()
    engine = VoskEngine(vosk_loaded_model.info.path, decode_threads=2, loaded=vosk_loaded_model)
    svc = service(engine, sa.create_engine(engine_db.url), delivered, max_live=2, owner="node-1")
    await svc.start()
    try:
        a = await delivered.wait_for("call-a")
        b = await delivered.wait_for("call-b")
        assert a.words and b.words
        # Backlog jobs run in parallel: either may be marked done last.
        await wait_for_state(queue, "call-a", "done")
        await wait_for_state(queue, "call-b", "done")
        states = {j.key: (j.state, j.attempts) for j in queue.list()}
        assert states == {"call-a": ("done", 2), "call-b": ("done", 1)}
    finally:
        await svc.stop()


async def test_model_missing_at_start_up_queues_until_installed(
    tmp_path: Path, vosk_loaded_model: LoadedModel, speech_wav: Callable[..., Path]
) -> None:
    model_path = tmp_path / "models" / "vosk-model-small-cn-0.22"
    engine = VoskEngine(model_path, decode_threads=2, probe=False)
    delivered = Delivered()
    svc = service(engine, db(tmp_path), delivered, max_live=4)
    await svc.start()
    try:
        call = await svc.open_call("call-x", 8000)
        assert not call.live and str(model_path) in (call.queued_reason or "")
        assert await call.finish(speech_wav(8000)) is None
        await asyncio.sleep(0.5)
        job = await svc.job("call-x")
        assert job is not None and job.state == "queued" and job.attempts == 0
        assert svc.worker.engine_problem and str(model_path) in svc.worker.engine_problem
        # "Install" the model: the same folder as the loaded one (so no second load).
        model_path.parent.mkdir(parents=True)
        model_path.symlink_to(vosk_loaded_model.info.path)
        assert (await delivered.wait_for("call-x")).words
        # From now on calls are live again.
        assert (await svc.open_call("call-y", 8000)).live
    finally:
        await svc.stop()


async def test_unreadable_recording_fails_after_retries(
    tmp_path: Path, vosk_engine: VoskEngine
) -> None:
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF not really a wave file")
    failures: list[tuple[str, str]] = []
    done = asyncio.Event()

    async def on_failed(key: str, error: str) -> None:
        failures.append((key, error))
        done.set()

    queue = BacklogQueue(db(tmp_path))
    worker = BacklogWorker(
        queue, vosk_engine, Delivered(), on_failed=on_failed, max_attempts=2, poll_interval=0.1
    )
    await worker.start()
    try:
        await worker.enqueue("call-bad", str(bad))
        await asyncio.wait_for(done.wait(), WAIT)
    finally:
        await worker.stop()
    job = queue.get("call-bad")
    assert job is not None and job.state == "failed" and job.attempts == 2
    assert failures[0][0] == "call-bad" and str(bad) in failures[0][1]
