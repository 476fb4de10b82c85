"""The loop-wide send clock: one timer per event loop paces every playing session.

With a sleep per packet per call, N calls cost N task wake-ups every 20 ms; here
plays start on a common 20 ms grid and one wake-up serves them all. Each play
(`sender.Playback`) keeps an absolute schedule (start + index * ptime), so there is no
drift. The clock's tick also runs the media pump's due receive phase
(`MediaPump.ride`), in the same wake-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from typing import Final, Protocol

from hotline.telephony.rtp.pump import MediaPump

CLOCK_SLACK: Final = 0.001  # timers may fire this much early (millisecond resolution)
GRID: Final = 0.02  # plays start on a shared 20 ms grid, so their packets share ticks


class Paced(Protocol):
    """What the clock needs of one play in progress (`sender.Playback`)."""

    done: asyncio.Future[None]

    def due(self) -> float:
        """Loop time the next packet is due."""

    def service(self, now: float) -> float | None:
        """Send every packet due by `now`; return when the next is due, None when done."""


class SendClock:
    """One timer per event loop that sends the due packets of every playing session."""

    _clocks: dict[asyncio.AbstractEventLoop, SendClock] = {}

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.playbacks: list[Paced] = []
        self.handle: asyncio.TimerHandle | None = None
        self.wake_at: float | None = None

    @classmethod
    def of(cls, loop: asyncio.AbstractEventLoop) -> SendClock:
        clock = cls._clocks.get(loop)
        if clock is None:
            clock = cls._clocks[loop] = cls(loop)
        return clock

    @staticmethod
    def grid_time(now: float) -> float:
        return math.ceil(now / GRID - 1e-9) * GRID

    def add(self, playback: Paced) -> None:
        self.playbacks.append(playback)
        self._schedule(playback.due())

    def remove(self, playback: Paced) -> None:
        with contextlib.suppress(ValueError):
            self.playbacks.remove(playback)
        if not self.playbacks:
            if self.handle is not None:
                self.handle.cancel()
                self.handle, self.wake_at = None, None
            self._clocks.pop(self.loop, None)

    def _schedule(self, when: float) -> None:
        if self.wake_at is not None and self.wake_at <= when:
            return
        if self.handle is not None:
            self.handle.cancel()
        self.wake_at = when
        self.handle = self.loop.call_at(when, self._tick)

    def _tick(self) -> None:
        self.handle, self.wake_at = None, None
        now = self.loop.time()
        following: float | None = None
        for playback in self.playbacks:
            try:
                due = playback.service(now)
            except Exception as exc:  # one broken session must not stop the others
                if not playback.done.done():
                    playback.done.set_exception(exc)
                continue
            if due is not None and (following is None or due < following):
                following = due
        if following is not None:
            self._schedule(following)
        pump = MediaPump.of_running(self.loop)
        if pump is not None:
            pump.ride()  # the receive side's due phase, in this same wake-up
