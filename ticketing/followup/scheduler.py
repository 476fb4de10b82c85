"""The follow-up loop: sweep for new surveys, claim due calls, dial, store results.

Any number of nodes may run it against one PostgreSQL: claims use
SELECT … FOR UPDATE SKIP LOCKED (see store.claim_due). Database work runs in
worker threads so the event loop keeps serving SIP and HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from hotline.ticketing.followup.dialer import Dialer, SurveyOutcome, SurveyRequest
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.store import FollowupJob

log = logging.getLogger(__name__)


@dataclass
class FollowupScheduler:
    service: FollowupService
    dialer: Dialer | None  # None: dialling off — surveys are planned, never called
    max_concurrent_calls: int = 2
    interval_seconds: float = 30.0

    def __post_init__(self) -> None:
        self._active: set[asyncio.Task[FollowupJob | None]] = set()

    @property
    def active_calls(self) -> int:
        return len(self._active)

    async def run_once(self) -> list[FollowupJob]:
        """One pass; waits for the calls it started and returns their jobs."""
        tasks = await self._start_due_calls()
        results = await asyncio.gather(*tasks) if tasks else []
        return [job for job in results if job is not None]

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set: pass every interval_seconds; calls run in the background."""
        while not stop.is_set():
            try:
                await self._start_due_calls()
            except Exception:  # a database hiccup must not end the loop
                log.exception("follow-up scheduler pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.interval_seconds)
        if self._active:
            await asyncio.gather(*self._active, return_exceptions=True)

    async def _start_due_calls(self) -> list[asyncio.Task[FollowupJob | None]]:
        await asyncio.to_thread(self.service.sweep)
        await asyncio.to_thread(self.service.recover_stale)
        if self.dialer is None:
            return []
        free = self.max_concurrent_calls - len(self._active)
        requests = await asyncio.to_thread(self.service.claim, free)
        tasks = []
        for request in requests:
            task = asyncio.create_task(self._call(request), name=f"followup-job-{request.job_id}")
            self._active.add(task)
            task.add_done_callback(self._active.discard)
            tasks.append(task)
        return tasks

    async def _call(self, request: SurveyRequest) -> FollowupJob | None:
        log.info("follow-up call: job %s ticket %s", request.job_id, request.ticket_id)
        assert self.dialer is not None  # only claimed with a dialer
        try:
            outcome = await self.dialer.run_survey(request)
        except Exception as exc:  # the dialer promised not to raise; count it as failed
            log.exception("dialer failed on job %s", request.job_id)
            outcome = SurveyOutcome(outcome="failed", detail=f"dialer error: {exc}")
        try:
            return await asyncio.to_thread(self.service.complete, request, outcome)
        except Exception:
            # Left in dialling: recover_stale turns it into a failed attempt later.
            log.exception("could not store the result of job %s", request.job_id)
            return None
