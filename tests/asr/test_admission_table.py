"""Admission by measured speed as a table of cases (the sans-I/O policy), and the synthetic
speech-like call the engine calibrates on (real WebRTC VAD)."""

from __future__ import annotations

import pytest
from hotline.asr.admission import HEADROOM, AdmissionPolicy
from hotline.asr.audio import frames
from hotline.asr.calibration import LEAD_S, calibration_call
from hotline.asr.vad import Chunk, Endpoint, SpeechGate

# cores, fixed cap, cost (CPU s per call s), live now → live limit, admit one more, backlog slots
CASES = [
    # 2 cores at 0.25 (a gated call of the bursts bench): all 8 of a burst live, none queued.
    (2, None, 0.25, 7, 8, True, 1),
    (2, None, 0.25, 8, 8, False, 1),
    # 0.2: 10 fit; 4 live use 0.8 cores, so one backlog job runs beside them.
    (2, None, 0.2, 4, 10, True, 1),
    (2, None, 0.2, 0, 10, True, 2),
    # a cost just over what fits: floor, never one stream too many
    (2, None, 0.34, 4, 5, True, 1),
    (2, None, 0.34, 5, 5, False, 1),
    # 4 cores idle: the backlog takes all four; 10 live at 0.3 leave one
    (4, None, 0.3, 0, 13, True, 4),
    (4, None, 0.3, 10, 13, True, 1),
    # overload (measured cost rose): no new live stream, the backlog still moves
    (2, None, 0.5, 6, 4, False, 1),
    # the optional fixed cap wins when lower, never when higher
    (2, 3, 0.1, 2, 3, True, 1),
    (2, 3, 0.1, 3, 3, False, 1),
    (2, 40, 0.3, 6, 6, False, 1),
    (2, 0, 0.1, 0, 0, False, 2),  # 0 = every call after hang-up
    # nothing measured yet (remote engine): one stream per core
    (3, None, None, 2, 3, True, 1),
]


@pytest.mark.parametrize(("cores", "cap", "cost", "live", "limit", "admit", "backlog"), CASES)
def test_admission_table(
    cores: int,
    cap: int | None,
    cost: float | None,
    live: int,
    limit: int,
    admit: bool,
    backlog: int,
) -> None:
    policy = AdmissionPolicy(cores=cores, max_live=cap)
    assert policy.live_limit(cost) == limit
    assert policy.admit_live(live, cost) is admit
    assert policy.backlog_slots(live, cost) == backlog


def test_live_streams_are_planned_on_all_the_cores() -> None:
    # A live stream slightly behind catches up at hang-up; a queued call needs its whole
    # decode afterwards, so planning below 100 % sends calls to the backlog for nothing.
    assert HEADROOM == 1.0
    assert AdmissionPolicy(cores=2).live_limit(0.25) == 8


def test_calibration_call_is_deterministic_speech_between_pauses() -> None:
    pcm, seconds = calibration_call(8000)
    assert calibration_call(8000) == (pcm, seconds)
    assert len(pcm) == int(seconds * 8000) * 2
    gate = SpeechGate(8000)
    out = [item for frame in frames(pcm, 8000, 20) for item in gate.push(frame)] + gate.flush()
    chunks = [o for o in out if isinstance(o, Chunk)]
    endpoints = [o for o in out if isinstance(o, Endpoint)]
    # The real VAD takes it for speech: the gate opens after the lead-in hiss, each phrase
    # closes with an endpoint, and the decoder sees most but not all of the call.
    assert chunks and chunks[0].offset >= int((LEAD_S - 0.4) * 8000)
    assert len(endpoints) >= 2
    passed = sum(len(c.pcm) // 2 for c in chunks)
    assert 0.5 < passed / (len(pcm) // 2) < 1.0
