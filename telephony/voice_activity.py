"""Energy-based silence detection on 20 ms frames.

Enough for "end the call after long silence" and "a call without speech is
invalid"; not a speech recogniser's VAD. A frame is loud when its RMS level is
above `threshold_dbfs`; speech needs `min_speech_ms` of consecutive loud
frames, so clicks and line hits neither count as speech nor restart the
silence clock. `hangover_ms` keeps `in_speech` true across short pauses.
"""

from __future__ import annotations

from telephony.audio import SAMPLE_RATE, dbfs


class SilenceDetector:
    def __init__(
        self,
        threshold_dbfs: float = -40.0,
        *,
        min_speech_ms: float = 100.0,
        hangover_ms: float = 300.0,
    ) -> None:
        self.threshold_dbfs = threshold_dbfs
        self._min_speech = min_speech_ms / 1000
        self._hangover = hangover_ms / 1000
        self._loud_run = 0.0
        self.silent_for = 0.0  # seconds since the last speech (or since the start)
        self.heard_speech = False
        self.speech_seconds = 0.0

    def feed(self, frame: bytes) -> None:
        seconds = len(frame) / 2 / SAMPLE_RATE
        if dbfs(frame) <= self.threshold_dbfs:
            self._loud_run = 0.0
            self.silent_for += seconds
            return
        qualified_before = self._loud_run >= self._min_speech
        self._loud_run += seconds
        if self._loud_run < self._min_speech:
            self.silent_for += seconds  # too short so far: a click is not speech
            return
        # Once a run qualifies, all of it counts as speech, its first frames included.
        self.speech_seconds += seconds if qualified_before else self._loud_run
        self.heard_speech = True
        self.silent_for = 0.0

    @property
    def in_speech(self) -> bool:
        return self.heard_speech and self.silent_for < self._hangover
