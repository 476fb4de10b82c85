"""Our outgoing RTP stream of one session: SSRC, sequence numbers, timestamps, sends.

`play` hands the audio to the loop-wide send clock (see pacing.py) as a `Playback`,
which keeps the play's schedule and writes this stream's packets; `send_dtmf` paces
its few RFC 4733 packets itself. Timestamps follow real time across pauses,
so a receiver's jitter buffer sees silence as silence, not as loss.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import secrets
import socket
import struct
from collections.abc import Callable
from typing import Final

from hotline.telephony.rtp import g711
from hotline.telephony.rtp.dtmf import digit_code, event_packets
from hotline.telephony.rtp.pacing import CLOCK_SLACK, SendClock
from hotline.telephony.rtp.params import CLOCK_RATE, MediaParams

log = logging.getLogger(__name__)

_INTER_DIGIT_SECONDS: Final = 0.08
_OUT_HEADER: Final = struct.Struct("!BBHII")
MAX_SEND_BACKLOG_PACKETS: Final = 10  # further behind than this: re-anchor, do not burst


class RtpSender:
    """The session sets `sock`, `params`, `remote` and `sending`; `close()` stops it."""

    def __init__(self, loop: asyncio.AbstractEventLoop, sock: socket.socket | None) -> None:
        self.loop = loop
        self.sock = sock
        self.local_port = 0  # for log messages
        self.params: MediaParams | None = None
        self.remote: tuple[str, int] | None = None  # where packets go
        self.sending = True  # direction allows sending and the session is open
        self.protect: Callable[[bytes], bytes] | None = None  # SRTP: encrypt and sign
        self.connected = False  # the socket is connected to `remote`: send() without address
        self.closed = False
        self.sent = 0
        self.late_sends = 0
        self.dtmf_sent = 0
        self.send_errors = 0
        self.max_send_gap = 0.0  # seconds, between two packets of one play()
        self._send_lock = asyncio.Lock()
        self.ssrc = secrets.randbits(32)
        self._out_sequence = secrets.randbits(16)
        self.out_timestamp = secrets.randbits(32)
        self._last_send: float | None = None  # loop time the last talkspurt ended
        self._last_sent_at: float | None = None  # loop time of the last packet of this spurt

    def close(self) -> None:
        self.closed = True
        self.sending = False
        self.sock = None

    async def play(self, pcm: bytes) -> None:
        """Send `pcm` in real time (absolute deadlines, no drift); returns when done.

        The last packet is padded with silence. While the direction forbids sending,
        time still passes but nothing goes on the wire. The packets of every playing
        session on this loop go out from one shared timer (`SendClock`), not one
        sleep per packet per call.
        """
        if len(pcm) % 2:
            raise ValueError("16-bit PCM must have an even length")
        params = self._require_params()
        async with self._send_lock:
            packet_bytes = params.ptime_ms * CLOCK_RATE // 1000 * 2
            if len(pcm) % packet_bytes:
                pcm = padded(pcm, packet_bytes)
            if not pcm:
                return
            clock = SendClock.of(self.loop)
            start = clock.grid_time(self.loop.time())
            self._begin_talkspurt(start)
            playback = Playback(self, params, pcm, packet_bytes, start)
            clock.add(playback)
            try:
                await playback.done
            finally:
                clock.remove(playback)
                self._last_send = playback.end_time()

    async def send_dtmf(self, digits: str, duration_ms: int = 160) -> None:
        """Send RFC 4733 events: start (marker), updates every 20 ms, three end packets."""
        for digit in digits:
            digit_code(digit)  # validate all before sending any
        params = self._require_params()
        if params.dtmf_payload_type is None:
            raise RuntimeError("the peer did not negotiate telephone-event (RFC 4733)")
        async with self._send_lock:
            for digit in digits:
                start = self._begin_talkspurt()
                event_timestamp = self.out_timestamp
                for packet in event_packets(digit, duration_ms):
                    if self.closed:
                        return
                    deadline = start + packet.due
                    delay = deadline - self.loop.time()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    current = self.params or params
                    if current.dtmf_payload_type is None:
                        raise RuntimeError("telephone-event was removed by a re-INVITE")
                    self.send(
                        current.dtmf_payload_type,
                        packet.payload,
                        packet.marker,
                        event_timestamp,
                        None,
                    )
                self.dtmf_sent += 1
                self.out_timestamp = (
                    event_timestamp + duration_ms * CLOCK_RATE // 1000
                ) & 0xFFFFFFFF
                self._last_send = self.loop.time()
                await asyncio.sleep(_INTER_DIGIT_SECONDS)

    def _require_params(self) -> MediaParams:
        if self.closed:
            raise RuntimeError("the RTP session is closed")
        if self.params is None:
            raise RuntimeError("start(params) must be called before sending")
        return self.params

    def _begin_talkspurt(self, start: float | None = None) -> float:
        """Advance our timestamp by the real time spent silent; return the start time."""
        now = self.loop.time() if start is None else start
        if self._last_send is not None and now > self._last_send:
            silent = int((now - self._last_send) * CLOCK_RATE)
            self.out_timestamp = (self.out_timestamp + silent) & 0xFFFFFFFF
        self._last_sent_at = None
        return now

    def send(
        self,
        payload_type: int,
        payload: bytes,
        marker: bool,
        timestamp: int,
        interval: float | None,
        now: float | None = None,
    ) -> None:
        sequence = self._out_sequence
        self._out_sequence = (sequence + 1) & 0xFFFF
        sock = self.sock
        remote = self.remote
        if sock is None or remote is None or not self.sending:
            return
        if now is None:
            now = self.loop.time()
        last = self._last_sent_at
        self._last_sent_at = now
        if interval is not None and last is not None and now - last > self.max_send_gap:
            self.max_send_gap = now - last
        packet = _OUT_HEADER.pack(
            0x80, payload_type | 0x80 if marker else payload_type, sequence, timestamp, self.ssrc
        )
        if self.protect is not None:
            packet = self.protect(packet + payload)
        else:
            packet += payload
        try:
            if self.connected:
                sock.send(packet)
            else:
                sock.sendto(packet, remote)
        except OSError as exc:
            self._send_failed(exc)
            return
        self.sent += 1

    def _send_failed(self, exc: OSError) -> None:
        # A full send buffer drops the packet (RTP is not retransmitted); ICMP port
        # unreachable while the peer is not (yet/any more) listening is harmless.
        self.send_errors += 1
        if self.send_errors == 1:
            log.debug("RTP send on port %s failed: %s", self.local_port, exc)


@functools.lru_cache(maxsize=8)
def padded(pcm: bytes, packet_bytes: int) -> bytes:
    """Whole packets (the last one padded with silence); cached like `encoded`."""
    return pcm + bytes(-len(pcm) % packet_bytes)


@functools.lru_cache(maxsize=8)
def encoded(pcm: bytes, payload_type: int) -> bytes:
    """Every call plays the same greeting: encode it once (bytes cache their hash)."""
    return g711.encode(payload_type, pcm)


class Playback:
    """One play() in progress: the audio pre-encoded in one vectorised pass, the next
    packet's index and the schedule it keeps (start + index * interval)."""

    __slots__ = (
        "stream",
        "params",
        "pcm",
        "payloads",
        "payload_type",
        "packet_bytes",
        "payload_size",
        "interval",
        "start",
        "index",
        "count",
        "done",
    )

    def __init__(
        self,
        stream: RtpSender,
        params: MediaParams,
        pcm: bytes,
        packet_bytes: int,
        start: float,
    ) -> None:
        self.stream = stream
        self.params = params
        self.pcm = pcm
        self.payload_type = params.payload_type
        self.payloads = encoded(pcm, params.payload_type)  # one byte per sample
        self.packet_bytes = packet_bytes
        self.payload_size = packet_bytes // 2
        self.interval = params.ptime_ms / 1000
        self.start = start
        self.index = 0
        self.count = len(pcm) // packet_bytes
        self.done: asyncio.Future[None] = stream.loop.create_future()

    def due(self) -> float:
        return self.start + self.index * self.interval

    def end_time(self) -> float:
        return self.start + self.index * self.interval

    def service(self, now: float) -> float | None:
        """Send every packet due by `now`; return when the next one is due, or None
        (and finish the future) when all are out."""
        stream = self.stream
        interval = self.interval
        index = self.index
        size = self.payload_size
        while index < self.count:
            if stream.closed:
                break
            due = self.start + index * interval
            if due > now + CLOCK_SLACK:
                self.index = index
                return due
            late = now - due
            if late > MAX_SEND_BACKLOG_PACKETS * interval:
                # The loop stalled far behind: restart the schedule instead of bursting.
                self.start = now - index * interval
            elif late > interval / 2:
                stream.late_sends += 1
            current = stream.params or self.params
            offset = index * size
            if current.payload_type == self.payload_type:
                payload = self.payloads[offset : offset + size]
            else:  # a re-INVITE changed the codec mid-play
                chunk = self.pcm[offset * 2 : offset * 2 + self.packet_bytes]
                payload = g711.encode(current.payload_type, chunk)
            timestamp = stream.out_timestamp
            stream.out_timestamp = (timestamp + size) & 0xFFFFFFFF
            stream.send(current.payload_type, payload, index == 0, timestamp, interval, now)
            index += 1
        self.index = index
        if not self.done.done():
            self.done.set_result(None)
        return None
