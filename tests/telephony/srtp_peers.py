"""Shared by the SRTP/TLS tests: baresip answering with mandatory SRTP, speech and tone
WAVs, and comparing what was recorded with what was played."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import wave
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np

from tests.fixtures.baresip import baresip_config, baresip_running


def speech_wav(folder: Path, text: str = "您好，我家楼下的路灯坏了三天了") -> Path:
    """Mandarin from espeak-ng, as 8 kHz 16-bit mono."""
    espeak, wav = folder / "espeak.wav", folder / "speech.wav"
    subprocess.run(["espeak-ng", "-v", "cmn-latn-pinyin", "-w", str(espeak), text], check=True)
    subprocess.run(["sox", str(espeak), "-r", "8000", "-c", "1", "-b", "16", str(wav)], check=True)
    return wav


def samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)


def similarity(got: np.ndarray, sent: np.ndarray) -> float:
    """Cosine similarity of `sent` with the best-aligned stretch of `got` (PCMA is lossy,
    the start is not aligned)."""
    corr = np.correlate(got, sent, mode="valid")
    lag = int(np.argmax(corr))
    segment = got[lag : lag + len(sent)]
    n = min(len(segment), len(sent))
    return float(
        np.dot(segment[:n], sent[:n]) / (np.linalg.norm(segment[:n]) * np.linalg.norm(sent[:n]))
    )


@contextlib.asynccontextmanager
async def baresip_answering_srtp(confdir: Path, wav: Path) -> AsyncIterator[int]:
    """baresip as sip:callee@127.0.0.1 answering at once with mandatory SRTP (srtp-mand)
    and playing `wav`; yields its SIP port."""
    port = baresip_config(confdir, wav, "callee", srtp=True, account_params=";answermode=auto")
    async with baresip_running(confdir):
        await asyncio.sleep(1.0)  # baresip binds its SIP port
        yield port
