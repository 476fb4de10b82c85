"""The correction lexicon's settings: packaged defaults and environment overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline.settings import ConfigError, load_settings


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("HOTLINE_CONFIG", "HOTLINE_ASR__LEXICON_MIN_CORRECTIONS"):
        monkeypatch.delenv(name, raising=False)


def test_defaults_need_two_corrections_and_an_admin() -> None:
    asr = load_settings().asr
    assert asr.lexicon_min_corrections == 2
    assert asr.lexicon_auto_apply is False


def test_overrides_and_bad_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTLINE_ASR__LEXICON_MIN_CORRECTIONS", "3")
    monkeypatch.setenv("HOTLINE_ASR__LEXICON_AUTO_APPLY", "true")
    asr = load_settings().asr
    assert (asr.lexicon_min_corrections, asr.lexicon_auto_apply) == (3, True)
    monkeypatch.setenv("HOTLINE_ASR__LEXICON_MIN_CORRECTIONS", "0")
    with pytest.raises(ConfigError, match="lexicon_min_corrections"):
        load_settings()
