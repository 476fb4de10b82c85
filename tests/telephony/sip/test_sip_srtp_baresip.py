"""baresip with mandatory SRTP (its srtp module, `mediaenc=srtp-mand`: RTP/SAVP with
SDES keys) calls the listener over SIP-TLS, the way keys stay off the wire, and over
UDP; the recording holds what baresip played, so both directions' crypto agree with
a peer we did not write."""

from __future__ import annotations

from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered

from tests.fixtures.baresip import baresip_config, baresip_running, needs_baresip
from tests.fixtures.certs import self_signed
from tests.fixtures.common import free_port
from tests.telephony.srtp_peers import samples, similarity, speech_wav

pytestmark = [needs_baresip, pytest.mark.timeout(120)]


@pytest.mark.parametrize("transport", ["tls", "udp"])
async def test_baresip_with_mandatory_srtp_is_recorded(
    tmp_path: Path, listener_factory, transport: str
) -> None:
    wav = speech_wav(tmp_path)
    cert, key = self_signed(tmp_path, "hotline.test", stem="sip")
    confdir = tmp_path / "baresip"
    baresip_config(confdir, wav, "srtp", srtp=True, cafile=cert)
    tls_port = free_port()
    async with listener_factory(
        greeting_pcm=b"",
        trusted_media=["127.0.0.0/8"],  # baresip's SDP names its interface address
        srtp="required",
        tls_cert=cert,
        tls_key=key,
        tls_port=tls_port,
    ) as harness:
        port = tls_port if transport == "tls" else harness.port
        dial = f"/dial sip:12345@127.0.0.1:{port};transport={transport}"
        async with baresip_running(confdir, "-e", dial) as phone:
            (finished,) = await harness.finished(timeout=60)
    output = phone.output[-3000:]
    assert harness.of_type(CallAnswered), output
    assert finished.reason == "caller_hangup", output
    assert "srtp" in output.lower(), output  # baresip did load and use its SRTP module
    sent, got = samples(wav), samples(finished.recording_path)
    assert len(got) >= len(sent) * 0.9, output
    assert similarity(got, sent[: 8000 * 2]) > 0.95, output
