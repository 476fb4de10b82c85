"""Fuzz `hotline serve`'s SIP listener over UDP and TCP; count tracebacks, stuck calls, RSS.

    python bench/sip_fuzz.py [--messages 20000] [--rate 500] [--seed 1] [--json] [--listener]
                             [--flood SECONDS [--flood-rate 10000]]

Starts `hotline serve` (fresh working directory, default settings, SQLite, no Vosk model;
`--listener`: only the SIP listener, T1 = 0.1 s, for a quick run in the tests) and sends
mutated INVITE/OPTIONS/BYE/CANCEL/ACK from 127.0.0.1 — truncation, duplicated headers,
huge values, bad Content-Length, binary garbage, bad Via/CSeq/To/From, compact forms —
a third of them over TCP, paced below the per-source rate limit so they reach the parser.
Answered INVITEs are ACKed and ended with BYE like a caller would; the rest must end on
their own (no ACK: 64*T1). Then it checks that a clean OPTIONS is still answered on both
transports, waits for the calls to drain, sends SIGTERM and reports: tracebacks in the
service log, calls still up, RSS before/after, exit time.
Exit status 1 when a traceback or a stuck call was found.

`--flood`: first, OPTIONS from 127.0.0.2 (made untrusted) at 10 000/s for that long while
/healthz is asked back to back; reports its latency idle and under the flood, the replies
the flooder got and the RSS.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

DRAIN_SECONDS = 32 + 15  # 64*T1 for an unACKed 200, then media/silence limits set below
LISTENER_T1 = 0.1
LISTENER = """
import asyncio, json, logging, sys
from pathlib import Path
from hotline.telephony.listener import ListenerOptions, SipListener

async def main(port: int, status: Path, t1: float) -> None:
    options = ListenerOptions(port=port, greeting_pcm=b"", sip_t1=t1, media_timeout=3,
                              silence_timeout=3, recordings_dir=status.parent / "recordings")
    listener = SipListener(options, lambda event: None)
    await listener.start()
    while True:
        tmp = status.with_suffix(".tmp")
        tmp.write_text(json.dumps({"calls": listener.active_calls}))
        tmp.replace(status)
        await asyncio.sleep(0.2)

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])))
"""

SDP = (
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
)


def base_message(method: str, n: int, transport: str, port: int) -> bytes:
    body = SDP if method == "INVITE" else ""
    to_tag = ";tag=t" + str(n) if method == "BYE" else ""
    cseq = 2 if method == "BYE" else 1
    lines = [
        f"{method} sip:12345@127.0.0.1 SIP/2.0",
        f"Via: SIP/2.0/{transport} 127.0.0.1:{port};branch=z9hG4bKfz{n};rport",
        f'From: "fuzz" <sip:1380000{n % 10000:04d}@127.0.0.1>;tag=f{n}',
        f"To: <sip:12345@127.0.0.1>{to_tag}",
        f"Call-ID: fuzz-{n}@127.0.0.1",
        f"CSeq: {cseq} {method}",
        f"Contact: <sip:fuzz@127.0.0.1:{port}>",
        "Max-Forwards: 70",
    ]
    if body:
        lines.append("Content-Type: application/sdp")
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


COMPACT = {b"Via": b"v", b"From": b"f", b"To": b"t", b"Call-ID": b"i", b"Contact": b"m",
           b"Content-Length": b"l", b"Content-Type": b"c"}  # fmt: skip
BAD_VALUES = {
    b"Via": [b"SIP/2.0/UDP", b"SIP/2.0/XYZ 127.0.0.1:99999;branch=z9hG4bKx", b"garbage",
             b"SIP/2.0/UDP pbx.invalid;branch=z9hG4bKx", b"SIP/2.0/UDP [::1;branch=",
             b"SIP/2.0/UDP 127.0.0.1:0;branch=z9hG4bKx;received=;rport=abc"],
    b"CSeq": [b"", b"x INVITE", b"99999999999999999999 INVITE", b"1", b"-1 BYE", b"1 ACK"],
    b"To": [b"<", b"<sip:>", b"\"unterminated <sip:a@b>", b"<sip:a@b>;tag=", b"<tel:+86>"],
    b"From": [b"<", b"sip:", b"<sip:a@b>;tag", b"\"x\" <sip:a@[::1>"],
    b"Content-Length": [b"-1", b"abc", b"99999999999999999", b"70000", b"0", b"1"],
    b"Max-Forwards": [b"0", b"-5", b"lots", b"99999999999999999999"],
}  # fmt: skip
BAD_START_LINES = [b"INVITE", b"INVITE sip:x SIP/3.0", b"SIP/2.0 200", b"invite x y",
                   b"INVITE  sip:1@2  SIP/2.0", b"\x00\xff", b"OPTIONS * SIP/2.0"]  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> bytes:
    head, sep, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    kind = rng.randrange(12)
    if kind == 0:  # truncation
        return data[: rng.randrange(1, len(data))]
    if kind == 1:  # header duplication
        i = rng.randrange(1, len(lines))
        lines[i:i] = [lines[i]] * rng.randrange(1, 40)
    elif kind == 2:  # huge value
        i = rng.randrange(1, len(lines))
        lines[i] += b";x=" + b"A" * rng.choice([300, 5000, 70000])
    elif kind == 3:  # bad Content-Length
        lines = [ln for ln in lines if not ln.startswith(b"Content-Length")]
        lines.append(b"Content-Length: " + rng.choice(BAD_VALUES[b"Content-Length"]))
    elif kind == 4:  # binary garbage spliced in
        pos = rng.randrange(len(data))
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
        return data[:pos] + junk + data[pos:]
    elif kind == 5:  # random bytes flipped
        out = bytearray(data)
        for _ in range(rng.randrange(1, 12)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    elif kind in (6, 7):  # bad Via/CSeq/To/From/Max-Forwards
        name = rng.choice(list(BAD_VALUES))
        value = rng.choice(BAD_VALUES[name])
        lines = [ln if not ln.startswith(name + b":") else name + b": " + value for ln in lines]
    elif kind == 8:  # compact forms (valid) mixed with odd spacing
        lines = [
            COMPACT.get(ln.split(b":")[0], ln.split(b":")[0]) + b" :" + ln.partition(b":")[2]
            if rng.random() < 0.5 and b":" in ln
            else ln
            for ln in lines
        ]
    elif kind == 9:  # a header removed
        del lines[rng.randrange(1, len(lines))]
    elif kind == 10:  # pure garbage datagram
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 1500)))
    else:  # start line damage
        lines[0] = rng.choice(BAD_START_LINES)
    return b"\r\n".join(lines) + sep + body


def free_port() -> int:
    for _ in range(100):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
        try:
            with socket.socket() as t:
                t.bind(("127.0.0.1", port))
        except OSError:
            continue
        return port
    raise RuntimeError("no free port")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def healthz(http_port: int) -> dict:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{http_port}/healthz", timeout=5) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return json.loads(exc.read())


def calls_reader(http_port: int | None, status: Path) -> Callable[[], int]:
    """Active calls: /healthz of `hotline serve`, or the bare listener's status file."""
    if http_port is not None:
        return lambda: int(healthz(http_port)["checks"]["sip"]["calls"])
    return lambda: int(json.loads(status.read_text())["calls"])


class Replies:
    """Reads what the service sends back; ACKs and BYEs answered INVITEs like a caller."""

    def __init__(self, udp: socket.socket, sip_port: int) -> None:
        self.udp = udp
        self.sip_port = sip_port
        self.count = 0
        self.ended = 0

    def poll(self) -> None:
        while True:
            try:
                data = self.udp.recv(65535)
            except BlockingIOError:
                return
            self.count += 1
            self._hang_up(data)

    def _hang_up(self, data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        if not text.startswith("SIP/2.0 200") or "INVITE" not in text.split("CSeq:")[-1][:30]:
            return
        headers = {}
        for line in text.split("\r\n")[1:]:
            name, sep, value = line.partition(":")
            if sep and name.strip() in ("From", "To", "Call-ID", "f", "t", "i"):
                headers[
                    {"f": "From", "t": "To", "i": "Call-ID"}.get(name.strip(), name.strip())
                ] = value.strip()
        if len(headers) < 3:
            return
        port = self.udp.getsockname()[1]
        for method, cseq in (("ACK", 1), ("BYE", 2)):
            message = (
                f"{method} sip:12345@127.0.0.1:{self.sip_port} SIP/2.0\r\n"
                f"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bKend{method}{self.ended};rport\r\n"
                f"From: {headers['From']}\r\nTo: {headers['To']}\r\n"
                f"Call-ID: {headers['Call-ID']}\r\nCSeq: {cseq} {method}\r\n"
                f"Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
            ).encode()
            self.udp.sendto(message, ("127.0.0.1", self.sip_port))
        self.ended += 1


def still_answers(udp: socket.socket, sip_port: int) -> bool:
    port = udp.getsockname()[1]
    ok = True
    for transport in ("UDP", "TCP"):
        n = 10**9 + (1 if transport == "UDP" else 2)
        message = base_message("OPTIONS", n, transport, port)
        got = b""
        if transport == "UDP":
            udp.setblocking(True)
            udp.settimeout(5)
            udp.sendto(message, ("127.0.0.1", sip_port))
            with contextlib.suppress(TimeoutError):
                while b"fuzz-1000000001" not in got:
                    got = udp.recv(65535)
            udp.setblocking(False)
        else:
            with socket.create_connection(("127.0.0.1", sip_port), timeout=5) as conn:
                conn.sendall(message)
                with contextlib.suppress(TimeoutError):
                    while b"\r\n\r\n" not in got:
                        chunk = conn.recv(65535)
                        if not chunk:
                            break
                        got += chunk
        ok = ok and got.startswith(b"SIP/2.0 200 ")
    return ok


def run(args: argparse.Namespace) -> dict:
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="sip-fuzz-"))
    workdir.mkdir(parents=True, exist_ok=True)
    http_port, sip_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
    env.update(
        PYTHONUNBUFFERED="1",
        HOTLINE_SIP__MEDIA_TIMEOUT_SECONDS="5",
        HOTLINE_SIP__SILENCE_TIMEOUT_SECONDS="5",
        HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS="10",
    )
    if args.flood:  # the flood comes from 127.0.0.2: make it an untrusted source
        env["HOTLINE_SIP__TRUSTED_PEERS"] = '["127.0.0.1/32"]'
    log_path = workdir / "serve.log"
    log = log_path.open("w")
    status = workdir / "listener.json"
    status.unlink(missing_ok=True)  # a left-over file would look like a running listener
    if args.listener:
        argv = [sys.executable, "-c", LISTENER, str(sip_port), str(status), str(LISTENER_T1)]
        drain = 64 * LISTENER_T1 + 10
    else:
        argv = [sys.executable, "-m", "hotline", "serve", "--http-port", str(http_port),
                "--sip-port", str(sip_port)]  # fmt: skip
        drain = DRAIN_SECONDS
    active_calls = calls_reader(None if args.listener else http_port, status)
    proc = subprocess.Popen(argv, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        end = time.monotonic() + 300  # a loaded machine takes minutes to start serve
        while True:
            with contextlib.suppress(OSError, ValueError, KeyError):
                active_calls()
                break
            if proc.poll() is not None or time.monotonic() > end:
                raise RuntimeError(f"service not up: {log_path.read_text()[-3000:]}")
            time.sleep(0.1)
        startup_seconds = round(300 - (end - time.monotonic()), 1)
        flood_figures = flood(args, http_port, sip_port, proc.pid) if args.flood else {}
        rss_before = rss_kib(proc.pid)
        rng = random.Random(args.seed)
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        udp.setblocking(False)
        replies = Replies(udp, sip_port)
        port = udp.getsockname()[1]
        tcp: socket.socket | None = None
        tcp_in_conn = 0
        sent = udp_sent = tcp_sent = 0
        started = time.monotonic()
        methods = ["INVITE", "INVITE", "OPTIONS", "BYE", "CANCEL", "ACK"]
        for n in range(args.messages):
            over_tcp = n % 3 == 2
            message = mutate(
                base_message(rng.choice(methods), n, "TCP" if over_tcp else "UDP", port), rng
            )
            if over_tcp:
                if tcp is None or tcp_in_conn >= 20:
                    if tcp is not None:
                        tcp.close()
                    tcp = socket.create_connection(("127.0.0.1", sip_port), timeout=5)
                    tcp.setblocking(False)
                    tcp_in_conn = 0
                try:
                    tcp.sendall(message)
                    with contextlib.suppress(BlockingIOError):
                        tcp.recv(65535)  # replies over TCP are read and dropped
                    tcp_sent += 1
                except (BlockingIOError, ConnectionError):
                    tcp.close()
                    tcp = None  # the service closed a broken stream: as it should
                tcp_in_conn += 1
            else:
                with contextlib.suppress(OSError):
                    udp.sendto(message[:65507], ("127.0.0.1", sip_port))
                    udp_sent += 1
            sent += 1
            replies.poll()
            # Pace below the per-source rate limit, so the messages reach the parser.
            behind = started + sent / args.rate - time.monotonic()
            if behind > 0:
                time.sleep(behind)
        if tcp is not None:
            tcp.close()
        fuzz_seconds = time.monotonic() - started
        time.sleep(1)
        replies.poll()
        answered_after = still_answers(udp, sip_port)
        rss_after = rss_kib(proc.pid)
        calls_after = active_calls()
        deadline = time.monotonic() + drain
        while time.monotonic() < deadline and active_calls() > 0:
            replies.poll()
            time.sleep(0.5)
        stuck = active_calls()
        rss_end = rss_kib(proc.pid)
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(60)
        sigterm_seconds = round(time.monotonic() - t0, 1)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    text = log_path.read_text(errors="replace")
    return {
        "target": "listener" if args.listener else "hotline serve",
        "startup_seconds": startup_seconds,
        "sent": sent,
        "udp_sent": udp_sent,
        "tcp_sent": tcp_sent,
        "fuzz_seconds": round(fuzz_seconds, 1),
        "replies": replies.count,
        "calls_ended_by_bye": replies.ended,
        "calls_right_after": calls_after,
        "stuck_calls": stuck,
        "tracebacks": len(re.findall(r"^Traceback", text, re.M)),
        "errors_logged": len(re.findall(r" ERROR ", text)),
        "answered_after": answered_after,
        "rss_before_mib": round(rss_before / 1024, 1),
        "rss_after_mib": round(rss_after / 1024, 1),
        "rss_end_mib": round(rss_end / 1024, 1),
        "sigterm_exit_seconds": sigterm_seconds,
        "exit_code": proc.returncode,
        "log": str(log_path),
        **flood_figures,
    }


def healthz_ms(http_port: int, seconds: float) -> list[float]:
    """Latency of /healthz, asked back to back for `seconds` (the console's event loop)."""
    samples = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t0 = time.monotonic()
        with contextlib.suppress(OSError, ValueError):
            healthz(http_port)
        samples.append((time.monotonic() - t0) * 1000)
        time.sleep(0.02)
    return samples


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def flood(args: argparse.Namespace, http_port: int, sip_port: int, pid: int) -> dict:
    """OPTIONS at `--flood-rate` from the untrusted 127.0.0.2 while /healthz is timed."""
    idle = healthz_ms(http_port, 5)
    rss_before = rss_kib(pid)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.2", 0))
    sock.setblocking(False)
    port = sock.getsockname()[1]
    counts = {"sent": 0, "replies": 0}

    def send() -> None:
        started = time.monotonic()
        while time.monotonic() - started < args.flood:
            message = base_message("OPTIONS", 2_000_000 + counts["sent"], "UDP", port)
            with contextlib.suppress(OSError):
                sock.sendto(
                    message.replace(b"127.0.0.1:", b"127.0.0.2:", 1), ("127.0.0.1", sip_port)
                )
            counts["sent"] += 1
            with contextlib.suppress(BlockingIOError):
                while sock.recv(65535):
                    counts["replies"] += 1
            behind = started + counts["sent"] / args.flood_rate - time.monotonic()
            if behind > 0:
                time.sleep(behind)

    sender = threading.Thread(target=send)
    sender.start()
    during = healthz_ms(http_port, args.flood)
    sender.join()
    time.sleep(1)
    with contextlib.suppress(BlockingIOError):
        while sock.recv(65535):
            counts["replies"] += 1
    sock.close()
    return {
        "flood_seconds": args.flood,
        "flood_sent": counts["sent"],
        "flood_replies": counts["replies"],
        "healthz_idle_p50_p99_ms": [percentile(idle, 0.5), percentile(idle, 0.99)],
        "healthz_flood_p50_p99_ms": [percentile(during, 0.5), percentile(during, 0.99)],
        "flood_rss_before_after_mib": [round(rss_before / 1024, 1), round(rss_kib(pid) / 1024, 1)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--rate", type=float, default=500, help="messages per second")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", help="where serve runs (default: a new temp dir)")
    parser.add_argument("--json", action="store_true", help="one JSON line on stdout")
    parser.add_argument("--listener", action="store_true", help="fuzz a bare SipListener")
    parser.add_argument("--flood", type=float, default=0, help="seconds of untrusted flood first")
    parser.add_argument("--flood-rate", type=float, default=10000, help="flood datagrams/s")
    args = parser.parse_args()
    result = run(args)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>22}: {value}")
    sys.exit(1 if result["tracebacks"] or result["stuck_calls"] else 0)


if __name__ == "__main__":
    main()
