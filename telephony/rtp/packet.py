"""RTP packet parse/serialise (RFC 3550 §5.1).

Parsing never trusts the wire: every malformed packet raises `MalformedPacket`
with a reason, which the session counts and drops.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

RTP_VERSION: Final = 2
HEADER_SIZE: Final = 12

_HEADER: Final = struct.Struct("!BBHII")
_EXTENSION_HEADER: Final = struct.Struct("!HH")


class MalformedPacket(ValueError):
    """The datagram is not a well-formed RTP packet."""


@dataclass(slots=True)
class RtpPacket:
    payload_type: int
    sequence: int
    timestamp: int
    ssrc: int
    payload: bytes = b""
    marker: bool = False
    csrc: tuple[int, ...] = ()
    # Header extension (RFC 3550 §5.3.1): profile-defined 16 bits + body (multiple of 4 bytes).
    extension_profile: int | None = None
    extension: bytes = b""
    # Number of padding bytes (including the count byte) to append when serialising.
    padding: int = 0

    def serialize(self) -> bytes:
        if not 0 <= self.payload_type <= 127:
            raise ValueError(f"payload type {self.payload_type} is outside 0..127")
        if len(self.csrc) > 15:
            raise ValueError(f"at most 15 CSRCs, got {len(self.csrc)}")
        if not 0 <= self.padding <= 255:
            raise ValueError(f"padding {self.padding} is outside 0..255")
        has_extension = self.extension_profile is not None
        first = (
            (RTP_VERSION << 6)
            | (0x20 if self.padding else 0)
            | (0x10 if has_extension else 0)
            | len(self.csrc)
        )
        second = (0x80 if self.marker else 0) | self.payload_type
        parts = [
            _HEADER.pack(
                first, second, self.sequence & 0xFFFF, self.timestamp & 0xFFFFFFFF, self.ssrc
            )
        ]
        parts.extend(struct.pack("!I", c) for c in self.csrc)
        if has_extension:
            if len(self.extension) % 4:
                raise ValueError("the header extension length must be a multiple of 4 bytes")
            parts.append(
                _EXTENSION_HEADER.pack(self.extension_profile or 0, len(self.extension) // 4)
            )
            parts.append(self.extension)
        parts.append(self.payload)
        if self.padding:
            parts.append(bytes(self.padding - 1) + bytes((self.padding,)))
        return b"".join(parts)


def build_header(
    payload_type: int, sequence: int, timestamp: int, ssrc: int, marker: bool = False
) -> bytes:
    """The fixed 12-byte header for the common case (no CSRC, extension or padding)."""
    return _HEADER.pack(
        0x80,
        (0x80 if marker else 0) | payload_type,
        sequence & 0xFFFF,
        timestamp & 0xFFFFFFFF,
        ssrc,
    )


def parse_rtp(data: bytes) -> RtpPacket:
    """Parse one datagram; raise `MalformedPacket` saying why it is not valid RTP."""
    size = len(data)
    if size < HEADER_SIZE:
        raise MalformedPacket(f"{size} bytes is shorter than the 12-byte RTP header")
    first, second, sequence, timestamp, ssrc = _HEADER.unpack_from(data)
    if first >> 6 != RTP_VERSION:
        raise MalformedPacket(f"RTP version {first >> 6}, expected 2")
    payload_type = second & 0x7F
    if 72 <= payload_type <= 76:
        # RTCP SR/RR/SDES/BYE/APP (200..204) seen with the marker bit: RTCP muxed on our port.
        raise MalformedPacket(f"RTCP packet type {second} on the RTP port")
    offset = HEADER_SIZE + 4 * (first & 0x0F)
    if offset > size:
        raise MalformedPacket(f"{first & 0x0F} CSRCs do not fit in {size} bytes")
    csrc = struct.unpack_from(f"!{first & 0x0F}I", data, HEADER_SIZE) if first & 0x0F else ()
    extension_profile: int | None = None
    extension = b""
    if first & 0x10:
        if offset + 4 > size:
            raise MalformedPacket("header extension flag set but no extension header")
        extension_profile, words = _EXTENSION_HEADER.unpack_from(data, offset)
        offset += 4
        if offset + 4 * words > size:
            raise MalformedPacket(f"header extension of {words} words is truncated")
        extension = bytes(data[offset : offset + 4 * words])
        offset += 4 * words
    end = size
    padding = 0
    if first & 0x20:
        padding = data[-1]
        if padding == 0 or offset + padding > size:
            raise MalformedPacket(f"invalid padding count {padding}")
        end -= padding
    return RtpPacket(
        payload_type=payload_type,
        sequence=sequence,
        timestamp=timestamp,
        ssrc=ssrc,
        payload=bytes(data[offset:end]),
        marker=bool(second & 0x80),
        csrc=tuple(csrc),
        extension_profile=extension_profile,
        extension=extension,
        padding=padding,
    )
