"""sipp calls the listener with real RTP from pcaps; the recording must hold the audio sent."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.events import AudioReceived, CallAnswered, CallFinished, DtmfReceived

from tests.fixtures.sip import RtpPlan, decode_payload, speechlike_pcm, write_rtp_pcap
from tests.fixtures.sipp import needs_sipp, sipp_ok, uac_audio

pytestmark = [needs_sipp, pytest.mark.timeout(180)]


def read_recording(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


def assert_packets_recorded(recording: np.ndarray, packets: list[bytes], pt: int) -> int:
    """Every sent packet's decoded samples appear in the recording, in order (exact match).

    The recording starts at the answer, so the caller's audio sits after an offset (the
    greeting time); each packet is searched from where the previous one ended.
    """
    position = 0
    found = 0
    for payload in packets:
        expected = np.frombuffer(decode_payload(payload, pt), dtype="<i2")
        n = len(expected)
        window = recording[position : position + n + 8000 * 3]
        if len(window) < n:
            break
        strided = np.lib.stride_tricks.sliding_window_view(window, n)
        hits = np.flatnonzero((strided == expected).all(axis=1))
        if hits.size == 0:
            continue
        position += int(hits[0]) + n
        found += 1
    return found


async def _call_with_plan(
    tmp_path: Path, listener_factory, plan: RtpPlan, digits: str = ""
) -> tuple[list, np.ndarray, list[bytes]]:
    pcap = tmp_path / "audio.pcap"
    written = write_rtp_pcap(pcap, plan)
    seconds = len(plan.pcm) / 16000
    async with listener_factory() as harness:
        xml = uac_audio(
            pcap, seconds, payload_type=plan.payload_type, ptime=plan.ptime_ms, digits=digits
        )
        # -l 1: one call at a time; call_listener's fresh ports: sipp exits 254 when it
        # cannot bind, so never a guessed port.
        await sipp_ok(tmp_path, harness, xml, "-l", "1", "-mi", "127.0.0.1")
        (finished,) = await harness.finished()
        events = list(harness.events)
    assert finished.reason == "caller_hangup"
    return events, read_recording(finished.recording_path), [p for _, p in written]


@pytest.mark.parametrize(
    ("payload_type", "ptime"),
    [(8, 20), (0, 20), (8, 30), (0, 30)],
    ids=["pcma20", "pcmu20", "pcma30", "pcmu30"],
)
async def test_recording_matches_sent_audio_and_digits(
    tmp_path: Path, listener_factory, payload_type: int, ptime: int
) -> None:
    plan = RtpPlan(speechlike_pcm(3.0), payload_type=payload_type, ptime_ms=ptime)
    events, recording, packets = await _call_with_plan(
        tmp_path, listener_factory, plan, digits="19#"
    )
    assert assert_packets_recorded(recording, packets, payload_type) == len(packets)
    assert [e.digit for e in events if isinstance(e, DtmfReceived)] == ["1", "9", "#"]
    (answered,) = [e for e in events if isinstance(e, CallAnswered)]
    assert answered.caller == "13900001111"  # P-Asserted-Identity wins over From
    assert answered.forwarded_from == "041112345"
    assert answered.called == "12345"
    chunks = [e.pcm for e in events if isinstance(e, AudioReceived)]
    assert chunks and all(len(pcm) % 320 == 0 for pcm in chunks)  # whole 20 ms frames


async def test_packet_loss_is_silence_and_rest_is_exact(tmp_path: Path, listener_factory) -> None:
    plan = RtpPlan(speechlike_pcm(3.0, seed=2), lose={20, 21, 60, 100})
    events, recording, packets = await _call_with_plan(tmp_path, listener_factory, plan)
    assert assert_packets_recorded(recording, packets, 8) == len(packets)
    finished = [e for e in events if isinstance(e, CallFinished)][0]
    assert finished.recording_path.exists()


async def test_timestamp_jump_keeps_recording(tmp_path: Path, listener_factory) -> None:
    plan = RtpPlan(speechlike_pcm(3.0, seed=3), timestamp_jump_at=75)
    _, recording, packets = await _call_with_plan(tmp_path, listener_factory, plan)
    assert assert_packets_recorded(recording, packets, 8) == len(packets)
    # No gap of silence standing in for 400M samples: bounded length.
    assert len(recording) < 8000 * 30


async def test_delayed_offer_answer_in_ack(tmp_path: Path, listener_factory) -> None:
    """INVITE without SDP: we offer in the 200, the caller answers (PCMU) in the ACK."""
    plan = RtpPlan(speechlike_pcm(2.0, seed=5), payload_type=0)
    pcap = tmp_path / "audio.pcap"
    packets = [p for _, p in write_rtp_pcap(pcap, plan)]
    xml = uac_audio(pcap, 2.0, payload_type=0)
    head, _, rest = xml.partition("Content-Type: application/sdp")
    sdp_answer = rest[rest.index("v=0") : rest.index("]]>")]
    invite_without_body = head + "Content-Length: 0\n\n    ]]>" + rest[rest.index("]]>") + 3 :]
    xml = invite_without_body.replace(
        '<recv response="200" rtd="true" rrs="true"/>',
        '<recv response="200" rtd="true" rrs="true">\n    <action><ereg regexp="RTP/AVP 8 0 101"'
        ' search_in="body" check_it="true" assign_to="offer"/></action>\n  </recv>\n'
        '  <Reference variables="offer"/>',
    ).replace(
        "      Content-Length: 0\n\n    ]]>\n  </send>\n  <nop>",
        "      Content-Type: application/sdp\n      Content-Length: [len]\n\n      "
        + sdp_answer
        + "    ]]>\n  </send>\n  <nop>",
        1,
    )
    async with listener_factory() as harness:
        await sipp_ok(tmp_path, harness, xml, "-mi", "127.0.0.1", name="late")
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"
    assert assert_packets_recorded(read_recording(finished.recording_path), packets, 0) == len(
        packets
    )
