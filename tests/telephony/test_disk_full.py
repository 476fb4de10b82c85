"""A full recordings volume, for real: a tiny tmpfs mounted for the test, the real
listener, raw SIP and raw RTP on loopback.

Mounting needs root (CAP_SYS_ADMIN); where it is not allowed the tests here skip and
tests/telephony/test_admission.py still covers the admission decision with an
injected free-space reading.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.admission import free_bytes, storage_health
from hotline.telephony.events import CallAnswered
from hotline.telephony.recording import last_write_failure

from tests.fixtures.sip import speechlike_pcm
from tests.telephony.raw_uac import (
    RawUac,
    alaw_payload,
    final_answer_to_invite,
    packets_found,
    rtp_packet,
    sdp_media_port,
    sockets,
)

pytestmark = pytest.mark.timeout(120)
PAGE = os.sysconf("SC_PAGE_SIZE")


@pytest.fixture
def tiny_volume(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs of our own, unmounted afterwards."""
    mountpoint = tmp_path / "volume"
    mountpoint.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mountpoint)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def fill(volume: Path, leave_bytes: int = 0) -> None:
    """Fill the volume, then give back `leave_bytes` (whole pages)."""
    filler = volume / "filler"
    with open(filler, "wb") as handle:
        block = b"\0" * 65536
        with contextlib.suppress(OSError):
            while True:
                handle.write(block)
                handle.flush()
        # What the last write left in the buffer can never go to disk: drop it.
        with contextlib.suppress(OSError):
            handle.flush()
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave_bytes))
    assert free_bytes(volume) <= leave_bytes + PAGE


async def test_a_full_volume_answers_503_with_retry_after(tiny_volume: Path, listener_factory):
    """Used to get only 100 Trying and no final answer. Kamailio needs the 503 to fail over."""
    fill(tiny_volume)
    async with listener_factory(recordings_dir=tiny_volume / "rec", min_free_mb=0.5) as harness:
        final = await final_answer_to_invite(harness.port)
        assert final is not None and final.status == 503, final
        assert int(final.get("Retry-After") or "0") > 0
        assert harness.listener.calls == {}
        assert not harness.of_type(CallAnswered)


async def test_without_the_free_space_floor_a_full_volume_still_gets_a_final_answer(
    tiny_volume: Path, listener_factory
) -> None:
    """No room even for the WAV header: 503 (not silence, not 500), no call left behind,
    no empty file left on the volume."""
    fill(tiny_volume)
    async with listener_factory(recordings_dir=tiny_volume / "rec", min_free_mb=0) as harness:
        final = await final_answer_to_invite(harness.port)
        assert final is not None and final.status == 503, final
        assert final.get("Retry-After")
        await harness.wait_for(lambda: not harness.listener.calls, timeout=10)
        assert not harness.of_type(CallAnswered)
    assert list((tiny_volume / "rec").rglob("*.wav")) == []
    failure = last_write_failure()
    assert failure is not None and "No space left" in failure.error


async def test_a_volume_filling_up_during_a_call_ends_it_cleanly(
    tiny_volume: Path, listener_factory, caplog: pytest.LogCaptureFixture
) -> None:
    """Used to leave a call that never ended (the end-of-call step raised ENOSPC). Now:
    BYE to the caller, the audio recorded so far kept in a valid WAV, the call gone,
    the error logged and reported for /healthz."""
    fill(tiny_volume, leave_bytes=6 * PAGE)  # room for well under 2 s of audio
    pcm = speechlike_pcm(5.0, seed=21)
    payloads = [alaw_payload(pcm[o : o + 320]) for o in range(0, len(pcm), 320)]
    caplog.set_level(logging.ERROR, logger="hotline.telephony")
    async with listener_factory(recordings_dir=tiny_volume / "rec", min_free_mb=0) as harness:
        with sockets("127.0.0.1") as (rtp_sock,):
            uac = await RawUac(("127.0.0.1", harness.port)).open()
            try:
                ok = await uac.call(rtp_sock.getsockname())
                target = ("127.0.0.1", sdp_media_port(ok))

                async def send_audio() -> None:
                    for index, payload in enumerate(payloads):
                        rtp_sock.sendto(
                            rtp_packet(10 + index, 160 * index, 0xD15C, payload), target
                        )
                        await asyncio.sleep(0.02)

                sender = asyncio.create_task(send_audio())
                try:
                    bye = await uac.wait_for_bye(timeout=30)
                finally:
                    sender.cancel()
            finally:
                uac.close()
            (finished,) = await harness.finished(timeout=30)
        assert bye.method == "BYE"
        assert harness.listener.calls == {}
    assert finished.reason == "recording_failed"
    path = finished.recording_path
    with wave.open(str(path)) as w:  # a valid WAV whose header matches the data on disk
        frames = w.getnframes()
        recording = np.frombuffer(w.readframes(frames), dtype="<i2")
    assert frames > 0 and path.stat().st_size == 44 + 2 * frames
    assert finished.duration_seconds == pytest.approx(frames / 8000)
    kept = frames // 160  # whole packets kept: exactly the first ones sent
    assert packets_found(recording, payloads[: kept - 1]) == len(set(payloads[: kept - 1]))
    assert kept < len(payloads) // 2
    assert any("writing the recording" in r.getMessage() for r in caplog.records)
    failure = last_write_failure()
    assert failure is not None and failure.path == path
    assert os.strerror(errno.ENOSPC) in failure.error
    health = storage_health(tiny_volume / "rec", 64 * 1024)
    assert not health.ok and health.as_dict()["last_write_error"] is not None
