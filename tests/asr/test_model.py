"""Model folder checks name the missing or broken file and the path tried.

Corrupt models are loaded only inside asr.model's probe child process: some
corruptions make Kaldi abort the whole process, which the probe turns into an error.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
from pathlib import Path

import pytest
from hotline.asr.model import ModelError, inspect_model, probe_model

from tests.fixtures.vosk import installed_korean_model


def linked_copy(tmp_path: Path, replace: str | None = None) -> Path:
    """A model folder of symlinks to the real files; `replace` becomes a real copy to damage."""
    source = installed_korean_model()
    target = tmp_path / "model"
    for f in source.rglob("*"):
        rel = f.relative_to(source)
        if f.is_dir():
            (target / rel).mkdir(parents=True, exist_ok=True)
        else:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            if str(rel) == replace:
                shutil.copyfile(f, target / rel)
            else:
                (target / rel).symlink_to(f)
    return target


def test_info_of_the_korean_model(vosk_model_dir: Path) -> None:
    info = inspect_model(vosk_model_dir)
    assert info.sample_rate == 16000
    assert info.graph == "HCLr+Gr"
    assert info.has_ivector
    assert info.accepts_rate(8000) and info.to_dict()["accepts_8khz"]


def test_sample_rate_and_upsampling_come_from_mfcc_conf(tmp_path: Path) -> None:
    model = linked_copy(tmp_path, replace="conf/mfcc.conf")
    conf = model / "conf" / "mfcc.conf"
    lines = [ln for ln in conf.read_text().splitlines() if "allow-upsample" not in ln]
    conf.write_text("\n".join([*lines, "--sample-frequency=8000"]) + "\n")
    info = inspect_model(model)
    assert info.sample_rate == 8000 and not info.allow_upsample
    wideband = dataclasses.replace(info, sample_rate=16000)
    assert not wideband.accepts_rate(8000)


def test_missing_folder_names_path_and_install_command(tmp_path: Path) -> None:
    where = tmp_path / "models" / "vosk-model-small-cn-0.22"
    with pytest.raises(ModelError) as err:
        inspect_model(where)
    text = str(err.value)
    assert str(where) in text and "does not exist" in text
    assert "hotline model install" in text and "vosk-model-small-cn-0.22" in text


@pytest.mark.parametrize(
    ("remove", "expected"),
    [
        ("am/final.mdl", "missing file am/final.mdl"),
        ("conf/mfcc.conf", "missing file conf/mfcc.conf"),
        ("conf/model.conf", "missing file conf/model.conf"),
        ("graph/Gr.fst", "missing file graph/Gr.fst"),
        ("ivector/final.ie", "missing file ivector/final.ie"),
        ("graph/phones/word_boundary.int", "missing file graph/phones/word_boundary.int"),
    ],
)
def test_missing_file_is_named(tmp_path: Path, remove: str, expected: str) -> None:
    model = linked_copy(tmp_path)
    (model / remove).unlink()
    with pytest.raises(ModelError) as err:
        inspect_model(model)
    assert expected in str(err.value)
    assert str(model / remove) in str(err.value)


def test_missing_graph_names_both_layouts(tmp_path: Path) -> None:
    model = linked_copy(tmp_path)
    (model / "graph" / "HCLr.fst").unlink()
    (model / "graph" / "Gr.fst").unlink()
    with pytest.raises(ModelError, match=r"neither graph/HCLG.fst nor graph/HCLr.fst"):
        inspect_model(model)


def test_empty_file_is_reported_corrupt(tmp_path: Path) -> None:
    model = linked_copy(tmp_path)
    (model / "am" / "final.mdl").unlink()
    (model / "am" / "final.mdl").write_bytes(b"")
    with pytest.raises(ModelError, match=r"file am/final.mdl is empty"):
        inspect_model(model)


def test_truncated_acoustic_model_gives_kaldis_error(tmp_path: Path) -> None:
    model = linked_copy(tmp_path, replace="am/final.mdl")
    mdl = model / "am" / "final.mdl"
    mdl.write_bytes(mdl.read_bytes()[:100_000])
    with pytest.raises(ModelError) as err:
        probe_model(model)
    assert "corrupt" in str(err.value) and str(model) in str(err.value)
    assert "Read failure" in str(err.value)


def test_bad_option_in_conf_is_reported(tmp_path: Path) -> None:
    model = linked_copy(tmp_path, replace="conf/mfcc.conf")
    with (model / "conf" / "mfcc.conf").open("a") as f:
        f.write("--no-such-option=1\n")
    with pytest.raises(ModelError, match=r"Invalid option --no-such-option"):
        probe_model(model)


def test_corruption_that_aborts_kaldi_does_not_kill_the_caller(tmp_path: Path) -> None:
    # Scrambled bytes inside final.mdl load fine, then a Kaldi assertion aborts the
    # process on the first decoded audio: only the probe child dies.
    model = linked_copy(tmp_path, replace="am/final.mdl")
    mdl = model / "am" / "final.mdl"
    data = bytearray(mdl.read_bytes())
    rng = random.Random(1)
    for i in range(2000):
        data[len(data) // 3 + i * 7] = rng.randrange(256)
    mdl.write_bytes(bytes(data))
    with pytest.raises(ModelError) as err:
        probe_model(model)
    assert "SIGABRT" in str(err.value) and "corrupt" in str(err.value)
    assert os.getpid()  # still alive
