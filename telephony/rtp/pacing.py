"""The loop-wide send clock: one timer per event loop paces every playing session.

With a sleep per packet per call, N calls cost N task wake-ups every 20 ms; here
plays start on a common 20 ms grid and one wake-up serves them all. Each `Playback`
keeps an absolute schedule (start + index * ptime), so there is no drift, and a loop
stalled far behind restarts the schedule instead of bursting. The clock's tick also
runs the media pump's due receive phase (`MediaPump.ride`), in the same wake-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import math
from typing import Final, Protocol

from hotline.telephony.rtp import g711
from hotline.telephony.rtp.params import MediaParams
from hotline.telephony.rtp.pump import MediaPump

MAX_SEND_BACKLOG_PACKETS: Final = 10  # further behind than this: re-anchor, do not burst
CLOCK_SLACK: Final = 0.001  # timers may fire this much early (millisecond resolution)
GRID: Final = 0.02  # plays start on a shared 20 ms grid, so their packets share ticks


class PacedStream(Protocol):
    """What a playback needs of the outgoing stream it feeds (`RtpSender`)."""

    loop: asyncio.AbstractEventLoop
    closed: bool
    params: MediaParams | None
    out_timestamp: int
    late_sends: int

    def send(
        self,
        payload_type: int,
        payload: bytes,
        marker: bool,
        timestamp: int,
        interval: float | None,
        now: float | None = None,
    ) -> None: ...


@functools.lru_cache(maxsize=8)
def padded(pcm: bytes, packet_bytes: int) -> bytes:
    """Whole packets (the last one padded with silence); cached like `encoded`."""
    return pcm + bytes(-len(pcm) % packet_bytes)


@functools.lru_cache(maxsize=8)
def encoded(pcm: bytes, payload_type: int) -> bytes:
    """Every call plays the same greeting: encode it once (bytes cache their hash)."""
    return g711.encode(payload_type, pcm)


class Playback:
    """One play() in progress: the audio pre-encoded in one vectorised pass, the next
    packet's index and the schedule it keeps (start + index * interval)."""

    __slots__ = (
        "stream",
        "params",
        "pcm",
        "payloads",
        "payload_type",
        "packet_bytes",
        "payload_size",
        "interval",
        "start",
        "index",
        "count",
        "done",
    )

    def __init__(
        self,
        stream: PacedStream,
        params: MediaParams,
        pcm: bytes,
        packet_bytes: int,
        start: float,
    ) -> None:
        self.stream = stream
        self.params = params
        self.pcm = pcm
        self.payload_type = params.payload_type
        self.payloads = encoded(pcm, params.payload_type)  # one byte per sample
        self.packet_bytes = packet_bytes
        self.payload_size = packet_bytes // 2
        self.interval = params.ptime_ms / 1000
        self.start = start
        self.index = 0
        self.count = len(pcm) // packet_bytes
        self.done: asyncio.Future[None] = stream.loop.create_future()

    def due(self) -> float:
        return self.start + self.index * self.interval

    def end_time(self) -> float:
        return self.start + self.index * self.interval

    def service(self, now: float) -> float | None:
        """Send every packet due by `now`; return when the next one is due, or None
        (and finish the future) when all are out."""
        stream = self.stream
        interval = self.interval
        index = self.index
        size = self.payload_size
        while index < self.count:
            if stream.closed:
                break
            due = self.start + index * interval
            if due > now + CLOCK_SLACK:
                self.index = index
                return due
            late = now - due
            if late > MAX_SEND_BACKLOG_PACKETS * interval:
                # The loop stalled far behind: restart the schedule instead of bursting.
                self.start = now - index * interval
            elif late > interval / 2:
                stream.late_sends += 1
            current = stream.params or self.params
            offset = index * size
            if current.payload_type == self.payload_type:
                payload = self.payloads[offset : offset + size]
            else:  # a re-INVITE changed the codec mid-play
                chunk = self.pcm[offset * 2 : offset * 2 + self.packet_bytes]
                payload = g711.encode(current.payload_type, chunk)
            timestamp = stream.out_timestamp
            stream.out_timestamp = (timestamp + size) & 0xFFFFFFFF
            stream.send(current.payload_type, payload, index == 0, timestamp, interval, now)
            index += 1
        self.index = index
        if not self.done.done():
            self.done.set_result(None)
        return None


class SendClock:
    """One timer per event loop that sends the due packets of every playing session."""

    _clocks: dict[asyncio.AbstractEventLoop, SendClock] = {}

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.playbacks: list[Playback] = []
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

    def add(self, playback: Playback) -> None:
        self.playbacks.append(playback)
        self._schedule(playback.due())

    def remove(self, playback: Playback) -> None:
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
