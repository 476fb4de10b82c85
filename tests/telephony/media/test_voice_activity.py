from __future__ import annotations

import numpy as np
import pytest
from hotline.telephony.audio import frames, tone
from hotline.telephony.voice_activity import SilenceDetector

from tests.fixtures.media import sweep_pcm


def feed(detector: SilenceDetector, pcm: bytes) -> None:
    for frame in frames(pcm):
        detector.feed(frame)


def noise(seconds: float, level: float) -> bytes:
    rng = np.random.default_rng(3)
    samples = rng.standard_normal(int(seconds * 8000)) * level * 32767
    return np.clip(samples, -32768, 32767).astype("<i2").tobytes()


def test_silence_and_line_noise_are_not_speech() -> None:
    detector = SilenceDetector(-40)
    feed(detector, bytes(16000) + noise(2.0, 0.002))  # about -54 dBFS hiss
    assert not detector.heard_speech
    assert detector.silent_for == pytest.approx(3.0)


def test_speech_resets_the_silence_clock() -> None:
    detector = SilenceDetector(-40)
    feed(detector, bytes(8000) + sweep_pcm(1.0) + bytes(4800))
    assert detector.heard_speech
    assert detector.silent_for == pytest.approx(0.3)
    assert detector.speech_seconds == pytest.approx(1.0)
    assert not detector.in_speech or detector.silent_for < 0.3


def test_clicks_do_not_count_as_speech() -> None:
    detector = SilenceDetector(-40, min_speech_ms=100)
    click = tone(1000, 0.04, -6)
    feed(detector, bytes(8000) + click + bytes(8000) + click + bytes(8000))
    assert not detector.heard_speech
    assert detector.silent_for == pytest.approx(3.08 / 2 + 0.04, abs=0.05)


def test_hangover_keeps_in_speech_over_short_pauses() -> None:
    detector = SilenceDetector(-40, hangover_ms=300)
    feed(detector, sweep_pcm(0.5) + bytes(3200))  # 0.2 s pause
    assert detector.in_speech
    feed(detector, bytes(3200))  # 0.4 s
    assert not detector.in_speech
