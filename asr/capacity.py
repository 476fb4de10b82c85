"""How many recognizers may run at once: live calls first, the backlog when there is room."""

from __future__ import annotations

import asyncio


class CapacityLimiter:
    """Counts live streams and backlog jobs against one limit.

    A live call that finds no free slot is not transcribed live (its recording
    is queued instead); the backlog waits for a free slot, so it never takes
    capacity from calls in progress. With `max_live=0` every call is queued and
    the backlog still runs one job at a time.
    """

    def __init__(self, max_live: int) -> None:
        if max_live < 0:
            raise ValueError("max_live must be >= 0")
        self.max_live = max_live
        self.live = 0
        self.backlog = 0
        self._waiters: list[asyncio.Future[None]] = []

    @property
    def in_use(self) -> int:
        return self.live + self.backlog

    def try_acquire_live(self) -> bool:
        if self.in_use >= self.max_live:
            return False
        self.live += 1
        return True

    def release_live(self) -> None:
        if self.live <= 0:
            raise RuntimeError("release_live() without a live slot")
        self.live -= 1
        self._notify()

    async def acquire_backlog(self) -> None:
        limit = max(1, self.max_live)
        while self.in_use >= limit:
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
