"""Energy-based silence detection on 20 ms frames.

Enough for "end the call after long silence" and "a call without speech is
invalid"; not a speech recogniser's VAD. A frame is loud when its RMS level is
above `threshold_dbfs`; speech needs `min_speech_ms` of consecutive loud
frames, so clicks and line hits neither count as speech nor restart the
silence clock. `hangover_ms` keeps `in_speech` true across short pauses.

Audio may be fed in chunks of any length; it is measured in 20 ms frames, in
batches (one numpy pass per `BATCH_FRAMES` frames, or when a result is read):
per 20 ms frame, numpy's call overhead is most of the cost, and a node measures
every frame of hundreds of calls.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from hotline.telephony.audio import SAMPLE_RATE

BATCH_FRAMES: Final = 50  # 1 s: the call reads the results once a second anyway
FRAME_SAMPLES: Final = SAMPLE_RATE // 50  # 20 ms
_FRAME_BYTES: Final = FRAME_SAMPLES * 2
_BATCH_BYTES: Final = BATCH_FRAMES * _FRAME_BYTES


class SilenceDetector:
    def __init__(
        self,
        threshold_dbfs: float = -40.0,
        *,
        min_speech_ms: float = 100.0,
        hangover_ms: float = 300.0,
    ) -> None:
        self.threshold_dbfs = threshold_dbfs
        # dbfs(frame) > threshold without a log per frame: mean square above this power.
        self._loud_power = 10 ** (threshold_dbfs / 10) * 32768.0 * 32768.0
        self._min_speech = min_speech_ms / 1000
        self._hangover = hangover_ms / 1000
        self._loud_run = 0.0
        self._silent_for = 0.0  # seconds since the last speech (or since the start)
        self._heard_speech = False
        self._speech_seconds = 0.0
        self._pending: list[bytes] = []
        self._pending_bytes = 0

    def feed(self, pcm: bytes) -> None:
        """16-bit PCM, any length (a partial frame waits for the rest)."""
        self._pending.append(pcm)
        self._pending_bytes += len(pcm)
        if self._pending_bytes >= _BATCH_BYTES:
            self._measure()

    @property
    def silent_for(self) -> float:
        self._measure()
        return self._silent_for

    @property
    def heard_speech(self) -> bool:
        self._measure()
        return self._heard_speech

    @property
    def speech_seconds(self) -> float:
        self._measure()
        return self._speech_seconds

    @property
    def in_speech(self) -> bool:
        return self.heard_speech and self.silent_for < self._hangover

    def _measure(self) -> None:
        if self._pending_bytes < _FRAME_BYTES:
            return
        data = b"".join(self._pending)
        whole = len(data) - len(data) % _FRAME_BYTES
        rest = data[whole:]
        self._pending = [rest] if rest else []
        self._pending_bytes = len(rest)
        samples = np.frombuffer(data, dtype="<i2", count=whole // 2).astype(np.float32)
        rows = samples.reshape(-1, FRAME_SAMPLES)
        # `_frame` for every row, inlined on locals: one method call and a dozen attribute
        # reads and writes per 20 ms frame were most of the detector's cost.
        seconds = FRAME_SAMPLES / SAMPLE_RATE
        loud = self._loud_power * FRAME_SAMPLES
        min_speech = self._min_speech
        loud_run, silent_for = self._loud_run, self._silent_for
        speech_seconds, heard_speech = self._speech_seconds, self._heard_speech
        for energy in (rows * rows).sum(axis=1).tolist():
            if energy <= loud:
                loud_run = 0.0
                silent_for += seconds
                continue
            qualified_before = loud_run >= min_speech
            loud_run += seconds
            if loud_run < min_speech:
                silent_for += seconds  # too short so far: a click is not speech
                continue
            # Once a run qualifies, all of it counts as speech, its first frames included.
            speech_seconds += seconds if qualified_before else loud_run
            heard_speech = True
            silent_for = 0.0
        self._loud_run, self._silent_for = loud_run, silent_for
        self._speech_seconds, self._heard_speech = speech_seconds, heard_speech
