"""Speech gating on live calls: sipp sends a noisy line (hiss, no digital silence) to the
listener, whose audio goes to a gated VoskEngine stream (real Korean test model) as the
intake runtime feeds it. The gate only decides what the recogniser decodes: key presses
and the silence hang-up, which read the call upstream of it, must not change."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from hotline.asr.model import LoadedModel
from hotline.asr.transcript import Transcript
from hotline.asr.vosk_engine import VoskEngine
from hotline.telephony.events import AudioReceived, CallEvent, CallFinished, DtmfReceived

from tests.asr.test_speech_gate import on_a_noisy_line, silence
from tests.fixtures.sip import ListenerHarness, RtpPlan, write_rtp_pcap
from tests.fixtures.sipp import (
    ANSWERED,
    EXPECT_BYE_FROM_US,
    call_listener,
    invite,
    needs_sipp,
    play,
    request,
    scenario,
    uac_audio,
)

pytestmark = [needs_sipp, pytest.mark.timeout(240)]

RATE = 8000


class GatedTranscription:
    """Feeds the call's audio to a gated stream as it arrives; finishes at the call's end."""

    def __init__(self, engine: VoskEngine, harness: ListenerHarness) -> None:
        self.engine = engine
        self.harness = harness
        self.stream: object = None
        self.done: asyncio.Future[Transcript] = asyncio.get_running_loop().create_future()
        self._record = harness.on_event
        harness.on_event = self.on_event  # type: ignore[method-assign]

    async def open(self) -> None:
        self.stream = await self.engine.open_stream(RATE)

    def on_event(self, event: CallEvent) -> None:
        self._record(event)
        stream = self.stream
        assert stream is not None
        if isinstance(event, AudioReceived):
            stream.feed(event.pcm)  # type: ignore[attr-defined]
        elif isinstance(event, CallFinished):
            task = asyncio.ensure_future(stream.finish())  # type: ignore[attr-defined]
            task.add_done_callback(lambda t: self.done.set_result(t.result()))


def _pcap(tmp_path: Path, pcm: bytes) -> Path:
    path = tmp_path / "line.pcap"
    write_rtp_pcap(path, RtpPlan(pcm=pcm, payload_type=8, ptime_ms=20))
    return path


async def test_digits_and_speech_after_a_long_noisy_pause_survive_gating(
    tmp_path: Path,
    listener_factory: Callable[..., object],
    vosk_loaded_model: LoadedModel,
    speech_pcm: Callable[..., bytes],
) -> None:
    speech = speech_pcm(RATE)
    said = len(speech) / 2 / RATE
    pause = 12.0
    line = on_a_noisy_line(silence(1) + speech + silence(pause) + speech + silence(1))
    engine = VoskEngine(vosk_loaded_model.info.path, loaded=vosk_loaded_model)
    try:
        async with listener_factory(greeting_pcm=b"") as harness:  # type: ignore[attr-defined]
            asr = GatedTranscription(engine, harness)
            await asr.open()
            xml = uac_audio(_pcap(tmp_path, line), len(line) / 2 / RATE, digits="1#")
            result = await call_listener(tmp_path, harness.port, xml, "-l", "1", "-mi", "127.0.0.1")
            assert result.returncode == 0, str(result)
            (finished,) = await harness.finished()
            transcript = await asyncio.wait_for(asr.done, 120)
    finally:
        await engine.close()
    assert [e.digit for e in harness.of_type(DtmfReceived)] == ["1", "#"]
    assert finished.reason == "caller_hangup" and finished.heard_speech
    # Most of the pause was not decoded, yet the sentence after it was.
    gate = asr.stream.gate  # type: ignore[attr-defined]
    assert gate.passed_samples < 0.6 * len(line) / 2
    middle = 1 + said + pause / 2  # the recording (and word times) start at the answer
    early = [w.word for w in transcript.words if w.start < middle]
    late = [w.word for w in transcript.words if w.start >= middle]
    assert len(early) >= 4 and len(late) >= 0.7 * len(early), (early, late)


async def test_silence_hangup_on_a_noisy_line_with_gating(
    tmp_path: Path,
    listener_factory: Callable[..., object],
    vosk_loaded_model: LoadedModel,
    speech_pcm: Callable[..., bytes],
) -> None:
    line = on_a_noisy_line(silence(0.5) + speech_pcm(RATE) + silence(12))
    xml = scenario(invite(), ANSWERED, request("ACK", 1), play(_pcap(tmp_path, line)))
    xml = xml.replace("</scenario>", EXPECT_BYE_FROM_US + "</scenario>")
    engine = VoskEngine(vosk_loaded_model.info.path, loaded=vosk_loaded_model)
    try:
        async with listener_factory(  # type: ignore[attr-defined]
            greeting_pcm=b"", silence_timeout=3, no_speech_timeout=60
        ) as harness:
            asr = GatedTranscription(engine, harness)
            await asr.open()
            result = await call_listener(tmp_path, harness.port, xml, name="silence")
            assert result.returncode == 0, str(result)
            (finished,) = await harness.finished()
            transcript = await asyncio.wait_for(asr.done, 120)
    finally:
        await engine.close()
    # The line hiss (about -44 dBFS) is silence to the hang-up rule, as without the gate.
    assert finished.reason == "silence" and finished.heard_speech
    assert len(transcript.words) >= 4
