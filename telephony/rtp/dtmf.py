"""RFC 4733 telephone-events (DTMF): payload codec, receive dedupe, send sequence.

Receiving: one key press arrives as several packets sharing one RTP timestamp
(start, updates, and the end packet sent three times). `DtmfReceiver` reports
each press exactly once, on the first packet that reaches us.
Sending: `event_payloads` yields the payloads of one press; the session paces them.
"""

from __future__ import annotations

import struct
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

EVENTS: Final = "0123456789*#ABCD"  # event codes 0..15 (RFC 4733 §3.2)
END_RETRANSMISSIONS: Final = 3
_PAYLOAD: Final = struct.Struct("!BBH")
_REMEMBERED_EVENTS: Final = 16
# A verbatim replay of the same capture (sipp play_pcap_audio) repeats the timestamp;
# retransmissions of one press arrive within ~100 ms, a new press much later.
_REPLAY_AFTER_SECONDS: Final = 1.0


class MalformedEvent(ValueError):
    """A telephone-event payload that is not 4 bytes long."""


@dataclass(frozen=True, slots=True)
class TelephoneEvent:
    event: int
    end: bool
    volume: int  # -dBm0, 0..63
    duration: int  # in timestamp units (samples at 8 kHz)

    @property
    def digit(self) -> str | None:
        return EVENTS[self.event] if self.event < len(EVENTS) else None


def parse_event(payload: bytes) -> TelephoneEvent:
    if len(payload) < 4:
        raise MalformedEvent(f"telephone-event payload of {len(payload)} bytes, expected 4")
    event, flags, duration = _PAYLOAD.unpack_from(payload)
    return TelephoneEvent(
        event=event, end=bool(flags & 0x80), volume=flags & 0x3F, duration=duration
    )


def build_event(event: int, *, end: bool, duration: int, volume: int = 10) -> bytes:
    return _PAYLOAD.pack(event, (0x80 if end else 0) | (volume & 0x3F), min(duration, 0xFFFF))


def digit_code(digit: str) -> int:
    code = EVENTS.find(digit.upper())
    if code < 0 or len(digit) != 1:
        raise ValueError(f"{digit!r} is not a DTMF digit (0-9, *, #, A-D)")
    return code


class DtmfReceiver:
    """Reports each press once: keyed by (SSRC, RTP timestamp, event), bounded memory."""

    def __init__(self) -> None:
        self._seen: OrderedDict[tuple[int, int, int], float] = OrderedDict()

    def feed(self, ssrc: int, timestamp: int, payload: bytes, now: float) -> str | None:
        """The digit to report for this packet, or None (repeat, unknown event, malformed)."""
        try:
            event = parse_event(payload)
        except MalformedEvent:
            return None
        digit = event.digit
        if digit is None:  # flash-hook and tones ≥ 16: ignored, never fatal
            return None
        key = (ssrc, timestamp, event.event)
        last = self._seen.get(key)
        self._seen[key] = now
        self._seen.move_to_end(key)
        if len(self._seen) > _REMEMBERED_EVENTS:
            self._seen.popitem(last=False)
        if last is not None and now - last < _REPLAY_AFTER_SECONDS:
            return None
        return digit


@dataclass(frozen=True, slots=True)
class EventPacket:
    payload: bytes
    marker: bool
    # Seconds after the start of the press at which this packet is due.
    due: float


def event_packets(
    digit: str, duration_ms: int = 160, *, interval_ms: int = 20, clock_rate: int = 8000
) -> Iterator[EventPacket]:
    """Packets of one press: start (marker), updates every interval, 3 end packets.

    All share one RTP timestamp (the start of the press); the caller assigns it.
    """
    if duration_ms < interval_ms:
        raise ValueError(f"DTMF duration {duration_ms} ms is shorter than {interval_ms} ms")
    code = digit_code(digit)
    step = clock_rate * interval_ms // 1000
    total = clock_rate * duration_ms // 1000
    elapsed = step
    index = 0
    while elapsed < total:
        yield EventPacket(
            build_event(code, end=False, duration=elapsed), index == 0, index * interval_ms / 1000
        )
        elapsed += step
        index += 1
    # The end packet is sent three times, one interval apart, so one lost packet
    # does not lose the end of the press (RFC 4733 §2.5.1.4).
    for repeat in range(END_RETRANSMISSIONS):
        yield EventPacket(
            build_event(code, end=True, duration=total),
            index == 0 and repeat == 0,
            (index + repeat) * interval_ms / 1000,
        )
