"""Drains `asr_jobs`: transcribes queued recordings and hands the transcripts over.

Jobs run in parallel as far as the capacity limiter gives backlog slots (the
cores live calls leave idle). Delivery is at least once: `on_done` runs before
the job is marked done, so a crash in between repeats it after restart (make
`on_done` idempotent per key).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Awaitable, Callable

from hotline.asr.audio import AudioError, read_audio
from hotline.asr.backlog import AsrJob, BacklogQueue
from hotline.asr.capacity import CapacityLimiter
from hotline.asr.engine import AsrEngine, EngineUnavailable, StreamFailed
from hotline.asr.model import ModelError
from hotline.asr.transcript import Transcript

log = logging.getLogger(__name__)

OnDone = Callable[[str, Transcript], Awaitable[None]]
OnFailed = Callable[[str, str], Awaitable[None]]


class BacklogWorker:
    def __init__(
        self,
        queue: BacklogQueue,
        engine: AsrEngine,
        on_done: OnDone,
        *,
        capacity: CapacityLimiter | None = None,
        on_failed: OnFailed | None = None,
        owner: str | None = None,
        max_attempts: int = 3,
        poll_interval: float = 5.0,
        model_retry_interval: float = 10.0,
    ) -> None:
        self.queue = queue
        self.engine = engine
        self.on_done = on_done
        self.on_failed = on_failed
        self.capacity = capacity or CapacityLimiter(1)
        self.owner = owner or socket.gethostname()
        self.max_attempts = max_attempts
        self.poll_interval = poll_interval
        self.model_retry_interval = model_retry_interval
        self.engine_problem: str | None = None  # why jobs are waiting, for status pages
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._jobs: set[asyncio.Task[None]] = set()
        self._stopping = False

    async def start(self) -> None:
        """Reclaim jobs this node left running, then drain in the background."""
        self._stopping = False
        reclaimed = await asyncio.to_thread(self.queue.reclaim_running, self.owner)
        if reclaimed:
            log.info("ASR backlog: %d interrupted job(s) queued again", reclaimed)
        self._task = asyncio.get_running_loop().create_task(self._run(), name="asr-backlog")

    async def stop(self) -> None:
        # The flag as well as cancel(): a library may swallow the cancellation mid-await
        # (seen with websockets.connect); the loop then ends at its next turn.
        self._stopping = True
        self._wake.set()
        tasks = [t for t in (self._task, *self._jobs) if t is not None]
        for task in tasks:  # interrupted jobs stay "running": start() reclaims them
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None
        self._jobs.clear()

    async def enqueue(self, key: str, audio_path: str) -> AsrJob:
        job = await asyncio.to_thread(self.queue.enqueue, key, audio_path)
        self._wake.set()
        return job

    def wake(self) -> None:
        self._wake.set()

    async def _run(self) -> None:
        while not self._stopping:
            try:
                if not await self._engine_ready():
                    await self._sleep(self.model_retry_interval)
                    continue
                if not await self._start_next():
                    await self._sleep(self.poll_interval)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - e.g. database briefly unavailable
                log.exception("ASR backlog worker error; retrying")
                await self._sleep(self.poll_interval)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)
        self._wake.clear()

    async def _engine_ready(self) -> bool:
        if self.engine.ready:
            self.engine_problem = None
            return True
        try:
            await self.engine.start()
        except (ModelError, EngineUnavailable) as exc:
            if str(exc) != self.engine_problem:
                log.warning("ASR backlog waiting: %s", exc)
            self.engine_problem = str(exc)
            return False
        self.engine_problem = None
        return True

    async def _start_next(self) -> bool:
        """Wait for a backlog slot, claim a job and run it in the background; False if the
        queue was empty."""
        await self.capacity.acquire_backlog()
        try:
            job = await asyncio.to_thread(self.queue.claim_next, self.owner)
        except BaseException:
            self.capacity.release_backlog()
            raise
        if job is None:
            self.capacity.release_backlog()
            return False
        task = asyncio.get_running_loop().create_task(self._run_job(job))
        self._jobs.add(task)
        task.add_done_callback(self._jobs.discard)
        return True

    async def _run_job(self, job: AsrJob) -> None:
        try:
            await self._process(job)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - e.g. database briefly unavailable: reclaimed later
            log.exception("ASR backlog job %s failed", job.key)
        finally:
            self.capacity.release_backlog()

    async def run_once(self) -> bool:
        """Transcribe one queued job; False if there was none."""
        job = await asyncio.to_thread(self.queue.claim_next, self.owner)
        if job is None:
            return False
        renewing = asyncio.get_running_loop().create_task(self._renew(job))
        await self.capacity.acquire_backlog()
        try:
            await self._process(job)
        finally:
            self.capacity.release_backlog()
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
        return True

    async def _renew(self, job: AsrJob) -> None:
        """Keep the job's lease while it waits for capacity and is transcribed, so no other
        node takes it over; a failed renewal is retried at the next turn."""
        while True:
            await asyncio.sleep(self.queue.lease_seconds / 3)
            try:
                if not await asyncio.to_thread(self.queue.renew, job.id, self.owner):
                    log.warning("ASR backlog job %s: lease lost to another node", job.key)
                    return
            except Exception:  # noqa: BLE001 - database briefly away
                log.exception("ASR backlog job %s: lease renewal failed", job.key)

    async def _process(self, job: AsrJob) -> None:
        try:
            audio = await asyncio.to_thread(read_audio, job.audio_path)
            transcript = await self.engine.transcribe_pcm(audio.pcm, audio.sample_rate)
        except (EngineUnavailable, ModelError) as exc:
            # Not the recording's fault: wait for the engine without spending an attempt.
            await asyncio.to_thread(self.queue.requeue, job.id, str(exc))
            self.engine_problem = str(exc)
            return
        except (AudioError, StreamFailed, OSError) as exc:
            await self._failed_attempt(job, str(exc))
            return
        try:
            await self.on_done(job.key, transcript)
        except Exception as exc:  # noqa: BLE001 - the consumer failed: keep the job, retry
            log.exception("ASR backlog: on_done(%s) failed", job.key)
            await self._failed_attempt(job, f"on_done failed: {exc}")
            return
        await asyncio.to_thread(self.queue.mark_done, job.id, transcript.to_dict())

    async def _failed_attempt(self, job: AsrJob, error: str) -> None:
        state = await asyncio.to_thread(
            self.queue.mark_failed_attempt, job.id, error, self.max_attempts
        )
        log.warning("ASR backlog job %s attempt %d: %s (%s)", job.key, job.attempts, error, state)
        if state == "failed" and self.on_failed is not None:
            try:
                await self.on_failed(job.key, error)
            except Exception:  # noqa: BLE001
                log.exception("ASR backlog: on_failed(%s) failed", job.key)
