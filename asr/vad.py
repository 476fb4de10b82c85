"""Speech gating: which audio the recogniser needs (sans-I/O, WebRTC VAD per 20 ms frame).

A call is mostly not speech: the greeting plays while the caller waits, callers
pause, and the line stays open after the last word. Decoding that costs as much
CPU as speech (line noise) or a third of it (digital silence). The gate passes
speech with padding on both sides and marks where a stretch of speech ended, so
the stream closes the utterance there instead of decoding the silence Vosk's
own endpointer would need to see.

States and transitions (one table, `_TRANSITIONS`):

| state   | event   | next    | action                                            |
|---------|---------|---------|---------------------------------------------------|
| quiet   | onset   | speech  | emit the pre-roll ring (padding before the speech) |
| quiet   | other   | quiet   | keep the frame in the ring                        |
| speech  | lull    | quiet   | emit the frame, then ENDPOINT                     |
| speech  | other   | speech  | emit the frame                                    |

onset = `ONSET_FRAMES` of the last `ONSET_WINDOW` frames voiced;
lull = `HANGOVER_FRAMES` unvoiced frames in a row (the trailing padding).
`GateOptions` sets the padding and the VAD's aggressiveness (bench/asr_capacity.py
measures the trade-off).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import webrtcvad

FRAME_MS = 20
PRE_ROLL_FRAMES = 15  # 0.3 s kept before the onset: the start of the first word
ONSET_WINDOW = 5
ONSET_FRAMES = 3  # 60 ms of voiced frames within 100 ms open the gate
HANGOVER_FRAMES = 30  # 0.6 s of non-speech after the last word close it
VAD_RATES = (8000, 16000, 32000, 48000)  # what WebRTC VAD accepts


class GateState(Enum):
    QUIET = "quiet"
    SPEECH = "speech"


class GateEvent(Enum):
    ONSET = "onset"
    LULL = "lull"
    OTHER = "other"


class GateAction(Enum):
    EMIT_RING = "emit_ring"
    HOLD = "hold"
    EMIT_THEN_END = "emit_then_end"
    EMIT = "emit"


_TRANSITIONS: dict[tuple[GateState, GateEvent], tuple[GateState, GateAction]] = {
    (GateState.QUIET, GateEvent.ONSET): (GateState.SPEECH, GateAction.EMIT_RING),
    (GateState.QUIET, GateEvent.LULL): (GateState.QUIET, GateAction.HOLD),
    (GateState.QUIET, GateEvent.OTHER): (GateState.QUIET, GateAction.HOLD),
    (GateState.SPEECH, GateEvent.LULL): (GateState.QUIET, GateAction.EMIT_THEN_END),
    (GateState.SPEECH, GateEvent.ONSET): (GateState.SPEECH, GateAction.EMIT),
    (GateState.SPEECH, GateEvent.OTHER): (GateState.SPEECH, GateAction.EMIT),
}


@dataclass(frozen=True)
class Chunk:
    """Audio for the recogniser; `offset` = its first sample's position in the stream."""

    offset: int
    pcm: bytes


class Endpoint:
    """A stretch of speech ended here: close the utterance."""

    def __repr__(self) -> str:
        return "ENDPOINT"


ENDPOINT = Endpoint()
GateOutput = Chunk | Endpoint


@dataclass(frozen=True)
class GateOptions:
    """How readily WebRTC VAD calls a frame speech (0-3) and the padding around speech."""

    aggressiveness: int = 2
    pre_roll_ms: int = PRE_ROLL_FRAMES * FRAME_MS
    hangover_ms: int = HANGOVER_FRAMES * FRAME_MS

    def gate(self, sample_rate: int) -> SpeechGate:
        return SpeechGate(
            sample_rate,
            aggressiveness=self.aggressiveness,
            pre_roll_frames=self.pre_roll_ms // FRAME_MS,
            hangover_frames=max(1, self.hangover_ms // FRAME_MS),
        )


def webrtc_classifier(sample_rate: int, aggressiveness: int = 2) -> Callable[[bytes], bool]:
    vad = webrtcvad.Vad(aggressiveness)
    return lambda frame: vad.is_speech(frame, sample_rate)


class SpeechGate:
    """Feed any amount of 16-bit mono PCM; get back the speech chunks and endpoints."""

    def __init__(
        self,
        sample_rate: int,
        *,
        is_speech: Callable[[bytes], bool] | None = None,
        aggressiveness: int = 2,
        pre_roll_frames: int = PRE_ROLL_FRAMES,
        hangover_frames: int = HANGOVER_FRAMES,
    ) -> None:
        if is_speech is None and sample_rate not in VAD_RATES:
            raise ValueError(f"WebRTC VAD takes {VAD_RATES} Hz, not {sample_rate}")
        self.sample_rate = sample_rate
        self._is_speech = is_speech or webrtc_classifier(sample_rate, aggressiveness)
        self._frame_bytes = sample_rate * FRAME_MS // 1000 * 2
        self._rest = b""
        self._position = 0  # samples seen (whole frames)
        self.state = GateState.QUIET
        # The onset is seen ONSET_FRAMES in: the ring also holds the voiced frames before it.
        self._ring: deque[Chunk] = deque(maxlen=pre_roll_frames + ONSET_FRAMES - 1)
        self._hangover = hangover_frames
        self._recent: deque[bool] = deque(maxlen=ONSET_WINDOW)
        self._unvoiced_run = 0
        self.passed_samples = 0  # how much went to the recogniser (for the figures)

    def push(self, pcm: bytes) -> list[GateOutput]:
        data = self._rest + pcm
        whole = len(data) - len(data) % self._frame_bytes
        self._rest = data[whole:]
        out: list[GateOutput] = []
        for i in range(0, whole, self._frame_bytes):
            self._step(Chunk(self._position, data[i : i + self._frame_bytes]), out)
            self._position += self._frame_bytes // 2
        return out

    def flush(self) -> list[GateOutput]:
        """At the end of the stream: a partial last frame goes out if speech is open."""
        rest, self._rest = self._rest, b""
        if self.state is GateState.SPEECH and rest:
            self.passed_samples += len(rest) // 2
            return [Chunk(self._position, rest)]
        return []

    def _event(self, voiced: bool) -> GateEvent:
        self._recent.append(voiced)
        self._unvoiced_run = 0 if voiced else self._unvoiced_run + 1
        if sum(self._recent) >= ONSET_FRAMES:
            return GateEvent.ONSET
        if self._unvoiced_run >= self._hangover:
            return GateEvent.LULL
        return GateEvent.OTHER

    def _step(self, chunk: Chunk, out: list[GateOutput]) -> None:
        event = self._event(self._is_speech(chunk.pcm))
        self.state, action = _TRANSITIONS[(self.state, event)]
        if action is GateAction.HOLD:
            self._ring.append(chunk)
            return
        if action is GateAction.EMIT_RING:
            out.extend(self._ring)
            self.passed_samples += sum(len(c.pcm) for c in self._ring) // 2
            self._ring.clear()
        out.append(chunk)
        self.passed_samples += len(chunk.pcm) // 2
        if action is GateAction.EMIT_THEN_END:
            out.append(ENDPOINT)
            self._recent.clear()
