"""SIP over TLS (inbound): a real TLS client (Python's ssl, a certificate made here with
`cryptography`) calls the listener; answers and the listener's BYE come back on the
caller's connection; Contact and Via say TLS and the TLS port."""

from __future__ import annotations

import asyncio
import secrets
import ssl
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered

from hotline.intake_wiring import listener_options
from hotline.settings import load_settings
from tests.fixtures.baresip import baresip_config, baresip_running, needs_baresip
from tests.fixtures.certs import self_signed
from tests.fixtures.common import free_port
from tests.fixtures.media import sine_wav

pytestmark = pytest.mark.timeout(60)


async def read_message(reader: asyncio.StreamReader) -> str:
    head = (await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 15)).decode()
    length = 0
    for line in head.split("\r\n"):
        if line.lower().startswith(("content-length:", "l:")):
            length = int(line.split(":", 1)[1])
    body = await reader.readexactly(length) if length else b""
    return head + body.decode()


def header(message: str, name: str) -> str:
    for line in message.split("\r\n"):
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return ""


async def test_call_over_tls(tmp_path: Path, listener_factory) -> None:
    cert, key = self_signed(tmp_path, "hotline.test", stem="sip")
    tls_port = free_port()
    async with listener_factory(
        tls_cert=cert, tls_key=key, tls_port=tls_port, max_call_seconds=2
    ) as harness:
        client = ssl.create_default_context(cafile=str(cert))
        reader, writer = await asyncio.open_connection("127.0.0.1", tls_port, ssl=client)
        local_port = writer.get_extra_info("sockname")[1]
        call_id, tag = f"tls-{secrets.token_hex(4)}", secrets.token_hex(4)
        sdp = (
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            f"m=audio {free_port()} RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
        )
        common = (
            f"From: <sip:13900001111@127.0.0.1>;tag={tag}\r\nCall-ID: {call_id}\r\n"
            f"Contact: <sip:caller@127.0.0.1:{local_port};transport=tls>\r\nMax-Forwards: 70\r\n"
        )
        writer.write(
            (
                f"INVITE sip:12345@127.0.0.1:{tls_port};transport=tls SIP/2.0\r\n"
                f"Via: SIP/2.0/TLS 127.0.0.1:{local_port};branch=z9hG4bK{tag}1;rport\r\n"
                f"To: <sip:12345@127.0.0.1>\r\nCSeq: 1 INVITE\r\n{common}"
                f"Content-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n{sdp}"
            ).encode()
        )
        while not (ok := await read_message(reader)).startswith("SIP/2.0 200"):
            assert ok.startswith("SIP/2.0 1"), ok
        assert ";transport=tls" in header(ok, "Contact")
        assert f":{tls_port}" in header(ok, "Contact")
        to = header(ok, "To")
        writer.write(
            (
                f"ACK sip:12345@127.0.0.1:{tls_port};transport=tls SIP/2.0\r\n"
                f"Via: SIP/2.0/TLS 127.0.0.1:{local_port};branch=z9hG4bK{tag}2;rport\r\n"
                f"To: {to}\r\nCSeq: 1 ACK\r\n{common}Content-Length: 0\r\n\r\n"
            ).encode()
        )
        bye = await read_message(reader)  # max_call_seconds: the listener hangs up
        assert bye.startswith("BYE "), bye
        assert header(bye, "Via").startswith(f"SIP/2.0/TLS 127.0.0.1:{tls_port}")
        copied = "".join(
            f"{n}: {header(bye, n)}\r\n" for n in ("Via", "From", "To", "Call-ID", "CSeq")
        )
        writer.write(f"SIP/2.0 200 OK\r\n{copied}Content-Length: 0\r\n\r\n".encode())
        await writer.drain()
        (finished,) = await harness.finished()
        writer.close()
    assert finished.reason == "max_duration"


async def test_plain_tcp_to_the_tls_port_gets_nothing(tmp_path: Path, listener_factory) -> None:
    cert, key = self_signed(tmp_path, "hotline.test", stem="sip")
    tls_port = free_port()
    async with listener_factory(tls_cert=cert, tls_key=key, tls_port=tls_port) as harness:
        reader, writer = await asyncio.open_connection("127.0.0.1", tls_port)
        writer.write(b"OPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n")
        assert await asyncio.wait_for(reader.read(100), 10) == b""  # handshake failed: closed
        writer.close()
        assert harness.listener.active_calls == 0


def test_tls_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in [n for n in os.environ if n.startswith("HOTLINE_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    options = listener_options(load_settings())
    assert options.tls_cert is None and options.tls_key is None and options.tls_port == 5061
    monkeypatch.setenv("HOTLINE_SIP__TLS_CERT_FILE", "/etc/hotline/sip.crt")
    monkeypatch.setenv("HOTLINE_SIP__TLS_KEY_FILE", "/etc/hotline/sip.key")
    options = listener_options(load_settings())
    assert options.tls_cert == Path("/etc/hotline/sip.crt")


@needs_baresip
async def test_baresip_calls_over_tls(tmp_path: Path, listener_factory) -> None:
    """baresip (libre's TLS, trusting our test certificate) calls sip:…;transport=tls."""
    cert, key = self_signed(tmp_path, "hotline.test", stem="sip")
    wav = tmp_path / "tone.wav"
    sine_wav(wav, 3, 440)
    confdir = tmp_path / "baresip"
    baresip_config(confdir, wav, "tls", cafile=cert)
    tls_port = free_port()
    async with listener_factory(
        tls_cert=cert, tls_key=key, tls_port=tls_port, trusted_media=["127.0.0.0/8"]
    ) as harness:
        dial = f"/dial sip:12345@127.0.0.1:{tls_port};transport=tls"
        async with baresip_running(confdir, "-e", dial) as phone:
            (finished,) = await harness.finished(timeout=40)
    assert finished.reason == "caller_hangup", phone.output[-2000:]
    assert harness.of_type(CallAnswered)
