"""What both directions of one RTP session share: the negotiated media and the counters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

from hotline.telephony.rtp import g711

Direction = Literal["sendrecv", "sendonly", "recvonly", "inactive"]
DIRECTIONS: Final = frozenset(get_args(Direction))
CLOCK_RATE: Final = 8000


@dataclass(frozen=True)
class MediaParams:
    remote: tuple[str, int]  # where we send RTP
    payload_type: int  # 8 = PCMA (preferred), 0 = PCMU
    ptime_ms: int = 20  # our send packetisation
    dtmf_payload_type: int | None = 101  # RFC 4733 telephone-event PT negotiated, or None

    def __post_init__(self) -> None:
        if not g711.is_g711(self.payload_type):
            raise ValueError(f"payload type {self.payload_type} is not PCMU (0) or PCMA (8)")
        if not 5 <= self.ptime_ms <= 200:
            raise ValueError(f"ptime {self.ptime_ms} ms is outside 5..200 ms")


@dataclass
class RtpStats:
    received: int = 0  # valid RTP packets
    lost: int = 0  # sequence numbers never received in time (filled with silence)
    late: int = 0  # arrived after their slot was given up, dropped
    duplicates: int = 0
    sent: int = 0
    malformed: int = 0  # datagrams that are not RTP (dropped)
    unknown_payload: int = 0  # RTP with a payload type we do not decode
    resyncs: int = 0  # SSRC changes and confirmed sequence jumps
    filled_ms: float = 0.0  # silence inserted for lost packets
    jitter_ms: float = 0.0  # RFC 3550 interarrival jitter, at the pump's batch granularity
    max_send_gap_ms: float = 0.0  # longest interval between two packets of one play()
    late_sends: int = 0  # packets sent more than half a ptime after their deadline
    dtmf_received: int = 0
    dtmf_sent: int = 0
    callback_errors: int = 0  # exceptions raised by on_audio/on_dtmf (logged once)
    send_errors: int = 0  # datagrams the kernel refused (full buffer, unreachable)
    # Datagrams from other than the call's media source (dropped); once the socket is
    # connected to the latched source the kernel drops them uncounted (session.py).
    foreign: int = 0
    srtp_rejected: int = 0  # SRTP(C) packets that failed authentication or replay (dropped)
    rtt_ms: float | None = None  # RFC 3550 round-trip time from the peer's RTCP reports
    rtcp_received: int = 0  # RTCP SR/RR packets received from the media peer
