"""Where one call's media may come from: strict RTP, against "RTP bleed" and injection.

An RTP port is open to anyone who can reach it. If the first packet from anywhere
fixed where we send (plain symmetric RTP), a stranger spraying the port range
would receive the caller's call audio and could put their own audio into the
recording. So media is accepted only from the address the SDP named (the c= and m=
of the offer or answer, exact address and port) or from a configured trusted media
relay (`sip.trusted_media`: the PBX's or the media proxy's networks, which may send
from another address than their SDP says, e.g. behind NAT). The first accepted
packet latches the source; from then on a datagram from anywhere else is dropped
and counted. An unauthenticated packet never moves the latch: only a new offer or
answer (re-INVITE/UPDATE from a trusted signalling peer) does. This is the behaviour
of Asterisk's strictrtp, with the SDP as the authority instead of a learning window.

Sans-I/O: the session asks `admits(source)` for each datagram it is handed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Final

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Source = tuple[str, int] | tuple[str, int, int, int]

NO_NETWORKS: Final[tuple[Network, ...]] = ()


def parse_networks(items: Iterable[str]) -> tuple[Network, ...]:
    """`["10.0.0.0/8", "192.0.2.7"]` → networks; ValueError names a bad item."""
    networks: list[Network] = []
    for item in items:
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"{item!r} is not an IP address or network") from exc
    return tuple(networks)


def ip_of(host: str) -> IpAddress | None:
    """The address of a host string, IPv4-mapped IPv6 as IPv4; None for a name."""
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


class MediaSourcePolicy:
    """Which datagram sources one RTP session accepts (see the module docstring)."""

    def __init__(self, trusted: tuple[Network, ...] = NO_NETWORKS) -> None:
        self.trusted = trusted
        self._expected: tuple[IpAddress, int] | None = None
        self.latched: Source | None = None

    def expect(self, remote: tuple[str, int] | None) -> None:
        """A new offer/answer named `remote`: accept it (and trusted relays), latch anew.
        A host name in c= is not resolved (rare; such peers need `trusted_media`)."""
        self.latched = None
        self._expected = None
        if remote is not None:
            address = ip_of(remote[0])
            if address is not None and not address.is_unspecified:  # 0.0.0.0: on hold
                self._expected = (address, remote[1])

    def authorized(self, source: Source) -> bool:
        """May this source be latched: the SDP's address and port, or a trusted relay?"""
        address = ip_of(source[0])
        if address is None:
            return False
        expected = self._expected
        if expected is not None and expected == (address, source[1]):
            return True
        return any(address in network for network in self.trusted)

    def admits(self, source: Source) -> bool:
        """Accept this datagram? Latches on the first authorized source."""
        latched = self.latched
        if latched is not None:
            return source[:2] == latched[:2]
        if self.authorized(source):
            self.latched = source
            return True
        return False
