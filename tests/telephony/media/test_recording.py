from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import soundfile
from hotline.telephony.audio import wav_header
from hotline.telephony.recording import (
    WRITE_BATCH_BYTES,
    CallRecorder,
    recording_path,
    repair_recordings,
    safe_name,
)

from tests.fixtures.media import sweep_pcm

WHEN = datetime(2026, 3, 5, 9, 30, tzinfo=UTC)


def read_pcm(path: Path) -> tuple[bytes, int]:
    samples, rate = soundfile.read(str(path), dtype="int16")
    return samples.astype("<i2").tobytes(), rate


def test_paths_are_dated_safe_and_never_an_existing_file(tmp_path: Path) -> None:
    first = recording_path(tmp_path, "a84b4c76e66710@pc33.example.com", WHEN)
    assert first == tmp_path / "2026" / "03" / "05" / "a84b4c76e66710_pc33.example.com.wav"
    CallRecorder(first).close()
    second = recording_path(tmp_path, "a84b4c76e66710@pc33.example.com", WHEN)
    assert second.name == "a84b4c76e66710_pc33.example.com-1.wav"
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("...") == "call"
    assert len(safe_name("x" * 1000)) <= 120


def test_recording_round_trip(tmp_path: Path) -> None:
    pcm = sweep_pcm(2.5)
    path = recording_path(tmp_path, "call-1", WHEN)
    with CallRecorder(path) as recorder:
        for i in range(0, len(pcm), 320):
            recorder.write(pcm[i : i + 320])
        assert recorder.duration_seconds == pytest.approx(2.5)
    info = soundfile.info(str(path))
    assert (info.samplerate, info.channels, info.subtype) == (8000, 1, "PCM_16")
    assert read_pcm(path) == (pcm, 8000)


def test_odd_writes_keep_samples_aligned(tmp_path: Path) -> None:
    pcm = sweep_pcm(0.1)
    path = tmp_path / "odd.wav"
    with CallRecorder(path) as recorder:
        recorder.write(pcm[:101])
        recorder.write(pcm[101:])
    assert read_pcm(path)[0] == pcm


def test_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        CallRecorder(path)
    assert path.read_bytes() == b"precious"


def test_write_after_close_is_an_error(tmp_path: Path) -> None:
    recorder = CallRecorder(tmp_path / "c.wav")
    recorder.close()
    recorder.close()
    with pytest.raises(ValueError, match="closed"):
        recorder.write(b"\x00\x00")


RECORDER_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from hotline.telephony.recording import CallRecorder
    pcm = Path(sys.argv[2]).read_bytes()
    recorder = CallRecorder(Path(sys.argv[1]))
    for i in range(0, len(pcm), 320):
        recorder.write(pcm[i:i + 320])
    print("written", flush=True)
    time.sleep(600)
    """
)


def test_sigkill_mid_recording_leaves_a_playable_file_that_repair_completes(
    tmp_path: Path,
) -> None:
    pcm = sweep_pcm(3.5)  # 35 whole write batches
    tail = sweep_pcm(0.02)  # one more frame: still gathering in the process when killed
    source = tmp_path / "source.pcm"
    source.write_bytes(pcm + tail)
    path = recording_path(tmp_path / "rec", "killed", WHEN)
    process = subprocess.Popen(
        [sys.executable, "-c", RECORDER_SCRIPT, str(path), str(source)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "written"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    # Playable straight away: the header was last updated at the 3 s mark.
    before, _ = read_pcm(path)
    assert before == pcm[: len(before)]
    assert len(before) == 3 * 16000
    assert repair_recordings(tmp_path / "rec") == [path]
    # Everything but the last, partial batch (< WRITE_BATCH_BYTES = 0.1 s) survives.
    assert read_pcm(path) == (pcm, 8000)
    assert len(tail) < WRITE_BATCH_BYTES
    assert repair_recordings(tmp_path / "rec") == []  # nothing left to fix


def test_repair_handles_torn_samples_tiny_files_and_leaves_others_alone(tmp_path: Path) -> None:
    pcm = sweep_pcm(0.2)
    torn = tmp_path / "a" / "torn.wav"
    torn.parent.mkdir()
    torn.write_bytes(wav_header(0) + pcm + b"\x01")
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    half_header = tmp_path / "half.wav"
    half_header.write_bytes(wav_header(0)[:20])
    foreign = tmp_path / "foreign.wav"
    foreign.write_bytes(b"not a wav file at all, but long enough to have a header......")
    good = tmp_path / "good.wav"
    with CallRecorder(good) as recorder:
        recorder.write(pcm)
    good_bytes = good.read_bytes()

    repaired = repair_recordings(tmp_path)

    assert sorted(repaired) == sorted([torn, empty, half_header])
    assert read_pcm(torn) == (pcm, 8000)
    assert soundfile.info(str(empty)).frames == 0
    assert soundfile.info(str(half_header)).frames == 0
    assert foreign.read_bytes().startswith(b"not a wav")
    assert good.read_bytes() == good_bytes
    assert repair_recordings(tmp_path / "missing") == []


def test_samples_are_not_altered(tmp_path: Path) -> None:
    extremes = np.array([-32768, 32767, 0, -1, 1], dtype="<i2").tobytes()
    path = tmp_path / "e.wav"
    with CallRecorder(path) as recorder:
        recorder.write(extremes)
    assert read_pcm(path)[0] == extremes
    assert os.path.getsize(path) == 44 + len(extremes)
