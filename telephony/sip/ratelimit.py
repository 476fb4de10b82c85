"""Per-source admission of SIP messages, sans-I/O: token buckets in a bounded table.

Checked on the source address alone, before a message is parsed, so a flood costs one
table look-up per datagram. Trusted sources (the PBX, Kamailio) get a generous rate;
untrusted ones a small reply budget each, and all untrusted sources together share one
more bucket, so spoofing many addresses does not buy more replies.
"""

from __future__ import annotations

import ipaddress
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, auto

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class Verdict(Enum):
    TRUSTED = auto()
    UNTRUSTED = auto()  # within the untrusted budget: may get a stateless reply
    DROP = auto()  # over budget: read and forgotten, never answered


@dataclass(frozen=True)
class RateLimits:
    trusted_per_second: float = 1000.0  # per trusted source; the burst is one second's worth
    untrusted_per_second: float = 2.0  # replies per untrusted source
    untrusted_burst: float = 10.0
    untrusted_total_per_second: float = 50.0  # all untrusted sources together
    max_sources: int = 4096  # table size; the least recently seen source is forgotten


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    trusted: bool


def parse_networks(items: Iterable[str] | None) -> list[_Network] | None:
    if items is None:
        return None
    return [ipaddress.ip_network(n, strict=False) for n in items]


def host_in(host: str, networks: list[_Network] | None) -> bool:
    """None trusts everyone (the dialer's own endpoint); a host name is never trusted."""
    if networks is None:
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return any(address in net for net in networks)


class SourceLimiter:
    def __init__(self, trusted: list[_Network] | None, limits: RateLimits | None = None) -> None:
        self.trusted = trusted
        self.limits = limits or RateLimits()
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._untrusted_total = _Bucket(self.limits.untrusted_total_per_second, 0.0, False)
        self.dropped = 0

    def __len__(self) -> int:
        return len(self._buckets)

    def admit(self, host: str, now: float) -> Verdict:
        limits = self.limits
        bucket = self._buckets.get(host)
        if bucket is None:
            trusted = host_in(host, self.trusted)
            burst = limits.trusted_per_second if trusted else limits.untrusted_burst
            bucket = self._buckets[host] = _Bucket(burst, now, trusted)
            if len(self._buckets) > limits.max_sources:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(host)
        if bucket.trusted:
            rate, burst = limits.trusted_per_second, limits.trusted_per_second
        else:
            rate, burst = limits.untrusted_per_second, limits.untrusted_burst
        if not _take(bucket, now, rate, burst):
            self.dropped += 1
            return Verdict.DROP
        if bucket.trusted:
            return Verdict.TRUSTED
        total = limits.untrusted_total_per_second
        if not _take(self._untrusted_total, now, total, total):
            self.dropped += 1
            return Verdict.DROP
        return Verdict.UNTRUSTED


def _take(bucket: _Bucket, now: float, rate: float, burst: float) -> bool:
    bucket.tokens = min(burst, bucket.tokens + (now - bucket.stamp) * rate)
    bucket.stamp = now
    if bucket.tokens < 1.0:
        return False
    bucket.tokens -= 1.0
    return True
