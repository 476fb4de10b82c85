"""PCM and WAV helpers. In-process audio is 16-bit signed little-endian mono at 8 kHz."""

from __future__ import annotations

import math
import struct
from pathlib import Path
from typing import Final

import numpy as np
import soundfile
import soxr

SAMPLE_RATE: Final = 8000
SAMPLE_WIDTH: Final = 2
FRAME_SAMPLES: Final = 160  # 20 ms
FRAME_BYTES: Final = FRAME_SAMPLES * SAMPLE_WIDTH
WAV_HEADER_SIZE: Final = 44
_FULL_SCALE: Final = 32768.0


class AudioFileError(ValueError):
    """An audio file that cannot be read as audio."""


def wav_header(data_bytes: int, sample_rate: int = SAMPLE_RATE, channels: int = 1) -> bytes:
    """A canonical 44-byte PCM WAV header for 16-bit samples."""
    block_align = channels * SAMPLE_WIDTH
    return b"".join(
        (
            b"RIFF",
            struct.pack("<I", 36 + data_bytes),
            b"WAVEfmt ",
            struct.pack(
                "<IHHIIHH", 16, 1, channels, sample_rate, sample_rate * block_align, block_align, 16
            ),
            b"data",
            struct.pack("<I", data_bytes),
        )
    )


def pcm_to_float(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / _FULL_SCALE


def float_to_pcm(samples: np.ndarray) -> bytes:
    scaled = np.clip(np.rint(samples * _FULL_SCALE), -32768, 32767)
    return scaled.astype("<i2").tobytes()


def to_pcm_8k(samples: np.ndarray, sample_rate: int) -> bytes:
    """Float samples (frames × channels, or mono) at any rate → 8 kHz mono 16-bit PCM."""
    if samples.ndim == 2:
        samples = samples.mean(axis=1)
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    if sample_rate != SAMPLE_RATE and samples.size:
        samples = soxr.resample(samples, sample_rate, SAMPLE_RATE, quality="HQ")
    return float_to_pcm(samples)


def read_audio_8k(path: Path) -> bytes:
    """Any file libsndfile reads (WAV of any rate/channels/width, FLAC, OGG) → 8 kHz PCM."""
    try:
        samples, sample_rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except FileNotFoundError:
        raise
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        if not Path(path).exists():
            raise FileNotFoundError(f"audio file {path} does not exist") from exc
        raise AudioFileError(f"{path} is not a readable audio file: {exc}") from exc
    return to_pcm_8k(samples, sample_rate)


def write_wav(path: Path, pcm: bytes, sample_rate: int = SAMPLE_RATE) -> None:
    with open(path, "wb") as handle:
        handle.write(wav_header(len(pcm), sample_rate))
        handle.write(pcm)


def frames(pcm: bytes, frame_bytes: int = FRAME_BYTES) -> list[bytes]:
    """Split into frames; the last one is padded with silence."""
    out = [pcm[i : i + frame_bytes] for i in range(0, len(pcm), frame_bytes)]
    if out and len(out[-1]) < frame_bytes:
        out[-1] += bytes(frame_bytes - len(out[-1]))
    return out


def dbfs(pcm: bytes) -> float:
    """RMS level relative to full scale; -inf for digital silence or no samples."""
    if not pcm:
        return -math.inf
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    power = float(np.dot(samples, samples)) / samples.size
    if power <= 0:
        return -math.inf
    return 10 * math.log10(power / (_FULL_SCALE * _FULL_SCALE))


def tone(frequency: float, seconds: float, level_dbfs: float = -10.0) -> bytes:
    """A sine tone as 8 kHz PCM (test signals, comfort beeps)."""
    count = int(seconds * SAMPLE_RATE)
    amplitude = 10 ** (level_dbfs / 20) * math.sqrt(2)
    t = np.arange(count, dtype=np.float64) / SAMPLE_RATE
    return float_to_pcm((amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32))
