"""One RTP session's sockets: binding the port pair (an even RTP port, the odd one above
it for RTCP), and connecting the RTP socket to the latched media source."""

from __future__ import annotations

import asyncio
import ctypes
import errno
import logging
import random
import socket
from typing import Final

from hotline.telephony.rtp.pump import libc_function, tune_socket
from hotline.telephony.rtp.sources import Source, ip_of

log = logging.getLogger(__name__)


async def bind_pair(
    host: str, port_min: int, port_max: int
) -> tuple[socket.socket, socket.socket, int]:
    """(RTP socket, RTCP socket, RTP port) on an even free UDP port in [port_min, port_max]
    and the port above it (RFC 3550 §11); OSError EADDRINUSE when the range is full."""
    first_even = port_min + (port_min % 2)
    ports = list(range(first_even, port_max + 1, 2))
    if not ports:
        raise ValueError(f"no even port in the RTP range {port_min}-{port_max}")
    # Start at a random place so concurrent allocations rarely collide.
    start = random.randrange(len(ports))
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, 0, type=socket.SOCK_DGRAM)
    family, _, _, _, address = infos[0]
    for port in ports[start:] + ports[:start]:
        sock = socket.socket(family, socket.SOCK_DGRAM)
        rtcp_sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            tune_socket(sock)
            sock.bind((address[0], port, *address[2:]))
            rtcp_sock.bind((address[0], port + 1, *address[2:]))
        except OSError as exc:
            sock.close()
            rtcp_sock.close()
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                continue
            raise
        return sock, rtcp_sock, port
    raise OSError(errno.EADDRINUSE, f"no free even UDP port in {port_min}-{port_max} on {host}")


_CONNECT: Final = libc_function("connect")
_UNSPEC_ADDRESS: Final = (ctypes.c_char * 16)()  # struct sockaddr, sa_family AF_UNSPEC (0)


def can_connect(sock: socket.socket) -> bool:
    """May this RTP socket be connected to its media source without losing its packets?

    A connected UDP socket receives only at the local address the connection chose.
    Bound to one address, that is the address our SDP names. Bound to the wildcard,
    the kernel would pick the address its route to the peer leaves from, and on a host
    with several addresses (or behind NAT) the peer may send to another one: such
    sockets stay unconnected. Linux only: Python cannot dissolve a connection (see
    `SocketLink.dissolve`).
    """
    if _CONNECT is None:
        return False
    local = ip_of(sock.getsockname()[0])
    return local is not None and not local.is_unspecified


class SocketLink:
    """Whether one session's RTP socket is connected to its latched media source.

    Connected, each send skips the address (lookup and route per packet), and the
    kernel drops datagrams from anywhere else before they are queued: the session
    neither reads nor counts them. A new offer/answer dissolves the connection."""

    def __init__(self) -> None:
        self.connected = False
        # Connected, and every datagram queued before the connection has been read: the
        # kernel delivers only the source's, so batches need no source check.
        self.clean = False

    def connect(self, sock: socket.socket | None, source: Source) -> bool:
        """Connect to the just latched `source` if `can_connect` allows; True if done."""
        if sock is None or self.connected:
            return self.connected
        try:
            if can_connect(sock):
                sock.connect(source)
                self.connected = True
        except OSError as exc:  # stay unconnected: the session checks sources itself
            log.debug("RTP socket %s not connected to %s: %s", sock.getsockname(), source, exc)
        return self.connected

    def dissolve(self, sock: socket.socket) -> bool:
        """Connect to AF_UNSPEC: the socket receives from anyone again, at the address it
        was bound to. False (no longer connected) unless that fails."""
        self.clean = False
        assert _CONNECT is not None  # only connected sockets are dissolved
        if _CONNECT(sock.fileno(), _UNSPEC_ADDRESS, len(_UNSPEC_ADDRESS)) != 0:
            code = ctypes.get_errno()  # cannot happen on Linux: the old source only, then
            log.warning("RTP socket %s stays connected: %s", sock.getsockname(), code)
            return True
        self.connected = False
        return False
