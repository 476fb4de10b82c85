"""asyncio SIP transports: UDP datagrams and TCP streams on one port.

The transport only moves bytes: it hands every datagram / framed TCP message with its
source to `on_data`; parsing and all protocol decisions happen above it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from hotline.telephony.sip.message import SipParseError, StreamFramer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Peer:
    transport: str  # "udp" | "tcp"
    host: str
    port: int


OnData = Callable[[bytes, Peer], None]


class _Udp(asyncio.DatagramProtocol):
    def __init__(self, on_data: OnData) -> None:
        self.on_data = on_data
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        try:
            self.on_data(data, Peer("udp", addr[0], addr[1]))
        except Exception:  # a bug in one message must not stop the socket
            log.exception("error handling UDP datagram from %s", addr)

    def error_received(self, exc: Exception) -> None:  # ICMP port unreachable etc.
        log.debug("UDP error: %s", exc)


class _Tcp(asyncio.Protocol):
    def __init__(self, owner: SipTransport) -> None:
        self.owner = owner
        self.framer = StreamFramer()
        self.transport: asyncio.Transport | None = None
        self.peer: Peer | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        host, port = transport.get_extra_info("peername")[:2]
        self.peer = Peer("tcp", host, port)
        self.owner._connections[(host, port)] = self

    def data_received(self, data: bytes) -> None:
        assert self.peer is not None and self.transport is not None
        try:
            frames = self.framer.feed(data)
        except SipParseError:
            self.transport.close()  # a broken stream cannot be re-synchronised
            return
        for frame in frames:
            try:
                self.owner.on_data(frame, self.peer)
            except Exception:
                log.exception("error handling TCP message from %s", self.peer)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.peer is not None:
            self.owner._connections.pop((self.peer.host, self.peer.port), None)


class SipTransport:
    def __init__(self, on_data: OnData) -> None:
        self.on_data = on_data
        self.host = "127.0.0.1"
        self.port = 0
        self._udp: _Udp | None = None
        self._server: asyncio.Server | None = None
        self._connections: dict[tuple[str, int], _Tcp] = {}
        self._pending: dict[tuple[str, int], list[bytes]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self, host: str, port: int, transports: tuple[str, ...] = ("udp",)) -> None:
        loop = asyncio.get_running_loop()
        self.host = host
        for attempt in range(20):
            try:
                if "udp" in transports:
                    _, proto = await loop.create_datagram_endpoint(
                        lambda: _Udp(self.on_data), local_addr=(host, port)
                    )
                    self._udp = proto
                    assert proto.transport is not None
                    self.port = proto.transport.get_extra_info("sockname")[1]
                if "tcp" in transports:
                    self._server = await loop.create_server(
                        lambda: _Tcp(self), host, self.port or port
                    )
                    self.port = self._server.sockets[0].getsockname()[1]
                return
            except OSError:
                # Port 0: the UDP port picked may be taken on TCP; try another.
                await self.close()
                if port != 0 or attempt == 19:
                    raise

    def send(self, data: bytes, peer: Peer) -> None:
        if peer.transport == "tcp":
            conn = self._connections.get((peer.host, peer.port))
            if conn is not None and conn.transport is not None:
                conn.transport.write(data)
                return
            queue = self._pending.setdefault((peer.host, peer.port), [])
            queue.append(data)
            if len(queue) == 1:
                task = asyncio.get_running_loop().create_task(self._connect(peer))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            return
        if self._udp is None or self._udp.transport is None:
            raise RuntimeError("UDP transport not started")
        self._udp.transport.sendto(data, (peer.host, peer.port))

    async def _connect(self, peer: Peer) -> None:
        key = (peer.host, peer.port)
        loop = asyncio.get_running_loop()
        try:
            _, proto = await loop.create_connection(lambda: _Tcp(self), peer.host, peer.port)
        except OSError as exc:
            log.warning("TCP connect to %s:%s failed: %s", peer.host, peer.port, exc)
            self._pending.pop(key, None)
            return
        assert proto.transport is not None
        for data in self._pending.pop(key, []):
            proto.transport.write(data)

    async def close(self) -> None:
        if self._udp is not None and self._udp.transport is not None:
            self._udp.transport.close()
        self._udp = None
        if self._server is not None:
            self._server.close()
            for conn in list(self._connections.values()):
                if conn.transport is not None:
                    conn.transport.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
        self._server = None
        for task in list(self._tasks):
            task.cancel()
