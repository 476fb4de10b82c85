"""SIPS URIs at the listener: an INVITE to sips:… over TLS is answered with a sips:
Contact (RFC 3261 §12.1.1) and, with RTP/SAVP, SRTP; the same URI over UDP is refused
(416): SIPS means TLS on every hop."""

from __future__ import annotations

import asyncio
import base64
import secrets
import ssl
from pathlib import Path

import pytest

from tests.fixtures.certs import self_signed
from tests.fixtures.common import free_port
from tests.fixtures.sip import UdpProbe
from tests.telephony.sip.test_sip_tls import header, read_message

pytestmark = pytest.mark.timeout(60)


def sips_invite(port: int, via: str, call_id: str, tag: str, contact: str) -> bytes:
    key = base64.b64encode(secrets.token_bytes(30)).decode()
    sdp = (
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        f"m=audio {free_port()} RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
        f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{key}\r\n"
    )
    return (
        f"INVITE sips:12345@127.0.0.1:{port} SIP/2.0\r\n"
        f"Via: {via};branch=z9hG4bK{tag}1;rport\r\n"
        f"From: <sips:13900001111@127.0.0.1>;tag={tag}\r\nTo: <sips:12345@127.0.0.1>\r\n"
        f"Call-ID: {call_id}\r\nCSeq: 1 INVITE\r\nContact: {contact}\r\nMax-Forwards: 70\r\n"
        f"Content-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n{sdp}"
    ).encode()


async def test_sips_over_tls_answered_with_sips_contact_and_srtp(
    tmp_path: Path, listener_factory
) -> None:
    cert, key = self_signed(tmp_path, "hotline.test", stem="sip")
    tls_port = free_port()
    async with listener_factory(
        tls_cert=cert, tls_key=key, tls_port=tls_port, srtp="required", greeting_pcm=b""
    ) as harness:
        client = ssl.create_default_context(cafile=str(cert))
        reader, writer = await asyncio.open_connection("127.0.0.1", tls_port, ssl=client)
        local = writer.get_extra_info("sockname")[1]
        tag = secrets.token_hex(4)
        writer.write(
            sips_invite(
                tls_port,
                f"SIP/2.0/TLS 127.0.0.1:{local}",
                f"sips-{tag}",
                tag,
                f"<sips:caller@127.0.0.1:{local}>",
            )
        )
        while not (ok := await read_message(reader)).startswith("SIP/2.0 200"):
            assert ok.startswith("SIP/2.0 1"), ok
        assert header(ok, "Contact").startswith(f"<sips:127.0.0.1:{tls_port}")
        assert "RTP/SAVP" in ok and "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" in ok
        writer.write(
            (
                f"ACK sips:12345@127.0.0.1:{tls_port} SIP/2.0\r\n"
                f"Via: SIP/2.0/TLS 127.0.0.1:{local};branch=z9hG4bK{tag}2;rport\r\n"
                f"From: <sips:13900001111@127.0.0.1>;tag={tag}\r\nTo: {header(ok, 'To')}\r\n"
                f"Call-ID: sips-{tag}\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n"
                "Content-Length: 0\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        await harness.wait_for(lambda: harness.listener.active_calls == 1)
        writer.close()


async def test_sips_over_udp_is_refused(listener_factory) -> None:
    async with listener_factory(greeting_pcm=b"") as harness:
        probe = UdpProbe()
        try:
            tag = secrets.token_hex(4)
            invite = sips_invite(
                harness.port,
                f"SIP/2.0/UDP 127.0.0.1:{probe.port}",
                f"sips-{tag}",
                tag,
                f"<sip:caller@127.0.0.1:{probe.port}>",
            )
            answer = await probe.ask(invite, harness.port, b"SIP/2.0 416")
        finally:
            probe.close()
        assert b"SIPS needs TLS" in answer
        assert harness.listener.active_calls == 0
