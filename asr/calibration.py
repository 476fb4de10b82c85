"""The synthetic call the engine decodes at start to estimate its decode cost (sans-I/O).

Admission needs the CPU one second of a *call* costs before any call has been
measured. Loud noise, decoded frame by frame, overstates it: a call is half
pauses that the speech gate never hands to the recogniser, and the decoder's
search on speech is what costs. So the calibration call is speech-like: phrases
of voiced syllables (a glottal pulse train at a wandering pitch through vowel
formants, with short fricative bursts between them) separated by pauses, over
line hiss, in the proportion of speech a hotline call has. It goes through the
same gate as a live call. Deterministic (seeded), numpy only, no voice files.
"""

from __future__ import annotations

import numpy as np

LEAD_S = 1.0  # hiss before the first phrase (the greeting's tail)
PHRASE_S = (2.2, 1.8)  # two phrases of speech ...
PAUSE_S = 1.2  # ... with a thinking pause between them
TAIL_S = 1.0  # and hiss after the last one
SYLLABLE_S = 0.2
CONSONANT_S = 0.05
HISS = 5.0  # faint line hiss (16-bit samples; loud white noise would open the VAD at once)
LEVEL = 6000.0  # peak amplitude of the voice
# (F1, F2, F3) Hz of five vowels, a rough adult voice.
VOWELS = (
    (800, 1200, 2500),
    (300, 2300, 3000),
    (350, 800, 2300),
    (500, 1900, 2600),
    (500, 900, 2500),
)
FORMANT_WIDTH = 90.0  # Hz, the width of each resonance


def _formant_filter(signal: np.ndarray, rate: int, formants: tuple[int, ...]) -> np.ndarray:
    """Shape `signal` with Gaussian resonances at `formants` (in the frequency domain)."""
    spectrum = np.fft.rfft(signal)
    freqs = np.fft.rfftfreq(len(signal), 1.0 / rate)
    gain = sum(
        np.exp(-0.5 * ((freqs - f) / FORMANT_WIDTH) ** 2) / (1 + i) for i, f in enumerate(formants)
    )
    return np.fft.irfft(spectrum * gain, len(signal))


def _syllable(rate: int, rng: np.random.Generator) -> np.ndarray:
    n = int(SYLLABLE_S * rate)
    pitch = rng.uniform(110, 200) * np.linspace(1.0, rng.uniform(0.85, 1.15), n)
    phase = np.cumsum(pitch / rate)
    pulses = (np.diff(np.floor(phase), prepend=0.0) > 0).astype(np.float64)
    voiced = _formant_filter(pulses, rate, VOWELS[rng.integers(len(VOWELS))])
    voiced *= np.hanning(n)
    burst_n = int(CONSONANT_S * rate)
    burst = rng.normal(0, 1, burst_n)
    spectrum = np.fft.rfft(burst)
    spectrum[np.fft.rfftfreq(burst_n, 1.0 / rate) < 1800] = 0  # a fricative: high band only
    burst = np.fft.irfft(spectrum, burst_n) * np.hanning(burst_n) * 0.3
    out = np.concatenate([burst, voiced])
    return out / (np.abs(out).max() or 1.0)


def calibration_call(rate: int, seed: int = 20261203) -> tuple[bytes, float]:
    """(16-bit mono PCM of the synthetic call, its length in seconds)."""
    rng = np.random.default_rng(seed)
    parts = [np.zeros(int(LEAD_S * rate))]
    for i, phrase_s in enumerate(PHRASE_S):
        if i:
            parts.append(np.zeros(int(PAUSE_S * rate)))
        phrase: list[np.ndarray] = []
        while sum(len(p) for p in phrase) < phrase_s * rate:
            phrase.append(_syllable(rate, rng) * LEVEL * rng.uniform(0.5, 1.0))
        parts.append(np.concatenate(phrase))
    parts.append(np.zeros(int(TAIL_S * rate)))
    signal = np.concatenate(parts)
    signal += rng.normal(0, HISS, len(signal))
    pcm = np.clip(signal, -32768, 32767).astype("<i2").tobytes()
    return pcm, len(signal) / rate
