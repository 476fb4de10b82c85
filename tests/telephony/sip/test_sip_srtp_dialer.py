"""The dialer (UAC) with SRTP: `srtp: required` offers RTP/SAVP with SDES keys and
takes only an SRTP answer; `optional` offers plain RTP/AVP. Against our listener (each
side records what the other played) and baresip answering with mandatory SRTP."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.dialer import Dialer, DialerOptions

from tests.fixtures.baresip import needs_baresip
from tests.fixtures.media import sine_wav
from tests.fixtures.sip import speechlike_pcm, tone_pcm
from tests.telephony.srtp_peers import baresip_answering_srtp, samples, similarity

pytestmark = pytest.mark.timeout(120)


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
    wav = sine_wav(tmp_path / "tone.wav", 4, 523)
    async with baresip_answering_srtp(tmp_path / "baresip", wav) as port:
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
    heard = samples(tmp_path / "heard.wav")
    assert len(heard) >= 8000
    assert similarity(heard, samples(wav)[:4000]) > 0.9
