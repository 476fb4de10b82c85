"""Malformed and truncated datagrams: nothing crashes, 400 where a response is possible."""

from __future__ import annotations

import asyncio
import logging
import random

import pytest
from hotline.telephony.sip.message import parse_message

from tests.fixtures.sip import UdpProbe

pytestmark = pytest.mark.timeout(120)

VALID_INVITE = (
    "INVITE sip:12345@127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{n};rport\r\n"
    "From: <sip:138@127.0.0.1>;tag=f{n}\r\n"
    "To: <sip:12345@127.0.0.1>\r\n"
    "Call-ID: fuzz-{n}@127.0.0.1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:138@127.0.0.1:{port}>\r\n"
    "Max-Forwards: 70\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: {length}\r\n\r\n{body}"
)
SDP = (
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\n"
)
OPTIONS = (
    "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bKopt{n}\r\n"
    "From: <sip:probe@127.0.0.1>;tag=o{n}\r\nTo: <sip:127.0.0.1>\r\n"
    "Call-ID: opt-{n}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
)


def mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:
        return data[: rng.randrange(len(data))]  # truncated
    if kind == 1:
        out = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == 2:
        lines = data.split(b"\r\n")
        del lines[rng.randrange(len(lines))]
        return b"\r\n".join(lines)
    if kind == 3:
        lines = data.split(b"\r\n")
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return b"\r\n".join(lines)
    if kind == 4:
        pos = rng.randrange(len(data))
        return (
            data[:pos] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 50))) + data[pos:]
        )
    if kind == 5:
        return data.replace(b"Content-Length: ", b"Content-Length: 9")
    if kind == 6:
        return data.replace(b"\r\n", b"\n")
    return data.replace(b": ", b":", rng.randrange(1, 6))


async def still_answers_options(probe: UdpProbe, port: int, n: str) -> None:
    """Once the fuzzed traffic has settled, the listener on `port` still answers OPTIONS."""
    await asyncio.sleep(0.3)
    probe.drain()
    reply = await probe.ask(
        OPTIONS.format(n=n, port=probe.port).encode(), port, f"opt-{n}".encode()
    )
    assert reply.startswith(b"SIP/2.0 200 ")


def assert_no_errors_logged(caplog: pytest.LogCaptureFixture) -> None:
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


def invite(n: int, port: int) -> bytes:
    return VALID_INVITE.format(n=n, port=port, length=len(SDP), body=SDP).encode()


async def test_fuzzed_datagrams_do_not_stop_the_listener(listener_factory, caplog) -> None:
    rng = random.Random(20261126)
    probe = UdpProbe()
    caplog.set_level(logging.ERROR)  # telephony and asyncio (task errors)
    async with listener_factory(sip_t1=0.05, greeting_pcm=b"") as harness:
        for n in range(600):
            base = invite(n, probe.port) if n % 2 else OPTIONS.format(n=n, port=probe.port).encode()
            probe.sock.sendto(mutate(base, rng), ("127.0.0.1", harness.port))
            if n % 50 == 0:
                await asyncio.sleep(0.01)
                probe.drain()
        for bad in (b"", b"\x00" * 10, b"\r\n\r\n", b"SIP/2.0 200\r\n\r\n", bytes(range(256))):
            probe.sock.sendto(bad, ("127.0.0.1", harness.port))
        await still_answers_options(probe, harness.port, "final")
    assert_no_errors_logged(caplog)


def in_dialog(answer: bytes, method: str, cseq: int, port: int) -> bytes:
    """A request inside the dialog that `answer` (our 200 OK) established."""
    response = parse_message(answer)
    to = response.get("To") or ""
    call_id = response.get("Call-ID") or ""
    body = (
        SDP.replace("a=rtpmap", "a=sendonly\r\na=rtpmap") if method in ("INVITE", "UPDATE") else ""
    )
    extra = "Content-Type: application/sdp\r\n" if body else ""
    if method == "INFO":
        body, extra = "Signal=7\r\nDuration=100\r\n", "Content-Type: application/dtmf-relay\r\n"
    return (
        f"{method} sip:12345@127.0.0.1 SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bKd{cseq}{method};rport\r\n"
        f"From: <sip:138@127.0.0.1>;tag=f{call_id.split('-')[1].split('@')[0]}\r\n"
        f"To: {to}\r\nCall-ID: {call_id}\r\nCSeq: {cseq} {method}\r\n"
        f"Contact: <sip:138@127.0.0.1:{port}>\r\nMax-Forwards: 70\r\n{extra}"
        f"Content-Length: {len(body)}\r\n\r\n{body}"
    ).encode()


async def test_fuzzed_in_dialog_requests_do_not_break_calls(listener_factory, caplog) -> None:
    rng = random.Random(4733)
    probe = UdpProbe()
    caplog.set_level(logging.ERROR)  # telephony and asyncio (task errors)
    async with listener_factory(sip_t1=0.2, greeting_pcm=b"") as harness:
        answers = []
        for n in range(10):
            answers.append(await probe.ask(invite(n, probe.port), harness.port, b"SIP/2.0 200"))
        cseq = 2
        for _ in range(800):
            answer = rng.choice(answers)
            method = rng.choice(["ACK", "BYE", "INVITE", "UPDATE", "INFO", "OPTIONS", "CANCEL"])
            message = in_dialog(answer, method, cseq, probe.port)
            cseq += 1
            probe.sock.sendto(mutate(message, rng), ("127.0.0.1", harness.port))
            if cseq % 40 == 0:
                await asyncio.sleep(0.01)
                probe.drain()
        await still_answers_options(probe, harness.port, "after")
    assert_no_errors_logged(caplog)


@pytest.mark.parametrize(
    "damage",
    [
        lambda m: m.replace(b"CSeq: 1 INVITE", b"CSeq: one INVITE"),
        lambda m: m.replace(b"Content-Length: ", b"Content-Length: 9"),  # truncated body
        lambda m: m.replace(b"From: <sip:138@127.0.0.1>", b"From: <<<"),
        lambda m: m.replace(b"CSeq: 1 INVITE", b"CSeq: 1 BYE"),
        lambda m: m.replace(b"Max-Forwards: 70", b"Max-Forwards: lots"),
    ],
    ids=["bad-cseq", "truncated-body", "bad-from", "cseq-method-mismatch", "bad-max-forwards"],
)
async def test_broken_request_with_addressable_headers_gets_400(listener_factory, damage) -> None:
    probe = UdpProbe()
    async with listener_factory() as harness:
        message = damage(invite(1, probe.port))
        reply = await probe.ask(message, harness.port, b"SIP/2.0 ")
        assert reply.startswith(b"SIP/2.0 400 "), reply[:80]
        assert b"fuzz-1@127.0.0.1" in reply


async def test_max_forwards_zero_gets_483(listener_factory) -> None:
    probe = UdpProbe()
    async with listener_factory() as harness:
        message = invite(2, probe.port).replace(b"Max-Forwards: 70", b"Max-Forwards: 0")
        reply = await probe.ask(message, harness.port, b"SIP/2.0 ")
        assert reply.startswith(b"SIP/2.0 483 ")


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ((b"m=audio 4000 RTP/AVP 8 101", b"m=audio 4000 RTP/AVP 9 101"), b"488"),
        ((b"Content-Type: application/sdp", b"Content-Type: text/plain"), b"415"),
        ((b"INVITE sip:12345@127.0.0.1 SIP/2.0", b"FROB sip:12345@127.0.0.1 SIP/2.0"), b"501"),
        ((b"INVITE sip:12345@127.0.0.1 SIP/2.0", b"SUBSCRIBE sip:12345@127.0.0.1 SIP/2.0"), b"405"),
        ((b"To: <sip:12345@127.0.0.1>", b"To: <sip:12345@127.0.0.1>;tag=nope"), b"481"),
    ],
    ids=["no-codec", "not-sdp", "unknown-method", "not-allowed", "unknown-dialog"],
)
async def test_requests_we_cannot_serve(listener_factory, change, status) -> None:
    probe = UdpProbe()
    async with listener_factory() as harness:
        message = invite(3, probe.port).replace(*change)
        if change[1].startswith((b"FROB", b"SUBSCRIBE")):
            method = change[1].split()[0]
            message = message.replace(b"CSeq: 1 INVITE", b"CSeq: 1 " + method)
        reply = await probe.ask(message, harness.port, b"SIP/2.0 " + status)
        parsed = parse_message(reply)
        assert parsed.get("Call-ID") == "fuzz-3@127.0.0.1"
        if status in (b"405", b"501"):
            assert "INVITE" in (parsed.get("Allow") or "")
