"""Timers that send a partial transcript the intake throttle held (PartialThrottle's
trailing edge) once its interval is over, so the console is at most one interval behind
the speech. The throttle decides; this only keeps time on the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class HeldPartials:
    def __init__(self, release: Callable[[str], float | None]) -> None:
        """`release(call_id)` sends the held partial if due; returns the next wait or None."""
        self._release = release
        self._timers: dict[str, asyncio.TimerHandle] = {}

    def hold(self, call_id: str, wait: float | None) -> None:
        """Release `call_id`'s held partial in `wait` seconds (None: nothing is held)."""
        if wait is not None and call_id not in self._timers:
            loop = asyncio.get_running_loop()
            self._timers[call_id] = loop.call_later(wait, self._due, call_id)

    def _due(self, call_id: str) -> None:
        self._timers.pop(call_id, None)
        self.hold(call_id, self._release(call_id))
