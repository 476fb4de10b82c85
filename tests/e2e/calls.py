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
MODULES = Path("/usr/lib/baresip/modules")


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


async def baresip_call(tmp_path: Path, sip_port: int, wav: Path, *, timeout: float = 60) -> str:
    """baresip dials and plays `wav` (aufile); it hangs up by itself when the WAV ends.

    Returns baresip's output (for assertion messages).
    """
    assert BARESIP is not None
    from tests.fixtures.sip import free_port

    conf = tmp_path / f"baresip-{wav.stem}"
    conf.mkdir()
    (conf / "config").write_text(
        f"poll_method epoll\nsip_listen 127.0.0.1:{free_port()}\nmodule_path {MODULES}\n"
        "module g711.so\nmodule aufile.so\nmodule_app account.so\nmodule_app menu.so\n"
        f"audio_source aufile,{wav}\naudio_player aufile,{conf / 'heard.wav'}\n"
        f"audio_alert aufile,{conf / 'alert.wav'}\n"
    )
    (conf / "accounts").write_text("<sip:13700001234@127.0.0.1>;regint=0;audio_codecs=PCMA\n")
    proc = await asyncio.create_subprocess_exec(
        BARESIP, "-f", str(conf), "-e", f"/dial sip:12345@127.0.0.1:{sip_port}",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        # It does not exit after hanging up: wait for the hang-up line, then stop it.
        assert proc.stdout is not None
        out = b""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                while b"terminated" not in out and b"closed" not in out.lower():
                    chunk = await proc.stdout.read(4096)
                    if not chunk:
                        break
                    out += chunk
    finally:
        if proc.returncode is None:
            proc.terminate()
        rest, _ = await proc.communicate()
    return (out + (rest or b"")).decode(errors="replace")
