"""G.711 tables against Python 3.11's reference implementation (stdlib audioop).

audioop is deprecated (removed in 3.13) and only used here, as the oracle.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hotline.telephony.rtp import g711

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

ALL_SAMPLES = np.arange(65536, dtype=np.uint16).view(np.int16).astype("<i2").tobytes()
ALL_CODES = bytes(range(256))


def test_ulaw_encode_matches_audioop_for_every_sample() -> None:
    assert g711.encode(g711.PCMU, ALL_SAMPLES) == audioop.lin2ulaw(ALL_SAMPLES, 2)


def test_alaw_encode_matches_audioop_for_every_sample() -> None:
    assert g711.encode(g711.PCMA, ALL_SAMPLES) == audioop.lin2alaw(ALL_SAMPLES, 2)


def test_ulaw_decode_matches_audioop_for_every_code() -> None:
    assert g711.decode(g711.PCMU, ALL_CODES) == audioop.ulaw2lin(ALL_CODES, 2)


def test_alaw_decode_matches_audioop_for_every_code() -> None:
    assert g711.decode(g711.PCMA, ALL_CODES) == audioop.alaw2lin(ALL_CODES, 2)


@pytest.mark.parametrize("payload_type", [g711.PCMU, g711.PCMA])
def test_round_trip_is_stable_and_close(payload_type: int) -> None:
    once = g711.decode(payload_type, g711.encode(payload_type, ALL_SAMPLES))
    twice = g711.decode(payload_type, g711.encode(payload_type, once))
    assert once == twice  # decoded values are fixed points of the codec
    original = np.frombuffer(ALL_SAMPLES, "<i2").astype(np.int32)
    decoded = np.frombuffer(once, "<i2").astype(np.int32)
    # G.711 keeps ~13 bits: the error is below 1/16 of the magnitude (plus the smallest step).
    assert np.all(np.abs(decoded - original) <= np.abs(original) / 16 + 16)


@pytest.mark.parametrize("payload_type", [g711.PCMU, g711.PCMA])
def test_digital_silence_decodes_to_near_zero(payload_type: int) -> None:
    silence = g711.decode(payload_type, g711.encode(payload_type, bytes(320)))
    assert max(abs(s) for s in np.frombuffer(silence, "<i2")) <= 8


def test_zero_bytes_are_a_click_which_is_why_loss_is_filled_in_pcm() -> None:
    # 0x00 in µ-law is full scale: never use it as "silence".
    assert abs(int(np.frombuffer(g711.decode(g711.PCMU, b"\x00"), "<i2")[0])) > 30000


def test_unsupported_payload_type_and_odd_pcm_are_refused() -> None:
    with pytest.raises(g711.UnsupportedCodec):
        g711.decode(18, b"\x00")
    with pytest.raises(g711.UnsupportedCodec):
        g711.encode(9, b"\x00\x00")
    with pytest.raises(ValueError):
        g711.encode(g711.PCMA, b"\x00")
