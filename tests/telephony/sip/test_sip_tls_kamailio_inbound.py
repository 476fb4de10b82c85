"""Kamailio (tls module) in front of the listener over TLS, checking the listener's
certificate against the test CA: baresip calls Kamailio over UDP with mandatory SRTP,
Kamailio relays over TLS, the call is recorded and baresip's BYE reaches the listener on
Kamailio's TLS connection."""

from __future__ import annotations

from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered

from tests.fixtures.baresip import baresip_config, baresip_running, needs_baresip
from tests.fixtures.common import free_port
from tests.fixtures.kamailio import (
    kamailio,
    needs_kamailio,
    needs_kamailio_tls,
    tls_proxy,
    tls_proxy_files,
)
from tests.telephony.srtp_peers import samples, similarity, speech_wav

pytestmark = [
    needs_kamailio,
    needs_baresip,
    needs_kamailio_tls,
    pytest.mark.timeout(120),
]

# In front of the listener: on over TLS to its TLS port.
TO_LISTENER = tls_proxy('    $du = "sip:127.0.0.1:{listener_tls};transport=tls";\n')


async def test_kamailio_relays_over_tls_to_the_listener(tmp_path: Path, listener_factory) -> None:
    # Kamailio as the TLS client checks our listener's certificate against the test CA.
    _, tls_cfg, cert, key = tls_proxy_files(tmp_path, ["127.0.0.1"], client_verifies=True)
    wav = speech_wav(tmp_path)
    confdir = tmp_path / "baresip"
    baresip_config(confdir, wav, "13700001234", srtp=True)
    listener_tls = free_port()
    async with (
        listener_factory(
            tls_cert=cert,
            tls_key=key,
            tls_port=listener_tls,
            srtp="required",
            greeting_pcm=b"",
            trusted_media=["127.0.0.0/8"],
        ) as harness,
        kamailio(
            tmp_path / "kamailio",
            TO_LISTENER,
            tls_port=free_port(),
            tls_cfg=tls_cfg,
            listener_tls=listener_tls,
        ) as kam,
    ):
        async with baresip_running(confdir, "-e", f"/dial sip:12345@127.0.0.1:{kam.port}") as phone:
            await harness.wait_for(lambda: harness.of_type(CallAnswered), timeout=30)
            (call,) = harness.listener.calls.values()
            via_tls = call.source.transport == "tls"
            (finished,) = await harness.finished(timeout=60)
        log = kam.log_text()
    output = phone.output[-2000:] + log[-2000:]
    assert finished.reason == "caller_hangup", output  # baresip's BYE came through
    assert via_tls  # Kamailio's INVITE came on its TLS connection
    sent, got = samples(wav), samples(finished.recording_path)
    assert len(got) >= len(sent) * 0.9, output
    assert similarity(got, sent[: 8000 * 2]) > 0.95, output
