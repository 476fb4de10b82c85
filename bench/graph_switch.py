"""A graph compiled while `hotline serve` runs (asr.graph auto): the switch under live calls.

Starts `hotline serve` with the dither-free Korean test model on the lookahead graph (an
empty asr.graph_cache), places a wave of `--burst` sipp callers, and while they talk makes
the test model's compiled graph appear in the cache as `hotline model compile-graph` does
(one rename; hard links to `--graph-cache`, default $HOTLINE_STATIC_GRAPH_CACHE, never
modified). The node loads it, the wave's calls finish on the lookahead graph, the old
model goes after the last of them, and a second wave runs on the static graph.

Reported: RSS of the server (and of the server plus its children: the model probe is a
child process) sampled every 0.2 s from /proc: idle on lookahead, the peak across the
switch, after the old model's release, and during the second wave; the switch's log lines
(load time, decode cost before → after); per wave latency BYE → transcript stored, calls
sent to the backlog, transcripts pending, server CPU per call.

With several `--switch-nice` values the same run is repeated, one fresh server per value
(e.g. `0 10`: the switch at the decode threads' priority, then yielding), and the waves
are tabled side by side with how long each switch took (load started → switched).

    python bench/graph_switch.py [--burst 8] [--graph-cache DIR] [--switch-nice 0 10]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hotline.asr.static_graph import SWITCH_NICE, graph_key  # noqa: E402
from intake_latency import (  # noqa: E402
    caller_audio,
    percentile,
    proc_rss_mb,
    wave,
    write_wav,
)

from tests.fixtures.service import make_server  # noqa: E402
from tests.fixtures.sip import speech_pcap  # noqa: E402
from tests.fixtures.vosk import installed_korean_model, make_dither_free_copy  # noqa: E402

SWITCHED = re.compile(r"ASR switched to the static graph.*")
RELEASED = "ASR released the lookahead model"
LOADING = "ASR loading the static graph"


def tree_rss_mb(pid: int) -> float:
    """RSS of `pid` and its direct children (the model probe runs as one, started by
    whichever of its threads loads the model)."""
    total = proc_rss_mb(pid)
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            children += (task / "children").read_text().split()
    for child in children:
        with contextlib.suppress(OSError, ValueError):
            total += proc_rss_mb(int(child))
    return total


class Sampler:
    """RSS every 0.2 s into a timeline: (seconds since start, server MB, server+children MB)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.samples = pid, []  # type: ignore[var-annotated]
        self._stop = threading.Event()
        self._t0 = time.monotonic()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            try:
                own, tree = proc_rss_mb(self.pid), tree_rss_mb(self.pid)
            except OSError:
                return
            self.samples.append((time.monotonic() - self._t0, own, tree))

    def now(self) -> float:
        return time.monotonic() - self._t0

    def peak(self, start: float, end: float) -> tuple[float, float]:
        inside = [(o, t) for s, o, t in self.samples if start <= s <= end] or [(0.0, 0.0)]
        return max(o for o, _ in inside), max(t for _, t in inside)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def arrive(compiled: Path, cache: Path) -> None:
    """The compile finishing: its folder appears in the cache in one rename."""
    building = cache / f"{compiled.name}.tmp"
    building.mkdir(parents=True)
    for entry in compiled.iterdir():
        os.link(entry, building / entry.name)
    building.rename(cache / compiled.name)


def row(label: str, w: dict[str, Any], n: int) -> str:
    lat = w["latencies"]
    return (
        f"| {label} | {n} | {statistics.median(lat):.2f} | {percentile(lat, 0.95):.2f} "
        f"| {max(lat):.2f} | {w['pending']} | {w['backlog']} | {w['cpu']:.1f} "
        f"({w['cpu'] / n:.2f}) |"
    )


def run(args: argparse.Namespace, compiled: Path, model_src: Path, nice: int) -> dict[str, Any]:
    """One server, one switch at asr.graph_switch_nice `nice`: what it prints and measures."""
    with tempfile.TemporaryDirectory(prefix="graph-switch-", dir=compiled.parent.parent) as d:
        tmp = Path(d)  # on the cache's file system: the graph arrives as hard links
        model = make_dither_free_copy(model_src, tmp / "model")
        pcaps = []
        for i, (pcm, speech) in enumerate(caller_audio(tmp)):
            pcap = speech_pcap(tmp, pcm, name=f"caller{i}.pcap")
            write_wav(pcap.with_suffix(".wav"), pcm)
            pcaps.append((pcap, speech))
        cache = tmp / "asr-graph"
        cache.mkdir()
        env = {
            "HOTLINE_ASR__GRAPH": "auto",
            "HOTLINE_ASR__GRAPH_CACHE": str(cache),
            "HOTLINE_ASR__GRAPH_CHECK_SECONDS": "2",
            "HOTLINE_ASR__GRAPH_SWITCH_NICE": str(nice),
        }
        url = f"sqlite:///{tmp / 'srv' / 'var' / 'hotline.db'}"
        srv = make_server(tmp / "srv", database_url=url, model_dir=model, extra_env=env).start()
        try:
            srv.wait_log("ASR decode cost at start", timeout=180)
            time.sleep(1)
            assert srv.proc is not None
            pid = srv.proc.pid
            _, health = srv.wait_healthz()
            graph0 = health["checks"]["asr_engine"].get("graph")
            idle_lookahead = proc_rss_mb(pid)
            rss = Sampler(pid)
            results: dict[str, Any] = {"nice": nice, "load_start": os.getloadavg()[0]}

            def first_wave() -> None:
                results["w1"] = wave(srv, tmp / "srv", pcaps, 0, args.burst)

            t_wave1 = rss.now()
            caller = threading.Thread(target=first_wave)
            caller.start()
            time.sleep(args.arrive_after)
            t_arrive = rss.now()
            arrive(compiled, cache)
            srv.wait_log(LOADING, timeout=60)
            t_loading = rss.now()
            log = srv.wait_log("ASR switched to the static graph", timeout=900)
            t_switched = rss.now()
            caller.join()
            t_wave1_done = rss.now()
            log = srv.wait_log(RELEASED, timeout=300)
            t_released = rss.now()
            time.sleep(3)
            after_release = proc_rss_mb(pid)
            _, health = srv.wait_healthz()
            asr = health["checks"]["asr_engine"]
            t_wave2 = rss.now()
            if not args.one_wave:
                results["w2"] = wave(srv, tmp / "srv", pcaps, args.burst, args.burst)
            t_wave2_done = rss.now()
            rss.stop()
            switched = SWITCHED.search(log)
            load = os.getloadavg()
            results["load_end"] = load[0]
            results["switch_s"] = t_switched - t_loading
            print(f"\n== asr.graph_switch_nice {nice}")
            print(f"graph at start (/healthz): {graph0}; after: {asr.get('graph')}")
            print(f"graph_switch (/healthz): {asr.get('graph_switch')}")
            print(f"log: {switched.group(0) if switched else '?'}")
            print(
                f"timeline (s): wave 1 placed 0.0, graph arrived {t_arrive - t_wave1:.1f}, load "
                f"started {t_loading - t_wave1:.1f}, switched {t_switched - t_wave1:.1f}, wave 1 "
                f"transcripts stored {t_wave1_done - t_wave1:.1f}, lookahead model released "
                f"{t_released - t_wave1:.1f}"
            )
            own, tree = rss.peak(t_wave1, t_released + 3)
            print(f"RSS idle on lookahead: {idle_lookahead:.0f} MB")
            print(
                f"RSS peak from wave 1 to the release: {own:.0f} MB (server), {tree:.0f} MB "
                "(server + probe child)"
            )
            print(f"RSS after the release (idle, static): {after_release:.0f} MB")
            if not args.one_wave:
                own2, _ = rss.peak(t_wave2, t_wave2_done)
                print(f"RSS peak during wave 2 (static): {own2:.0f} MB")
            print(f"load average {load[0]:.1f} / {load[2]:.1f} (1 / 15 min) at the end")
            timeline = tmp.parent / f"graph-switch-rss-nice{nice}.tsv"
            with open(timeline, "w") as f:
                f.writelines(f"{s:.1f}\t{o:.0f}\t{t:.0f}\n" for s, o, t in rss.samples)
            print(f"RSS timeline: {timeline}")
        finally:
            srv.terminate()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=8, help="callers per wave")
    parser.add_argument(
        "--graph-cache", type=Path, default=os.environ.get("HOTLINE_STATIC_GRAPH_CACHE") or None
    )
    parser.add_argument("--arrive-after", type=float, default=4.0, help="s into wave 1")
    parser.add_argument(
        "--switch-nice",
        type=int,
        nargs="+",
        default=[SWITCH_NICE],
        help="asr.graph_switch_nice; several values: one server each, in turn, side by side",
    )
    parser.add_argument("--one-wave", action="store_true", help="no second wave on static")
    args = parser.parse_args()
    model_src = installed_korean_model()
    compiled = args.graph_cache / graph_key(model_src) if args.graph_cache else None
    if compiled is None or not (compiled / "HCLG.fst").is_file():
        print(f"no compiled graph for {model_src} in {args.graph_cache}", file=sys.stderr)
        return 2
    runs = [run(args, compiled, model_src, nice) for nice in args.switch_nice]
    print(
        "\n| switch nice | wave | calls | p50 s | p95 s | max s | pending | to backlog "
        "| CPU s | switch took | load 1 min start → end |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        extra = f" {r['switch_s']:.1f} s | {r['load_start']:.1f} → {r['load_end']:.1f} |"
        print(f"| {r['nice']} " + row("1 (across the switch)", r["w1"], args.burst) + extra)
        if "w2" in r:
            print(f"| {r['nice']} " + row("2 (static)", r["w2"], args.burst) + " | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
