"""Spoken prompts: Chinese text → espeak-ng (cmn-latn-pinyin) → cached 8 kHz WAV.

Files are cached by a hash of voice, text and output format, written to a
temporary name and renamed into place, so a crash never leaves a half prompt.
Operators may instead supply their own recordings; `read_wav_8k` converts them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from hotline.telephony.audio import read_audio_8k, write_wav

DEFAULT_VOICE: Final = "cmn-latn-pinyin"  # plain `cmn` reads tone digits as English
_FORMAT_VERSION: Final = "8k-mono-s16-v1"
_TIMEOUT_SECONDS: Final = 60


class PromptError(RuntimeError):
    """A prompt could not be produced."""


class EspeakMissing(PromptError):
    pass


def read_wav_8k(path: Path) -> bytes:
    """Any WAV (any rate, channels, sample width) → 8 kHz mono 16-bit PCM."""
    return read_audio_8k(Path(path))


class PromptCache:
    def __init__(
        self, cache_dir: Path, *, voice: str = DEFAULT_VOICE, speed_wpm: int = 150
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.voice = voice
        self.speed_wpm = speed_wpm

    def path_for(self, text: str) -> Path:
        key = "\0".join((_FORMAT_VERSION, self.voice, str(self.speed_wpm), text))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        return self.cache_dir / f"{digest}.wav"

    def render(self, text: str) -> Path:
        """The cached 8 kHz WAV for `text`, synthesised on first use."""
        if not text.strip():
            raise ValueError("prompt text is empty")
        target = self.path_for(text)
        if target.exists():
            return target
        espeak = shutil.which("espeak-ng")
        if espeak is None:
            raise EspeakMissing(
                "espeak-ng is not installed (apt-get install espeak-ng); it is needed to speak "
                "prompt texts — or configure recorded prompt WAV files instead"
            )
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.cache_dir, prefix=".render-") as scratch:
            raw = Path(scratch) / "espeak.wav"
            try:
                result = subprocess.run(
                    [
                        espeak,
                        "-v",
                        self.voice,
                        "-s",
                        str(self.speed_wpm),
                        "-w",
                        str(raw),
                        "--stdin",
                    ],
                    input=text.encode("utf-8"),
                    capture_output=True,
                    timeout=_TIMEOUT_SECONDS,
                    check=False,
                )
            except subprocess.TimeoutExpired as exc:
                raise PromptError(f"espeak-ng took longer than {_TIMEOUT_SECONDS} s") from exc
            if result.returncode != 0 or not raw.exists() or raw.stat().st_size <= 44:
                detail = result.stderr.decode("utf-8", "replace").strip() or "no audio produced"
                raise PromptError(
                    f"espeak-ng -v {self.voice} failed (exit {result.returncode}): {detail}"
                )
            pcm = read_audio_8k(raw)
            staged = Path(scratch) / "prompt.wav"
            write_wav(staged, pcm)
            with open(staged, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(staged, target)  # atomic: readers see nothing or the whole prompt
        return target

    def render_pcm(self, text: str) -> bytes:
        return read_wav_8k(self.render(text))
