"""Kamailio (tls module) in front of the listener over TLS, checking the listener's
certificate against the test CA: baresip calls Kamailio over UDP with mandatory SRTP,
Kamailio relays over TLS, the call is recorded and baresip's BYE reaches the listener on
Kamailio's TLS connection."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered

from tests.fixtures.baresip import BARESIP, baresip_config, needs_baresip
from tests.fixtures.common import free_port
from tests.fixtures.kamailio import kamailio, needs_kamailio
from tests.telephony.sip.test_sip_tls_outbound import (
    KAMAILIO_TLS,
    TLS_CFG,
    make_ca,
    make_server_cert,
    tls_proxy,
)
from tests.telephony.srtp_peers import samples, similarity, speech_wav

pytestmark = [
    needs_kamailio,
    needs_baresip,
    pytest.mark.skipif(not KAMAILIO_TLS.exists(), reason="kamailio-tls-modules not installed"),
    pytest.mark.timeout(120),
]

# In front of the listener: on over TLS to its TLS port.
TO_LISTENER = tls_proxy('    $du = "sip:127.0.0.1:{listener_tls};transport=tls";\n')


async def test_kamailio_relays_over_tls_to_the_listener(tmp_path: Path, listener_factory) -> None:
    ca_file, ca, ca_key = make_ca(tmp_path, "hotline-test-ca")
    cert, key = make_server_cert(tmp_path, ca, ca_key, ["127.0.0.1"])
    tls_cfg = tmp_path / "tls.cfg"
    # Kamailio as the TLS client checks our listener's certificate against the test CA.
    tls_cfg.write_text(
        TLS_CFG.format(key=key, cert=cert).replace(
            "[client:default]\nverify_certificate = no",
            f"[client:default]\nca_list = {ca_file}\nverify_certificate = yes",
        )
    )
    wav = speech_wav(tmp_path)
    confdir = tmp_path / "baresip"
    baresip_config(confdir, wav, "13700001234")
    with (confdir / "config").open("a") as config:
        config.write("module srtp.so\n")
    accounts = confdir / "accounts"
    accounts.write_text(accounts.read_text().strip() + ";mediaenc=srtp-mand\n")
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
        assert BARESIP is not None
        proc = await asyncio.create_subprocess_exec(
            BARESIP, "-f", str(confdir), "-e", f"/dial sip:12345@127.0.0.1:{kam.port}",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        try:
            await harness.wait_for(lambda: harness.of_type(CallAnswered), timeout=30)
            (call,) = harness.listener.calls.values()
            via_tls = call.source.transport == "tls"
            (finished,) = await harness.finished(timeout=60)
        finally:
            if proc.returncode is None:
                proc.terminate()
            out, _ = await proc.communicate()
        log = kam.log_text()
    output = out.decode(errors="replace")[-2000:] + log[-2000:]
    assert finished.reason == "caller_hangup", output  # baresip's BYE came through
    assert via_tls  # Kamailio's INVITE came on its TLS connection
    sent, got = samples(wav), samples(finished.recording_path)
    assert len(got) >= len(sent) * 0.9, output
    assert similarity(got, sent[: 8000 * 2]) > 0.95, output
