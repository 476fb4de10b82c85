"""N concurrent sipp calls with RTP into hotline's listener and into pyVoIP 1.6.8, side by side.

    python bench/sip_load.py --calls 50 [--window 10] [--only hotline|pyvoip] [--srtp]

For each server (run in its own process): sipp places N calls (INVITE, ACK, PCMA from a
pcap for the whole call, BYE); after the ramp, for `window` seconds we sample the server's
CPU time (/proc/PID/stat) and RSS, and capture the RTP it sends (dumpcap on lo) to count late
packets (gap > 1.5 ptime) and the longest gap. hotline also reports its receive-side jitter
buffer counters (lost/late) and its own longest gap between two sent packets of one call
(`max_send_gap_ms`, over the whole call: the figure when dumpcap is missing) and its
garbage collector's longest pause. Both servers send audio for the whole call (hotline: a
long greeting; pyVoIP: the same audio written at answer) and record what they receive.
pyVoIP must register before it answers: its register() is patched out.

--srtp (hotline only; pyVoIP has no SRTP): the offer is RTP/SAVP with an SDES key, the pcap
holds SRTP packets made with that key (each call has its own receive context, so every call
can replay the same packets), the listener requires SRTP and sends SRTP.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import gc
import importlib
import json
import math
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CLK_TCK = os.sysconf("SC_CLK_TCK")

UAC = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="load">
  <send retrans="500"><![CDATA[

      INVITE sip:12345@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <sip:load[call_number]@[local_ip]:[local_port]>;tag=[pid]T[call_number]
      To: <sip:12345@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:load@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=load 1 1 IN IP4 [local_ip]
      s=-
      c=IN IP4 [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 8 0 101
      a=rtpmap:8 PCMA/8000
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000

  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rrs="true"/>
  <send><![CDATA[

      ACK [next_url] SIP/2.0
@IN_DIALOG@
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
  <nop><action><exec play_pcap_audio="@PCAP@"/></action></nop>
  <pause milliseconds="@HOLD_MS@"/>
  <send retrans="500"><![CDATA[

      BYE [next_url] SIP/2.0
@IN_DIALOG@
      CSeq: 2 BYE
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
  <recv response="200" crlf="true"/>
</scenario>
"""
# The headers ACK and BYE share (both go to the dialog the 200 set up).
IN_DIALOG = """\
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <sip:load[call_number]@[local_ip]:[local_port]>;tag=[pid]T[call_number]
      To: <sip:12345@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]"""
UAC = UAC.replace("@IN_DIALOG@", IN_DIALOG)


def tone(seconds: float) -> bytes:
    t = np.arange(int(seconds * 8000)) / 8000
    return (np.sin(2 * math.pi * 440 * t) * 8000).astype("<i2").tobytes()


# The load generator's SDES key (RFC 4568 inline: 30 bytes, base64): fixed, a benchmark.
SRTP_KEY = bytes(range(30))
SRTP_CRYPTO = f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{base64.b64encode(SRTP_KEY).decode()}"


def stream_scenario(scenario: str, audio: Path) -> str:
    """sipp's own RTP streaming (rtpstream threads, one UDP socket per call) instead of
    pcap play (one thread and one raw socket per call; see `--sipp-rtp`)."""
    return scenario.replace("m=audio [media_port]", "m=audio [rtpstream_audio_port]").replace(
        'play_pcap_audio="@PCAP@"', f'rtp_stream="{audio},-1,8"'
    )


def write_pcma_raw(path: Path) -> None:
    """10 s of the tone as raw PCMA bytes, which sipp's rtp_stream loops for the call."""
    import audioop

    path.write_bytes(audioop.lin2alaw(tone(10.0), 2))


def srtp_scenario(scenario: str) -> str:
    return scenario.replace("RTP/AVP 8 0 101", "RTP/SAVP 8 0 101").replace(
        "a=rtpmap:101 telephone-event/8000\n",
        f"a=rtpmap:101 telephone-event/8000\n      {SRTP_CRYPTO}\n",
    )


def write_pcma_pcap(path: Path, seconds: float, srtp: bool = False) -> None:
    import audioop

    from pylibsrtp import Policy, Session

    profile = Policy.SRTP_PROFILE_AES128_CM_SHA1_80
    protect = Session(Policy(SRTP_KEY, Policy.SSRC_ANY_OUTBOUND, 0, profile)).protect

    pcm = tone(seconds)
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i in range(len(pcm) // 320):
            payload = audioop.lin2alaw(pcm[i * 320 : (i + 1) * 320], 2)
            rtp = struct.pack("!BBHII", 0x80, 8, i & 0xFFFF, i * 160, 0x5151) + payload
            if srtp:
                rtp = protect(rtp)
            udp = struct.pack("!HHHH", 6000, 6002, 8 + len(rtp), 0) + rtp
            ip = (
                struct.pack(
                    "!BBHHHBBH4s4s",
                    0x45,
                    0,
                    20 + len(udp),
                    0,
                    0,
                    64,
                    17,
                    0,
                    socket.inet_aton("127.0.0.1"),
                    socket.inet_aton("127.0.0.1"),
                )
                + udp
            )
            frame = b"\x00" * 12 + b"\x08\x00" + ip
            usec = i * 20_000
            f.write(
                struct.pack(
                    "<IIII",
                    1_700_000_000 + usec // 1_000_000,
                    usec % 1_000_000,
                    len(frame),
                    len(frame),
                )
            )
            f.write(frame)


# ---- servers (each in its own process) ------------------------------------------------


def use_telephony(directory: Path) -> None:
    """Import `hotline.telephony` from another checkout's telephony/ (A/B runs of two
    versions with the same benchmark); the rest of `hotline` stays this tree's."""
    import importlib.util

    import hotline

    spec = importlib.util.spec_from_file_location(
        "hotline.telephony", directory / "__init__.py", submodule_search_locations=[str(directory)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["hotline.telephony"] = module
    spec.loader.exec_module(module)
    hotline.telephony = module  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Server:
    """What either server process is told on its command line."""

    port: int
    rtp_low: int
    rtp_high: int
    recdir: Path
    stats: Path
    greeting_seconds: float

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Server:
        low, high = (int(x) for x in args.rtp.split("-"))
        return cls(args.port, low, high, args.recordings, args.stats, args.greeting)


def serve_hotline(server: Server, srtp: bool = False) -> None:
    port, rtp_low, rtp_high = server.port, server.rtp_low, server.rtp_high
    recdir, stats, greeting_seconds = server.recdir, server.stats, server.greeting_seconds
    from hotline.telephony.listener import ListenerOptions, SipListener

    with contextlib.suppress(ImportError):
        import uvloop

        uvloop.install()

    # --pump-interval (sip.media_pump_interval); unset: the listener's default, which
    # also serves a --telephony copy that predates the setting.
    interval = os.environ.get("SIP_LOAD_PUMP_INTERVAL")
    pump_interval = {"media_pump_interval": float(interval)} if interval else {}

    async def main() -> None:
        totals: dict[str, dict[str, float]] = {}
        events = {"answered": 0, "finished": 0}

        def on_event(event: object) -> None:
            name = type(event).__name__
            if name == "CallAnswered":
                events["answered"] += 1
            elif name == "CallFinished":
                events["finished"] += 1

        listener = SipListener(
            ListenerOptions(
                host="127.0.0.1",
                port=port,
                transports=("udp",),
                rtp_port_min=rtp_low,
                rtp_port_max=rtp_high,
                recordings_dir=recdir,
                greeting_pcm=tone(greeting_seconds),
                max_call_seconds=3600,
                silence_timeout=3600,
                media_timeout=60,
                srtp="required" if srtp else "optional",
                **pump_interval,
            ),
            on_event,
        )
        await listener.start()
        lag = {"loop_lag_max_ms": 0.0, "loop_stalls_over_20ms": 0}
        # Garbage collector pauses: a full collection over many calls' objects would stall
        # every stream at once, so they are timed apart from the loop's lag.
        collections = {"gc_max_ms": 0.0, "gc_full": 0}
        gc_started = [0.0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                gc_started[0] = time.perf_counter()
                return
            took = (time.perf_counter() - gc_started[0]) * 1000
            collections["gc_max_ms"] = round(max(collections["gc_max_ms"], took), 1)
            collections["gc_full"] += info["generation"] == 2

        started = asyncio.get_running_loop().time()

        loop = asyncio.get_running_loop()

        def watch(expected: float) -> None:  # event-loop lag: how late a 10 ms timer fires
            # A plain timer callback, not a task sleeping in a loop: the watcher's own cost
            # (100 wake-ups a second) must not weigh on the CPU figure it sits next to.
            now = loop.time()
            late_ms = (now - expected) * 1000
            lag["loop_lag_max_ms"] = round(max(lag["loop_lag_max_ms"], late_ms), 1)
            lag["loop_stalls_over_20ms"] += late_ms > 20
            if late_ms > 20 and os.environ.get("SIP_LOAD_STALLS"):
                print(
                    f"stall {late_ms:.0f} ms at t={now - started:.1f}s calls={len(listener.calls)}",
                    file=sys.stderr,
                )
            watcher[0] = loop.call_at(now + 0.01, watch, now + 0.01)

        first = loop.time() + 0.01
        watcher = [loop.call_at(first, watch, first)]
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        gc.collect()  # as `hotline serve` does once started (hotline/serve.py)
        gc.freeze()
        gc.callbacks.append(on_gc)  # the run's own collections from here on
        # SIP_LOAD_GC_PROBE=N: once N calls are up, time one full collection (a diagnostic:
        # the pause a full collection costs at that size; it is itself a stall of the run).
        probe_at = int(os.environ.get("SIP_LOAD_GC_PROBE", "0"))
        while not stop.is_set():
            if probe_at and len(listener.calls) >= probe_at:
                probe_at = 0
                tracked = len(gc.get_objects())
                before = dict(collections)  # the probe is not one of the run's pauses
                began = time.perf_counter()
                gc.collect()
                collections.update(before)
                collections["gc_probe_ms"] = round((time.perf_counter() - began) * 1000, 1)
                collections["gc_probe_objects"] = tracked
            for index, (call_id, call) in enumerate(list(listener.calls.items())):
                if index % 50 == 49:  # a walk over 1000 calls in one go stalls the sends
                    await asyncio.sleep(0)
                if call.rtp is not None:
                    s = call.rtp.stats
                    totals[call_id] = {
                        "received": s.received,
                        "lost": s.lost,
                        "late": s.late,
                        "sent": s.sent,
                        "late_sends": s.late_sends,
                        "srtp_rejected": s.srtp_rejected,
                        "max_send_gap_ms": s.max_send_gap_ms,
                    }
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
        summary: dict[str, float] = {
            k: sum(v[k] for v in totals.values())
            for k in ("received", "lost", "late", "sent", "late_sends", "srtp_rejected")
        }
        # The server's own view of its sends (loop time of two packets of one play, per
        # call): the capture's figure without dumpcap, and a check of it with.
        summary["max_send_gap_ms"] = round(
            max((v["max_send_gap_ms"] for v in totals.values()), default=0.0), 1
        )
        summary.update(events)
        summary.update(lag)
        summary.update(collections)
        watcher[0].cancel()
        stats.write_text(json.dumps(summary))
        await listener.close()

    asyncio.run(main())


def serve_pyvoip(server: Server, sipp_port: int) -> None:
    port, rtp_low, rtp_high = server.port, server.rtp_low, server.rtp_high
    recdir, stats, greeting_seconds = server.recdir, server.stats, server.greeting_seconds
    import audioop

    from pyVoIP.VoIP import CallState, VoIPPhone

    # pyVoIP.SIP only imports cleanly after pyVoIP.VoIP (circular import); isort must not swap.
    SIP = importlib.import_module("pyVoIP.SIP")

    SIP.SIPClient.register = lambda self: True  # answer without a registrar
    audio = audioop.bias(audioop.lin2lin(tone(greeting_seconds), 2, 1), 1, 128)
    counts = {"answered": 0, "finished": 0}

    def on_call(call: object) -> None:
        try:
            call.answer()  # type: ignore[attr-defined]
            counts["answered"] += 1
            call.write_audio(audio)  # type: ignore[attr-defined]
            with wave.open(str(recdir / f"{id(call)}.wav"), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(1)
                w.setframerate(8000)
                while call.state == CallState.ANSWERED:  # type: ignore[attr-defined]
                    w.writeframes(call.read_audio(160, True))  # type: ignore[attr-defined]
            counts["finished"] += 1
        except Exception as exc:  # pyVoIP raises on odd states; keep the bench going
            print("pyVoIP call error:", exc, file=sys.stderr)

    phone = VoIPPhone(
        "127.0.0.1",
        sipp_port,
        "bench",
        "bench",
        myIP="127.0.0.1",
        callCallback=on_call,
        sipPort=port,
        rtpPortLow=rtp_low,
        rtpPortHigh=rtp_high,
    )
    phone.start()
    done = {"stop": False}
    signal.signal(signal.SIGTERM, lambda *_: done.update(stop=True))
    while not done["stop"]:
        time.sleep(0.2)
    stats.write_text(json.dumps(counts))
    os._exit(0)  # pyVoIP's threads do not all stop on their own


# ---- measuring ------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    return sum(cpu_split(pid))


def cpu_split(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) / CLK_TCK, int(fields[12]) / CLK_TCK


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def send_gaps(pcap: Path) -> tuple[int, int, float, int]:
    """(packets, late packets (gap > 30 ms), max gap ms, streams) from a dumpcap pcap."""
    data = pcap.read_bytes()
    if len(data) < 24:
        return 0, 0, 0.0, 0
    magic = struct.unpack("<I", data[:4])[0]
    if magic != 0xA1B2C3D4:
        raise ValueError("expected a classic pcap from dumpcap -P")
    pos, last, late, count, max_gap = 24, {}, 0, 0, 0.0
    while pos + 16 <= len(data):
        sec, usec, incl, _ = struct.unpack("<IIII", data[pos : pos + 16])
        frame = data[pos + 16 : pos + 16 + incl]
        pos += 16 + incl
        when = sec + usec / 1e6
        # loopback capture: 4-byte family header (DLT_NULL) or 14-byte Ethernet (DLT_EN10MB)
        ip = frame[14:] if frame[12:14] == b"\x08\x00" else frame[4:]
        if len(ip) < 28 or ip[9] != 17:
            continue
        ihl = (ip[0] & 0x0F) * 4
        src_port = struct.unpack("!H", ip[ihl : ihl + 2])[0]
        if len(ip) > ihl + 9 and 72 <= ip[ihl + 9] & 0x7F <= 76:
            continue  # RTCP (SR/RR/SDES/BYE/APP, RFC 5761 §4): reports every ~5 s, not media
        count += 1
        if src_port in last:
            gap = (when - last[src_port]) * 1000
            max_gap = max(max_gap, gap)
            if gap > 30:
                late += 1
        last[src_port] = when
    return count, late, round(max_gap, 1), len(last)


@dataclass
class Result:
    name: str
    calls: int
    answered: int
    cpu_percent: float
    cpu_per_call: float
    rss_mb: float
    threads: int
    sent_packets: int
    late_sent: int
    max_gap_ms: float
    streams: int
    extra: dict


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_one(
    name: str,
    calls: int,
    window: float,
    rate: int,
    workdir: Path,
    srtp: bool = False,
    pin: bool = False,
    nice: int = 0,
    realtime: bool = False,
    sipp_rtp: str = "pcap",
    telephony: Path | None = None,
) -> Result:
    port, sipp_port = free_port(), free_port()
    rtp_low, rtp_high = (20000, 29998) if name == "hotline" else (30000, 39998)
    ramp = calls / rate + 3
    hold = ramp + window + 4
    recdir = workdir / f"rec-{name}"
    recdir.mkdir()
    stats = workdir / f"{name}-stats.json"
    pcap = workdir / ("audio-srtp.pcap" if srtp else "audio.pcap")
    if not pcap.exists():
        write_pcma_pcap(pcap, hold + 2, srtp)
    server_args = [
        sys.executable,
        __file__,
        "--serve",
        name,
        "--port",
        str(port),
        "--rtp",
        f"{rtp_low}-{rtp_high}",
        "--recordings",
        str(recdir),
        "--stats",
        str(stats),
        "--greeting",
        str(hold + ramp + 5),
        "--sipp-port",
        str(sipp_port),
    ] + (["--srtp"] if srtp else [])
    if telephony is not None:
        server_args += ["--telephony", str(telephony)]
    # sipp plays its pcap from this port; an ephemeral port may fall inside pyVoIP's RTP range
    # (30000-39998), and the capture below must count only what the server sends.
    sipp_media = free_port() & ~1
    server = subprocess.Popen(server_args)
    if pin:  # the server on the last core; sipp (the load) on core 0
        os.sched_setaffinity(server.pid, {(os.cpu_count() or 2) - 1})
    if nice:
        os.setpriority(os.PRIO_PROCESS, server.pid, nice)
    if realtime:
        os.sched_setscheduler(server.pid, os.SCHED_RR, os.sched_param(10))
    time.sleep(2.0)
    scenario = workdir / f"uac-{name}.xml"
    uac = srtp_scenario(UAC) if srtp else UAC
    if sipp_rtp == "stream":
        audio = workdir / "audio.pcma"
        write_pcma_raw(audio)
        uac = stream_scenario(uac, audio)
    scenario.write_text(
        uac.replace("@PCAP@", str(pcap)).replace("@HOLD_MS@", str(int(hold * 1000)))
    )
    sipp = subprocess.Popen(
        [
            "sipp",
            f"127.0.0.1:{port}",
            "-sf",
            str(scenario),
            "-i",
            "127.0.0.1",
            "-p",
            str(sipp_port),
            "-mp",
            str(sipp_media),
            "-m",
            str(calls),
            "-l",
            str(calls),
            "-r",
            str(rate),
            "-nostdin",
            "-nd",
            "-timeout",
            f"{int(hold * 3)}s",
            "-trace_err",
        ],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if pin:
        os.sched_setaffinity(sipp.pid, {0})
    if nice:
        os.setpriority(os.PRIO_PROCESS, sipp.pid, nice)  # its threads are created later
    if realtime:
        os.sched_setscheduler(sipp.pid, os.SCHED_RR, os.sched_param(10))
    time.sleep(ramp)
    capture = workdir / f"{name}-sent.pcap"
    dumpcap = (
        None
        if shutil.which("dumpcap") is None
        else subprocess.Popen(
            [
                "dumpcap",
                "-q",
                "-P",
                "-i",
                "lo",
                "-f",
                f"udp and src portrange {rtp_low}-{rtp_high}"
                f" and not src portrange {sipp_media}-{sipp_media + 3}",
                "-a",
                f"duration:{int(window)}",
                "-w",
                str(capture),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    (user0, system0), t0 = cpu_split(server.pid), time.monotonic()
    cpu0 = user0 + system0
    sipp_cpu0 = cpu_seconds(sipp.pid)
    peak_rss, peak_threads = 0.0, 0
    while time.monotonic() - t0 < window:
        time.sleep(0.5)
        peak_rss = max(peak_rss, rss_mb(server.pid))
        peak_threads = max(peak_threads, threads(server.pid))
    (user1, system1), t1 = cpu_split(server.pid), time.monotonic()
    cpu1 = user1 + system1
    sipp_cpu = (cpu_seconds(sipp.pid) - sipp_cpu0) / (t1 - t0) * 100  # the load generator
    if dumpcap is not None:
        dumpcap.wait(timeout=window + 20)
    sipp.wait(timeout=hold * 3 + 30)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    summary = json.loads(stats.read_text()) if stats.exists() else {}
    cpu_percent = (cpu1 - cpu0) / (t1 - t0) * 100
    packets, late, max_gap, streams = send_gaps(capture) if capture.exists() else (0, 0, 0, 0)
    return Result(
        name=name,
        calls=calls,
        answered=int(summary.get("answered", 0)),
        cpu_percent=round(cpu_percent, 1),
        cpu_per_call=round(cpu_percent / calls, 3),
        rss_mb=round(peak_rss, 1),
        threads=peak_threads,
        sent_packets=packets,
        late_sent=late,
        max_gap_ms=max_gap,
        streams=streams,
        extra={k: v for k, v in summary.items() if k not in ("answered",)}
        | {
            "server_user_percent": round((user1 - user0) / (t1 - t0) * 100, 1),
            "server_system_percent": round((system1 - system0) / (t1 - t0) * 100, 1),
            "sipp_cpu_percent": round(sipp_cpu, 1),
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--window", type=float, default=10.0, help="measured seconds")
    parser.add_argument("--rate", type=int, default=20, help="new calls per second")
    parser.add_argument("--only", choices=["hotline", "pyvoip"])
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="scheduling priority of the server and sipp (e.g. -10, needs root): on a\n"
        "machine shared with other work, their cores' time goes to them first",
    )
    parser.add_argument(
        "--realtime",
        action="store_true",
        help="the server and sipp in the round-robin real-time class (root): on a machine\n"
        "whose other work is spread over groups, nice cannot give them their cores; the\n"
        "kernel still keeps 5 %% of each core for the rest",
    )
    parser.add_argument(
        "--pin", action="store_true", help="server on the last core, sipp on core 0 (taskset)"
    )
    parser.add_argument(
        "--sipp-rtp",
        choices=["pcap", "stream"],
        default="pcap",
        help="how sipp sends the caller's audio: pcap = play_pcap_audio (one thread and one\n"
        "raw socket per call; every UDP packet on the host is then matched against each\n"
        "raw socket, a kernel cost charged to the server's sends), stream = rtp_stream\n"
        "(a few threads, one plain UDP socket per call)",
    )
    parser.add_argument(
        "--telephony",
        type=Path,
        help="run the hotline server with the telephony package from this directory\n"
        "(e.g. another commit's telephony/ checked out to a temp dir, for A/B runs)",
    )
    parser.add_argument("--serve", choices=["hotline", "pyvoip"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rtp", help=argparse.SUPPRESS)
    parser.add_argument("--recordings", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stats", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--greeting", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--sipp-port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--srtp", action="store_true", help="SRTP (SDES) calls, hotline only")
    parser.add_argument(
        "--pump-interval",
        type=float,
        help="hotline's sip.media_pump_interval (seconds between two reads of each RTP socket)",
    )
    args = parser.parse_args()
    if args.pump_interval is not None:  # the server processes inherit it
        os.environ["SIP_LOAD_PUMP_INTERVAL"] = str(args.pump_interval)
    if args.serve:
        server = Server.from_args(args)
        if args.serve == "hotline":
            if args.telephony is not None:
                use_telephony(args.telephony.resolve())
            if os.environ.get("SIP_LOAD_PROFILE"):  # cProfile the server: where CPU goes
                import cProfile

                cProfile.runctx(
                    "serve_hotline(server)",
                    globals(),
                    locals(),
                    os.environ["SIP_LOAD_PROFILE"],
                )
                return
            serve_hotline(server, args.srtp)
        else:
            serve_pyvoip(server, args.sipp_port)
        return
    if shutil.which("sipp") is None:
        sys.exit("sipp is required (apt-get install sip-tester)")
    if shutil.which("dumpcap") is None:  # the server's own send gaps are still reported
        print("dumpcap not found (wireshark-common): no capture of the sent RTP", flush=True)
    names = [args.only] if args.only else ["hotline", "pyvoip"]
    if args.srtp:
        names = ["hotline"]
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="sip-load-") as tmp:
        for name in names:
            print(f"running {name} with {args.calls} calls ...", flush=True)
            results.append(
                run_one(
                    name,
                    args.calls,
                    args.window,
                    args.rate,
                    Path(tmp),
                    args.srtp,
                    args.pin,
                    args.nice,
                    args.realtime,
                    args.sipp_rtp,
                    args.telephony,
                )
            )
    header = (
        f"{'server':8} {'calls':>5} {'answered':>8} {'CPU %':>7} {'CPU %/call':>10} "
        f"{'RSS MB':>7} {'threads':>7} {'sent pkts':>9} {'late sent':>9} {'max gap ms':>10}"
    )
    print(header)
    for r in results:
        print(
            f"{r.name:8} {r.calls:5} {r.answered:8} {r.cpu_percent:7} {r.cpu_per_call:10} "
            f"{r.rss_mb:7} {r.threads:7} {r.sent_packets:9} {r.late_sent:9} {r.max_gap_ms:10}"
        )
        if r.extra:
            print(f"  {r.name} receive side: {json.dumps(r.extra)}")
    print(f"load average after: {os.getloadavg()[0]:.1f} (shared machine: other work counts)")
    if len(results) == 2 and results[0].cpu_per_call > 0:
        ratio = results[1].cpu_per_call / results[0].cpu_per_call
        print(f"CPU per call, pyVoIP / hotline: {ratio:.1f}x")


if __name__ == "__main__":
    main()
