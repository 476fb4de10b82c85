"""Vosk model folders: precise validation, a crash-proof probe, and one cached Model per process.

Vosk reports most broken files as an exception, but some corruptions (e.g. a
damaged acoustic model) pass loading and then hit a Kaldi assertion that
aborts the whole process on the first decoded audio. `probe_model` therefore
loads the model and decodes a little audio in a child process first; only a
model that survived the probe is loaded into the service process.
"""

from __future__ import annotations

import atexit
import ctypes
import json
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hotline.asr.model_language import ModelLanguage, detect_language

DEFAULT_MODEL_NAME = "vosk-model-small-cn-0.22"
LARGE_MODEL_NAME = "vosk-model-cn-0.22"
MODEL_DOWNLOAD_URL = "https://alphacephei.com/vosk/models/{name}.zip"
KALDI_DEFAULT_SAMPLE_RATE = 16000  # --sample-frequency when mfcc.conf does not say
IVECTOR_FILES = (
    "final.ie",
    "final.mat",
    "final.dubm",
    "global_cmvn.stats",
    "online_cmvn.conf",
    "splice.conf",
)


def install_hint(path: Path | str, name: str = DEFAULT_MODEL_NAME) -> str:
    path = Path(path).absolute()
    url = MODEL_DOWNLOAD_URL.format(name=name)
    return (
        f"install a model with `hotline model install {name}` (needs internet), or download "
        f"{url} elsewhere and run `hotline model install --from {name}.zip`; "
        f"the model must end up in {path} (setting asr.model_path / HOTLINE_MODEL_PATH)"
    )


NO_MODEL_ZH = "未安装语音模型"


class ModelError(Exception):
    """The model folder is missing, incomplete or corrupt. The message names the path."""

    def __init__(self, path: Path | str, problem: str, hint: str | None = None) -> None:
        self.path = Path(path).absolute()
        self.problem = problem
        self.hint = hint
        text = f"ASR model at {self.path}: {problem}"
        if hint:
            text += f"; {hint}"
        super().__init__(text)


@dataclass(frozen=True)
class ModelInfo:
    path: Path
    sample_rate: int  # what the acoustic model was trained on
    allow_upsample: bool  # Kaldi accepts lower-rate audio (8 kHz) and resamples itself
    allow_downsample: bool
    graph: str  # "HCLG" (static) or "HCLr+Gr" (runtime grammars possible)
    has_ivector: bool
    language: ModelLanguage = ModelLanguage("unknown", "not checked")

    def accepts_rate(self, rate: int) -> bool:
        if rate == self.sample_rate:
            return True
        return self.allow_upsample if rate < self.sample_rate else self.allow_downsample

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "sample_rate": self.sample_rate,
            "accepts_8khz": self.accepts_rate(8000),
            "allow_upsample": self.allow_upsample,
            "allow_downsample": self.allow_downsample,
            "graph": self.graph,
            "has_ivector": self.has_ivector,
            "language": self.language.code,
            "language_evidence": self.language.evidence,
        }


def _read_options(conf: Path) -> dict[str, str]:
    """Kaldi config file: lines `--name=value` (or `--flag`), `#` comments."""
    options: dict[str, str] = {}
    for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line.startswith("--"):
            continue
        name, _, value = line[2:].partition("=")
        options[name.strip().replace("_", "-")] = value.strip() or "true"
    return options


def _true(value: str | None) -> bool:
    return (value or "").lower() in ("true", "1")


def _require_file(root: Path, relative: str, hint: str) -> Path:
    f = root / relative
    if not f.exists():
        raise ModelError(root, f"missing file {relative} (tried {f})", hint)
    if not f.is_file():
        raise ModelError(root, f"{relative} is not a file (tried {f})", hint)
    if f.stat().st_size == 0:
        raise ModelError(root, f"file {relative} is empty (tried {f}): the model is corrupt", hint)
    return f


def inspect_model(path: Path | str, name: str = DEFAULT_MODEL_NAME) -> ModelInfo:
    """Check the folder layout without loading anything; raise ModelError naming the problem."""
    root = Path(path)
    hint = install_hint(root, name)
    if not root.exists():
        raise ModelError(root, f"{NO_MODEL_ZH} / no model installed: folder does not exist", hint)
    if not root.is_dir():
        raise ModelError(root, "is not a folder", hint)
    if (root / "final.mdl").is_file() and not (root / "am").exists():
        raise ModelError(
            root,
            "old-style model layout (final.mdl at the top); use a current model with am/, "
            "conf/ and graph/ folders",
            hint,
        )
    _require_file(root, "am/final.mdl", hint)
    mfcc = _require_file(root, "conf/mfcc.conf", hint)
    _require_file(root, "conf/model.conf", hint)
    if (root / "graph" / "HCLG.fst").exists():
        _require_file(root, "graph/HCLG.fst", hint)
        _require_file(root, "graph/words.txt", hint)
        graph = "HCLG"
    elif (root / "graph" / "HCLr.fst").exists() or (root / "graph" / "Gr.fst").exists():
        _require_file(root, "graph/HCLr.fst", hint)
        _require_file(root, "graph/Gr.fst", hint)
        graph = "HCLr+Gr"
    else:
        raise ModelError(
            root,
            f"missing decoding graph: neither graph/HCLG.fst nor graph/HCLr.fst + graph/Gr.fst "
            f"(tried {root / 'graph'})",
            hint,
        )
    # Word timings need the word-boundary table.
    _require_file(root, "graph/phones/word_boundary.int", hint)
    has_ivector = (root / "ivector").exists()
    if has_ivector:
        for f in IVECTOR_FILES:
            _require_file(root, f"ivector/{f}", hint)
    options = _read_options(mfcc)
    try:
        rate = int(float(options.get("sample-frequency", KALDI_DEFAULT_SAMPLE_RATE)))
    except ValueError:
        raise ModelError(
            root, f"conf/mfcc.conf: bad --sample-frequency {options['sample-frequency']!r}", hint
        ) from None
    return ModelInfo(
        path=root,
        sample_rate=rate,
        allow_upsample=_true(options.get("allow-upsample")),
        allow_downsample=_true(options.get("allow-downsample")),
        graph=graph,
        has_ivector=has_ivector,
        language=detect_language(root),
    )


PROBE_TIMEOUT_S = 120.0  # a load that takes longer is taken as hung


def probe_model(
    path: Path | str, timeout: float = PROBE_TIMEOUT_S, name: str = DEFAULT_MODEL_NAME
) -> ModelInfo:
    """Load the model and decode a second of audio in a child process.

    Raises ModelError with Kaldi's own error line if that fails or kills the child.
    """
    root = Path(path)
    info = inspect_model(root, name)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "hotline.asr.model_probe", str(root)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise ModelError(
            root, f"loading the model took longer than {timeout:.0f} s", install_hint(root, name)
        ) from None
    if proc.returncode == 0:
        return info
    lines = [line.strip() for line in proc.stderr.splitlines() if line.strip()]
    # Kaldi's own first complaint says most (which file, which token); the rest is fallout.
    kaldi = [ln for ln in lines if ln.startswith(("ERROR", "ASSERTION_FAILED"))]
    detail = kaldi[0] if kaldi else (lines or ["no output"])[-1]
    if proc.returncode < 0:
        how = f"decoding with it killed the probe process ({signal.Signals(-proc.returncode).name})"
    else:
        how = "Vosk could not load it"
    raise ModelError(root, f"the model is corrupt: {how}: {detail}", install_hint(root, name))


@dataclass
class LoadedModel:
    info: ModelInfo
    model: Any  # vosk.Model


_cache: dict[Path, LoadedModel] = {}
_cache_lock = threading.Lock()
# Free the cached models while vosk's C library is still bound: left to interpreter
# teardown, vosk.Model.__del__ finds its module globals gone and prints a traceback.
atexit.register(_cache.clear)


def load_model(
    path: Path | str,
    *,
    probe: bool = True,
    name: str = DEFAULT_MODEL_NAME,
    probe_timeout: float = PROBE_TIMEOUT_S,
) -> LoadedModel:
    """The process-wide Model for this path (loaded once; blocking, run it in a thread).

    Validates the folder, probes it in a child process unless `probe=False`, then loads.
    """
    root = Path(path).resolve()
    with _cache_lock:
        cached = _cache.get(root)
        if cached is not None:
            return cached
        info = probe_model(root, probe_timeout, name) if probe else inspect_model(root, name)
        import vosk

        vosk.SetLogLevel(-1)
        try:
            model = vosk.Model(str(root))
        except Exception as exc:  # vosk raises a bare Exception
            raise ModelError(
                root, f"Vosk could not load it: {exc}", install_hint(root, name)
            ) from None
        loaded = LoadedModel(info=info, model=model)
        _cache[root] = loaded
        return loaded


def is_loaded(path: Path | str) -> bool:
    """Whether the process cache holds a Model for this path already."""
    with _cache_lock:
        return Path(path).resolve() in _cache


def forget_model(loaded: LoadedModel) -> None:
    """Drop `loaded` from the process cache (a model no stream uses any more): its memory
    goes with the last reference. Another Model cached for the same path stays."""
    root = Path(loaded.info.path).resolve()
    with _cache_lock:
        if _cache.get(root) is loaded:
            del _cache[root]


def return_freed_memory() -> None:
    """Hand the heap's free pages back to the system (glibc's malloc_trim): the ~GB of a
    released model otherwise stay in the process's RSS, reusable by it alone."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to do
        return
    libc.malloc_trim(0)


def adopt_model(path: Path | str, model: Any) -> LoadedModel:
    """Register an already loaded vosk.Model for `path` (tests share one load per process)."""
    root = Path(path).resolve()
    with _cache_lock:
        loaded = LoadedModel(info=inspect_model(root), model=model)
        _cache[root] = loaded
        return loaded


def probe_result(path: str) -> dict[str, Any]:
    """Run by asr.model_probe in the child process."""
    import vosk

    info = inspect_model(path)
    model = vosk.Model(path)
    rec = vosk.KaldiRecognizer(model, info.sample_rate)
    rec.SetWords(True)
    # A second of low noise: enough frames to run the acoustic model and the decoder.
    import numpy as np

    rng = np.random.default_rng(0)
    audio = (rng.standard_normal(info.sample_rate) * 300).astype("<i2").tobytes()
    rec.AcceptWaveform(audio)
    final = json.loads(rec.FinalResult())
    return {"ok": True, "info": info.to_dict(), "text": final.get("text", "")}
