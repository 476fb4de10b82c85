"""RTCP (RFC 3550) and the call-quality estimate: the sans-I/O packets and E-model, an
RtpSession against raw RTP/RTCP sockets, and baresip's real RTCP on a call."""

from __future__ import annotations

import asyncio
import socket

import pytest
from hotline.telephony.rtp import rtcp_channel
from hotline.telephony.rtp.rtcp import (
    POOR_MOS,
    Report,
    ReportBlock,
    RtcpError,
    SenderInfo,
    build_compound,
    call_quality,
    fraction_of,
    middle32,
    ntp_time,
    parse_compound,
    round_trip,
)
from hotline.telephony.rtp.session import MediaParams, RtpSession

from tests.fixtures.common import free_port
from tests.telephony.raw_uac import rtp_packet

pytestmark = pytest.mark.timeout(120)


# ---- sans-I/O ----------------------------------------------------------------------------


def test_sender_report_round_trip_with_cname() -> None:
    block = ReportBlock(0xDEADBEEF, 25, -3, 70000, 160, 0x12345678, 65536)
    report = Report(0x01020304, SenderInfo(ntp_time(1.7e9), 4242, 100, 16000), (block,))
    data = build_compound(report, "hotline@127.0.0.1")
    assert len(data) % 4 == 0
    assert data[:2] == bytes([0x81, 200]) and b"hotline@127.0.0.1" in data
    assert parse_compound(data) == [report]
    receiver = Report(7, None, ())
    assert parse_compound(build_compound(receiver, "x")) == [receiver]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x80\xc9\x00\x01",  # shorter than a report
        b"\x40\xc9\x00\x01\x00\x00\x00\x07",  # version 1
        b"\x80\xc9\x00\x05\x00\x00\x00\x07",  # length beyond the datagram
        b"\x81\xca\x00\x01\x00\x00\x00\x07",  # starts with SDES
        b"\x81\xc9\x00\x01\x00\x00\x00\x07",  # one report block announced, none there
    ],
)
def test_malformed_rtcp_is_rejected(data: bytes) -> None:
    with pytest.raises(RtcpError):
        parse_compound(data)


def test_round_trip_and_fraction_lost() -> None:
    sent = ntp_time(1000.0)
    block = ReportBlock(1, 0, 0, 0, 0, middle32(sent), int(0.25 * 65536))  # held 250 ms
    assert round_trip(block, ntp_time(1000.4)) == pytest.approx(0.15, abs=1e-3)
    assert round_trip(ReportBlock(1, 0, 0, 0, 0, 0, 0), ntp_time(1000.4)) is None
    assert fraction_of(5, 100) == 12 and fraction_of(0, 100) == 0 and fraction_of(3, 0) == 0


def test_e_model_mos_for_g711() -> None:
    clean = call_quality(received=1000, lost=0, jitter_ms=2, rtt_ms=40)
    assert 4.3 < clean.mos <= 4.5 and not clean.poor
    lossy = call_quality(received=950, lost=50, jitter_ms=2, rtt_ms=40)  # 5 % loss
    assert lossy.loss_ratio == pytest.approx(0.05) and lossy.mos < POOR_MOS and lossy.poor
    slow = call_quality(received=1000, lost=0, jitter_ms=40, rtt_ms=900)
    assert slow.mos < clean.mos
    assert call_quality(0, 0, 0, None).mos == clean.mos or call_quality(0, 0, 0, None).mos > 4


# ---- an RtpSession against raw sockets ---------------------------------------------------


def _pair_of_sockets() -> tuple[socket.socket, socket.socket]:
    """An RTP socket on an even port and its RTCP socket on the next one."""
    while True:
        port = free_port() & ~1
        rtp, rtcp = socket.socket(type=socket.SOCK_DGRAM), socket.socket(type=socket.SOCK_DGRAM)
        try:
            rtp.bind(("127.0.0.1", port))
            rtcp.bind(("127.0.0.1", port + 1))
        except OSError:
            rtp.close()
            rtcp.close()
            continue
        rtcp.setblocking(False)
        return rtp, rtcp


async def _recv(sock: socket.socket, timeout: float = 10) -> bytes:
    loop = asyncio.get_running_loop()
    return await asyncio.wait_for(loop.sock_recv(sock, 2048), timeout)


async def test_session_reports_loss_and_measures_rtt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rtcp_channel, "REPORT_INTERVAL", 0.3)
    peer_rtp, peer_rtcp = _pair_of_sockets()
    session = await RtpSession.open(
        "127.0.0.1", 40000, 50000, on_audio=lambda b: None, on_dtmf=lambda d: None
    )
    try:
        session.start(MediaParams(remote=peer_rtp.getsockname(), payload_type=8, ptime_ms=20))
        target = ("127.0.0.1", session.local_port)
        for seq in range(100):
            if seq % 10 != 3:  # 10 of 100 never sent
                peer_rtp.sendto(rtp_packet(seq, seq * 160, 0xCAFE, b"\xd5" * 160), target)
            await asyncio.sleep(0.002)
        await session.play(b"\x00\x00" * 800)  # some RTP of ours: the reports become SRs
        deadline = asyncio.get_running_loop().time() + 10
        block = None
        while block is None:
            assert asyncio.get_running_loop().time() < deadline, "no RTCP report about us"
            (report,) = parse_compound(await _recv(peer_rtcp))
            ours = [b for b in report.blocks if b.ssrc == 0xCAFE]
            # The report after the last packets were read (the pump reads every 0.1 s; on a
            # loaded machine a report may fall between two reads).
            if (
                report.sender is not None
                and ours
                and ours[0].cumulative_lost >= 9
                and ours[0].highest_seq >= 99
            ):
                block, sr = ours[0], report
        assert block.cumulative_lost in (9, 10)  # the last gap may still be in reorder
        assert block.highest_seq >= 99
        # Echo the SR back as a peer that answers at once: the session learns the RTT.
        echo = ReportBlock(sr.ssrc, 0, 0, 0, 0, middle32(sr.sender.ntp), 0)
        peer_rtcp.sendto(
            build_compound(Report(0xCAFE, None, (echo,)), "peer"),
            ("127.0.0.1", session.local_port + 1),
        )
        while session.stats.rtcp_received == 0:
            await asyncio.sleep(0.05)
        assert session.stats.rtt_ms is not None and 0 <= session.stats.rtt_ms < 5000
    finally:
        await session.close()
        peer_rtp.close()
        peer_rtcp.close()


async def test_rtcp_from_a_foreign_host_and_garbage_are_dropped() -> None:
    peer_rtp, peer_rtcp = _pair_of_sockets()
    session = await RtpSession.open(
        "127.0.0.1", 40000, 50000, on_audio=lambda b: None, on_dtmf=lambda d: None
    )
    stranger = socket.socket(type=socket.SOCK_DGRAM)
    stranger.bind(("127.0.0.2", 0))
    try:
        session.start(MediaParams(remote=peer_rtp.getsockname(), payload_type=8, ptime_ms=20))
        rtcp_port = session.local_port + 1
        forged = build_compound(Report(1, None, (ReportBlock(2, 0, 0, 0, 0, 5, 5),)), "x")
        stranger.sendto(forged, ("127.0.0.1", rtcp_port))
        peer_rtcp.sendto(b"\x80\xc9\x00\x09garbage", ("127.0.0.1", rtcp_port))
        channel = session.rtcp
        assert channel is not None
        while channel.foreign + channel.malformed < 2:
            await asyncio.sleep(0.05)
        assert channel.reports_received == 0 and session.stats.rtt_ms is None
    finally:
        await session.close()
        for sock in (peer_rtp, peer_rtcp, stranger):
            sock.close()


async def test_rtcp_port_is_rtp_plus_one() -> None:
    session = await RtpSession.open(
        "127.0.0.1", 40000, 50000, on_audio=lambda b: None, on_dtmf=lambda d: None
    )
    try:
        assert session.rtcp is not None and session.rtcp.transport is not None
        assert session.rtcp.transport.get_extra_info("sockname")[1] == session.local_port + 1
    finally:
        await session.close()


async def test_the_first_report_waits_half_the_interval_and_later_ones_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """RFC 3550 §6.2: the first report comes after half the minimum interval (a short call
    still gets an SR echoed, hence a round-trip time); later ones after the whole interval.
    The randomisation is pinned to its middle so the delays are exact."""
    monkeypatch.setattr(rtcp_channel.random, "uniform", lambda low, high: (low + high) / 2)
    loop = asyncio.get_running_loop()
    channel = rtcp_channel.RtcpChannel(
        counts=lambda: None,  # type: ignore[arg-type,return-value]
        remote=lambda: None,  # no peer yet: a report is due but nothing is sent
        admits=lambda host: True,
        cname="t",
    )
    transport, _ = await loop.create_datagram_endpoint(lambda: channel, local_addr=("127.0.0.1", 0))
    try:
        assert channel._timer is not None
        first = channel._timer.when() - loop.time()
        assert rtcp_channel.REPORT_INTERVAL / 2 - 0.2 < first <= rtcp_channel.REPORT_INTERVAL / 2
        channel._send_report()
        later = channel._timer.when() - loop.time()
        assert rtcp_channel.REPORT_INTERVAL - 0.2 < later <= rtcp_channel.REPORT_INTERVAL
        assert channel.reports_sent == 0
    finally:
        channel.close()
        transport.close()
