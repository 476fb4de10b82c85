"""The strict-RTP source policy on its own (sans-I/O)."""

from __future__ import annotations

import pytest
from hotline.telephony.rtp.sources import MediaSourcePolicy, parse_networks


def test_only_the_sdp_address_and_port_latch_and_the_latch_never_moves() -> None:
    policy = MediaSourcePolicy()
    assert not policy.admits(("192.0.2.9", 4000))  # nothing offered yet
    policy.expect(("192.0.2.1", 4000))
    assert not policy.admits(("192.0.2.1", 4002))  # right host, wrong port
    assert not policy.admits(("192.0.2.9", 4000))
    assert policy.admits(("192.0.2.1", 4000)) and policy.latched == ("192.0.2.1", 4000)
    assert not policy.admits(("192.0.2.9", 4000))
    policy.expect(("192.0.2.9", 4000))  # a re-INVITE names a new address: latch anew
    assert policy.latched is None and policy.admits(("192.0.2.9", 4000))
    assert not policy.admits(("192.0.2.1", 4000))


def test_trusted_relays_latch_from_any_of_their_addresses() -> None:
    policy = MediaSourcePolicy(parse_networks(["10.20.0.0/24", "2001:db8::/32"]))
    policy.expect(("172.16.0.5", 30000))  # the phone's private address behind NAT
    assert not policy.authorized(("10.20.1.1", 5000))
    assert policy.authorized(("10.20.0.7", 5000))
    assert policy.authorized(("2001:db8::7", 5000, 0, 0))
    assert policy.admits(("::ffff:10.20.0.8", 6000))  # IPv4-mapped counts as IPv4
    assert not policy.admits(("10.20.0.7", 5000))  # latched: the other relay host is not


def test_on_hold_and_names_expect_nobody() -> None:
    policy = MediaSourcePolicy()
    policy.expect(("0.0.0.0", 4000))
    assert not policy.admits(("0.0.0.0", 4000))
    policy.expect(("phone.example", 4000))
    assert not policy.admits(("192.0.2.1", 4000))


def test_bad_networks_are_named() -> None:
    with pytest.raises(ValueError, match="'10.0.0.300'"):
        parse_networks(["10.0.0.0/8", "10.0.0.300"])
