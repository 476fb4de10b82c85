"""IPv6 (tested on ::1): sipp calls a listener bound to ::1 with RTP from a capture, and
our dialer calls it; Via/Contact carry bracketed hosts and the SDP says IN IP6."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.dialer import Dialer, DialerOptions
from hotline.telephony.sdp import SdpSession
from hotline.telephony.sip.endpoint import uri_destination
from hotline.telephony.sip.headers import sip_host, top_via
from hotline.telephony.sip.message import Response
from hotline.telephony.sip.transport import Peer

from tests.fixtures.sip import speechlike_pcm
from tests.fixtures.sipp import G711_PCAP, needs_sipp, run_sipp, uac_audio

pytestmark = pytest.mark.timeout(120)
V6 = {"host": "::1", "trusted_peers": ["::1/128"]}


def test_sdp_of_an_ipv6_host_says_ip6() -> None:
    body = SdpSession("::1", 4000).offer().decode()
    assert "c=IN IP6 ::1\r\n" in body and " IN IP6 ::1\r\n" in body.split("s=")[0]


def test_ipv6_hosts_in_via_uri_and_received() -> None:
    assert sip_host("::1") == "[::1]" and sip_host("[::1]") == "[::1]" and sip_host("h") == "h"
    assert uri_destination("<sip:u@[::1]:5070;transport=tcp>") == Peer("tcp", "::1", 5070)
    response = Response(status=200, reason="OK")
    # RFC 3261's grammar writes an IPv6 received= without brackets (what we stamp).
    response.add("Via", "SIP/2.0/UDP [::1]:5062;branch=z9hG4bKa;rport=5062;received=::1")
    via = top_via(response)
    assert (via.host, via.port, via.parameters.get("branch")) == ("[::1]", 5062, "z9hG4bKa")


def _loud_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return float((np.abs(samples.astype(np.int32)) > 500).sum() / 8000)


@needs_sipp
async def test_sipp_calls_the_listener_over_ipv6(tmp_path: Path, listener_factory) -> None:
    xml = uac_audio(G711_PCAP, 8.0, wait_ms=600)
    async with listener_factory(**V6) as harness:
        args = ("-i", "::1", "-p", "0", "-mi", "::1", "-m", "1", "-l", "1")
        result = await run_sipp(tmp_path, xml, f"[::1]:{harness.port}", *args, name="v6")
        assert result.returncode == 0, str(result)
        (finished,) = await harness.finished()
    answer = result.messages.split("SIP/2.0 200 OK", 1)[1]
    assert "c=IN IP6 ::1" in answer
    assert f"Contact: <sip:[::1]:{harness.port}>" in answer
    assert finished.reason == "caller_hangup"
    assert _loud_seconds(finished.recording_path) > 1.0  # the capture's audio arrived


@pytest.mark.parametrize("transport", ["udp", "tcp"])
async def test_dialer_calls_the_listener_over_ipv6(listener_factory, transport: str) -> None:
    async with listener_factory(**V6) as harness:
        dialer = Dialer(DialerOptions(host="::1", transport=transport))
        await dialer.start()
        try:
            call = await dialer.dial(f"sip:12345@[::1]:{harness.port};transport={transport}")
            assert call.outcome == "answered", call.error
            await call.play(speechlike_pcm(2.0))
            await call.hangup()
        finally:
            await dialer.close()
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"
    assert _loud_seconds(finished.recording_path) > 1.0
