"""How calls end, plus TCP, UPDATE hold, SIP INFO digits and draining (stop_accepting)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered, CallFinished, DtmfReceived
from hotline.telephony.recording import CallRecorder

from tests.fixtures.sip import RtpPlan, speechlike_pcm
from tests.fixtures.sip import write_rtp_pcap as write_pcap
from tests.fixtures.sipp import (
    ANSWERED,
    EXPECT_BYE_FROM_US,
    HANG_UP,
    body_must_match,
    invite,
    needs_sipp,
    play,
    request,
    scenario,
    sdp,
    sipp_ok,
)

pytestmark = [needs_sipp, pytest.mark.timeout(180)]


async def test_tcp_call(tmp_path: Path, listener_factory) -> None:
    xml = scenario(invite(), ANSWERED, request("ACK", 1), HANG_UP)
    async with listener_factory() as harness:
        await sipp_ok(tmp_path, harness, xml, "-t", "t1")
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"


async def test_update_hold_and_info_digit(tmp_path: Path, listener_factory) -> None:
    update = (
        request("UPDATE", 2)
        .replace(
            "      Content-Length: 0\n",
            "      Content-Type: application/sdp\n      Content-Length: [len]\n",
        )
        .replace("  ]]></send>", "      " + sdp("inactive") + "  ]]></send>")
    )
    info = (
        request("INFO", 3)
        .replace(
            "      Content-Length: 0\n",
            "      Content-Type: application/dtmf-relay\n      Content-Length: [len]\n",
        )
        .replace("  ]]></send>", "      Signal=5\n      Duration=160\n  ]]></send>")
    )
    xml = scenario(
        invite(),
        ANSWERED,
        request("ACK", 1),
        update,
        '  <recv response="200">\n' + body_must_match("a=inactive", "u") + "  </recv>\n",
        info,
        '  <recv response="200"/>\n',
        request("BYE", 4),
        '  <recv response="200"/>\n',
    )
    async with listener_factory() as harness:
        await sipp_ok(tmp_path, harness, xml)
        await harness.finished()
    assert [e.digit for e in harness.of_type(DtmfReceived)] == ["5"]


async def test_stop_accepting_answers_503_and_drains(tmp_path: Path, listener_factory) -> None:
    xml = scenario(
        invite(),
        '  <recv response="100" optional="true"/>\n  <recv response="503"/>\n',
        request("ACK", 1, uri="sip:x@[remote_ip]"),
    )
    async with listener_factory() as harness:
        await harness.listener.stop_accepting()
        await sipp_ok(tmp_path, harness, xml)
        assert await harness.listener.wait_idle(5)
    assert not harness.of_type(CallAnswered)


async def test_close_waits_for_a_call_still_closing_its_recording(
    tmp_path: Path, listener_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The caller has hung up and the recording is being closed (slow here, as on a busy
    disk) when the listener shuts down: the call's CallFinished still comes out."""
    real_close = CallRecorder.close

    def slow_close(recorder: CallRecorder) -> None:
        time.sleep(1.5)  # runs in a worker thread, like the real fsync
        real_close(recorder)

    monkeypatch.setattr(CallRecorder, "close", slow_close)
    xml = scenario(invite(), ANSWERED, request("ACK", 1), HANG_UP)
    async with listener_factory() as harness:
        await sipp_ok(tmp_path, harness, xml, name="closing")
        assert not harness.of_type(CallFinished)  # still closing when we shut down
    (finished,) = harness.of_type(CallFinished)
    assert finished.reason == "caller_hangup" and finished.recording_path.is_file()


async def test_no_speech_from_the_start_ends_call(tmp_path: Path, listener_factory) -> None:
    xml = scenario(invite(), ANSWERED, request("ACK", 1), EXPECT_BYE_FROM_US)
    async with listener_factory(no_speech_timeout=2, silence_timeout=60) as harness:
        await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert finished.reason == "silence" and not finished.heard_speech


async def test_silence_after_speech_ends_call(tmp_path: Path, listener_factory) -> None:
    pcap = tmp_path / "speech-then-silence.pcap"
    write_pcap(pcap, RtpPlan(speechlike_pcm(1.5) + b"\x00\x00" * 8000 * 8))
    xml = scenario(invite(), ANSWERED, request("ACK", 1), play(pcap), EXPECT_BYE_FROM_US)
    async with listener_factory(
        greeting_pcm=b"", silence_timeout=2, no_speech_timeout=60
    ) as harness:
        await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert finished.reason == "silence" and finished.heard_speech


async def test_media_timeout_ends_call(tmp_path: Path, listener_factory) -> None:
    xml = scenario(invite(), ANSWERED, request("ACK", 1), EXPECT_BYE_FROM_US)
    async with listener_factory(media_timeout=2, silence_timeout=60) as harness:
        await sipp_ok(tmp_path, harness, xml, name="media")
        (finished,) = await harness.finished()
    assert finished.reason == "media_timeout"
