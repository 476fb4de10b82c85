"""The test workers' port slices: two workers never hand out the same port, and a port
drawn for sipp's media has the four ports sipp binds from it free."""

from __future__ import annotations

import socket

import pytest

from tests.fixtures import common
from tests.fixtures.common import free_port, port_slice, rtp_window


def _slice(monkeypatch: pytest.MonkeyPatch, worker: str, count: int) -> tuple[int, int]:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", str(count))
    return port_slice()


def test_the_workers_slices_are_disjoint_and_even(monkeypatch: pytest.MonkeyPatch) -> None:
    slices = [_slice(monkeypatch, f"gw{i}", 3) for i in range(3)]
    for (low, high), (next_low, _) in zip(slices, slices[1:], strict=False):
        assert low < high <= next_low
    assert all(low % 2 == 0 and low >= 10000 for low, _ in slices)


def test_ports_and_rtp_windows_stay_in_the_workers_slice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    low, high = _slice(monkeypatch, "gw1", 2)
    for _ in range(20):
        port = free_port(span=4)
        assert low <= port and port + 3 < high and port % 2 == 0
        window = rtp_window(2000)
        assert low <= window[0] < window[1] < high


def test_a_media_port_has_its_four_ports_free() -> None:
    port = free_port(span=4)
    sockets = []
    try:
        for offset in range(4):  # audio RTP, RTCP, video RTP, RTCP: what sipp -mp binds
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sockets.append(s)
            s.bind(("127.0.0.1", port + offset))
    finally:
        for s in sockets:
            s.close()


def test_a_media_range_never_lies_over_a_port_to_avoid(monkeypatch: pytest.MonkeyPatch) -> None:
    """sipp's SIP port is drawn first and bound later: its media range must not cover it."""
    sip_port = free_port()
    # A slice of a few ports around the SIP port, so an overlap would be drawn often.
    monkeypatch.setattr(common, "port_slice", lambda: (sip_port - 6, sip_port + 12))
    media = {free_port(span=4, avoid={sip_port, sip_port + 1}) for _ in range(40)}
    assert media and all(sip_port not in range(m, m + 4) for m in media)
    assert all(sip_port + 1 not in range(m, m + 4) for m in media)
