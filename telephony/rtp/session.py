"""One call's RTP media over UDP: receive → jitter buffer → 20 ms PCM frames; paced send.

Per-packet work is kept small (one struct unpack, one table lookup, a ring
slot) so one core carries a few hundred calls.

Symmetric RTP: the first packet that reaches us fixes where we send from then
on, even when it comes from another address than the SDP said. Behind NAT the
SDP carries the phone's private address while its packets arrive from the
router's public one, and this is the only address that reaches the phone.
A new `start()` (re-INVITE) forgets the latch and latches again.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, cast, get_args

from telephony.rtp import g711
from telephony.rtp.dtmf import DtmfReceiver, digit_code, event_packets
from telephony.rtp.jitterbuffer import JitterBuffer
from telephony.rtp.packet import MalformedPacket, build_header, parse_rtp

log = logging.getLogger(__name__)

Direction = Literal["sendrecv", "sendonly", "recvonly", "inactive"]
DIRECTIONS: Final = frozenset(get_args(Direction))
CLOCK_RATE: Final = 8000
FRAME_BYTES: Final = 320  # 20 ms of 16-bit PCM at 8 kHz
COMFORT_NOISE: Final = 13
_INTER_DIGIT_SECONDS: Final = 0.08
_MAX_SEND_BACKLOG_PACKETS: Final = 10  # further behind than this: re-anchor, do not burst
# When the peer pauses, packets held behind a hole are released after this long, so the
# recording and the ASR stream do not wait for the next packet (hold, end of speech).
HELD_RELEASE_SECONDS: Final = 0.2


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
    jitter_ms: float = 0.0  # RFC 3550 interarrival jitter
    max_send_gap_ms: float = 0.0  # longest interval between two packets of one play()
    late_sends: int = 0  # packets sent more than half a ptime after their deadline
    dtmf_received: int = 0
    dtmf_sent: int = 0
    callback_errors: int = 0  # exceptions raised by on_audio/on_dtmf (logged once)


class RtpSession(asyncio.DatagramProtocol):
    """Use `await RtpSession.open(...)`, then `start(params)`."""

    def __init__(self, on_audio: Callable[[bytes], None], on_dtmf: Callable[[str], None]) -> None:
        self._loop = asyncio.get_running_loop()
        self._on_audio = on_audio
        self._on_dtmf = on_dtmf
        self._transport: asyncio.DatagramTransport | None = None
        self.local_host = ""
        self.local_port = 0
        self._params: MediaParams | None = None
        self._remote: tuple[str, int] | None = None
        self._latched = False
        self._direction: Direction = "sendrecv"
        self._closed = False
        self._jitter = JitterBuffer(self._deliver)
        self._dtmf = DtmfReceiver()
        self._last_received: float | None = None
        self._release_timer: asyncio.TimerHandle | None = None
        self._transit: float | None = None
        self._jitter_units = 0.0
        self._counters = RtpStats()
        self._send_lock = asyncio.Lock()
        self._out_ssrc = secrets.randbits(32)
        self._out_sequence = secrets.randbits(16)
        self._out_timestamp = secrets.randbits(32)
        self._last_send: float | None = None  # loop time the last talkspurt ended
        self._last_sent_at: float | None = None  # loop time of the last packet of this spurt

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    async def open(
        cls,
        host: str,
        port_min: int,
        port_max: int,
        *,
        on_audio: Callable[[bytes], None],
        on_dtmf: Callable[[str], None],
    ) -> RtpSession:
        """Bind an even free UDP port in [port_min, port_max] (odd ones are left for RTCP)."""
        first_even = port_min + (port_min % 2)
        ports = list(range(first_even, port_max + 1, 2))
        if not ports:
            raise ValueError(f"no even port in the RTP range {port_min}-{port_max}")
        # Start at a random place so concurrent allocations rarely collide.
        start = random.randrange(len(ports))
        loop = asyncio.get_running_loop()
        for port in ports[start:] + ports[:start]:
            session = cls(on_audio, on_dtmf)
            try:
                await loop.create_datagram_endpoint(lambda s=session: s, local_addr=(host, port))
            except OSError as exc:
                # uvloop wraps the bind error in a new OSError without errno.
                code = exc.errno or getattr(exc.__cause__, "errno", None)
                if code in (errno.EADDRINUSE, errno.EACCES):
                    continue
                raise
            session.local_host, session.local_port = host, port
            return session
        raise OSError(errno.EADDRINUSE, f"no free even UDP port in {port_min}-{port_max} on {host}")

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.DatagramTransport, transport)

    def start(self, params: MediaParams) -> None:
        """Begin (or, after a re-INVITE, continue with new remote/codec/ptime)."""
        if self._closed:
            raise RuntimeError("the RTP session is closed")
        self._params = params
        self._remote = params.remote
        self._latched = False

    def set_direction(self, direction: Direction) -> None:
        if direction not in DIRECTIONS:
            raise ValueError(f"direction {direction!r} is not one of {sorted(DIRECTIONS)}")
        self._direction = direction

    @property
    def direction(self) -> Direction:
        return self._direction

    @property
    def remote(self) -> tuple[str, int] | None:
        """Where we send now (the SDP address, or the latched source address)."""
        return self._remote

    @property
    def last_received(self) -> float | None:
        return self._last_received

    @property
    def stats(self) -> RtpStats:
        counters = self._counters
        jitter = self._jitter.stats
        return RtpStats(
            received=counters.received,
            lost=jitter.lost,
            late=jitter.late,
            duplicates=jitter.duplicates,
            sent=counters.sent,
            malformed=counters.malformed,
            unknown_payload=counters.unknown_payload,
            resyncs=jitter.resyncs,
            filled_ms=jitter.filled_samples * 1000 / CLOCK_RATE,
            jitter_ms=self._jitter_units * 1000 / CLOCK_RATE,
            max_send_gap_ms=counters.max_send_gap_ms,
            late_sends=counters.late_sends,
            dtmf_received=counters.dtmf_received,
            dtmf_sent=counters.dtmf_sent,
            callback_errors=counters.callback_errors,
        )

    async def close(self) -> None:
        """Stop sending and receiving; frames still held in the jitter buffer are delivered."""
        if self._closed:
            return
        self._closed = True
        if self._release_timer is not None:
            self._release_timer.cancel()
            self._release_timer = None
        if self._transport is not None:
            self._transport.close()
        with contextlib.suppress(Exception):
            self._jitter.flush()

    # -- receiving -------------------------------------------------------------------------

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:  # type: ignore[override]
        if self._closed:
            return
        try:
            packet = parse_rtp(data)
        except MalformedPacket:
            self._counters.malformed += 1
            return
        try:
            self._received(
                packet.payload_type,
                packet.sequence,
                packet.timestamp,
                packet.ssrc,
                packet.payload,
                addr,
            )
        except Exception:  # a failing callback must not take the receive path down
            self._counters.callback_errors += 1
            if self._counters.callback_errors == 1:  # once per session: no log flood
                log.exception("RTP packet handling failed on port %s", self.local_port)

    def _received(
        self,
        payload_type: int,
        sequence: int,
        timestamp: int,
        ssrc: int,
        payload: bytes,
        addr: tuple[str, int],
    ) -> None:
        now = self._loop.time()
        self._last_received = now
        self._counters.received += 1
        params = self._params
        if params is not None and not self._latched:
            self._latched = True
            if addr[:2] != self._remote:
                self._remote = (addr[0], addr[1])
        if self._direction == "sendonly" or self._direction == "inactive":
            return
        dtmf_type = params.dtmf_payload_type if params is not None else 101
        if payload_type == 8 or payload_type == 0:
            self._update_jitter(now, timestamp, ssrc)
            self._jitter.push(sequence, timestamp, ssrc, g711.decode(payload_type, payload))
        elif payload_type == dtmf_type:
            digit = self._dtmf.feed(ssrc, timestamp, payload, now)
            if self._same_stream(ssrc):
                self._jitter.push(sequence, timestamp, ssrc, None)
            if digit is not None:
                self._counters.dtmf_received += 1
                self._on_dtmf(digit)
        elif payload_type == COMFORT_NOISE:
            if self._same_stream(ssrc):
                self._jitter.push(sequence, timestamp, ssrc, None)
        else:
            self._counters.unknown_payload += 1
            return
        if self._release_timer is None and self._jitter.holding:
            self._release_timer = self._loop.call_later(HELD_RELEASE_SECONDS, self._release_held)

    def _release_held(self) -> None:
        self._release_timer = None
        if self._closed or not self._jitter.holding:
            return
        idle = self._loop.time() - (self._last_received or 0.0)
        if idle >= HELD_RELEASE_SECONDS:
            try:
                self._jitter.release_held()
            except Exception:
                self._counters.callback_errors += 1
                if self._counters.callback_errors == 1:
                    log.exception("RTP frame delivery failed on port %s", self.local_port)
        else:  # packets still flowing: the reorder window will release them
            self._release_timer = self._loop.call_later(
                HELD_RELEASE_SECONDS - idle, self._release_held
            )

    def _same_stream(self, ssrc: int) -> bool:
        # Events from another SSRC (e.g. a separately replayed capture) do not occupy
        # sequence numbers of the audio stream.
        return self._jitter.ssrc == ssrc

    def _update_jitter(self, now: float, timestamp: int, ssrc: int) -> None:
        transit = now * CLOCK_RATE - timestamp
        if self._transit is not None and self._jitter.ssrc == ssrc:
            d = abs(transit - self._transit)
            if d < CLOCK_RATE:  # ignore timestamp jumps
                self._jitter_units += (d - self._jitter_units) / 16
        self._transit = transit

    def _deliver(self, frame: bytes) -> None:
        self._on_audio(frame)

    def error_received(self, exc: Exception) -> None:
        # ICMP port unreachable while the peer is not (yet/any more) listening: harmless.
        log.debug("RTP socket error on port %s: %s", self.local_port, exc)

    # -- sending ---------------------------------------------------------------------------

    async def play(self, pcm: bytes) -> None:
        """Send `pcm` in real time (absolute deadlines, no drift); returns when done.

        The last packet is padded with silence. While the direction forbids sending,
        time still passes but nothing goes on the wire.
        """
        if len(pcm) % 2:
            raise ValueError("16-bit PCM must have an even length")
        params = self._require_params()
        async with self._send_lock:
            packet_bytes = params.ptime_ms * CLOCK_RATE // 1000 * 2
            interval = params.ptime_ms / 1000
            start = self._begin_talkspurt()
            marker = True
            index = 0
            for offset in range(0, len(pcm), packet_bytes):
                if self._closed:
                    return
                start = await self._wait_until(start, index, interval)
                chunk = pcm[offset : offset + packet_bytes]
                if len(chunk) < packet_bytes:
                    chunk += bytes(packet_bytes - len(chunk))
                current = self._params or params
                self._send(
                    current.payload_type,
                    g711.encode(current.payload_type, chunk),
                    marker,
                    self._out_timestamp,
                    interval,
                )
                self._out_timestamp = (self._out_timestamp + packet_bytes // 2) & 0xFFFFFFFF
                marker = False
                index += 1
            self._last_send = start + index * interval

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
                event_timestamp = self._out_timestamp
                for packet in event_packets(digit, duration_ms):
                    if self._closed:
                        return
                    deadline = start + packet.due
                    delay = deadline - self._loop.time()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    current = self._params or params
                    if current.dtmf_payload_type is None:
                        raise RuntimeError("telephone-event was removed by a re-INVITE")
                    self._send(
                        current.dtmf_payload_type,
                        packet.payload,
                        packet.marker,
                        event_timestamp,
                        None,
                    )
                self._counters.dtmf_sent += 1
                self._out_timestamp = (
                    event_timestamp + duration_ms * CLOCK_RATE // 1000
                ) & 0xFFFFFFFF
                self._last_send = self._loop.time()
                await asyncio.sleep(_INTER_DIGIT_SECONDS)

    def _require_params(self) -> MediaParams:
        if self._closed:
            raise RuntimeError("the RTP session is closed")
        if self._params is None:
            raise RuntimeError("start(params) must be called before sending")
        return self._params

    def _begin_talkspurt(self) -> float:
        """Advance our timestamp by the real time spent silent; return the start time."""
        now = self._loop.time()
        if self._last_send is not None and now > self._last_send:
            silent = int((now - self._last_send) * CLOCK_RATE)
            self._out_timestamp = (self._out_timestamp + silent) & 0xFFFFFFFF
        self._last_sent_at = None
        return now

    async def _wait_until(self, start: float, index: int, interval: float) -> float:
        deadline = start + index * interval
        now = self._loop.time()
        if now - deadline > _MAX_SEND_BACKLOG_PACKETS * interval:
            # The loop stalled far behind: restart the schedule instead of bursting.
            return now - index * interval
        if now - deadline > interval / 2:
            self._counters.late_sends += 1
        delay = deadline - now
        if delay > 0:
            await asyncio.sleep(delay)
        return start

    def _send(
        self,
        payload_type: int,
        payload: bytes,
        marker: bool,
        timestamp: int,
        interval: float | None,
    ) -> None:
        transport = self._transport
        remote = self._remote
        sequence = self._out_sequence
        self._out_sequence = (sequence + 1) & 0xFFFF
        if transport is None or remote is None or self._closed:
            return
        if self._direction == "recvonly" or self._direction == "inactive":
            return
        now = self._loop.time()
        if interval is not None and self._last_sent_at is not None:
            gap_ms = (now - self._last_sent_at) * 1000
            if gap_ms > self._counters.max_send_gap_ms:
                self._counters.max_send_gap_ms = gap_ms
        self._last_sent_at = now
        transport.sendto(
            build_header(payload_type, sequence, timestamp, self._out_ssrc, marker) + payload,
            remote,
        )
        self._counters.sent += 1
