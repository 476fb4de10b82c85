"""Real callers for intake tests: sipp playing a speech pcap, baresip playing a WAV."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
import wave
from pathlib import Path

from tests.fixtures.sip import RtpPlan, SippResult, run_sipp, write_rtp_pcap

SCENARIO = Path(__file__).parent / "scenarios" / "uac_speech.xml"
BARESIP = shutil.which("baresip")


def write_wav_8k(path: Path, pcm: bytes) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(pcm)
    return path


def speech_pcap(folder: Path, pcm_8k: bytes, name: str = "speech.pcap") -> Path:
    """PCMA 20 ms RTP of `pcm_8k` (8 kHz 16-bit mono) as a pcap sipp can play."""
    path = folder / name
    write_rtp_pcap(path, RtpPlan(pcm=pcm_8k, payload_type=8, ptime_ms=20))
    return path


def sipp_scenario(pcap: Path, seconds: float, wait_ms: int) -> str:
    return (
        SCENARIO.read_text()
        .replace("@CODECS@", "8")
        .replace("@RTPMAP@", "a=rtpmap:8 PCMA/8000")
        .replace("@PTIME@", "20")
        .replace("@PCAP@", str(pcap))
        .replace("@WAIT_MS@", str(wait_ms))
        .replace("@PAUSE_MS@", str(int(seconds * 1000) + 800))
    )


async def sipp_call(
    tmp_path: Path,
    sip_port: int,
    pcap: Path,
    seconds: float,
    *,
    wait_ms: int = 800,
    name: str = "call",
    timeout: float = 60,
) -> SippResult:
    """One call: wait for the greeting, play the pcap, hang up (BYE)."""
    return await run_sipp(
        tmp_path,
        sipp_scenario(pcap, seconds, wait_ms),
        f"127.0.0.1:{sip_port}",
        "-i", "127.0.0.1", "-p", "0", "-mi", "127.0.0.1", "-m", "1", "-l", "1",
        name=name,
        timeout=timeout,
    )  # fmt: skip


def start_sipp_call(
    tmp_path: Path, sip_port: int, pcap: Path, seconds: float, *, wait_ms: int = 800, name: str
) -> subprocess.Popen[bytes]:
    """Like sipp_call, but returns at once (the SIGKILL test kills the server mid-call)."""
    workdir = tmp_path / f"sipp-{name}"
    workdir.mkdir(exist_ok=True)
    xml = workdir / f"{name}.xml"
    xml.write_text(sipp_scenario(pcap, seconds, wait_ms))
    argv = ["sipp", f"127.0.0.1:{sip_port}", "-sf", str(xml), "-nostdin", "-trace_msg"]
    argv += ["-i", "127.0.0.1", "-p", "0", "-mi", "127.0.0.1", "-m", "1", "-l", "1"]
    argv += ["-timeout", "60s"]
    return subprocess.Popen(argv, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def baresip_call(
    tmp_path: Path, sip_port: int, wav: Path, *, hold_seconds: float, name: str = "baresip"
) -> None:
    """baresip dials, plays `wav` (aufile), and is stopped after `hold_seconds` (it hangs up)."""
    assert BARESIP is not None
    conf = tmp_path / f"{name}-conf"
    conf.mkdir()
    from tests.fixtures.sip import free_port

    port = free_port()
    (conf / "config").write_text(
        "\n".join(
            [
                "poll_method epoll",
                f"sip_listen 127.0.0.1:{port}",
                "audio_player aufile,/dev/null",
                f"audio_source aufile,{wav}",
                "audio_alert aufile,/dev/null",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module stdio.so",
                "module_app menu.so",
                "rtp_ports 40000-49999",
                "",
            ]
        )
    )
    (conf / "accounts").write_text("<sip:bs@127.0.0.1>;regint=0;audio_codecs=PCMA\n")
    (conf / "contacts").write_text("")
    proc = await asyncio.create_subprocess_exec(
        BARESIP, "-f", str(conf), "-e", f"/dial sip:12345@127.0.0.1:{sip_port}",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await asyncio.sleep(hold_seconds)
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            proc.stdin.write(b"/hangup\n")  # menu command: BYE
            await proc.stdin.drain()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(proc.wait(), 3)
    finally:
        if proc.returncode is None:
            proc.terminate()
            await proc.wait()
