"""The interface every ASR engine offers: in-process Vosk and the vosk-server client alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from hotline.asr.transcript import Partial, Transcript, Utterance

PartialCallback = Callable[[Partial], None]
UtteranceCallback = Callable[[Utterance], None]

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
