"""Intake latency under bursts: the caller's BYE → the final transcript stored on the draft.

Starts `hotline serve` as a subprocess (SQLite by default, or --database-url) with the
dither-free Korean test model and places calls with sipp. Each caller speaks 1-4
espeak-ng Korean sentences (5-20 s of speech, 1.5 s pauses between them) over line
hiss; a silent wait before the speech makes every call of a wave the same length, so
the callers of a wave hang up together. For every call: BYE sent (sipp's message log)
→ the draft's `attach_transcript` history entry (same transaction as the transcript).

Waves: `--waves` × `--burst` callers at once (goal: p95 < 2 s, nothing left pending),
then one flood of `--flood` callers at once (calls past live capacity are transcribed
after hang-up: the backlog drain rate is reported). The server's CPU time per wave and
its RSS (model loaded, idle; and the peak during the first wave) come from /proc.
`--before` runs the same waves first with the previous behaviour (every frame decoded,
a fixed `max_live_streams: 6`) on a second server, so both are measured in one run.
`--graph` picks the decoding graph (`asr.graph`): lookahead, static (the graph compiled
for the test model in `--graph-cache`, default $HOTLINE_STATIC_GRAPH_CACHE; made by
`hotline model compile-graph`, minutes), or both, one server after the other. Each
server's row also gives the decode cost it measured at start (admission: live streams =
decode threads / cost) and how many calls of each wave went to the backlog.

    python bench/intake_latency.py [--burst 8] [--waves 2] [--flood 16] [--before]
    python bench/intake_latency.py --burst 1 --waves 20 --flood 0      # one call at a time
    python bench/intake_latency.py --graph both --graph-cache DIR      # lookahead vs static
    python bench/intake_latency.py --waves 0 --flood 16 --max-live 0   # the backlog's drain
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.asr.audio import read_audio  # noqa: E402

from tests.fixtures.service import HotlineServer, make_server  # noqa: E402
from tests.fixtures.sip import speech_pcap  # noqa: E402
from tests.fixtures.sipp import sipp_call  # noqa: E402
from tests.fixtures.vosk import installed_korean_model, make_dither_free_copy  # noqa: E402

COST_LINE = re.compile(r"ASR decode cost at start: ([\d.]+) CPU s per call s")
NOT_LIVE = "transcript not live ("
BLOCK = re.compile(r"^-{20,} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)\s*$", re.M)
SENTENCES = (
    "안녕하세요 전화번호는 공일공 일이삼사 오육칠팔 입니다",
    "우리 집 앞 도로에 가로등이 고장났습니다",
    "밤에 너무 어두워서 아이들이 다니기 위험합니다 빨리 고쳐 주시면 감사하겠습니다",
    "어제 저녁에도 전화했는데 아직 아무도 오지 않았습니다",
)
PAUSE_S = 1.5
TAIL_S = 1.0
RATE = 8000
DECODE_THREADS = 2  # asr.decode_threads' default: the admission's cores


def _sent_blocks(workdir: Path) -> list[tuple[datetime, str]]:
    """(time, message) of every message sipp sent, from its -trace_msg log."""
    text = "\n".join(p.read_text(errors="replace") for p in workdir.glob("*_messages.log"))
    marks = list(BLOCK.finditer(text))
    out = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[mark.end() : end]
        if "message sent" in body:
            out.append((datetime.fromisoformat(mark.group(1)).astimezone(), body))
    return out


def bye_sent_at(workdir: Path) -> datetime:
    """The local-clock time sipp sent the BYE."""
    for when, body in _sent_blocks(workdir):
        if re.search(r"^BYE ", body, re.M):
            return when
    raise RuntimeError(f"no BYE in the sipp log of {workdir}")


def call_id_of(workdir: Path) -> str:
    """The Call-ID of the INVITE sipp sent (other traffic may land in the log on a busy host)."""
    for _, body in _sent_blocks(workdir):
        if re.search(r"^INVITE ", body, re.M):
            match = re.search(r"^Call-ID: (\S+)", body, re.M)
            if match:
                return match.group(1)
    raise RuntimeError(f"no INVITE in the sipp log of {workdir}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def caller_audio(tmp: Path) -> list[tuple[bytes, float]]:
    """(PCM, seconds of speech span) for callers speaking 1..4 sentences, all the same length."""
    sentences = []
    for i, text in enumerate(SENTENCES):
        raw, wav = tmp / f"s{i}.wav", tmp / f"s{i}-8k.wav"
        subprocess.run(["espeak-ng", "-v", "ko", "-w", str(raw), text], check=True)
        subprocess.run(["sox", str(raw), "-r", "8000", "-b", "16", "-c", "1", str(wav)], check=True)
        sentences.append(np.frombuffer(read_audio(wav).pcm, dtype="<i2").astype(np.float64))
    pause = np.zeros(int(PAUSE_S * RATE))
    spans = [
        np.concatenate([x for s in sentences[:n] for x in (s, pause)][:-1]) for n in (1, 2, 3, 4)
    ]
    total = max(len(s) for s in spans) + int((TAIL_S + 1.0) * RATE)
    noise_wav = tmp / "hiss.wav"
    subprocess.run(
        ["sox", "-R", "-n", "-r", "8000", "-b", "16", "-c", "1", str(noise_wav), "synth",
         f"{total / RATE:.3f}", "pinknoise", "vol", "0.004"],
        check=True,
    )  # fmt: skip
    hiss = np.resize(np.frombuffer(read_audio(noise_wav).pcm, dtype="<i2"), total)
    out = []
    for span in spans:
        call = np.zeros(total)
        start = total - int(TAIL_S * RATE) - len(span)
        call[start : start + len(span)] = span
        pcm = np.clip(call + hiss, -32768, 32767).astype("<i2").tobytes()
        out.append((pcm, len(span) / RATE))
    return out


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class RssPeak:
    """Samples the server's RSS every 0.2 s while a wave runs."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, proc_rss_mb(self.pid))

    def __enter__(self) -> RssPeak:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def wave(
    srv: HotlineServer, tmp: Path, pcaps: list[tuple[Path, float]], first: int, n: int
) -> dict[str, Any]:
    """n callers at once; returns latencies and CPU once every call's transcript is stored."""
    assert srv.proc is not None
    cpu0 = proc_cpu(srv.proc.pid)
    not_live0 = srv.log_text().count(NOT_LIVE)
    seconds = len(read_audio(pcaps[0][0].with_suffix(".wav")).pcm) / 2 / RATE

    async def place() -> None:
        calls = [
            sipp_call(
                tmp,
                srv.sip_port,
                pcaps[k % len(pcaps)][0],
                seconds,
                name=f"c{first + k}",
                timeout=120,
            )
            for k in range(n)
        ]
        for result in await asyncio.gather(*calls):
            if result.returncode != 0:
                raise RuntimeError(str(result))

    asyncio.run(place())
    tickets = _wait_all(srv, first + n)
    by_call = {t["call_id"]: t for t in tickets}
    latencies = []
    for k in range(first, first + n):
        log_dir = tmp / f"sipp-c{k}"
        t = by_call[call_id_of(log_dir)]
        stored = next(
            datetime.fromisoformat(h["at"])
            for h in t["history"]
            if h["command"] == "attach_transcript"
        )
        latencies.append((stored - bye_sent_at(log_dir)).total_seconds())
    pending = sum(1 for t in tickets if t.get("transcription_pending"))
    speech = sum(pcaps[k % len(pcaps)][1] for k in range(n))
    return {
        "latencies": latencies,
        "cpu": proc_cpu(srv.proc.pid) - cpu0,
        "pending": pending,
        "speech": speech,
        "call_seconds": seconds,
        "backlog": srv.log_text().count(NOT_LIVE) - not_live0,
    }


def _wait_all(srv: HotlineServer, count: int) -> list[dict]:  # type: ignore[type-arg]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        tickets = srv.tickets()
        if len([t for t in tickets if t["transcript_words"]]) >= count:
            return [srv.show(int(t["id"])) for t in tickets]
        time.sleep(0.2)
    raise RuntimeError(f"not every call was transcribed within 300 s (expected {count})")


def run_server(
    tmp: Path,
    label: str,
    model: Path,
    pcaps: list[tuple[Path, float]],
    args: argparse.Namespace,
    env: dict[str, str],
) -> list[str]:
    url = args.database_url or f"sqlite:///{tmp / label / 'var' / 'hotline.db'}"
    srv = make_server(tmp / label, database_url=url, model_dir=model, extra_env=env).start()
    rows = []
    try:
        # The model loaded and calibrated (the static graph's load takes longer when cold).
        srv.wait_log("ASR decode cost at start", timeout=180)
        time.sleep(1)
        assert srv.proc is not None
        idle_rss = proc_rss_mb(srv.proc.pid)
        _, health = srv.wait_healthz()
        live_graph = health["checks"]["asr_engine"].get("graph", "?")
        done = 0
        waves = [args.burst] * args.waves + ([args.flood] if args.flood else [])
        peak = 0.0
        for i, n in enumerate(waves):
            with RssPeak(srv.proc.pid) as rss:
                w = wave(srv, tmp / label, pcaps, done, n)
            peak = peak if i else rss.peak
            done += n
            lat = w["latencies"]
            drain = n / max(lat) if max(lat) > 0 else float("inf")
            rows.append(
                f"| {label} | {i + 1} | {n} | {w['call_seconds']:.1f} / {w['speech'] / n:.1f} "
                f"| {statistics.median(lat):.2f} | {percentile(lat, 0.95):.2f} | {max(lat):.2f} "
                f"| {w['pending']} | {w['backlog']} | {w['cpu']:.1f} ({w['cpu'] / n:.2f}) "
                f"| {drain:.2f} calls/s, {w['speech'] / max(lat):.1f} speech s/s |"
            )
            print(rows[-1], file=sys.stderr)
        rows.append(
            f"| {label} | RSS | {live_graph} graph live (/healthz); model loaded, idle "
            f"{idle_rss:.0f} MB; peak during wave 1 "
            f"({waves[0]} calls) {peak:.0f} MB; decode cost at start {start_cost(srv)} "
            f"| | | | | | | | |"
        )
    finally:
        srv.terminate()
        if args.show_log:
            print(srv.log_text()[-6000:])
    return rows


def start_cost(srv: HotlineServer) -> str:
    """The decode cost the admission measured at start, and the live streams it allows."""
    found = COST_LINE.search(srv.log_text())
    if found is None:
        return "not logged"
    cost = float(found.group(1))
    return f"{cost:.3f} CPU s per call s (live limit {int(DECODE_THREADS / cost)})"


def graph_env(graph: str, cache: Path | None, max_live: int | None) -> dict[str, str]:
    env = {"HOTLINE_ASR__GRAPH": graph}
    if max_live is not None:
        env["HOTLINE_ASR__MAX_LIVE_STREAMS"] = str(max_live)
    if graph == "static":
        assert cache is not None
        env["HOTLINE_ASR__GRAPH_CACHE"] = str(cache)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=8, help="callers hanging up together")
    parser.add_argument("--waves", type=int, default=2)
    parser.add_argument("--flood", type=int, default=16, help="one last wave this big (0: none)")
    parser.add_argument("--before", action="store_true", help="also run the old behaviour first")
    parser.add_argument("--show-log", action="store_true", help="print the server log tail")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument(
        "--graph", choices=("lookahead", "static", "both"), default="lookahead", help="asr.graph"
    )
    parser.add_argument(
        "--graph-cache",
        type=Path,
        default=os.environ.get("HOTLINE_STATIC_GRAPH_CACHE") or None,
        help="asr.graph_cache holding the test model's compiled graph (for static)",
    )
    parser.add_argument(
        "--max-live",
        type=int,
        default=None,
        help="asr.max_live_streams (0: every call to the backlog, to measure its drain)",
    )
    args = parser.parse_args()
    graphs = ("lookahead", "static") if args.graph == "both" else (args.graph,)
    if "static" in graphs:
        from hotline.asr.static_graph import cached_graph

        model = installed_korean_model()
        if args.graph_cache is None or cached_graph(model, args.graph_cache) is None:
            print(
                f"no static graph compiled for {model} in {args.graph_cache}: "
                "HOTLINE_MODEL_PATH=… HOTLINE_ASR__GRAPH_CACHE=DIR hotline model compile-graph",
                file=sys.stderr,
            )
            return 2

    with tempfile.TemporaryDirectory(prefix="intake-bench-") as scratch:
        tmp = Path(scratch)
        model = make_dither_free_copy(installed_korean_model(), tmp / "model")
        pcaps = []
        for i, (pcm, speech) in enumerate(caller_audio(tmp)):
            pcap = speech_pcap(tmp, pcm, name=f"caller{i}.pcap")
            write_wav(pcap.with_suffix(".wav"), pcm)
            pcaps.append((pcap, speech))
        rows = []
        if args.before:
            old = {"HOTLINE_ASR__VAD": "false", "HOTLINE_ASR__MAX_LIVE_STREAMS": "6"}
            old["HOTLINE_ASR__GRAPH"] = "lookahead"
            rows += run_server(tmp, "before", model, pcaps, args, old)
        for graph in graphs:
            label = "after" if args.graph == "lookahead" else graph
            env = graph_env(graph, args.graph_cache, args.max_live)
            rows += run_server(tmp, label, model, pcaps, args, env)
    load = os.getloadavg()
    print(
        f"load average {load[0]:.1f} / {load[2]:.1f} (1 / 15 min) at the end, "
        f"{os.cpu_count()} CPUs shared with other jobs\n"
    )
    print(
        "| server | wave | calls at once | call / speech s | p50 s | p95 s | max s | pending "
        "| to backlog | server CPU s (per call) | drain (calls / last transcript) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


def write_wav(path: Path, pcm: bytes) -> None:
    import wave as wavmod

    with wavmod.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)


if __name__ == "__main__":
    raise SystemExit(main())
