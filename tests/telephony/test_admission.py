"""INVITE admission: a call we cannot carry gets 503 + Retry-After at once (Kamailio
fails over), never a 500 and never silence. Raw SIP against the real listener."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hotline.telephony.admission import MB, AdmissionLimits, admit, storage_health
from hotline.telephony.events import CallAnswered

from tests.telephony.raw_uac import RawUac, sockets

pytestmark = pytest.mark.timeout(60)


async def invite(port: int, rtp: tuple[str, int]) -> tuple[RawUac, int, str | None]:
    uac = await RawUac(("127.0.0.1", port)).open()
    uac.send_invite(rtp)
    final = await uac.final_response()
    assert final is not None, "no final answer to the INVITE"
    return uac, final.status or 0, final.get("Retry-After")


async def test_no_free_rtp_port_is_503_with_retry_after(listener_factory) -> None:
    """Used to be 500 (an internal error); running out of ports is being busy."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        if port % 2:  # RTP takes even ports only: hold an even one
            taken.close()
            taken = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            taken.bind(("127.0.0.1", port + 1))
            port += 1
        try:
            async with listener_factory(rtp_port_min=port, rtp_port_max=port) as harness:
                with sockets("127.0.0.1") as (rtp_sock,):
                    uac, status, retry_after = await invite(harness.port, rtp_sock.getsockname())
                    uac.close()
                assert status == 503
                assert retry_after is not None and int(retry_after) > 0
                await harness.wait_for(lambda: not harness.listener.calls, timeout=10)
        finally:
            taken.close()


async def test_calls_beyond_max_calls_get_503_with_retry_after(listener_factory) -> None:
    async with listener_factory(max_calls=1) as harness:
        with sockets("127.0.0.1", "127.0.0.1") as (first_rtp, second_rtp):
            first = await RawUac(("127.0.0.1", harness.port)).open()
            try:
                await first.call(first_rtp.getsockname())
                second, status, retry_after = await invite(harness.port, second_rtp.getsockname())
                second.close()
                assert status == 503
                assert retry_after is not None and int(retry_after) > 0
                assert len(harness.of_type(CallAnswered)) == 1
                first.bye()
                await harness.finished()
                # A place is free again: the next call is answered.
                third = await RawUac(("127.0.0.1", harness.port)).open()
                try:
                    await third.call(second_rtp.getsockname())
                    third.bye()
                finally:
                    third.close()
                await harness.finished(2)
            finally:
                first.close()


def test_admit_refuses_below_the_free_space_floor(tmp_path: Path) -> None:
    """The free-space reading injected: the decision alone, on any machine (the real full
    volume is in test_disk_full.py)."""
    limits = AdmissionLimits(tmp_path / "rec", min_free_bytes=200 * MB)
    assert admit(limits, 0, free_space=lambda path: 500 * MB) is None
    refusal = admit(limits, 0, free_space=lambda path: 10 * MB)
    assert refusal is not None and refusal.status == 503 and refusal.retry_after > 0
    assert "full" in refusal.reason

    def unreadable(path: Path) -> int:
        raise OSError(5, "Input/output error")

    assert admit(limits, 0, free_space=unreadable) is not None  # unknown counts as full
    assert admit(AdmissionLimits(tmp_path, 0), 0, free_space=unreadable) is None  # check off
    assert admit(AdmissionLimits(tmp_path, max_calls=3), 2) is None
    assert admit(AdmissionLimits(tmp_path, max_calls=3), 3) is not None


def test_storage_health_reads_the_nearest_existing_folder(tmp_path: Path) -> None:
    health = storage_health(tmp_path / "not" / "yet" / "made", 1)
    assert health.free_bytes is not None and health.free_bytes > 0 and health.ok
    assert set(health.as_dict()) == {"ok", "free_bytes", "min_free_bytes", "last_write_error"}
