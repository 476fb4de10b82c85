"""TLS to the outbound proxy: the dialer reaches Kamailio (its tls module, a certificate
from a CA made here with `cryptography`) over TLS — `sips:` proxy URI or transport tls —
checks the certificate against `tls_ca_file`, and Kamailio relays to baresip, which
answers with mandatory SRTP. A certificate from another CA, or for another name, is
refused before any INVITE goes out."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.telephony.dialer import Dialer, DialerOptions

from tests.fixtures.baresip import needs_baresip
from tests.fixtures.certs import make_ca
from tests.fixtures.common import free_port
from tests.fixtures.kamailio import (
    kamailio,
    needs_kamailio,
    needs_kamailio_tls,
    tls_proxy,
    tls_proxy_files,
)
from tests.fixtures.media import sine_wav
from tests.fixtures.sip import tone_pcm
from tests.telephony.srtp_peers import baresip_answering_srtp, samples, similarity

pytestmark = [needs_kamailio, needs_kamailio_tls, pytest.mark.timeout(120)]

# The outbound proxy of the dialer: INVITEs only over TLS, on to the UAS at {uas_port}.
OUTBOUND_PROXY = tls_proxy(
    """    if (proto != TLS) {{ sl_send_reply("403", "TLS only"); exit; }}
    xlog("L_INFO", "INVITE over TLS from $si:$sp\\n");
    $du = "sip:127.0.0.1:{uas_port}";
"""
)


@needs_baresip
@pytest.mark.parametrize("how", ["sips", "transport"])
async def test_dialer_over_tls_through_kamailio_to_baresip(tmp_path: Path, how: str) -> None:
    ca_file, tls_cfg, _, _ = tls_proxy_files(tmp_path, ["127.0.0.1", "localhost"])
    wav = sine_wav(tmp_path / "tone.wav", 4, 523)
    tls_port = free_port()
    async with (
        baresip_answering_srtp(tmp_path / "baresip", wav) as uas_port,
        kamailio(
            tmp_path / "kamailio",
            OUTBOUND_PROXY,
            tls_port=tls_port,
            tls_cfg=tls_cfg,
            uas_port=uas_port,
        ) as kam,
    ):
        if how == "sips":
            options = DialerOptions(proxy=f"sips:localhost:{tls_port}")
        else:
            options = DialerOptions(proxy=f"sip:127.0.0.1:{tls_port}", transport="tls")
        options.tls_ca_file, options.srtp = ca_file, "required"
        options.trusted_media = ["127.0.0.0/8"]
        dialer = Dialer(options)
        await dialer.start()
        try:
            call = await dialer.dial(
                f"sip:callee@127.0.0.1:{uas_port}", record_to=tmp_path / "heard.wav"
            )
            assert call.outcome == "answered", (call.status, call.error, kam.log_text()[-2000:])
            assert call.dialog is not None and call.dialog.route_set  # through the proxy
            await call.play(tone_pcm(1.5, 440))
            if how == "sips":  # our BYE over TLS through the proxy's Record-Route
                await asyncio.sleep(0.3)
                await call.hangup()
                assert call.bye_status == 200
            else:  # baresip's BYE when its WAV ends: back on our TLS connection
                await asyncio.wait_for(call.hung_up_by_peer.wait(), 20)
                await call.close()
        finally:
            await dialer.close()
        assert "INVITE over TLS" in kam.log_text()
    heard = samples(tmp_path / "heard.wav")
    assert similarity(heard, samples(wav)[:4000]) > 0.9


@pytest.mark.parametrize("problem", ["other CA", "other name"])
async def test_untrusted_proxy_certificate_is_refused(tmp_path: Path, problem: str) -> None:
    names = ["proxy.example"] if problem == "other name" else ["127.0.0.1"]
    ca_file, tls_cfg, _, _ = tls_proxy_files(tmp_path, names)
    if problem == "other CA":
        ca_file, _, _ = make_ca(tmp_path, "someone-else")
    tls_port = free_port()
    async with kamailio(
        tmp_path / "kamailio", OUTBOUND_PROXY, tls_port=tls_port, tls_cfg=tls_cfg, uas_port=9
    ) as kam:
        dialer = Dialer(DialerOptions(proxy=f"sips:127.0.0.1:{tls_port}", tls_ca_file=ca_file))
        await dialer.start()
        try:
            call = await dialer.dial("sip:callee@127.0.0.1")
        finally:
            await dialer.close()
        assert "INVITE over TLS" not in kam.log_text()
    assert call.outcome == "failed" and call.status is None
    assert call.error is not None and "CERTIFICATE_VERIFY_FAILED" in call.error, call.error
