"""A small vosk-server stand-in for tests, built on the `vosk` package and `websockets`.

alphacep's vosk-server cannot be fetched on these machines (no internet), so this
speaks the same websocket protocol (config JSON, binary audio, partial/result
JSON, {"eof": 1}) on top of the real Model. It is a test double for the server
process only; the recognition inside is real Vosk.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import vosk
import websockets


async def _session(ws: Any, model: vosk.Model, default_rate: int) -> None:
    loop = asyncio.get_running_loop()
    rec: vosk.KaldiRecognizer | None = None

    def recognizer(rate: int, words: bool) -> vosk.KaldiRecognizer:
        r = vosk.KaldiRecognizer(model, rate)
        r.SetWords(words)
        return r

    async for message in ws:
        if isinstance(message, str):
            data = json.loads(message)
            if "config" in data:
                cfg = data["config"]
                rate = int(cfg.get("sample_rate", default_rate))
                rec = recognizer(rate, bool(cfg.get("words", False)))
                continue
            if data.get("eof"):
                if rec is None:
                    rec = recognizer(default_rate, False)
                await ws.send(await loop.run_in_executor(None, rec.FinalResult))
                return
            continue
        if rec is None:
            rec = recognizer(default_rate, False)

        def decode(chunk: bytes = message, r: vosk.KaldiRecognizer = rec) -> str:
            return r.Result() if r.AcceptWaveform(chunk) else r.PartialResult()

        await ws.send(await loop.run_in_executor(None, decode))


@asynccontextmanager
async def vosk_ws_server(model: vosk.Model, default_rate: int = 16000) -> AsyncIterator[str]:
    """Serve on a free loopback port; yields the ws:// URL."""

    async def handler(ws: Any) -> None:
        await _session(ws, model, default_rate)

    async with websockets.serve(handler, "127.0.0.1", 0, max_size=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        yield f"ws://127.0.0.1:{port}"
