"""Intake latency: time from the caller's BYE to the final transcript stored on the draft.

Starts `hotline serve` as a subprocess (SQLite by default, or --database-url), with the
dither-free Korean test model, and places calls with sipp playing espeak-ng Korean speech.
For every call: BYE sent (sipp's message log timestamp) → the draft's `attach_transcript`
history entry (written in the same transaction as the transcript). Prints p50/p95/max.

    python bench/intake_latency.py --calls 20 [--parallel 2]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.asr.audio import read_audio  # noqa: E402

from tests.fixtures.service import make_server  # noqa: E402
from tests.fixtures.sip import speech_pcap  # noqa: E402
from tests.fixtures.sipp import sipp_call  # noqa: E402
from tests.fixtures.vosk import (  # noqa: E402
    KOREAN_SENTENCE,
    installed_korean_model,
    make_dither_free_copy,
)

BLOCK = re.compile(r"^-{20,} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)\s*$", re.M)


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


async def one_call(srv, tmp: Path, pcap: Path, seconds: float, n: int) -> str:  # type: ignore[no-untyped-def]
    result = await sipp_call(tmp, srv.sip_port, pcap, seconds, name=f"c{n}")
    if result.returncode != 0:
        raise RuntimeError(str(result))
    return str(tmp / f"sipp-c{n}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--parallel", type=int, default=1, help="calls placed at once")
    parser.add_argument("--show-log", action="store_true", help="print the server log tail")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="intake-bench-") as scratch:
        tmp = Path(scratch)
        model = make_dither_free_copy(installed_korean_model(), tmp / "model")
        raw, wav = tmp / "raw.wav", tmp / "speech.wav"
        subprocess.run(["espeak-ng", "-v", "ko", "-w", str(raw), KOREAN_SENTENCE], check=True)
        subprocess.run(["sox", str(raw), "-r", "8000", "-b", "16", "-c", "1", str(wav)], check=True)
        pcm = read_audio(wav).pcm
        seconds = len(pcm) / 16000
        pcap = speech_pcap(tmp, pcm)
        url = args.database_url or f"sqlite:///{tmp / 'srv' / 'var' / 'hotline.db'}"
        srv = make_server(tmp / "srv", database_url=url, model_dir=model).start()
        latencies: list[float] = []
        try:
            done = 0
            while done < args.calls:
                batch = range(done, min(args.calls, done + args.parallel))

                async def run_batch(batch: range = batch) -> list[str]:
                    return await asyncio.gather(
                        *(one_call(srv, tmp, pcap, seconds, n) for n in batch)
                    )

                asyncio.run(run_batch())
                done = batch.stop
            # Every call must end up transcribed; then read the stored times.
            tickets = _wait_all(srv, args.calls)
            by_call = {t["call_id"]: t for t in tickets}
            for n in range(args.calls):
                log_dir = tmp / f"sipp-c{n}"
                call_id = call_id_of(log_dir)
                t = by_call[call_id]
                stored = next(
                    datetime.fromisoformat(h["at"])
                    for h in t["history"]
                    if h["command"] == "attach_transcript"
                )
                latencies.append((stored - bye_sent_at(log_dir)).total_seconds())
        finally:
            srv.terminate()
            if args.show_log:
                print(srv.log_text()[-6000:])
    p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    print(f"calls={len(latencies)} parallel={args.parallel} speech={seconds:.1f}s")
    print(f"BYE → transcript stored: p50={p50:.3f}s p95={p95:.3f}s max={max(latencies):.3f}s")
    return 0 if p95 < 2.0 else 1


def _wait_all(srv, count: int) -> list[dict]:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        tickets = srv.tickets()
        if len([t for t in tickets if t["transcript_words"]]) >= count:
            return [srv.show(int(t["id"])) for t in tickets]
        time.sleep(0.5)
    raise RuntimeError("not every call was transcribed within 120 s")


if __name__ == "__main__":
    raise SystemExit(main())
