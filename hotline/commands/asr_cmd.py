"""`hotline model show|install` and `hotline transcribe`."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from hotline.asr.audio import AudioError, expand_inputs, read_audio
from hotline.asr.install import InstallError, install_by_name, install_from
from hotline.asr.model import (
    DEFAULT_MODEL_NAME,
    LARGE_MODEL_NAME,
    ModelError,
    ModelInfo,
    inspect_model,
    load_model,
    probe_model,
)
from hotline.asr.static_graph import (
    COMPILE_COMMAND,
    COMPILE_COST,
    StaticGraphError,
    choose_graph,
    compiled_graph,
)
from hotline.settings import AsrSettings, ConfigError, Settings, load_settings


def _settings(ctx: click.Context) -> Settings:
    try:
        return load_settings(ctx.obj.get("config_path") if ctx.obj else None)
    except ConfigError as exc:
        click.echo(f"配置错误 / configuration error: {exc}", err=True)
        sys.exit(2)


@click.group()
def model() -> None:
    """The Vosk speech model (语音识别模型)."""


def _language_warning(info: ModelInfo) -> str | None:
    """The loud warning for a model that is not Mandarin (None when it is)."""
    language = info.language
    if language.mandarin:
        return None
    return (
        f"警告 / WARNING: this is not a Mandarin model — it looks {language.name} "
        f"({language.evidence}). Calls are recorded but their transcripts will be "
        f"useless. {language.warning_zh()}. Install one: "
        f"`hotline model install {DEFAULT_MODEL_NAME}` "
        f"(offline: `hotline model install --from {DEFAULT_MODEL_NAME}.zip`)"
    )


@model.command()
@click.option("--probe", is_flag=True, help="Also load the model and decode test audio.")
@click.pass_context
def show(ctx: click.Context, probe: bool) -> None:
    """Print the configured model's path, status, language, sample rate and 8 kHz support.

    Exit 1 when the model is missing, broken or not Mandarin."""
    asr = _settings(ctx).asr
    click.echo(f"engine:       {asr.engine}")
    if asr.engine == "vosk-server":
        click.echo(f"server_url:   {asr.server_url}")
    click.echo(f"model_path:   {asr.model_path.absolute()}")
    click.echo(f"model_name:   {asr.model_name}   (large servers: {LARGE_MODEL_NAME})")
    try:
        info = (probe_model if probe else inspect_model)(asr.model_path, name=asr.model_name)
    except ModelError as exc:
        click.echo("status:       not usable")
        click.echo(f"problem:      {exc}")
        sys.exit(1)
    warning = _language_warning(info)
    if warning is None:
        click.echo("status:       ok" + (" (loaded and decoded test audio)" if probe else ""))
    else:
        click.echo(f"status:       wrong language: {info.language.name}, not Mandarin")
    click.echo(f"language:     {info.language.code} ({info.language.evidence})")
    click.echo(f"sample_rate:  {info.sample_rate} Hz")
    if info.accepts_rate(8000):
        eight = "yes (--allow-upsample: Kaldi resamples itself)"
    else:
        eight = f"no (telephone audio is resampled to {info.sample_rate} Hz with soxr)"
    click.echo(f"8 kHz audio:  {eight}")
    click.echo(f"graph:        {info.graph}")
    if asr.engine == "vosk":
        click.echo(f"decoding:     {graph_status(asr)}")
    click.echo(f"max_live_streams: {asr.max_live_streams}, decode_threads: {asr.decode_threads}")
    if warning is not None:
        click.secho(warning, err=True, fg="red", bold=True)
        sys.exit(1)


@model.command()
@click.argument("name", required=False)
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, path_type=Path),
    help="A model .zip or folder already on this machine.",
)
@click.pass_context
def install(ctx: click.Context, name: str | None, source: Path | None) -> None:
    """Install a model into asr.model_path (by NAME via vosk's downloader, or --from ZIP|DIR)."""
    asr = _settings(ctx).asr
    target = asr.model_path
    try:
        if source is not None:
            info = install_from(source, target)
        else:
            info = install_by_name(name or asr.model_name, target)
    except InstallError as exc:
        click.echo(f"模型安装失败 / model not installed: {exc}", err=True)
        sys.exit(1)
    click.echo(
        f"installed into {target.absolute()} ({info.sample_rate} Hz, graph {info.graph}, "
        f"language {info.language.code})"
    )
    warning = _language_warning(info)
    if warning is not None:  # installed as asked, but nobody should miss this
        click.secho(warning, err=True, fg="red", bold=True)
    if asr.graph != "lookahead" and info.graph == "HCLr+Gr":
        click.echo(f"next: hotline model compile-graph   (decodes at ~1/3 the CPU; {COMPILE_COST})")


@model.command("compile-graph")
@click.pass_context
def compile_graph(ctx: click.Context) -> None:
    """Compose a lookahead model's graph once into asr.graph_cache: decoding on it costs
    about a third of the CPU for the same words.

    Minutes, ~3 GB of memory and ~1 GB on disk, once per model; `hotline serve` never
    compiles. A node running on the lookahead graph under asr.graph auto switches its new
    calls to the compiled graph within half a minute, without a restart (calls in progress
    finish on the lookahead graph); under static a node waiting for it starts its speech
    engine. Needs OpenFst's tools (libfst-tools, libfst22-plugins-base)."""
    asr = _settings(ctx).asr
    try:
        folder = compiled_graph(asr.model_path, asr.graph_cache)
    except (StaticGraphError, OSError) as exc:
        click.echo(f"静态解码图未生成 / static graph not compiled: {exc}", err=True)
        sys.exit(1)
    size = (folder / "HCLG.fst").stat().st_size
    click.echo(f"static graph {folder / 'HCLG.fst'} ({size / 1e6:.0f} MB)")
    if asr.graph == "lookahead":
        click.echo("asr.graph is lookahead: set it to auto or static to decode on it")
    else:
        click.echo(f"a running hotline serve takes it {running_node(asr)}")


def running_node(asr: AsrSettings) -> str:
    """What a node running on the lookahead graph under auto does once the graph is
    compiled (VoskEngine's switch)."""
    return (
        f"within {asr.graph_check_seconds:.0f} s, no restart: new calls on the static graph, "
        "calls in progress finish on the lookahead graph"
    )


def graph_status(asr: AsrSettings) -> str:
    """The graph `hotline serve` decodes on (a running node within asr.graph_check_seconds
    of a compile, a start at once), and why; a lookahead one under auto says how to compile
    (choose_graph)."""
    try:
        choice = choose_graph(asr.graph, asr.model_path, asr.graph_cache)
    except StaticGraphError as exc:
        return (
            f"NOT compiled: speech recognition stays off, calls are queued until it is "
            f"compiled (a running node then starts it) ({exc})"
        )
    if choice.compiled is not None:
        text = f"static graph (compiled {choice.compiled}; asr.graph {asr.graph})"
        if asr.graph == "auto":
            text += f"\n    a node started before the compile switches {running_node(asr)}"
        return text
    if choice.hint is not None:
        return (
            f"lookahead graph (asr.graph auto, not compiled: ~3x the decode CPU)\n"
            f"    faster: {COMPILE_COMMAND}   ({COMPILE_COST}); a running node takes it "
            f"{running_node(asr)}"
        )
    return f"{choice.graph} graph (asr.graph {asr.graph})"


async def _transcribe_files(model_path: Path, files: list[Path], threads: int, name: str) -> int:
    from tqdm import tqdm

    from hotline.asr.vosk_engine import VoskEngine

    loaded = await asyncio.to_thread(load_model, model_path, name=name)
    engine = VoskEngine(model_path, decode_threads=threads, loaded=loaded)
    rate = loaded.info.sample_rate
    limit = asyncio.Semaphore(threads)
    failures = 0

    async def one(path: Path) -> dict[str, object]:
        async with limit:
            audio = await asyncio.to_thread(read_audio, path, rate)
            t = await engine.transcribe_pcm(audio.pcm, audio.sample_rate)
        return {
            "file": str(path),
            "text": t.text,
            "words": [w.to_dict() for w in t.words],
            "duration": round(audio.duration, 3),
            "numbers": list(t.numbers),
        }

    tasks = [asyncio.ensure_future(one(f)) for f in files]
    bar = tqdm(total=len(files), unit="file", file=sys.stderr, disable=not sys.stdout.isatty())
    try:
        for path, task in zip(files, tasks, strict=True):
            try:
                result = await task
            except (AudioError, OSError) as exc:
                failures += 1
                click.echo(f"error: {exc}", err=True)
            else:
                click.echo(json.dumps(result, ensure_ascii=False))
            bar.update(1)
            bar.set_postfix_str(path.name)
    finally:
        bar.close()
        await engine.close()
    return failures


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--model", "model_path", type=click.Path(path_type=Path), help="Model folder (asr.model_path)."
)
@click.pass_context
def transcribe(ctx: click.Context, inputs: tuple[Path, ...], model_path: Path | None) -> None:
    """Transcribe audio files (WAV/FLAC/OGG…; folders expanded): one JSON line per file."""
    asr = _settings(ctx).asr
    path = model_path or asr.model_path
    files = expand_inputs(list(inputs))
    missing = [f for f in files if not f.exists()]
    for f in missing:
        click.echo(f"error: {f}: no such file", err=True)
    files = [f for f in files if f.exists()]
    try:
        inspect_model(path, name=asr.model_name)
        failures = asyncio.run(_transcribe_files(path, files, asr.decode_threads, asr.model_name))
    except ModelError as exc:
        click.echo(f"语音识别模型不可用 / ASR model not usable: {exc}", err=True)
        sys.exit(3)
    if failures or missing:
        sys.exit(1)


def register(main: click.Group) -> None:
    main.add_command(model)
    main.add_command(transcribe)
