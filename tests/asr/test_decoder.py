"""Decoder settings (asr.decoder.*): the model loads through a shadow folder whose
conf/model.conf carries the overrides; the installed model is never changed. The last test
decodes real speech with the real Korean test model through the overridden settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hotline.asr.decoder import DecoderOptions, rewrite_model_conf, with_decoder_options
from hotline.asr.model import inspect_model
from hotline.asr.service import engine_from_settings

from hotline.settings import ConfigError, Settings, load_settings

CONF = "--min-active=200\n--max-active=3000\n--beam=10.0  # search width\n--lattice-beam=2.0\n"


def test_rewrite_replaces_set_options_and_keeps_the_rest() -> None:
    out = rewrite_model_conf(CONF, {"beam": "8", "max-active": "1000"})
    assert out.splitlines() == [
        "--min-active=200",
        "--max-active=1000",
        "--beam=8",
        "--lattice-beam=2.0",
    ]


def test_rewrite_adds_options_the_model_does_not_set() -> None:
    out = rewrite_model_conf("--beam=10.0\n", {"lattice-beam": "1"})
    assert out.splitlines() == ["--beam=10.0", "--lattice-beam=1"]


def test_options_render_only_what_is_set_and_refuse_nonsense() -> None:
    assert DecoderOptions().overrides() == {} and DecoderOptions().is_default
    assert DecoderOptions(beam=7.5, max_active=1000).overrides() == {
        "beam": "7.5",
        "max-active": "1000",
    }
    with pytest.raises(ValueError, match="beam"):
        DecoderOptions(beam=0)
    with pytest.raises(ValueError, match="max_active"):
        DecoderOptions(max_active=-5)


def test_no_override_loads_the_model_folder_itself(vosk_model_dir: Path, tmp_path: Path) -> None:
    assert with_decoder_options(vosk_model_dir, DecoderOptions(), tmp_path) == (
        vosk_model_dir.resolve()
    )
    assert list(tmp_path.iterdir()) == []


def test_shadow_folder_carries_the_overrides_and_leaves_the_model_alone(
    vosk_model_dir: Path, tmp_path: Path
) -> None:
    before = (vosk_model_dir / "conf" / "model.conf").read_text()
    opts = DecoderOptions(beam=8.0, max_active=700)
    shadow = with_decoder_options(vosk_model_dir, opts, tmp_path)
    assert shadow != vosk_model_dir.resolve()
    conf = (shadow / "conf" / "model.conf").read_text().splitlines()
    assert "--beam=8" in conf and "--max-active=700" in conf
    assert "--lattice-beam=2.0" in conf  # untouched options stay
    assert (vosk_model_dir / "conf" / "model.conf").read_text() == before
    assert (shadow / "am").resolve() == (vosk_model_dir / "am").resolve()
    assert inspect_model(shadow).graph == inspect_model(vosk_model_dir).graph
    # The same settings again: the same folder, not a second copy.
    assert with_decoder_options(vosk_model_dir, opts, tmp_path) == shadow
    assert len(list(tmp_path.iterdir())) == 1


def test_settings_default_narrows_max_active_and_rejects_bad_values(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HOTLINE_CONFIG", raising=False)
    decoder = load_settings().asr.decoder
    assert (decoder.beam, decoder.max_active) == (None, 1000)
    monkeypatch.setenv("HOTLINE_ASR__DECODER__BEAM", "-1")
    with pytest.raises(ConfigError, match="beam"):
        load_settings()


async def test_engine_decodes_speech_through_the_configured_search_width(
    vosk_model_dir: Path, speech_pcm: Callable[..., bytes]
) -> None:
    settings = Settings()
    settings.asr.model_path = vosk_model_dir
    settings.asr.decoder.max_active = 1500  # not the test default: a model of its own
    engine = engine_from_settings(settings.asr)
    try:
        await engine.start()
        loaded = engine.loaded  # type: ignore[attr-defined]
        assert loaded.info.path != vosk_model_dir.resolve()
        assert "--max-active=1500" in (loaded.info.path / "conf" / "model.conf").read_text()
        transcript = await engine.transcribe_pcm(speech_pcm(8000), 8000)
        assert len(transcript.words) >= 3
    finally:
        await engine.close()
