"""Kaldi decoder settings (search width) for a Vosk model, without touching the model folder.

Vosk 0.3.45 reads the decoder's options (beam, max-active, lattice-beam, ...) only
from the model's `conf/model.conf` when the Model is loaded; its Python API has no
per-recogniser switch for them. A narrower search is the one lever that makes
decoding *speech* cheaper (the speech gate only skips the rest), so the service
loads the model through a shadow folder: every entry of the model linked, `conf/`
copied with the overridden lines. The installed model stays as it was; one shadow
folder per process and setting (it is a few hundred bytes).
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

MODEL_CONF = Path("conf") / "model.conf"


@dataclass(frozen=True)
class DecoderOptions:
    """Overrides for conf/model.conf; None keeps the model's own value."""

    beam: float | None = None
    max_active: int | None = None
    lattice_beam: float | None = None

    def __post_init__(self) -> None:
        for name in ("beam", "max_active", "lattice_beam"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"decoder {name} must be > 0, got {value!r}")

    def overrides(self) -> dict[str, str]:
        """Kaldi option name → value, only the ones set."""
        out: dict[str, str] = {}
        if self.beam is not None:
            out["beam"] = f"{self.beam:g}"
        if self.max_active is not None:
            out["max-active"] = str(self.max_active)
        if self.lattice_beam is not None:
            out["lattice-beam"] = f"{self.lattice_beam:g}"
        return out

    @property
    def is_default(self) -> bool:
        return not self.overrides()


def rewrite_model_conf(text: str, overrides: dict[str, str]) -> str:
    """conf/model.conf with `--name=value` lines replaced (or added) for each override.

    A Kaldi config is read top to bottom and the last value wins, but replacing the
    line keeps the file readable for whoever opens it.
    """
    seen: set[str] = set()
    lines = []
    for line in text.splitlines():
        body = line.split("#", 1)[0].strip()
        name = body[2:].partition("=")[0].strip().replace("_", "-") if body.startswith("--") else ""
        if name in overrides:
            lines.append(f"--{name}={overrides[name]}")
            seen.add(name)
        else:
            lines.append(line)
    lines += [f"--{name}={value}" for name, value in overrides.items() if name not in seen]
    return "\n".join(lines) + "\n"


_scratch: Path | None = None
_lock = threading.Lock()


def shadow_dir() -> Path:
    """This process's folder for shadow model folders (removed at exit)."""
    return _scratch_dir()


def _scratch_dir() -> Path:
    global _scratch
    with _lock:
        if _scratch is None:
            _scratch = Path(tempfile.mkdtemp(prefix="hotline-decoder-"))
            atexit.register(shutil.rmtree, _scratch, True)
        return _scratch


def with_decoder_options(
    model_dir: Path | str, options: DecoderOptions, scratch: Path | None = None
) -> Path:
    """The folder to load: `model_dir` itself when nothing is overridden, else a shadow
    folder (in `scratch`, default a per-process temporary folder) with the new conf."""
    source = Path(model_dir).resolve()
    overrides = options.overrides()
    conf = source / MODEL_CONF
    if not overrides or not conf.is_file():
        return source  # nothing to change, or not a model: inspect_model reports it
    key = hashlib.sha256(f"{source}|{sorted(overrides.items())}".encode()).hexdigest()[:12]
    target = (scratch or _scratch_dir()) / f"{source.name}-{key}"
    with _lock:
        if not target.exists():
            building = target.with_name(target.name + ".tmp")
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir(parents=True)
            for entry in source.iterdir():
                if entry.name != "conf":
                    (building / entry.name).symlink_to(entry)
            shutil.copytree(source / "conf", building / "conf")
            text = conf.read_text(encoding="utf-8", errors="replace")
            (building / MODEL_CONF).write_text(
                rewrite_model_conf(text, overrides), encoding="utf-8"
            )
            building.rename(target)
    return target
