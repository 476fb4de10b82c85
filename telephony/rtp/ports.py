"""Binding one RTP session's port pair: an even RTP port and the odd one above it for RTCP."""

from __future__ import annotations

import asyncio
import errno
import random
import socket

from hotline.telephony.rtp.pump import tune_socket


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
