from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile
from hotline.telephony.audio import AudioFileError, dbfs, tone
from hotline.telephony.prompts import EspeakMissing, PromptCache, read_wav_8k

GREETING = "您好，这里是营口市鲅鱼圈区政务服务便民热线，请在提示音后讲述您的诉求。"

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")


@needs_espeak
def test_render_speaks_chinese_as_8k_mono_16bit_and_caches(tmp_path: Path) -> None:
    cache = PromptCache(tmp_path / "prompts")
    path = cache.render(GREETING)
    info = soundfile.info(str(path))
    assert (info.samplerate, info.channels, info.subtype) == (8000, 1, "PCM_16")
    assert info.duration > 2.0
    pcm = read_wav_8k(path)
    assert dbfs(pcm) > -40  # actual speech, not silence
    stamp = path.stat().st_mtime_ns
    assert cache.render(GREETING) == path
    assert path.stat().st_mtime_ns == stamp  # served from the cache
    assert cache.render(GREETING + "谢谢") != path
    assert [p.name for p in path.parent.iterdir()] == [p.name for p in path.parent.glob("*.wav")]


@needs_espeak
def test_text_starting_with_a_dash_is_spoken_not_parsed_as_an_option(tmp_path: Path) -> None:
    path = PromptCache(tmp_path).render("-v 谢谢")
    assert soundfile.info(str(path)).duration > 0.3


def test_missing_espeak_is_a_precise_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(EspeakMissing, match="espeak-ng is not installed"):
        PromptCache(tmp_path / "cache").render("您好")
    with pytest.raises(ValueError, match="empty"):
        PromptCache(tmp_path / "cache").render("  ")


@pytest.mark.parametrize(
    ("rate", "channels", "subtype"),
    [(44100, 2, "PCM_16"), (16000, 1, "PCM_24"), (8000, 1, "PCM_U8"), (48000, 6, "FLOAT")],
)
def test_read_wav_8k_converts_any_wav(
    tmp_path: Path, rate: int, channels: int, subtype: str
) -> None:
    t = np.arange(rate) / rate
    signal = 0.5 * np.sin(2 * np.pi * 440 * t)
    path = tmp_path / "in.wav"
    soundfile.write(str(path), np.repeat(signal[:, None], channels, axis=1), rate, subtype=subtype)
    pcm = read_wav_8k(path)
    assert len(pcm) == 16000  # one second at 8 kHz, 16 bit
    samples = np.frombuffer(pcm, "<i2") / 32768
    spectrum = np.abs(np.fft.rfft(samples))
    assert np.argmax(spectrum) == 440  # 1 Hz bins: the tone survives resampling
    assert dbfs(pcm) == pytest.approx(dbfs(tone(440, 1.0, -9.03)), abs=0.5)


def test_read_wav_8k_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_wav_8k(tmp_path / "missing.wav")
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"RIFF nonsense")
    with pytest.raises(AudioFileError, match="junk.wav"):
        read_wav_8k(junk)


@needs_espeak
def test_cache_write_is_atomic_no_temp_files_left(tmp_path: Path) -> None:
    cache = PromptCache(tmp_path)
    cache.render("一")
    cache.render("二")
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in tmp_path.glob("*.wav"))
