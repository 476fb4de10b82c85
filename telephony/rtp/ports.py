"""One RTP session's sockets: binding the port pair (an even RTP port, the odd one above
it for RTCP), and connecting the RTP socket to the latched media source."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import errno
import random
import socket
import sys
from collections.abc import Callable
from typing import Final

from hotline.telephony.rtp.pump import tune_socket
from hotline.telephony.rtp.sources import ip_of


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


def _load_connect() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.connect
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


_CONNECT: Final = _load_connect()
_UNSPEC_ADDRESS: Final = (ctypes.c_char * 16)()  # struct sockaddr, sa_family AF_UNSPEC (0)


def can_connect(sock: socket.socket, peer: tuple[str, int], media_host: str | None) -> bool:
    """May this RTP socket be connected to `peer` without losing the peer's packets?

    A connected UDP socket only receives from its peer, and only at the local address
    the connection chose. Bound to one address, that is the address the SDP names.
    Bound to the wildcard, the kernel picks the address its route to the peer leaves
    from: safe only when that is the address our SDP named (`media_host`); on a host
    with several addresses the peer may send to another one. Linux only: Python has
    no way to dissolve the connection again (see `disconnect`).
    """
    if _CONNECT is None:
        return False
    local = ip_of(sock.getsockname()[0])
    if local is None:
        return False
    if not local.is_unspecified:
        return True
    wanted = ip_of(media_host) if media_host is not None else None
    if wanted is None:
        return False
    with socket.socket(sock.family, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(peer)
        except OSError:
            return False
        return ip_of(probe.getsockname()[0]) == wanted


def disconnect(sock: socket.socket) -> None:
    """Dissolve a UDP socket's connection (connect to AF_UNSPEC): it receives from
    anyone again, at the address it was bound to."""
    assert _CONNECT is not None  # only connected sockets are disconnected
    if _CONNECT(sock.fileno(), _UNSPEC_ADDRESS, len(_UNSPEC_ADDRESS)) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"disconnect: {errno.errorcode.get(code, code)}")
