"""asyncio SIP transports: UDP datagrams and TCP streams on one port, TLS streams on
another. Requests to a TLS peer reuse the connection it opened (RFC 5923 §4 style: phones
and proxies behind NAT cannot be reached on a new one); only with a client context
(`client_tls`, the dialer's outbound proxy) do we open TLS connections ourselves, checking
the peer's certificate and host name.

The transport only moves bytes: it hands every datagram / framed TCP message with its
source to `on_data`; parsing and all protocol decisions happen above it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
import ssl
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from hotline.telephony.sip.message import MAX_MESSAGE, SipParseError, StreamFramer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Peer:
    transport: str  # "udp" | "tcp" | "tls"
    host: str
    port: int
    name: str | None = field(default=None, compare=False)  # TLS: the name its cert must have


@dataclass(frozen=True)
class TcpLimits:
    """Bounds on accepted SIP-TCP connections (ours to peers are not counted)."""

    max_connections: int = 256
    max_per_source: int = 32
    idle_seconds: float = 300.0  # nothing received or sent for this long: closed
    message_seconds: float = 10.0  # a message begun must be complete within this
    max_message_bytes: int = MAX_MESSAGE


OnData = Callable[[bytes, Peer], None]
Accept = Callable[[str], bool]


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
    def __init__(self, owner: SipTransport, *, inbound: bool, kind: str = "tcp") -> None:
        self.owner = owner
        self.inbound = inbound
        self.kind = kind  # "tcp" or "tls": the stream is framed the same
        self.framer = StreamFramer(owner.limits.max_message_bytes)
        self.transport: asyncio.Transport | None = None
        self.peer: Peer | None = None
        self.last_active = 0.0
        self.partial_since: float | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        host, port = transport.get_extra_info("peername")[:2]
        self.last_active = self.owner.now()
        if self.inbound and not self.owner.admit(host):
            transport.abort()  # closed before anything is read from it
            return
        self.peer = Peer(self.kind, host, port)
        self.owner._connections[(host, port)] = self
        if self.inbound:
            self.owner._inbound_per_host[host] = self.owner._inbound_per_host.get(host, 0) + 1

    def data_received(self, data: bytes) -> None:
        if self.peer is None or self.transport is None:
            return
        self.last_active = self.owner.now()
        try:
            frames = self.framer.feed(data)
        except SipParseError:
            self.transport.close()  # a broken stream cannot be re-synchronised
            return
        if not self.framer.pending:
            self.partial_since = None
        elif self.partial_since is None or frames:
            self.partial_since = self.last_active
        for frame in frames:
            try:
                self.owner.on_data(frame, self.peer)
            except Exception:
                log.exception("error handling TCP message from %s", self.peer)

    def connection_lost(self, exc: Exception | None) -> None:
        peer = self.peer
        if peer is None:
            return
        self.peer = None
        if self.owner._connections.get((peer.host, peer.port)) is self:
            del self.owner._connections[(peer.host, peer.port)]
        if self.inbound:
            left = self.owner._inbound_per_host.get(peer.host, 1) - 1
            if left > 0:
                self.owner._inbound_per_host[peer.host] = left
            else:
                self.owner._inbound_per_host.pop(peer.host, None)

    def write(self, data: bytes) -> None:
        assert self.transport is not None
        self.last_active = self.owner.now()
        self.transport.write(data)


class SipTransport:
    def __init__(
        self, on_data: OnData, *, accept: Accept | None = None, limits: TcpLimits | None = None
    ) -> None:
        self.on_data = on_data
        self.accept = accept or (lambda host: True)
        self.limits = limits or TcpLimits()
        self.host = "127.0.0.1"
        self.port = 0
        self._udp: _Udp | None = None
        self._server: asyncio.Server | None = None
        self._tls_server: asyncio.Server | None = None
        self.tls_port = 0
        self._connections: dict[tuple[str, int], _Tcp] = {}
        self._inbound_per_host: dict[str, int] = {}
        self._pending: dict[tuple[str, int], list[bytes]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._sweeper: asyncio.TimerHandle | None = None
        self.refused = 0  # accepted TCP connections closed at once (untrusted or over limits)
        self.client_tls: ssl.SSLContext | None = None  # we may open TLS connections with it

    def now(self) -> float:
        return asyncio.get_running_loop().time()

    @property
    def inbound_connections(self) -> int:
        return sum(self._inbound_per_host.values())

    def admit(self, host: str) -> bool:
        """An accepted connection may stay: a trusted source within the limits."""
        limits = self.limits
        ok = (
            self.accept(host)
            and self.inbound_connections < limits.max_connections
            and self._inbound_per_host.get(host, 0) < limits.max_per_source
        )
        if not ok:
            self.refused += 1
        return ok

    def _sweep(self) -> None:
        """Close idle connections and ones dribbling a message that never completes."""
        now = self.now()
        limits = self.limits
        try:
            for conn in list(self._connections.values()):
                if conn.transport is None or conn.transport.is_closing():
                    continue
                if now - conn.last_active >= limits.idle_seconds or (
                    conn.partial_since is not None
                    and now - conn.partial_since >= limits.message_seconds
                ):
                    conn.transport.abort()
        finally:
            interval = min(1.0, limits.idle_seconds / 4, limits.message_seconds / 4)
            self._sweeper = asyncio.get_running_loop().call_later(max(0.05, interval), self._sweep)

    async def start(
        self,
        host: str,
        port: int,
        transports: tuple[str, ...] = ("udp",),
        *,
        tls: ssl.SSLContext | None = None,
        tls_port: int = 0,
    ) -> None:
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
                        lambda: _Tcp(self, inbound=True), host, self.port or port
                    )
                    self.port = self._server.sockets[0].getsockname()[1]
                if tls is not None:
                    self._tls_server = await loop.create_server(
                        lambda: _Tcp(self, inbound=True, kind="tls"), host, tls_port, ssl=tls
                    )
                    self.tls_port = self._tls_server.sockets[0].getsockname()[1]
                self._sweeper = loop.call_later(0.5, self._sweep)
                return
            except OSError:
                # Port 0: the UDP port picked may be taken on TCP; try another.
                await self.close()
                if port != 0 or attempt == 19:
                    raise

    def send(self, data: bytes, peer: Peer) -> None:
        """Best effort, never raises for a bad destination (a peer's bad Via must not
        break the socket: asyncio closes a UDP transport on a non-OSError from sendto)."""
        if not 0 < peer.port < 65536 or not peer.host:
            log.debug("not sending to unusable address %s", peer)
            return
        if peer.transport == "tls" and (self._send_tls(data, peer) or self.client_tls is None):
            return  # on a connection of the peer's, or none and we may not open one
        if peer.transport in ("tcp", "tls"):
            conn = self._connections.get((peer.host, peer.port))
            if conn is not None and conn.transport is not None and not conn.transport.is_closing():
                conn.write(data)
                return
            queue = self._pending.setdefault((peer.host, peer.port), [])
            queue.append(data)
            if len(queue) == 1:
                self._spawn(self._connect(peer))
            return
        if self._udp is None or self._udp.transport is None:
            raise RuntimeError("UDP transport not started")
        host = peer.host.strip("[]")
        try:
            ipaddress.ip_address(host)
        except ValueError:
            # A host name: resolve off the loop (sendto would block on DNS, and a name
            # that cannot be IDNA-encoded makes asyncio close the whole UDP socket).
            self._spawn(self._send_to_name(data, host, peer.port))
            return
        self._udp.transport.sendto(data, (host, peer.port))

    def _send_tls(self, data: bytes, peer: Peer) -> bool:
        """On the peer's connection, else on its host's latest TLS connection."""
        conn = self._connections.get((peer.host, peer.port))
        if conn is None or conn.kind != "tls":
            same_host = [
                c for (h, _), c in self._connections.items() if h == peer.host and c.kind == "tls"
            ]
            conn = same_host[-1] if same_host else None
        if conn is None or conn.transport is None or conn.transport.is_closing():
            if self.client_tls is None:
                log.warning("no TLS connection from %s: message dropped", peer)
            return False
        conn.write(data)
        return True

    async def _send_to_name(self, data: bytes, host: str, port: int) -> None:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
        except (OSError, UnicodeError, ValueError) as exc:
            log.debug("not sending to %s:%s: %s", host, port, exc)
            return
        udp = self._udp
        if infos and udp is not None and udp.transport is not None:
            udp.transport.sendto(data, infos[0][4][:2])

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def connect(self, peer: Peer) -> int:
        """A TCP/TLS connection to `peer` (the one open, else a new one); our local port.
        OSError (ssl.SSLError: a certificate that does not verify) when it fails."""
        conn = self._connections.get((peer.host, peer.port))
        if conn is None or conn.transport is None or conn.transport.is_closing():
            tls = self.client_tls if peer.transport == "tls" else None
            _, conn = await asyncio.get_running_loop().create_connection(
                lambda: _Tcp(self, inbound=False, kind=peer.transport),
                peer.host,
                peer.port,
                ssl=tls,
                server_hostname=(peer.name or peer.host) if tls else None,
            )
        assert conn.transport is not None
        local_port = int(conn.transport.get_extra_info("sockname")[1])
        if peer.transport == "tls" and self._tls_server is None:
            # No TLS listener: our TLS port (Via, Contact) is this connection's, which is
            # how the proxy finds it again for requests to us (RFC 5923 alias).
            self.tls_port = local_port
        return local_port

    async def _connect(self, peer: Peer) -> None:
        key = (peer.host, peer.port)
        try:
            await self.connect(peer)
        except (OSError, ValueError, UnicodeError) as exc:
            log.warning("%s connect to %s:%s failed: %s", peer.transport, peer.host, peer.port, exc)
            self._pending.pop(key, None)
            return
        conn = self._connections.get(key)
        for data in self._pending.pop(key, []):
            if conn is not None and conn.transport is not None:
                conn.write(data)

    async def close(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
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
        if self._tls_server is not None:
            self._tls_server.close()
            with contextlib.suppress(Exception):
                await self._tls_server.wait_closed()
        self._tls_server = None
        for task in list(self._tasks):
            task.cancel()
