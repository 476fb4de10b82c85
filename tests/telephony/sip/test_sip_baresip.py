"""baresip (a real softphone, sends an empty `Supported:` header) calls and plays a WAV."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.events import CallAnswered

from tests.fixtures.baresip import baresip_dialing, needs_baresip

pytestmark = [needs_baresip, pytest.mark.timeout(120)]


def samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)


async def test_baresip_call_is_recorded(tmp_path: Path, listener_factory) -> None:
    wav = tmp_path / "speech.wav"
    espeak = tmp_path / "espeak.wav"
    subprocess.run(
        ["espeak-ng", "-v", "cmn-latn-pinyin", "-w", str(espeak), "您好，我家楼下的路灯坏了三天了"],
        check=True,
    )
    subprocess.run(["sox", str(espeak), "-r", "8000", "-c", "1", "-b", "16", str(wav)], check=True)
    async with (
        # baresip writes its interface address into the SDP (not 127.0.0.1, which it sends
        # from): the NAT case, where only a trusted media network is accepted (strict RTP).
        listener_factory(greeting_pcm=b"", trusted_media=["127.0.0.0/8"]) as harness,
        baresip_dialing(tmp_path / "baresip", wav, harness.port, user="bs") as phone,
    ):
        # baresip hangs up by itself when its WAV ends ("audio error: end of file").
        (finished,) = await harness.finished(timeout=60)
    assert harness.of_type(CallAnswered), phone.output[-3000:]
    assert finished.reason == "caller_hangup"
    sent, got = samples(wav), samples(finished.recording_path)
    assert len(got) >= len(sent) * 0.9
    # PCMA is lossy: find the offset by cross-correlation, then require a close match there.
    corr = np.correlate(got, sent[: 8000 * 2], mode="valid")
    lag = int(np.argmax(corr))
    segment = got[lag : lag + len(sent)]
    n = min(len(segment), len(sent))
    similarity = np.dot(segment[:n], sent[:n]) / (
        np.linalg.norm(segment[:n]) * np.linalg.norm(sent[:n])
    )
    assert similarity > 0.95, similarity
