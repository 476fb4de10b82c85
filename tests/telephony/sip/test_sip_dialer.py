"""Outbound calls: `hotline call` into our own listener, and the Dialer against sipp UASs."""

from __future__ import annotations

import asyncio
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.dialer import Dialer, DialerOptions
from hotline.telephony.events import CallAnswered, DtmfReceived

from tests.fixtures.cli import hotline_argv
from tests.fixtures.common import free_port
from tests.fixtures.sip import speechlike_pcm
from tests.fixtures.sipp import (
    answer_one_call,
    needs_sipp,
    ring_until_cancel,
    uas_scenario,
    wait_for_udp_listener,
)

pytestmark = pytest.mark.timeout(180)
ESPEAK = shutil.which("espeak-ng")


def espeak_wav(path: Path, text: str = "您好，我要反映小区噪音问题") -> Path:
    assert ESPEAK is not None
    import subprocess

    subprocess.run([ESPEAK, "-v", "cmn-latn-pinyin", "-w", str(path), text], check=True)
    return path


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng not installed")
async def test_hotline_call_plays_wav_and_digits_into_listener(
    tmp_path: Path, listener_factory
) -> None:
    wav = espeak_wav(tmp_path / "speech.wav")
    async with listener_factory(greeting_pcm=b"") as harness:
        proc = await asyncio.create_subprocess_exec(
            *hotline_argv("call", f"sip:12345@127.0.0.1:{harness.port}"),
            "--wav",
            str(wav),
            "--dtmf",
            "42#",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), 90)
        assert proc.returncode == 0, (out, err)
        (finished,) = await harness.finished()
    assert b"outcome: answered" in out
    assert [e.digit for e in harness.events if isinstance(e, DtmfReceived)] == ["4", "2", "#"]
    (answered,) = harness.of_type(CallAnswered)
    assert answered.caller == "hotline"
    assert finished.reason == "caller_hangup"
    with wave.open(str(finished.recording_path)) as w:
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    with wave.open(str(wav)) as w:
        sent_seconds = w.getnframes() / w.getframerate()
    loud = np.abs(samples.astype(np.int32)) > 1000
    assert loud.sum() > 0.1 * 8000 * sent_seconds  # the speech arrived, not silence
    assert finished.heard_speech


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng not installed")
async def test_caller_talking_over_the_greeting_is_heard(tmp_path: Path, listener_factory) -> None:
    """Callers often start before the greeting ends: that speech reaches ASR too."""
    from hotline.telephony.events import AudioReceived

    wav = espeak_wav(tmp_path / "speech.wav", "我要反映暖气不热")
    with wave.open(str(wav)) as w:
        sent_seconds = w.getnframes() / w.getframerate()
    greeting = b"\x00\x00" * int(8000 * (sent_seconds + 4))  # outlasts the caller
    async with listener_factory(greeting_pcm=greeting) as harness:
        proc = await asyncio.create_subprocess_exec(
            *hotline_argv("call", f"sip:12345@127.0.0.1:{harness.port}"),
            "--wav",
            str(wav),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), 90)
        assert proc.returncode == 0, (out, err)
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"
    assert finished.heard_speech
    frames = b"".join(e.pcm for e in harness.events if isinstance(e, AudioReceived))
    samples = np.frombuffer(frames, dtype="<i2")
    assert (np.abs(samples.astype(np.int32)) > 1000).sum() > 0.1 * 8000 * sent_seconds


async def _dial_sipp(tmp_path: Path, scenario: str, **options: object) -> tuple[object, object]:
    port = free_port()
    sipp = asyncio.create_task(answer_one_call(tmp_path, scenario, port, name="uas"))
    # Dial only once sipp listens: an INVITE retransmitted while sipp starts reaches it
    # twice, and sipp answers the copy with its last message again (a second 401, say),
    # which we rightly ACK again and sipp then takes for an unexpected message.
    await wait_for_udp_listener(port)
    dialer = Dialer(DialerOptions(**options))  # type: ignore[arg-type]
    await dialer.start()
    try:
        call = await dialer.dial(f"sip:13800000000@127.0.0.1:{port}")
        if call.outcome == "answered":
            await call.play(speechlike_pcm(0.5))
            await call.send_dtmf("1")
            await call.hangup()
    finally:
        await dialer.close()
    return call, await sipp


@needs_sipp
async def test_dialer_answered_with_digest_401(tmp_path: Path) -> None:
    scenario = uas_scenario(challenge="401")
    call, result = await _dial_sipp(tmp_path, scenario, username="survey", password="s3cret")
    assert result.returncode == 0, str(result)
    assert call.outcome == "answered"  # type: ignore[attr-defined]


@needs_sipp
async def test_dialer_407_with_wrong_password_fails(tmp_path: Path) -> None:
    scenario = uas_scenario(challenge="407")
    call, _ = await _dial_sipp(tmp_path, scenario, username="survey", password="wrong")
    assert call.outcome == "failed" and call.status == 403  # type: ignore[attr-defined]


@needs_sipp
@pytest.mark.parametrize(
    ("status", "outcome"), [("486 Busy Here", "busy"), ("480 Temporarily Unavailable", "no_answer")]
)
async def test_dialer_busy_and_unavailable(tmp_path: Path, status: str, outcome: str) -> None:
    scenario = uas_scenario(status)
    call, result = await _dial_sipp(tmp_path, scenario)
    assert result.returncode == 0, str(result)
    assert call.outcome == outcome  # type: ignore[attr-defined]


async def test_dialer_shares_listener_port_and_hears_remote_bye(listener_factory) -> None:
    """serve mode: follow-up calls go out from the listener's own SIP port."""
    async with listener_factory() as node, listener_factory(max_call_seconds=2) as callee:
        dialer = Dialer(DialerOptions(), endpoint=node.listener.endpoint)
        await dialer.start()
        call = await dialer.dial(f"sip:12345@127.0.0.1:{callee.port}")
        assert call.outcome == "answered"
        await asyncio.wait_for(call.hung_up_by_peer.wait(), 30)  # callee's max duration BYE
        await call.close()
        (finished,) = await callee.finished()
        assert finished.reason == "max_duration"
        # The node still serves its own inbound calls' requests (OPTIONS via the fallback).
        assert node.listener.active_calls == 0


@needs_sipp
async def test_dialer_early_media_then_answer(tmp_path: Path) -> None:
    scenario = uas_scenario(early_media=True)
    call, result = await _dial_sipp(tmp_path, scenario)
    assert result.returncode == 0, str(result)
    assert call.outcome == "answered" and call.early_media  # type: ignore[attr-defined]


@needs_sipp
async def test_dialer_acks_the_487_after_its_cancel(tmp_path: Path) -> None:
    """RFC 3261 §17.1.1.3: no answer → CANCEL; the 487 is ACKed (a retransmitted 487 is
    re-ACKed too: see the sans-I/O test; sipp would take our identical re-ACK for a
    retransmission of the first and answer it with its last message, endlessly)."""
    call, result = await _dial_sipp(tmp_path, ring_until_cancel(check_ack=True), ring_timeout=1.0)
    assert result.returncode == 0, str(result)
    assert call.outcome == "no_answer"  # type: ignore[attr-defined]
    ack = result.messages[result.messages.rindex("ACK sip:") :].split("\n\n")[0]
    invite = result.messages[result.messages.index("INVITE sip:") :].split("\n\n")[0]
    branch = next(line for line in invite.splitlines() if line.startswith("Via:"))
    assert branch.split("branch=")[1].split(";")[0] in ack  # same branch as the INVITE
