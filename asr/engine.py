"""The interface every ASR engine offers: in-process Vosk and the vosk-server client alike."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol, TypeVar

from hotline.asr.audio import frames
from hotline.asr.chinese import build_transcript, utterance_of
from hotline.asr.transcript import Partial, Transcript, Utterance, Word

log = logging.getLogger(__name__)

PartialCallback = Callable[[Partial], None]
UtteranceCallback = Callable[[Utterance], None]
_Result = TypeVar("_Result", Partial, Utterance)

FRAME_MS = 20


class EngineUnavailable(Exception):
    """The engine cannot transcribe now (no model installed, ASR server unreachable)."""


class StreamFailed(Exception):
    """Decoding of one stream failed; the recording is still there to transcribe later."""


class AsrStream(Protocol):
    """One call's recognizer. Callbacks run in the event loop, in audio order."""

    sample_rate: int

    def feed(self, pcm: bytes) -> None:
        """Queue 16-bit LE mono PCM (whole 20 ms frames, usually 0.1 s); never blocks."""

    async def finish(self) -> Transcript:
        """Decode what is queued, close the utterance and return the whole transcript.

        Raises StreamFailed if decoding failed at any point.
        """

    async def abort(self) -> None:
        """Drop the stream without a result (e.g. the call was rejected)."""


class AsrEngine(Protocol):
    name: str

    @property
    def ready(self) -> bool:
        """True once `start()` succeeded: streams can be opened."""

    async def start(self) -> None:
        """Load the model / reach the server. Raises ModelError or EngineUnavailable."""

    async def open_stream(
        self,
        sample_rate: int,
        on_partial: PartialCallback | None = None,
        on_utterance: UtteranceCallback | None = None,
    ) -> AsrStream: ...

    async def transcribe_pcm(self, pcm: bytes, sample_rate: int) -> Transcript:
        """A whole recording, decoded in chunks so live streams keep their share of threads."""

    async def close(self) -> None: ...


def deliver(callback: Callable[[_Result], None], value: _Result) -> None:
    """Hand a result to the consumer's callback: a consumer bug must not stop decoding."""
    try:
        callback(value)
    except Exception:  # noqa: BLE001
        log.exception("ASR callback failed")


async def transcribe_in_frames(stream: AsrStream, pcm: bytes, sample_rate: int) -> Transcript:
    """A whole recording fed to a stream in 20 ms frames, as a call's audio arrives."""
    for frame in frames(pcm, sample_rate, FRAME_MS):
        stream.feed(frame)
    return await stream.finish()


class Utterances:
    """A stream's utterances so far: each goes to the consumer as it ends, and the
    transcript at the finish is built from them all."""

    def __init__(self, on_utterance: UtteranceCallback | None) -> None:
        self.on_utterance = on_utterance
        self.heard: list[list[Word]] = []

    def add(self, words: list[Word]) -> None:
        if not words:
            return
        self.heard.append(words)
        if self.on_utterance is not None:
            deliver(self.on_utterance, utterance_of(words))

    def transcript(self, duration: float) -> Transcript:
        return build_transcript(self.heard, duration)
