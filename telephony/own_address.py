"""Is a SIP destination this service itself? A call there would ring our own listener.

A follow-up survey dialled to `sip:<caller>@<our host>` reaches the service's own
listener, which answers it as a new incoming call (a junk draft ticket) and the
survey counts the attempt as answered. The dialer refuses such destinations.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_local_address(host: str) -> bool:
    """An address of this machine: loopback, unspecified, or one a socket can bind to."""
    ip = _ip(host)
    if ip is None:
        return False
    if ip.is_loopback or ip.is_unspecified:
        return True
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        try:
            probe.bind((str(ip), 0))  # only this machine's own addresses can be bound
        except OSError:
            return False
    return True


def _addresses(host: str) -> set[str]:
    """The host's IP addresses (itself when it is one); empty when it does not resolve."""
    if _ip(host) is not None:
        return {str(_ip(host))}
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_DGRAM)
    except OSError:
        return set()
    return {str(info[4][0]) for info in infos}


def own_listener_hit(
    host: str, port: int, listeners: Iterable[tuple[str, int]]
) -> tuple[str, int] | None:
    """The listener (host, port) that `host:port` (an IP address) would reach, if any.

    Host AND port must match: a listener bound to every address (0.0.0.0, ::) is
    reached through any local address; one bound to a single address only through
    that address — a test peer on 127.0.0.1 at another port is someone else."""
    dest = _ip(host)
    if dest is None:
        return None
    for listener_host, listener_port in listeners:
        if listener_port != port:
            continue
        for address in _addresses(listener_host):
            ip = _ip(address)
            if ip == dest:
                return listener_host, listener_port
            if ip is not None and ip.is_unspecified and is_local_address(str(dest)):
                return listener_host, listener_port
            if dest.is_unspecified and is_local_address(address):
                return listener_host, listener_port
    return None
