"""Call quality at hang-up: baresip sends real RTCP (the round-trip time comes from its
reports on our SRs); a sipp call sends none (RTT unknown, loss and jitter still counted)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hotline.telephony.events import CallFinished

from tests.fixtures.baresip import baresip_dialing, needs_baresip
from tests.fixtures.sip import tone_pcm
from tests.fixtures.sipp import G711_PCAP, needs_sipp, sipp_call

pytestmark = pytest.mark.timeout(150)


@needs_baresip
async def test_baresip_rtcp_gives_rtt_and_a_good_mos(tmp_path: Path, listener_factory) -> None:
    wav = tmp_path / "tone.wav"
    # Long enough for a few 5-second RTCP intervals both ways.
    subprocess.run(
        [
            "sox",
            "-n",
            "-r",
            "8000",
            "-c",
            "1",
            "-b",
            "16",
            str(wav),
            "synth",
            "22",
            "sine",
            "440",
            "vol",
            "0.3",
        ],
        check=True,
    )
    async with (
        # A greeting: our RTP, so our reports are SRs that baresip's reports can echo.
        listener_factory(greeting_pcm=tone_pcm(3.0), trusted_media=["127.0.0.0/8"]) as harness,
        baresip_dialing(tmp_path / "baresip", wav, harness.port, user="q") as phone,
    ):
        (finished,) = await harness.finished(timeout=90)
    quality = finished.quality
    assert quality is not None, phone.output[-2000:]
    assert quality.rtt_ms is not None and 0 <= quality.rtt_ms < 1000, phone.output[-2000:]
    assert quality.packets_expected > 500 and quality.loss_ratio < 0.01
    assert quality.mos > 4.0 and not quality.poor


@needs_sipp
async def test_sipp_call_without_rtcp_still_has_a_quality(tmp_path: Path, listener_factory) -> None:
    async with listener_factory() as harness:
        result = await sipp_call(tmp_path, harness.port, G711_PCAP, 8.0)
        assert result.returncode == 0, str(result)
        (finished,) = await harness.finished()
    assert isinstance(finished, CallFinished) and finished.quality is not None
    assert finished.quality.rtt_ms is None and finished.quality.packets_expected > 100
    assert not finished.quality.poor


def test_quality_reaches_metrics() -> None:
    from hotline.ticketing.web.metrics import REGISTRY, observe_call_quality
    from prometheus_client import generate_latest

    before = REGISTRY.get_sample_value("hotline_calls_poor_audio_total") or 0.0
    observe_call_quality(2.1, 0.08, True)
    observe_call_quality(4.4, None, False)
    assert REGISTRY.get_sample_value("hotline_calls_poor_audio_total") == before + 1
    text = generate_latest(REGISTRY).decode()
    assert "hotline_call_mos_bucket" in text and "hotline_call_rtt_seconds_count" in text
