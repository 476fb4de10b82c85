"""CPU per call of the RTP media path, without SIP or a load generator: A/B of telephony/.

    python bench/media_path.py --calls 200 [--rounds 30] [--telephony DIR]

N real `RtpSession`s on loopback, each fed by a caller socket in this process and each
recording to a WAV file with a silence detector, the way `InboundCall._on_audio` does.
One round is 0.1 s of media: the caller sends 5 packets to every session (not measured),
then the measured part runs: 5 ticks of the send clock's work (every session sends a
packet of its greeting per tick) and one drain of every socket by the media pump (the
5 packets, decoded, recorded, measured for silence, handed on as one event). The figure
is the thread's CPU time of the median round, in µs per call and per 0.1 s (the media
path's share of a core at N calls in real time is N × that / 100 000 µs).

It measures the code, not the scheduling: no event-loop timers fire in the measured
part, so it is steady on a shared machine and suited to A/B runs of two versions
(--telephony another checkout's telephony/, e.g. `git worktree add` of main). The
ratio it prints is against the baseline version given by --baseline, run in the same
process order (A, B, A, B ...) when given.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sip_load import tone, use_telephony  # noqa: E402  (the same audio and A/B import)


def measure(calls: int, rounds: int, workdir: Path, per_round: int = 5) -> dict[str, float]:
    from hotline.telephony.events import AudioReceived
    from hotline.telephony.recording import CallRecorder
    from hotline.telephony.rtp import g711
    from hotline.telephony.rtp.pacing import SendClock
    from hotline.telephony.rtp.pump import MediaPump
    from hotline.telephony.rtp.sender import Playback
    from hotline.telephony.rtp.session import MediaParams, RtpSession
    from hotline.telephony.voice_activity import SilenceDetector

    async def main() -> dict[str, float]:
        loop = asyncio.get_running_loop()
        caller = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        caller.bind(("127.0.0.1", 0))
        caller.setblocking(False)
        caller.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        events: list[object] = []
        sessions: list[RtpSession] = []
        recorders: list[CallRecorder] = []

        def on_audio_for(recorder: CallRecorder, detector: SilenceDetector) -> object:
            def on_audio(pcm: bytes) -> None:  # what InboundCall._on_audio does
                recorder.write(pcm)
                detector.feed(pcm)
                events.append(AudioReceived("call", pcm))

            return on_audio

        for i in range(calls):
            recorder = CallRecorder(workdir / f"{i}.wav")
            recorders.append(recorder)
            session = await RtpSession.open(
                "127.0.0.1",
                20000,
                39998,
                on_audio=on_audio_for(recorder, SilenceDetector()),  # type: ignore[arg-type]
                on_dtmf=lambda digit: None,
            )
            session.start(MediaParams(remote=caller.getsockname(), payload_type=8))
            sessions.append(session)
        # The send side: one playback per session on the loop's clock, driven by hand.
        clock = SendClock.of(loop)
        greeting = tone(60.0)
        playbacks = []
        start = loop.time()
        for session in sessions:
            sender = session._sender
            playback = Playback(sender, sender.params, greeting, 320, start)  # type: ignore[arg-type]
            playbacks.append(playback)
        if clock.handle is not None:
            clock.handle.cancel()
        payloads = g711.encode(8, tone(1.0))
        targets = [("127.0.0.1", s.local_port) for s in sessions]
        pump = MediaPump.of(loop)
        if pump.handle is not None:  # the pump is driven by hand too
            pump.handle.cancel()
            pump.handle = None
        header = struct.Struct("!BBHII")
        seq = 0
        send_cpu: list[float] = []
        receive_cpu: list[float] = []
        now = start
        for r in range(rounds + 2):  # the first two rounds warm up (latching, probation)
            for _ in range(per_round):
                packet_payload = payloads[(seq % 50) * 160 : (seq % 50 + 1) * 160]
                packet = header.pack(0x80, 8, seq & 0xFFFF, seq * 160 & 0xFFFFFFFF, 4242)
                for target in targets:
                    caller.sendto(packet + packet_payload, target)
                seq += 1
            with __import__("contextlib").suppress(BlockingIOError):
                while True:  # what the sessions sent: keep the caller's buffer empty
                    caller.recv(4096)
            t0 = time.thread_time()
            for _ in range(per_round):
                now += 0.02
                for playback in playbacks:
                    playback.service(now)
            t1 = time.thread_time()
            for session in sessions:
                pump.drain(session)
            t2 = time.thread_time()
            if r >= 2:
                send_cpu.append(t1 - t0)
                receive_cpu.append(t2 - t1)
            events.clear()
        lost = sum(s.stats.lost for s in sessions)
        received = sum(s.stats.received for s in sessions)
        for session in sessions:
            await session.close()
        for recorder in recorders:
            recorder.close()
        caller.close()
        if received != calls * per_round * (rounds + 2) or lost:
            raise SystemExit(f"media path broke: received {received}, lost {lost}")
        # The median round: a shared machine's preemptions (caches refilled, steal time)
        # land on a few rounds and would weigh on a mean.
        per = 1e6 / calls
        return {
            "send_us": statistics.median(send_cpu) * per,
            "receive_us": statistics.median(receive_cpu) * per,
        }

    try:
        import uvloop
    except ImportError:
        return asyncio.run(main())
    return uvloop.run(main())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30, help="0.1 s rounds measured")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each version")
    parser.add_argument("--baseline", type=Path, help="another checkout's telephony/")
    parser.add_argument(
        "--packets",
        type=int,
        default=5,
        help="packets per session per drain (5: the pump's 0.1 s; 10: what a 0.2 s\n"
        "interval would hand over); figures stay per 0.1 s",
    )
    parser.add_argument("--telephony", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # one measurement, in its own process (the version under test imported)
        if args.telephony is not None:
            use_telephony(args.telephony.resolve())
        with tempfile.TemporaryDirectory(prefix="media-path-") as tmp:
            result = measure(args.calls, args.rounds, Path(tmp), args.packets)
        scale = 5 / args.packets  # per 0.1 s of media
        result = {key: value * scale for key, value in result.items()}
        print(f"{result['send_us']:.2f} {result['receive_us']:.2f}")
        return
    versions: list[tuple[str, Path | None]] = [("this tree", None)]
    if args.baseline is not None:
        versions.insert(0, ("baseline", args.baseline))
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in versions}
    for _ in range(args.repeat):
        for name, directory in versions:
            command = [sys.executable, __file__, "--one", "--calls", str(args.calls)]
            command += ["--rounds", str(args.rounds), "--packets", str(args.packets)]
            if directory is not None:
                command += ["--telephony", str(directory)]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            send, receive = (float(x) for x in out.split())
            figures[name].append((send, receive))
            print(f"{name:10} send {send:6.2f} µs  receive {receive:6.2f} µs  per call per 0.1 s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    best = {name: min(s + r for s, r in runs) for name, runs in figures.items()}
    for name, runs in figures.items():
        totals = sorted(s + r for s, r in runs)
        share = best[name] * 10 * args.calls / 1e4  # µs per 0.1 s -> % of a core
        print(
            f"{name:10} total µs per call per 0.1 s: min {totals[0]:.2f} max {totals[-1]:.2f}"
            f" -> {share:.1f} % of a core at {args.calls} calls (media path only)"
        )
    if args.baseline is not None:
        print(f"baseline / this tree (min of each): {best['baseline'] / best['this tree']:.2f}x")


if __name__ == "__main__":
    main()
