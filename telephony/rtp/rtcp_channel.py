"""The RTCP socket of one RTP session (RTP port + 1): a report every ~5 s (SR once we
have sent RTP, else RR) to the peer's RTP port + 1, and the peer's reports in (round-trip
time from its blocks about our stream). Packets from other hosts than the media peer are
dropped, like foreign RTP (the session says which hosts are its peer's)."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable

from hotline.telephony.rtp.rtcp import (
    REPORT_INTERVAL,
    Report,
    ReportBlock,
    RtcpCounts,
    RtcpError,
    SenderInfo,
    build_compound,
    fraction_of,
    middle32,
    ntp_time,
    parse_compound,
    round_trip,
)
from hotline.telephony.rtp.srtp import SrtpContext

log = logging.getLogger(__name__)


class RtcpChannel(asyncio.DatagramProtocol):
    def __init__(
        self,
        counts: Callable[[], RtcpCounts],
        remote: Callable[[], tuple[str, int] | None],
        admits: Callable[[str], bool],
        cname: str,
    ) -> None:
        self._counts = counts
        self._remote = remote  # where our RTP goes; its port + 1 gets our reports
        self._admits = admits
        self.cname = cname
        self.transport: asyncio.DatagramTransport | None = None
        self.rtt: float | None = None  # seconds, the latest measurement
        self.reports_received = 0
        self.reports_sent = 0
        self.malformed = 0
        self.foreign = 0
        self._peer_sr: tuple[int, float] | None = None  # (middle 32 of its NTP, loop time)
        self._prior = (0, 0)  # (expected, received) at our previous report
        self._timer: asyncio.TimerHandle | None = None
        self.srtp: SrtpContext | None = None  # SRTCP once SRTP is negotiated (RFC 3711 §3.4)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        # §6.2: the first report waits half the minimum interval, so a short call still
        # gets our SR out early enough for the peer to echo it (the round-trip time).
        self._schedule(REPORT_INTERVAL / 2)

    def _schedule(self, interval: float = REPORT_INTERVAL) -> None:
        # §6.2: randomised (0.5–1.5 ×) so that sessions started together do not sync up.
        delay = interval * random.uniform(0.5, 1.5)
        self._timer = asyncio.get_running_loop().call_later(delay, self._send_report)

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        if not self._admits(addr[0]):
            self.foreign += 1
            return
        if self.srtp is not None:
            plain = self.srtp.unprotect_rtcp(data)
            if plain is None:  # failed authentication: counted by the context
                return
            data = plain
        try:
            reports = parse_compound(data)
        except RtcpError:
            self.malformed += 1
            return
        loop_now = asyncio.get_running_loop().time()
        ours = self._counts().ssrc
        for report in reports:
            self.reports_received += 1
            if report.sender is not None:
                self._peer_sr = (middle32(report.sender.ntp), loop_now)
            for block in report.blocks:
                if block.ssrc == ours:
                    rtt = round_trip(block, ntp_time(time.time()))
                    if rtt is not None:
                        self.rtt = rtt

    def report(self) -> Report:
        c = self._counts()
        sender = None
        if c.sent:
            sender = SenderInfo(ntp_time(time.time()), c.rtp_timestamp, c.sent, c.sent_octets)
        blocks: tuple[ReportBlock, ...] = ()
        if c.remote_ssrc is not None:
            expected = c.received + c.lost
            prior_expected, prior_received = self._prior
            interval_expected = expected - prior_expected
            interval_lost = interval_expected - (c.received - prior_received)
            self._prior = (expected, c.received)
            lsr, dlsr = 0, 0
            if self._peer_sr is not None:
                lsr = self._peer_sr[0]
                waited = asyncio.get_running_loop().time() - self._peer_sr[1]
                dlsr = int(waited * 65536) & 0xFFFFFFFF
            blocks = (
                ReportBlock(
                    c.remote_ssrc,
                    fraction_of(interval_lost, interval_expected),
                    c.lost,
                    c.highest_seq,
                    c.jitter,
                    lsr,
                    dlsr,
                ),
            )
        return Report(c.ssrc, sender, blocks)

    def _send_report(self) -> None:
        remote = self._remote()
        if self.transport is not None and remote is not None:
            try:
                data = build_compound(self.report(), self.cname)
                if self.srtp is not None:
                    data = self.srtp.protect_rtcp(data)
                self.transport.sendto(data, (remote[0], remote[1] + 1))
                self.reports_sent += 1
            except OSError as exc:
                log.debug("RTCP to %s failed: %s", remote, exc)
        if self.transport is not None:
            self._schedule()

    def error_received(self, exc: Exception) -> None:  # ICMP unreachable: a peer without RTCP
        pass

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self.transport is not None:
            self.transport.close()
            self.transport = None
