"""Admission by measured decode speed (sans-I/O): how many live streams and backlog jobs fit.

The node measures what one second of call audio costs it in decode CPU (once at
start on a synthetic speech-like call through the speech gate, see asr.calibration;
then from every decode job of live calls, which includes what the gate saves). A
live call is admitted while the live streams' predicted load stays within the
decode cores (all of them, HEADROOM); the backlog gets the
cores the live streams leave idle, each job using one core, at least one job.
An optional fixed cap (`asr.max_live_streams`) still applies on top.

When the node switches to a cheaper graph while calls are live (asr.graph auto, a graph
compiled after start), the meter starts again from a calibration on the new graph; the
streams still open on the old one keep costing the old rate, so that difference stays
reserved until each of them ends.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import dataclass

# Plan live decoding on all the cores: a live stream that falls a little behind catches up
# within a second of the hang-up, whereas a call sent to the backlog needs its whole decode
# after it (measured: 90 % left bursts of 8 calls on 2 cores one stream short).
HEADROOM = 1.0
WINDOW_S = 10.0  # call seconds per measurement: one decode job (0.1-0.5 s) is too noisy
EMA_WEIGHT = 0.3  # weight of one window in the running estimate
MIN_COST = 0.01  # CPU s per call second; below this a measurement is noise


class DecodeMeter:
    """Decode CPU seconds per second of call audio, kept current (thread-safe: pool threads
    report, the event loop reads)."""

    def __init__(self, initial_cost: float | None = None) -> None:
        self._lock = threading.Lock()
        self._cost = initial_cost
        self.windows = 0  # windows measured on calls (the calibration excluded)
        self._cpu = 0.0
        self._call = 0.0
        # One generation per model the streams decode on: a switch starts a new one.
        self.generation = 0
        self._open: Counter[int] = Counter()  # live streams open per generation
        self._old_costs: dict[int, float] = {}  # what an earlier generation's streams cost

    @property
    def cost(self) -> float | None:
        """CPU seconds per call second, or None before anything was measured."""
        return self._cost

    def calibrate(self, cpu_seconds: float, audio_seconds: float) -> None:
        """The measurement at start: the synthetic call, gated as a live call is."""
        with self._lock:
            self._cost = max(MIN_COST, cpu_seconds / audio_seconds)

    def recalibrate(self, cpu_seconds: float, audio_seconds: float) -> None:
        """A new model for new streams (the switch to a compiled graph): its calibration
        replaces the measurement, windows start again, and the streams open on the old
        model keep their old cost (`reserved`) until they close."""
        with self._lock:
            if self._cost is not None and self._open[self.generation]:
                self._old_costs[self.generation] = self._cost
            self.generation += 1
            self._cost = max(MIN_COST, cpu_seconds / audio_seconds)
            self._cpu = self._call = 0.0
            self.windows = 0

    def open_stream(self) -> int:
        """A live stream opens on the current model: its generation, for record/close."""
        with self._lock:
            self._open[self.generation] += 1
            return self.generation

    def close_stream(self, generation: int) -> None:
        with self._lock:
            self._open[generation] -= 1
            if self._open[generation] <= 0:
                del self._open[generation]
                self._old_costs.pop(generation, None)

    @property
    def reserved(self) -> float:
        """CPU s per s the live streams on earlier models cost beyond the current rate."""
        with self._lock:
            now = self._cost or 0.0
            return sum(
                n * max(0.0, self._old_costs.get(g, now) - now)
                for g, n in self._open.items()
                if g != self.generation
            )

    def record(
        self, cpu_seconds: float, call_seconds: float, generation: int | None = None
    ) -> None:
        """One decode job of a live call: CPU spent for `call_seconds` of the call (what the
        gate left out included). The first full window replaces the calibration. A job of a
        stream on an earlier model (`generation`) says nothing about the current one."""
        with self._lock:
            if generation is not None and generation != self.generation:
                return
            self._cpu += cpu_seconds
            self._call += call_seconds
            if self._call < WINDOW_S:
                return
            observed = max(MIN_COST, self._cpu / self._call)
            self._cpu = self._call = 0.0
            if self._cost is None or self.windows == 0:
                self._cost = observed
            else:
                self._cost += EMA_WEIGHT * (observed - self._cost)
            self.windows += 1


@dataclass(frozen=True)
class AdmissionPolicy:
    cores: int
    max_live: int | None = None  # optional fixed cap (0 = every call goes to the backlog)
    headroom: float = HEADROOM

    def live_limit(self, cost: float | None, reserved: float = 0.0) -> int:
        """How many live streams the cores sustain at `cost` CPU s per call second, when
        the streams on an earlier model take `reserved` CPU s per s more than that."""
        # Nothing measured (e.g. a remote engine): one per core.
        if cost is None:
            by_speed = self.cores
        else:
            by_speed = max(0, math.floor((self.cores * self.headroom - reserved) / cost))
        return by_speed if self.max_live is None else min(by_speed, self.max_live)

    def admit_live(self, live: int, cost: float | None, reserved: float = 0.0) -> bool:
        return live < self.live_limit(cost, reserved)

    def backlog_slots(self, live: int, cost: float | None, reserved: float = 0.0) -> int:
        """Backlog jobs that may run next to `live` streams: the idle cores, at least one."""
        used = live * (cost if cost is not None else 1.0) + reserved
        return max(1, math.floor(self.cores - used))
