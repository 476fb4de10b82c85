"""Installing a model into the configured folder: from a zip, a folder, or by name.

Downloads by name use vosk's own downloader. The new model is unpacked next to
the target, validated and probed, and only then moved into place; a model
already there is kept as `<name>.replaced-<time>`.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import time
import urllib.error
import zipfile
from pathlib import Path

from hotline.asr.model import MODEL_DOWNLOAD_URL, ModelError, ModelInfo, probe_model

DOWNLOAD_TIMEOUT_S = 60.0


class InstallError(Exception):
    """Installing failed; nothing in the target folder was changed."""


def _find_model_root(folder: Path) -> Path:
    """The folder holding am/ and conf/ (zips usually wrap the model in one top folder)."""
    candidates = [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]
    for c in candidates:
        if (c / "am").is_dir() and (c / "conf").is_dir():
            return c
    raise InstallError(f"{folder}: no Vosk model inside (no folder with am/ and conf/)")


def _place(staged_root: Path, target: Path, probe: bool) -> ModelInfo:
    try:
        info = probe_model(staged_root) if probe else None
    except ModelError as exc:
        raise InstallError(f"not installed: {exc.problem}") from None
    if target.exists() or target.is_symlink():
        backup = target.with_name(f"{target.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}")
        target.rename(backup)
    staged_root.rename(target)
    from hotline.asr.model import inspect_model

    return info if info is not None else inspect_model(target)


def install_from(source: Path, target: Path, *, probe: bool = True) -> ModelInfo:
    """Install from a model .zip or a model folder into `target`."""
    if not source.exists():
        raise InstallError(f"{source}: no such file or folder")
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Stage on the same file system so the final move is a rename.
    with tempfile.TemporaryDirectory(prefix=".model-install-", dir=target.parent) as tmp:
        staging = Path(tmp) / "unpacked"
        if source.is_dir():
            root = _find_model_root(source)
            shutil.copytree(root, staging, symlinks=False)
            staged_root = staging
        elif zipfile.is_zipfile(source):
            try:
                with zipfile.ZipFile(source) as zf:
                    bad = zf.testzip()
                    if bad is not None:
                        raise InstallError(f"{source}: damaged zip (bad member {bad})")
                    zf.extractall(staging)
            except zipfile.BadZipFile as exc:
                raise InstallError(f"{source}: damaged zip: {exc}") from None
            staged_root = _find_model_root(staging)
        else:
            raise InstallError(f"{source}: neither a model folder nor a .zip file")
        return _place(staged_root, target, probe)


def install_by_name(name: str, target: Path, *, probe: bool = True) -> ModelInfo:
    """Download `name` with vosk's own downloader, then install it into `target`."""
    import vosk

    class _Downloader(vosk.Model):  # vosk.Model's download logic, without loading a model
        def __init__(self) -> None:
            pass

        def __del__(self) -> None:
            pass

    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    url = MODEL_DOWNLOAD_URL.format(name=name)
    with tempfile.TemporaryDirectory(prefix=".model-download-", dir=target.parent) as tmp:
        previous = socket.getdefaulttimeout()
        socket.setdefaulttimeout(DOWNLOAD_TIMEOUT_S)
        try:
            _Downloader().download_model(Path(tmp) / name)
        except (urllib.error.URLError, OSError, zipfile.BadZipFile) as exc:
            raise InstallError(
                f"cannot download {url}: {getattr(exc, 'reason', exc)}. Without internet "
                f"access, download it on another machine and run "
                f"`hotline model install --from {name}.zip`"
            ) from None
        finally:
            socket.setdefaulttimeout(previous)
        return _place(_find_model_root(Path(tmp)), target, probe)
