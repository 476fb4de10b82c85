"""Admission by measured decode speed: the sans-I/O policy and meter, the limiter on top of
them, and one run with the real model (calibration at start, parallel backlog)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from hotline.asr.admission import WINDOW_S, AdmissionPolicy, DecodeMeter
from hotline.asr.audio import frames, read_audio
from hotline.asr.backlog import BacklogQueue
from hotline.asr.capacity import CapacityLimiter
from hotline.asr.model import LoadedModel
from hotline.asr.service import AsrService
from hotline.asr.transcript import Transcript
from hotline.asr.vosk_engine import VoskEngine

from hotline.settings import Settings


def test_live_streams_admitted_while_the_cores_keep_up() -> None:
    policy = AdmissionPolicy(cores=2, headroom=0.9)
    # 0.3 CPU s per call second: 6 streams fit in 1.8 cores, the 7th does not.
    assert policy.live_limit(0.3) == 6
    assert policy.admit_live(5, 0.3) and not policy.admit_live(6, 0.3)
    # Cheaper calls (the gate skipped the silence): more of them.
    assert policy.live_limit(0.1) == 18


def test_fixed_cap_still_applies_on_top_of_the_speed() -> None:
    assert AdmissionPolicy(cores=2, max_live=4).live_limit(0.1) == 4
    assert AdmissionPolicy(cores=2, max_live=40).live_limit(0.3) == 6
    assert not AdmissionPolicy(cores=2, max_live=0).admit_live(0, 0.1)


def test_nothing_measured_means_one_stream_per_core() -> None:
    assert AdmissionPolicy(cores=3).live_limit(None) == 3


def test_backlog_gets_the_idle_cores_and_never_none() -> None:
    policy = AdmissionPolicy(cores=4)
    assert policy.backlog_slots(live=0, cost=0.3) == 4
    assert policy.backlog_slots(live=5, cost=0.3) == 2  # 1.5 cores busy live
    assert policy.backlog_slots(live=20, cost=0.3) == 1  # overloaded: the backlog still moves


def test_meter_starts_from_calibration_then_follows_the_calls() -> None:
    meter = DecodeMeter()
    assert meter.cost is None
    meter.calibrate(cpu_seconds=0.9, audio_seconds=3.0)
    assert meter.cost == pytest.approx(0.3)
    meter.record(0.2, WINDOW_S / 2)
    assert meter.cost == pytest.approx(0.3)  # half a window: not yet
    meter.record(0.3, WINDOW_S / 2)  # 0.5 CPU s over one window = 0.05 per call second
    assert meter.cost == pytest.approx(0.05) and meter.windows == 1  # replaces calibration
    meter.record(WINDOW_S * 0.15, WINDOW_S)  # later windows move it gradually
    assert 0.05 < meter.cost < 0.15


def test_a_switch_starts_the_measurement_again_and_reserves_what_old_streams_cost() -> None:
    meter = DecodeMeter()
    meter.calibrate(0.6, 3.0)  # 0.2 on the lookahead graph: 10 live on 2 cores
    old = [meter.open_stream() for _ in range(4)]
    meter.record(0.2 * WINDOW_S, WINDOW_S, old[0])
    assert meter.windows == 1
    meter.recalibrate(0.15, 3.0)  # 0.05 on the new graph
    assert meter.cost == pytest.approx(0.05) and meter.windows == 0
    # The 4 streams still on the old graph take 0.15 CPU s per s each beyond the new rate.
    assert meter.reserved == pytest.approx(0.6)
    cap = CapacityLimiter(None, cores=2, meter=meter)
    cap.live = 4
    assert cap.live_limit() == 28  # (2 - 0.6) / 0.05, not 2 / 0.05 = 40
    assert cap.policy.backlog_slots(4, meter.cost, meter.reserved) == 1  # 0.8 cores busy
    # A job of an old stream says nothing about the new graph; a new stream's job does.
    meter.record(0.3 * WINDOW_S, WINDOW_S, old[1])
    assert meter.cost == pytest.approx(0.05) and meter.windows == 0
    new = meter.open_stream()
    meter.record(0.04 * WINDOW_S, WINDOW_S, new)
    assert meter.cost == pytest.approx(0.04) and meter.windows == 1
    for generation in old:  # the old streams end: the reserve goes with them
        meter.close_stream(generation)
    assert meter.reserved == 0.0
    assert cap.live_limit() == 50


def test_a_switch_with_no_stream_open_reserves_nothing() -> None:
    meter = DecodeMeter()
    meter.calibrate(0.6, 3.0)
    meter.close_stream(meter.open_stream())
    meter.recalibrate(0.15, 3.0)
    assert meter.reserved == 0.0 and meter.cost == pytest.approx(0.05)


def test_limiter_follows_the_meter() -> None:
    meter = DecodeMeter()
    meter.calibrate(0.9, 3.0)  # 0.3 → 6 live on 2 cores
    cap = CapacityLimiter(None, cores=2, meter=meter)
    assert all(cap.try_acquire_live() for _ in range(6)) and not cap.try_acquire_live()
    meter.record(0.1 * WINDOW_S, WINDOW_S)  # measured 0.1: room for 20 on 2 cores
    assert cap.try_acquire_live() and cap.live_limit() == 20


def test_fixed_limiter_without_meter_is_unchanged() -> None:
    cap = CapacityLimiter(2)
    assert cap.try_acquire_live() and cap.try_acquire_live() and not cap.try_acquire_live()
    assert CapacityLimiter(None, cores=3).live_limit() == 3


async def test_backlog_jobs_wait_only_when_idle_cores_are_used() -> None:
    meter = DecodeMeter()
    meter.calibrate(1.5, 3.0)  # 0.5 CPU s per call second
    cap = CapacityLimiter(None, cores=2, meter=meter)
    await asyncio.wait_for(cap.acquire_backlog(), 1)
    await asyncio.wait_for(cap.acquire_backlog(), 1)  # two idle cores: two jobs at once
    third = asyncio.ensure_future(cap.acquire_backlog())
    await asyncio.sleep(0.05)
    assert not third.done()
    cap.release_backlog()
    await asyncio.wait_for(third, 1)


def test_settings_keep_max_live_streams_optional() -> None:
    assert Settings().asr.max_live_streams is None
    assert Settings(asr={"max_live_streams": 6}).asr.max_live_streams == 6


async def test_service_admits_by_measured_speed_and_drains_the_backlog_in_parallel(
    tmp_path: Path, vosk_loaded_model: LoadedModel, speech_wav: Callable[..., Path]
) -> None:
    engine = VoskEngine(vosk_loaded_model.info.path, decode_threads=2, loaded=vosk_loaded_model)
    db = sa.create_engine(f"sqlite:///{tmp_path / 'hotline.db'}")
    BacklogQueue(db).create_table()
    done: dict[str, Transcript] = {}
    running: list[int] = []

    async def on_done(key: str, transcript: Transcript) -> None:
        running.append(service.capacity.backlog)
        done[key] = transcript

    settings = Settings(asr={"model_path": vosk_loaded_model.info.path, "decode_threads": 2})
    service = AsrService.from_settings(settings.asr, db, on_done, engine=engine)
    service.worker.poll_interval = 0.2
    await service.start()
    try:
        # Calibrated at start: the limit comes from the measured cost, not a fixed 6.
        cost = engine.meter.cost
        assert cost is not None and cost > 0
        assert service.capacity.live_limit() == int(2 / cost)  # all the cores
        # Live calls are decoded as they come and report what they cost.
        pcm = read_audio(speech_wav(8000)).pcm
        calls = [await service.open_call(f"c{i}", 8000) for i in range(2)]
        assert all(call.live for call in calls)
        for frame in frames(pcm * 3, 8000, 100):
            for call in calls:
                call.feed(frame)
            await asyncio.sleep(0)
        live = [await call.finish(tmp_path / "unused.wav") for call in calls]
        assert all(t is not None and t.words for t in live)
        assert engine.meter.windows >= 1  # ≥ 10 s of call audio measured
        # The backlog: with no live call, both cores take a job each.
        wav = str(speech_wav(8000))
        for i in range(4):
            await service.worker.enqueue(f"q{i}", wav)
        await asyncio.wait_for(_until(lambda: len(done) >= 4), 120)
        assert all(done[f"q{i}"].words for i in range(4))
        assert max(running) == 2  # two jobs ran side by side
    finally:
        await service.stop()


async def _until(ready: Callable[[], bool]) -> None:
    while not ready():
        await asyncio.sleep(0.1)
