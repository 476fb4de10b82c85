"""How many recognizers may run at once: live calls first, the backlog when there is room."""

from __future__ import annotations

import asyncio

from hotline.asr.admission import AdmissionPolicy, DecodeMeter


class CapacityLimiter:
    """Counts live streams and backlog jobs against one limit.

    A live call that finds no free slot is not transcribed live (its recording
    is queued instead); the backlog waits for a free slot, so it never takes
    capacity from calls in progress. With `max_live=0` every call is queued and
    the backlog still runs one job at a time.

    Without a meter the limit is `max_live` streams, live and backlog together (a
    remote engine whose speed this node cannot measure). With a meter (in-process
    Vosk) the AdmissionPolicy decides from the measured decode cost: live streams
    while the cores keep up, `max_live` only as an optional cap; backlog jobs on
    the cores the live streams leave idle, in parallel.
    """

    def __init__(
        self, max_live: int | None, *, cores: int = 1, meter: DecodeMeter | None = None
    ) -> None:
        if max_live is not None and max_live < 0:
            raise ValueError("max_live must be >= 0")
        if meter is None and max_live is None:
            max_live = cores
        self.max_live = max_live
        self.meter = meter
        self.policy = AdmissionPolicy(cores=cores, max_live=max_live)
        self.live = 0
        self.backlog = 0
        self._waiters: list[asyncio.Future[None]] = []

    @property
    def in_use(self) -> int:
        return self.live + self.backlog

    @property
    def _cost(self) -> float | None:
        return self.meter.cost if self.meter is not None else None

    @property
    def _reserved(self) -> float:
        return self.meter.reserved if self.meter is not None else 0.0

    def live_limit(self) -> int:
        if self.meter is None:
            return self.max_live or 0
        return self.policy.live_limit(self._cost, self._reserved)

    def _backlog_full(self) -> bool:
        if self.meter is None:
            return self.in_use >= max(1, self.max_live or 0)
        return self.backlog >= self.policy.backlog_slots(self.live, self._cost, self._reserved)

    def try_acquire_live(self) -> bool:
        if self.meter is None:
            if self.in_use >= (self.max_live or 0):
                return False
        elif not self.policy.admit_live(self.live, self._cost, self._reserved):
            return False
        self.live += 1
        return True

    def release_live(self) -> None:
        if self.live <= 0:
            raise RuntimeError("release_live() without a live slot")
        self.live -= 1
        self._notify()

    async def acquire_backlog(self) -> None:
        while self._backlog_full():
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            finally:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
        self.backlog += 1

    def release_backlog(self) -> None:
        if self.backlog <= 0:
            raise RuntimeError("release_backlog() without a backlog slot")
        self.backlog -= 1
        self._notify()

    def _notify(self) -> None:
        # Called from the event loop thread (all users are coroutines or loop callbacks).
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)
