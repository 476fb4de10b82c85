from __future__ import annotations

import pytest
from hotline.telephony.rtp.packet import MalformedPacket, RtpPacket, build_header, parse_rtp


def test_round_trip_of_a_full_packet() -> None:
    packet = RtpPacket(
        payload_type=8,
        sequence=65535,
        timestamp=0xFFFFFFFF,
        ssrc=0xDEADBEEF,
        payload=b"\xd5" * 160,
        marker=True,
        csrc=(1, 2, 3),
        extension_profile=0xBEDE,
        extension=b"\x10\x01\x00\x00",
        padding=4,
    )
    data = packet.serialize()
    assert len(data) == 12 + 12 + 4 + 4 + 160 + 4
    assert parse_rtp(data) == packet


def test_common_header_matches_full_serialiser() -> None:
    plain = RtpPacket(0, 7, 1234, 42, b"", marker=True)
    assert build_header(0, 7, 1234, 42, marker=True) == plain.serialize()
    assert parse_rtp(build_header(0, 7, 1234, 42) + b"x").payload == b"x"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "shorter"),
        (b"\x80\x08\x00", "shorter"),
        (b"\x40\x08" + bytes(10), "version"),
        (b"\x83\x08" + bytes(10) + bytes(8), "CSRC"),
        (b"\x90\x08" + bytes(10), "extension"),
        (b"\x90\x08" + bytes(10) + b"\x00\x00\x00\x05" + bytes(4), "truncated"),
        (b"\xa0\x08" + bytes(10) + b"\x00", "padding"),
        (b"\xa0\x08" + bytes(10) + b"ab\x09", "padding"),
        (b"\x80\xc8" + bytes(10) + bytes(16), "RTCP"),
    ],
)
def test_malformed_packets_raise_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(MalformedPacket, match=reason):
        parse_rtp(data)


def test_serialiser_refuses_impossible_values() -> None:
    with pytest.raises(ValueError):
        RtpPacket(128, 0, 0, 0).serialize()
    with pytest.raises(ValueError):
        RtpPacket(0, 0, 0, 0, csrc=tuple(range(16))).serialize()
    with pytest.raises(ValueError):
        RtpPacket(0, 0, 0, 0, extension_profile=1, extension=b"abc").serialize()
