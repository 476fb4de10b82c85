"""The dialer (UAC) with SRTP: `srtp: required` offers RTP/SAVP with SDES keys and
takes only an SRTP answer; `optional` offers plain RTP/AVP. Against our listener (each
side records what the other played) and baresip answering with mandatory SRTP."""

from __future__ import annotations

import asyncio
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.dialer import Dialer, DialerOptions

from tests.fixtures.baresip import BARESIP, baresip_config, needs_baresip
from tests.fixtures.sip import speechlike_pcm, tone_pcm

pytestmark = pytest.mark.timeout(120)


def samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)


def similarity(got: np.ndarray, sent: np.ndarray) -> float:
    """Cosine similarity of `sent` with the best-aligned stretch of `got` (PCMA is lossy)."""
    corr = np.correlate(got, sent, mode="valid")
    lag = int(np.argmax(corr))
    segment = got[lag : lag + len(sent)]
    return float(np.dot(segment, sent) / (np.linalg.norm(segment) * np.linalg.norm(sent)))


async def test_required_srtp_both_ways_with_our_listener(tmp_path: Path, listener_factory) -> None:
    spoken = speechlike_pcm(1.5)
    greeting = tone_pcm(0.6, 700)
    async with listener_factory(greeting_pcm=greeting, srtp="required") as harness:
        dialer = Dialer(DialerOptions(srtp="required"))
        await dialer.start()
        try:
            call = await dialer.dial(
                f"sip:12345@127.0.0.1:{harness.port}", record_to=tmp_path / "dialer.wav"
            )
            assert call.outcome == "answered", call.status
            assert call.rtp is not None and call.dialer_sdp is not None
            assert call.dialer_sdp.keys is not None  # the answer took up one of our keys
            await asyncio.sleep(0.8)  # the greeting
            await call.play(spoken)
            await asyncio.sleep(0.3)
            assert call.rtp.stats.srtp_rejected == 0
            await call.hangup()
        finally:
            await dialer.close()
        (finished,) = await harness.finished(timeout=20)
    heard_by_listener = samples(finished.recording_path)
    spoken_samples = np.frombuffer(spoken, dtype="<i2").astype(np.float64)
    assert similarity(heard_by_listener, spoken_samples) > 0.95
    greeting_samples = np.frombuffer(greeting, dtype="<i2").astype(np.float64)
    assert similarity(samples(tmp_path / "dialer.wav"), greeting_samples[:2400]) > 0.95


@pytest.mark.parametrize(
    ("ours", "theirs"), [("required", "off"), ("optional", "required"), ("off", "required")]
)
async def test_srtp_mismatch_is_refused(listener_factory, ours: str, theirs: str) -> None:
    """optional and off offer plain RTP/AVP: a callee that requires SRTP answers 488, as
    does one with SRTP off to our RTP/SAVP offer."""
    async with listener_factory(greeting_pcm=b"", srtp=theirs) as harness:
        dialer = Dialer(DialerOptions(srtp=ours))  # type: ignore[arg-type]
        await dialer.start()
        try:
            call = await dialer.dial(f"sip:12345@127.0.0.1:{harness.port}")
        finally:
            await dialer.close()
    assert (call.outcome, call.status) == ("failed", 488)


@needs_baresip
async def test_dialer_calls_baresip_with_mandatory_srtp(tmp_path: Path) -> None:
    """baresip answers (auto answer, srtp-mand) and plays a tone: the dialer records it."""
    wav = tmp_path / "tone.wav"
    subprocess.run(
        ["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", str(wav), "synth", "4", "sine", "523"],
        check=True,
    )
    confdir = tmp_path / "baresip"
    baresip_config(confdir, wav, "callee")
    config = (confdir / "config").read_text()
    port = int(config.split("sip_listen 127.0.0.1:")[1].split()[0])
    (confdir / "config").write_text(config + "module srtp.so\n")
    accounts = confdir / "accounts"
    accounts.write_text(accounts.read_text().strip() + ";mediaenc=srtp-mand;answermode=auto\n")
    assert BARESIP is not None
    proc = await asyncio.create_subprocess_exec(
        BARESIP, "-f", str(confdir),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        await asyncio.sleep(1.0)  # baresip binds its SIP port
        dialer = Dialer(DialerOptions(srtp="required", trusted_media=["127.0.0.0/8"]))
        await dialer.start()
        try:
            call = await dialer.dial(
                f"sip:callee@127.0.0.1:{port}", record_to=tmp_path / "heard.wav"
            )
            assert call.outcome == "answered", call.status
            await call.play(tone_pcm(1.5, 440))
            await asyncio.sleep(0.5)
            assert call.rtp is not None and call.rtp.stats.srtp_rejected == 0
            await call.hangup()
        finally:
            await dialer.close()
    finally:
        if proc.returncode is None:
            proc.terminate()
        out, _ = await proc.communicate()
    output = out.decode(errors="replace")[-3000:]
    heard = samples(tmp_path / "heard.wav")
    sent = samples(wav)[:4000]
    assert len(heard) >= 8000, output
    assert similarity(heard, sent) > 0.9, output
