"""Audio plumbing: 16-bit PCM conversion, streaming resampling (soxr), reading files (soundfile)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile
import soxr

AUDIO_SUFFIXES = {".wav", ".flac", ".ogg", ".oga", ".opus", ".aiff", ".aif", ".au", ".mp3"}


class AudioError(Exception):
    """A file cannot be read as audio; the message names the file."""


class PcmResampler:
    """Streaming 16-bit mono resampler; keeps filter state between chunks."""

    def __init__(self, in_rate: int, out_rate: int) -> None:
        self.in_rate = in_rate
        self.out_rate = out_rate
        self._stream = soxr.ResampleStream(in_rate, out_rate, 1, dtype="int16", quality="HQ")

    def process(self, pcm: bytes, last: bool = False) -> bytes:
        samples = np.frombuffer(pcm, dtype="<i2")
        return self._stream.resample_chunk(samples, last=last).astype("<i2").tobytes()


class FrameJoiner:
    """Joins consecutive PCM into pieces of exactly `ms` milliseconds (flush() hands out the
    shorter rest). Cut by sample count, so the pieces never depend on how the audio arrived."""

    def __init__(self, sample_rate: int, ms: int) -> None:
        if ms <= 0:
            raise ValueError(f"chunk length must be positive, not {ms} ms")
        self.size = sample_rate * ms // 1000 * 2  # bytes of 16-bit mono
        self._held = bytearray()

    @property
    def held_bytes(self) -> int:
        return len(self._held)

    def push(self, pcm: bytes) -> list[bytes]:
        self._held += pcm
        whole = len(self._held) - len(self._held) % self.size
        out = [bytes(self._held[i : i + self.size]) for i in range(0, whole, self.size)]
        del self._held[:whole]
        return out

    def flush(self) -> list[bytes]:
        out = [bytes(self._held)] if self._held else []
        self._held.clear()
        return out


@dataclass(frozen=True)
class DecodedAudio:
    pcm: bytes  # 16-bit little-endian mono
    sample_rate: int

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


def read_audio(path: Path | str, target_rate: int | None = None) -> DecodedAudio:
    """Any soundfile-readable file → mono 16-bit PCM, resampled to `target_rate` if given."""
    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError) as exc:
        raise AudioError(f"{path}: cannot read audio: {exc}") from None
    mono = data.mean(axis=1) if data.shape[1] > 1 else data[:, 0]
    if target_rate is not None and target_rate != rate:
        mono = soxr.resample(mono, rate, target_rate, quality="HQ")
        rate = target_rate
    pcm = (np.clip(mono, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
    return DecodedAudio(pcm=pcm, sample_rate=int(rate))


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded (sorted, recursively) to their audio files."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(
                    f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in AUDIO_SUFFIXES
                )
            )
        else:
            out.append(p)
    return out


def frames(pcm: bytes, sample_rate: int, ms: int = 20) -> list[bytes]:
    """Split PCM into frames of `ms` milliseconds (the last one may be shorter)."""
    size = sample_rate * ms // 1000 * 2
    return [pcm[i : i + size] for i in range(0, len(pcm), size)]
