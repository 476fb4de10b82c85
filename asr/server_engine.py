"""Client of the vosk-server websocket protocol (alphacep/vosk-server), for ASR on other machines.

Protocol: text `{"config": {"sample_rate": R, "words": 1}}`, then binary PCM
chunks, each answered by one JSON text message (`{"partial": …}` or
`{"result": [...], "text": …}` at an endpoint); text `{"eof": 1}` is answered
with the final result, then the server closes.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets
from hotline.asr.chinese import display_text
from hotline.asr.engine import (
    EngineUnavailable,
    PartialCallback,
    StreamFailed,
    UtteranceCallback,
    Utterances,
    deliver,
    transcribe_in_frames,
)
from hotline.asr.transcript import Partial, Transcript, Word
from hotline.asr.vosk_json import word_from_vosk

from hotline.plumbing import cancel_and_wait

CONNECT_TIMEOUT_S = 10.0


class VoskServerEngine:
    name = "vosk-server"

    def __init__(self, url: str, *, open_timeout: float = CONNECT_TIMEOUT_S) -> None:
        self.url = url
        self.open_timeout = open_timeout
        self._ready = False

    @property
    def ready(self) -> bool:
        return self._ready

    async def start(self) -> None:
        try:
            async with websockets.connect(self.url, open_timeout=self.open_timeout) as ws:
                await ws.send(json.dumps({"eof": 1}))
                await asyncio.wait_for(ws.recv(), self.open_timeout)
        except (OSError, TimeoutError, websockets.WebSocketException) as exc:
            self._ready = False
            raise EngineUnavailable(f"ASR server {self.url} not reachable: {exc}") from None
        self._ready = True

    async def open_stream(
        self,
        sample_rate: int,
        on_partial: PartialCallback | None = None,
        on_utterance: UtteranceCallback | None = None,
    ) -> ServerStream:
        try:
            ws = await websockets.connect(self.url, open_timeout=self.open_timeout, max_size=None)
        except (OSError, TimeoutError, websockets.WebSocketException) as exc:
            self._ready = False
            raise EngineUnavailable(f"ASR server {self.url} not reachable: {exc}") from None
        await ws.send(json.dumps({"config": {"sample_rate": sample_rate, "words": 1}}))
        return ServerStream(ws, sample_rate, on_partial, on_utterance)

    async def transcribe_pcm(self, pcm: bytes, sample_rate: int) -> Transcript:
        return await transcribe_in_frames(await self.open_stream(sample_rate), pcm, sample_rate)

    async def close(self) -> None:
        self._ready = False


class ServerStream:
    def __init__(
        self,
        ws: Any,
        sample_rate: int,
        on_partial: PartialCallback | None,
        on_utterance: UtteranceCallback | None,
    ) -> None:
        self.sample_rate = sample_rate
        self._ws = ws
        self._on_partial = on_partial
        self._outbox: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._utterances = Utterances(on_utterance)
        self._final: list[Word] | None = None
        self._samples = 0
        self._last_partial = ""
        self._error: BaseException | None = None
        self._closed = False
        # The server answers every message once, in order: reply number `_eof_at` is final.
        self._sent = 0
        self._received = 0
        self._eof_at: int | None = None
        loop = asyncio.get_running_loop()
        self._sender = loop.create_task(self._send_loop())
        self._receiver = loop.create_task(self._receive_loop())

    def feed(self, pcm: bytes) -> None:
        if self._closed:
            raise RuntimeError("feed() after finish()/abort()")
        if pcm and self._error is None:
            self._samples += len(pcm) // 2
            self._outbox.put_nowait(pcm)

    async def _send_loop(self) -> None:
        # Each fed frame is its own message, so the server's AcceptWaveform calls (and
        # therefore endpoints and words) are the same as in-process decoding.
        try:
            while True:
                item = await self._outbox.get()
                if item is None:
                    await self._send_eof()
                    return
                self._sent += 1
                await self._ws.send(item)
        except websockets.WebSocketException as exc:
            self._error = self._error or exc

    async def _send_eof(self) -> None:
        self._eof_at = self._sent
        await self._ws.send(json.dumps({"eof": 1}))

    async def _receive_loop(self) -> None:
        try:
            async for message in self._ws:
                index, self._received = self._received, self._received + 1
                data = json.loads(message)
                words = [word_from_vosk(w) for w in data.get("result", [])]
                if index == self._eof_at:
                    self._final = words
                    return
                if "partial" in data:
                    self._partial(data)
                else:
                    self._utterances.add(words)
        except (websockets.WebSocketException, ValueError) as exc:
            self._error = self._error or exc

    def _partial(self, data: dict[str, Any]) -> None:
        text = display_text(data.get("partial", "").split())
        if self._on_partial is None or text == self._last_partial:
            return
        self._last_partial = text
        words = tuple(word_from_vosk(w) for w in data.get("partial_result", []))
        deliver(self._on_partial, Partial(text=text, words=words))

    async def finish(self) -> Transcript:
        if self._closed:
            raise RuntimeError("finish() called twice")
        self._closed = True
        self._outbox.put_nowait(None)
        await self._sender
        await self._receiver
        await self._ws.close()
        if self._error is not None:
            raise StreamFailed(f"ASR server stream failed: {self._error}") from self._error
        if self._final is None:
            raise StreamFailed("ASR server closed the stream without a final result")
        self._utterances.add(self._final)
        return self._utterances.transcript(self._samples / self.sample_rate)

    async def abort(self) -> None:
        self._closed = True
        await cancel_and_wait(self._sender, self._receiver)
        await self._ws.close()
