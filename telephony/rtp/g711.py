"""G.711 A-law and µ-law <-> 16-bit PCM with numpy lookup tables.

The tables are built once from the ITU-T G.711 segment algorithm (the same
construction as the classic reference encoder), so coding a packet is one
vectorised table lookup. Audio in the process is 16-bit little-endian mono PCM.
"""

from __future__ import annotations

from typing import Final

import numpy as np

PCMU: Final = 0
PCMA: Final = 8

_ULAW_BIAS: Final = 0x84
_ULAW_CLIP: Final = 8159  # in 14-bit magnitude units
_ULAW_SEGMENT_ENDS: Final = (0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF)
_ALAW_SEGMENT_ENDS: Final = (0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF)


def _segment(value: int, ends: tuple[int, ...]) -> int:
    for index, end in enumerate(ends):
        if value <= end:
            return index
    return len(ends)


def _ulaw_decode(code: int) -> int:
    code = ~code & 0xFF
    magnitude = (((code & 0x0F) << 3) + _ULAW_BIAS) << ((code & 0x70) >> 4)
    return _ULAW_BIAS - magnitude if code & 0x80 else magnitude - _ULAW_BIAS


def _alaw_decode(code: int) -> int:
    code ^= 0x55
    magnitude = (code & 0x0F) << 4
    segment = (code & 0x70) >> 4
    if segment == 0:
        magnitude += 8
    else:
        magnitude = (magnitude + 0x108) << (segment - 1)
    return magnitude if code & 0x80 else -magnitude


def _ulaw_encode(sample: int) -> int:
    value = sample >> 2  # 14-bit
    if value < 0:
        value, mask = -value, 0x7F
    else:
        mask = 0xFF
    value = min(value, _ULAW_CLIP) + (_ULAW_BIAS >> 2)
    segment = _segment(value, _ULAW_SEGMENT_ENDS)
    if segment >= 8:
        return 0x7F ^ mask
    return ((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask


def _alaw_encode(sample: int) -> int:
    value = sample >> 3  # 13-bit
    if value >= 0:
        mask = 0xD5
    else:
        mask = 0x55
        value = -value - 1
    segment = _segment(value, _ALAW_SEGMENT_ENDS)
    if segment >= 8:
        return 0x7F ^ mask
    code = segment << 4
    code |= (value >> 1) & 0x0F if segment < 2 else (value >> segment) & 0x0F
    return code ^ mask


def _decode_table(decode: object) -> np.ndarray:
    return np.array([decode(code) for code in range(256)], dtype="<i2")  # type: ignore[operator]


def _encode_table(encode: object) -> np.ndarray:
    # Indexed by the int16 sample reinterpreted as uint16 (two's complement).
    samples = np.arange(65536, dtype=np.uint16).view(np.int16)
    return np.array([encode(int(s)) for s in samples], dtype=np.uint8)  # type: ignore[operator]


ULAW_TO_PCM: Final = _decode_table(_ulaw_decode)
ALAW_TO_PCM: Final = _decode_table(_alaw_decode)
PCM_TO_ULAW: Final = _encode_table(_ulaw_encode)
PCM_TO_ALAW: Final = _encode_table(_alaw_encode)

_DECODERS: Final = {PCMU: ULAW_TO_PCM, PCMA: ALAW_TO_PCM}
_ENCODERS: Final = {PCMU: PCM_TO_ULAW, PCMA: PCM_TO_ALAW}


class UnsupportedCodec(ValueError):
    """A payload type that is neither PCMU (0) nor PCMA (8)."""


def decode(payload_type: int, payload: bytes) -> bytes:
    """G.711 bytes of `payload_type` → 16-bit little-endian PCM (two bytes per byte)."""
    table = _DECODERS.get(payload_type)
    if table is None:
        raise UnsupportedCodec(f"payload type {payload_type} is not G.711 (0 or 8)")
    return table[np.frombuffer(payload, dtype=np.uint8)].tobytes()


def encode(payload_type: int, pcm: bytes) -> bytes:
    """16-bit little-endian PCM → G.711 bytes of `payload_type`."""
    table = _ENCODERS.get(payload_type)
    if table is None:
        raise UnsupportedCodec(f"payload type {payload_type} is not G.711 (0 or 8)")
    if len(pcm) % 2:
        raise ValueError(f"16-bit PCM must have an even length, got {len(pcm)} bytes")
    return table[np.frombuffer(pcm, dtype="<u2")].tobytes()


def is_g711(payload_type: int) -> bool:
    return payload_type in _DECODERS
