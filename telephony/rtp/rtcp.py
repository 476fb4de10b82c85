"""RTCP (RFC 3550 §6) and a call-quality estimate, sans-I/O.

Parsing and building of compound packets (SR, RR, SDES CNAME; other types skipped), the
round-trip time from a report block (§6.4.1: A - LSR - DLSR), and an E-model MOS for
G.711 (ITU-T G.107, simplified: default transmission parameters, random loss, no packet
loss concealment, which is what our silence fill is).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

SR, RR, SDES, BYE = 200, 201, 202, 203
NTP_EPOCH_OFFSET = 2208988800  # 1900-01-01 to 1970-01-01, seconds
REPORT_INTERVAL = 5.0  # §6.2: the recommended minimum
_HEADER = struct.Struct("!BBH")
_SENDER_INFO = struct.Struct("!IIIII")
_BLOCK = struct.Struct("!IBBHIIII")  # ssrc, fraction, lost (24 bits as 8+16), ...


class RtcpError(ValueError):
    """Not a well-formed RTCP compound packet."""


@dataclass(frozen=True)
class ReportBlock:
    ssrc: int  # the source this block is about
    fraction_lost: int  # 0-255, lost/expected since the previous report, × 256
    cumulative_lost: int
    highest_seq: int  # extended highest sequence number received
    jitter: int  # interarrival jitter, timestamp units
    lsr: int  # middle 32 bits of the NTP time of the last SR from `ssrc` (0: none)
    dlsr: int  # delay since that SR, 1/65536 s


@dataclass(frozen=True)
class SenderInfo:
    ntp: int  # 64-bit NTP timestamp
    rtp_timestamp: int
    packets: int
    octets: int


@dataclass(frozen=True)
class Report:
    ssrc: int
    sender: SenderInfo | None  # None: a receiver report
    blocks: tuple[ReportBlock, ...]


def ntp_time(unix_seconds: float) -> int:
    seconds = unix_seconds + NTP_EPOCH_OFFSET
    return (int(seconds) << 32) | int((seconds % 1) * (1 << 32))


def middle32(ntp: int) -> int:
    return (ntp >> 16) & 0xFFFFFFFF


def parse_compound(data: bytes) -> list[Report]:
    """The SR and RR packets of a compound RTCP packet; raises RtcpError when malformed."""
    reports: list[Report] = []
    offset = 0
    if len(data) < 8:
        raise RtcpError("shorter than an RTCP header")
    while offset < len(data):
        if len(data) - offset < 4:
            raise RtcpError("truncated header")
        first, packet_type, length = _HEADER.unpack_from(data, offset)
        if first >> 6 != 2:
            raise RtcpError("not RTP version 2")
        end = offset + (length + 1) * 4
        if end > len(data):
            raise RtcpError("length beyond the datagram")
        count = first & 0x1F
        body = offset + 4
        if packet_type in (SR, RR):
            if offset == 0 and first & 0x20:
                raise RtcpError("padding on the first packet")  # §A.2 validity check
            reports.append(_report(data, body, end, packet_type, count))
        elif offset == 0:
            raise RtcpError("a compound packet starts with SR or RR")  # §6.1
        offset = end
    return reports


def _report(data: bytes, body: int, end: int, packet_type: int, count: int) -> Report:
    need = 4 + (_SENDER_INFO.size if packet_type == SR else 0) + count * _BLOCK.size
    if end - body < need:
        raise RtcpError("report shorter than its report count")
    (ssrc,) = struct.unpack_from("!I", data, body)
    position = body + 4
    sender = None
    if packet_type == SR:
        msw, lsw, rtp_ts, packets, octets = _SENDER_INFO.unpack_from(data, position)
        sender = SenderInfo((msw << 32) | lsw, rtp_ts, packets, octets)
        position += _SENDER_INFO.size
    blocks = []
    for _ in range(count):
        source, fraction, lost_hi, lost_lo, highest, jitter, lsr, dlsr = _BLOCK.unpack_from(
            data, position
        )
        lost = (lost_hi << 16) | lost_lo
        if lost & 0x800000:  # 24-bit two's complement (duplicates can make it negative)
            lost -= 1 << 24
        blocks.append(ReportBlock(source, fraction, lost, highest, jitter, lsr, dlsr))
        position += _BLOCK.size
    return Report(ssrc, sender, tuple(blocks))


def build_compound(report: Report, cname: str) -> bytes:
    """SR (with sender info) or RR, then SDES with our CNAME (§6.1: every compound has it)."""
    blocks = report.blocks[:31]
    body = struct.pack("!I", report.ssrc)
    if report.sender is not None:
        s = report.sender
        body += _SENDER_INFO.pack(
            s.ntp >> 32, s.ntp & 0xFFFFFFFF, s.rtp_timestamp, s.packets, s.octets
        )
    for b in blocks:
        lost = max(-(1 << 23), min(b.cumulative_lost, (1 << 23) - 1)) & 0xFFFFFF
        body += _BLOCK.pack(
            b.ssrc,
            b.fraction_lost,
            lost >> 16,
            lost & 0xFFFF,
            b.highest_seq & 0xFFFFFFFF,
            b.jitter,
            b.lsr,
            b.dlsr,
        )
    packet_type = SR if report.sender is not None else RR
    out = _HEADER.pack(0x80 | len(blocks), packet_type, len(body) // 4) + body
    name = cname.encode()[:255]
    chunk = struct.pack("!IBB", report.ssrc, 1, len(name)) + name + b"\x00"
    chunk += b"\x00" * (-len(chunk) % 4)
    return out + _HEADER.pack(0x81, SDES, len(chunk) // 4) + chunk


def round_trip(block: ReportBlock, arrival_ntp: int) -> float | None:
    """§6.4.1: seconds from our SR to the peer's report on it; None without an SR echo."""
    if block.lsr == 0:
        return None
    units = (middle32(arrival_ntp) - block.lsr - block.dlsr) & 0xFFFFFFFF
    rtt = units / 65536
    return rtt if rtt < 60 else None  # a wrapped negative value: clocks or a bad LSR


def fraction_of(lost: int, expected: int) -> int:
    """§A.3: the 8-bit fraction of `expected` packets lost in an interval."""
    if expected <= 0 or lost <= 0:
        return 0
    return min(255, (lost << 8) // expected)


# ---- call quality: the E-model (G.107) for G.711 -------------------------------------------

R_DEFAULT = 93.2  # Ro - Is with G.107's default parameters
BPL_G711_NO_PLC = 4.3  # G.113 Appendix I: packet-loss robustness of G.711 without PLC
POOR_MOS = 3.0  # below this, speech recognition on the recording suffers markedly


def r_factor(loss_ratio: float, one_way_delay_ms: float) -> float:
    d = max(0.0, one_way_delay_ms)
    delay_impairment = 0.024 * d + (0.11 * (d - 177.3) if d > 177.3 else 0.0)
    ppl = max(0.0, min(loss_ratio, 1.0)) * 100
    loss_impairment = 95 * ppl / (ppl + BPL_G711_NO_PLC)  # Ie = 0 for G.711, BurstR = 1
    return R_DEFAULT - delay_impairment - loss_impairment


def mos_from_r(r: float) -> float:
    if r <= 0:
        return 1.0
    if r >= 100:
        return 4.5
    return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6


@dataclass(frozen=True)
class CallQuality:
    """Of the audio we received (the caller's, the one that is transcribed)."""

    packets_expected: int
    packets_lost: int
    jitter_ms: float
    rtt_ms: float | None  # None: the peer sent no RTCP report on our stream
    mos: float

    @property
    def loss_ratio(self) -> float:
        return self.packets_lost / self.packets_expected if self.packets_expected else 0.0

    @property
    def poor(self) -> bool:
        return self.mos < POOR_MOS


def call_quality(
    received: int, lost: int, jitter_ms: float, rtt_ms: float | None, ptime_ms: int = 20
) -> CallQuality:
    """Mouth-to-ear delay: half the RTT (20 ms when unknown), the packet time, and a
    jitter buffer of twice the jitter."""
    expected = received + lost
    delay = (rtt_ms / 2 if rtt_ms is not None else 20.0) + ptime_ms + 2 * jitter_ms
    mos = mos_from_r(r_factor(lost / expected if expected else 0.0, delay))
    return CallQuality(expected, lost, jitter_ms, rtt_ms, round(mos, 2))


@dataclass(frozen=True)
class RtcpCounts:
    """What one report needs from the RTP session at the moment it is sent."""

    ssrc: int  # ours
    sent: int  # RTP packets we sent
    sent_octets: int
    rtp_timestamp: int  # our stream's current timestamp
    remote_ssrc: int | None  # the stream we receive (None: nothing yet)
    received: int
    lost: int
    highest_seq: int  # extended
    jitter: int  # timestamp units
