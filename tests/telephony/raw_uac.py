"""A bare SIP caller over one UDP socket, written by hand (no telephony code): INVITE
with SDP, ACK, BYE, and a 200 for the listener's BYE. Lets a test put exactly the
bytes it wants on the wire, RTP included (raw UDP sockets beside it)."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import socket
import struct
from dataclasses import dataclass, field

import numpy as np


@dataclass
class SipMessage:
    first_line: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def status(self) -> int | None:
        parts = self.first_line.split()
        return int(parts[1]) if self.first_line.startswith("SIP/2.0") else None

    @property
    def method(self) -> str | None:
        return None if self.first_line.startswith("SIP/2.0") else self.first_line.split()[0]

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def get_all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]


def parse(data: bytes) -> SipMessage:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = [(k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:])]
    return SipMessage(lines[0], headers, body)


class _Inbox(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.queue: asyncio.Queue[SipMessage] = asyncio.Queue()
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.queue.put_nowait(parse(data))


@dataclass
class RawUac:
    server: tuple[str, int]
    host: str = "127.0.0.1"
    call_id: str = field(default_factory=lambda: f"raw-{secrets.token_hex(6)}")
    from_tag: str = field(default_factory=lambda: secrets.token_hex(4))
    to_header: str = "<sip:12345@127.0.0.1>"
    received: list[SipMessage] = field(default_factory=list)
    _inbox: _Inbox | None = None
    _cseq: int = 1
    _ok: SipMessage | None = None

    async def open(self) -> RawUac:
        loop = asyncio.get_running_loop()
        _, self._inbox = await loop.create_datagram_endpoint(_Inbox, local_addr=(self.host, 0))
        return self

    def close(self) -> None:
        if self._inbox is not None and self._inbox.transport is not None:
            self._inbox.transport.close()

    @property
    def port(self) -> int:
        assert self._inbox is not None and self._inbox.transport is not None
        return int(self._inbox.transport.get_extra_info("sockname")[1])

    def _send(self, text: str, body: bytes = b"") -> None:
        assert self._inbox is not None and self._inbox.transport is not None
        data = text.replace("\n", "\r\n").encode() + b"\r\n" + body
        self._inbox.transport.sendto(data, self.server)

    def _common(self, method: str, cseq: int, to: str) -> str:
        return (
            f"Via: SIP/2.0/UDP {self.host}:{self.port};branch=z9hG4bK{secrets.token_hex(6)};rport\n"
            "Max-Forwards: 70\n"
            f"From: <sip:13900001111@{self.host}>;tag={self.from_tag}\n"
            f"To: {to}\n"
            f"Call-ID: {self.call_id}\n"
            f"CSeq: {cseq} {method}\n"
            f"Contact: <sip:caller@{self.host}:{self.port}>\n"
        )

    def send_invite(
        self, rtp: tuple[str, int], extra: str = "", profile: str = "RTP/AVP", media: str = ""
    ) -> None:
        """`extra`: more header lines, each ending in a newline; `media`: more a= lines of
        the audio stream, each ending in CRLF (e.g. a=crypto with profile RTP/SAVP)."""
        sdp = (
            "v=0\r\n"
            f"o=- 1 1 IN IP4 {rtp[0]}\r\n"
            "s=-\r\n"
            f"c=IN IP4 {rtp[0]}\r\n"
            "t=0 0\r\n"
            f"m=audio {rtp[1]} {profile} 8 101\r\n"
            "a=rtpmap:8 PCMA/8000\r\n"
            "a=rtpmap:101 telephone-event/8000\r\n"
            f"{media}"
            "a=sendrecv\r\n"
        ).encode()
        self._send(
            f"INVITE sip:12345@{self.server[0]}:{self.server[1]} SIP/2.0\n"
            + self._common("INVITE", 1, self.to_header)
            + extra
            + f"Content-Type: application/sdp\nContent-Length: {len(sdp)}\n",
            sdp,
        )

    async def next_message(self, timeout: float = 10) -> SipMessage:
        assert self._inbox is not None
        message = await asyncio.wait_for(self._inbox.queue.get(), timeout)
        self.received.append(message)
        return message

    async def final_response(self, timeout: float = 15) -> SipMessage | None:
        """The INVITE's final response, or None if only provisional ones came in time."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while (left := end - loop.time()) > 0:
            try:
                message = await self.next_message(left)
            except TimeoutError:
                return None
            if message.status is not None and message.status >= 200:
                if message.status == 200:
                    self._ok = message
                return message
        return None

    async def call(self, rtp: tuple[str, int]) -> SipMessage:
        """INVITE and ACK; returns the 200 OK (fails on anything else)."""
        self.send_invite(rtp)
        final = await self.final_response()
        assert final is not None and final.status == 200, final
        self.ack()
        return final

    def _dialog_to(self) -> str:
        assert self._ok is not None
        return self._ok.get("To") or ""

    def _target(self) -> str:
        assert self._ok is not None
        contact = self._ok.get("Contact") or ""
        return contact.strip().lstrip("<").split(">")[0]

    def ack(self) -> None:
        self._send(
            f"ACK {self._target()} SIP/2.0\n"
            + self._common("ACK", 1, self._dialog_to())
            + "Content-Length: 0\n"
        )

    def bye(self) -> None:
        self._cseq += 1
        self._send(
            f"BYE {self._target()} SIP/2.0\n"
            + self._common("BYE", self._cseq, self._dialog_to())
            + "Content-Length: 0\n"
        )

    async def wait_for_bye(self, timeout: float = 30) -> SipMessage:
        """The listener hangs up: answer its BYE with 200 and return it."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            message = await self.next_message(max(0.01, end - loop.time()))
            if message.method == "BYE":
                names = ("Via", "From", "To", "Call-ID", "CSeq")
                copied = "".join(f"{n}: {v}\n" for n in names for v in message.get_all(n))
                self._send("SIP/2.0 200 OK\n" + copied + "Content-Length: 0\n")
                return message


# ---- raw RTP ---------------------------------------------------------------------------


async def final_answer_to_invite(port: int) -> SipMessage | None:
    """One INVITE from a fresh loopback UAC (with an RTP socket it never uses) to the
    listener on `port`: its final answer, or None."""
    with sockets("127.0.0.1") as (rtp_sock,):
        uac = await RawUac(("127.0.0.1", port)).open()
        try:
            uac.send_invite(rtp_sock.getsockname())
            return await uac.final_response()
        finally:
            uac.close()


def alaw_payload(pcm: bytes) -> bytes:
    import audioop  # independent of telephony.rtp.g711, on purpose

    return audioop.lin2alaw(pcm, 2)


def rtp_packet(sequence: int, timestamp: int, ssrc: int, payload: bytes, pt: int = 8) -> bytes:
    header = struct.pack("!BBHII", 0x80, pt, sequence & 0xFFFF, timestamp & 0xFFFFFFFF, ssrc)
    return header + payload


def tone(seconds: float, freq: float, level: float = 0.4) -> bytes:
    t = np.arange(int(seconds * 8000)) / 8000
    return (np.sin(2 * np.pi * freq * t) * level * 32767).astype("<i2").tobytes()


def udp_socket(host: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((host, 0))
    sock.setblocking(False)
    return sock


def drain(sock: socket.socket) -> list[bytes]:
    """Everything queued on a non-blocking socket now."""
    out: list[bytes] = []
    while True:
        try:
            out.append(sock.recv(4096))
        except (BlockingIOError, InterruptedError):
            return out
        except ConnectionRefusedError:
            continue


@contextlib.contextmanager
def sockets(*hosts: str):  # type: ignore[no-untyped-def]
    made = [udp_socket(h) for h in hosts]
    try:
        yield made
    finally:
        for s in made:
            s.close()


def sdp_media_port(message: SipMessage) -> int:
    """The m=audio port of a message's SDP (where the listener receives RTP)."""
    for line in message.body.decode().splitlines():
        if line.startswith("m=audio "):
            return int(line.split()[1])
    raise AssertionError(f"no m=audio line in {message.body!r}")


def packets_found(recording: np.ndarray, payloads: list[bytes]) -> int:
    """How many of the A-law payloads appear, decoded sample-exact, in the recording."""
    import audioop

    found = 0
    for payload in set(payloads):
        expected = np.frombuffer(audioop.alaw2lin(payload, 2), dtype="<i2")
        if len(recording) < len(expected):
            continue
        windows = np.lib.stride_tricks.sliding_window_view(recording, len(expected))
        if (windows == expected).all(axis=1).any():
            found += 1
    return found
