"""baresip with mandatory SRTP (its srtp module, `mediaenc=srtp-mand`: RTP/SAVP with
SDES keys) calls the listener over SIP-TLS, the way keys stay off the wire, and over
UDP; the recording holds what baresip played, so both directions' crypto agree with
a peer we did not write."""

from __future__ import annotations

import asyncio
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.events import CallAnswered

from tests.fixtures.baresip import BARESIP, baresip_config, needs_baresip
from tests.fixtures.common import free_port
from tests.telephony.sip.test_sip_tls import make_cert

pytestmark = [needs_baresip, pytest.mark.timeout(120)]


def samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)


def best_similarity(got: np.ndarray, sent: np.ndarray) -> float:
    """Cosine similarity at the best offset (PCMA is lossy, the start is not aligned)."""
    corr = np.correlate(got, sent[: 8000 * 2], mode="valid")
    lag = int(np.argmax(corr))
    segment = got[lag : lag + len(sent)]
    n = min(len(segment), len(sent))
    return float(
        np.dot(segment[:n], sent[:n]) / (np.linalg.norm(segment[:n]) * np.linalg.norm(sent[:n]))
    )


@pytest.mark.parametrize("transport", ["tls", "udp"])
async def test_baresip_with_mandatory_srtp_is_recorded(
    tmp_path: Path, listener_factory, transport: str
) -> None:
    wav = tmp_path / "speech.wav"
    espeak = tmp_path / "espeak.wav"
    subprocess.run(
        ["espeak-ng", "-v", "cmn-latn-pinyin", "-w", str(espeak), "您好，我家楼下的路灯坏了三天了"],
        check=True,
    )
    subprocess.run(["sox", str(espeak), "-r", "8000", "-c", "1", "-b", "16", str(wav)], check=True)
    cert, key = make_cert(tmp_path)
    confdir = tmp_path / "baresip"
    baresip_config(confdir, wav, "srtp")
    with (confdir / "config").open("a") as config:
        config.write(f"module srtp.so\nsip_cafile {cert}\n")
    accounts = confdir / "accounts"
    accounts.write_text(accounts.read_text().strip() + ";mediaenc=srtp-mand\n")
    tls_port = free_port()
    async with listener_factory(
        greeting_pcm=b"",
        trusted_media=["127.0.0.0/8"],  # baresip's SDP names its interface address
        srtp="required",
        tls_cert=cert,
        tls_key=key,
        tls_port=tls_port,
    ) as harness:
        assert BARESIP is not None
        port = tls_port if transport == "tls" else harness.port
        dial = f"/dial sip:12345@127.0.0.1:{port};transport={transport}"
        proc = await asyncio.create_subprocess_exec(
            BARESIP, "-f", str(confdir), "-e", dial,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        try:
            (finished,) = await harness.finished(timeout=60)
        finally:
            if proc.returncode is None:
                proc.terminate()
            out, _ = await proc.communicate()
    output = out.decode(errors="replace")[-3000:]
    assert harness.of_type(CallAnswered), output
    assert finished.reason == "caller_hangup", output
    assert "srtp" in output.lower(), output  # baresip did load and use its SRTP module
    sent, got = samples(wav), samples(finished.recording_path)
    assert len(got) >= len(sent) * 0.9, output
    assert best_similarity(got, sent) > 0.95, output
