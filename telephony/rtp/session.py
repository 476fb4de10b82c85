"""One call's RTP media over UDP: receive → jitter buffer → 20 ms PCM frames; paced send.

Receiving is batched: the loop's `MediaPump` drains the socket every 0.1 s, and
a run of in-order audio packets is decoded in one pass and delivered as one chunk
of whole 20 ms frames (one recorder write, one event). Packets that are not the
next of the stream (start, reordering, loss, DTMF, SSRC changes) go through the
jitter buffer one by one. Sending goes out from one shared clock per loop with a
plain `sendto` on the socket, so one core carries a few hundred calls.

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
import functools
import logging
import math
import random
import secrets
import socket
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, get_args

from hotline.telephony.rtp import g711
from hotline.telephony.rtp.dtmf import DtmfReceiver, digit_code, event_packets
from hotline.telephony.rtp.jitterbuffer import JitterBuffer
from hotline.telephony.rtp.packet import MalformedPacket, parse_rtp
from hotline.telephony.rtp.pump import MediaPump, tune_socket

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
_PLAIN_HEADER: Final = struct.Struct("!xBHII")  # after the first byte (0x80)
_OUT_HEADER: Final = struct.Struct("!BBHII")


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


class RtpSession:
    """Use `await RtpSession.open(...)`, then `start(params)`.

    `on_audio` receives 16-bit PCM in whole 20 ms frames (one call may carry several).
    """

    def __init__(
        self,
        on_audio: Callable[[bytes], None],
        on_dtmf: Callable[[str], None],
        sock: socket.socket | None = None,
    ) -> None:
        self._loop = asyncio.get_running_loop()
        self._on_audio = on_audio
        self._on_dtmf = on_dtmf
        self.sock = sock
        self.local_host = ""
        self.local_port = 0
        self._params: MediaParams | None = None
        self._remote: tuple[str, int] | None = None
        self._latched = False
        self._source: tuple[str, int] | None = None  # of the datagram being handled
        self._direction: Direction = "sendrecv"
        self._sending = True  # direction allows sending and the session is open
        self._max_send_gap = 0.0  # seconds, between two packets of one play()
        self._closed = False
        self._jitter = JitterBuffer(on_audio)  # frames straight to the owner
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
        infos = await loop.getaddrinfo(host, 0, type=socket.SOCK_DGRAM)
        family, _, _, _, address = infos[0]
        for port in ports[start:] + ports[:start]:
            sock = socket.socket(family, socket.SOCK_DGRAM)
            try:
                tune_socket(sock)
                sock.bind((address[0], port, *address[2:]))
            except OSError as exc:
                sock.close()
                if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                    continue
                raise
            session = cls(on_audio, on_dtmf, sock)
            session.local_host, session.local_port = host, port
            MediaPump.of(loop).add(session)
            return session
        raise OSError(errno.EADDRINUSE, f"no free even UDP port in {port_min}-{port_max} on {host}")

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
        self._sending = direction in ("sendrecv", "sendonly") and not self._closed

    @property
    def direction(self) -> Direction:
        return self._direction

    @property
    def remote(self) -> tuple[str, int] | None:
        """Where we send now (the SDP address, or the latched source address)."""
        return self._remote

    @property
    def last_received(self) -> float | None:
        """Loop time of the last batch with a packet (at most one pump interval late)."""
        return self._last_received

    @property
    def needs_source(self) -> bool:
        """The next datagram's source address is wanted (symmetric RTP latch)."""
        return self._params is not None and not self._latched

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
            send_errors=counters.send_errors,
            malformed=counters.malformed,
            unknown_payload=counters.unknown_payload,
            resyncs=jitter.resyncs,
            filled_ms=jitter.filled_samples * 1000 / CLOCK_RATE,
            jitter_ms=self._jitter_units * 1000 / CLOCK_RATE,
            max_send_gap_ms=self._max_send_gap * 1000,
            late_sends=counters.late_sends,
            dtmf_received=counters.dtmf_received,
            dtmf_sent=counters.dtmf_sent,
            callback_errors=counters.callback_errors,
        )

    async def close(self) -> None:
        """Stop sending and receiving; frames still held in the jitter buffer are delivered."""
        if self._closed:
            return
        sock = self.sock
        if sock is not None:
            # What arrived since the pump's last tick is part of the call (its last words).
            pump = MediaPump.of(self._loop)
            try:
                pump.drain(self)
            finally:
                pump.remove(self)
        self._closed = True
        self._sending = False
        self.sock = None
        if sock is not None:
            sock.close()
        if self._release_timer is not None:
            self._release_timer.cancel()
            self._release_timer = None
        with contextlib.suppress(Exception):
            self._jitter.flush()

    # -- receiving -------------------------------------------------------------------------

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        """One datagram with its source (the first after `start()`: symmetric RTP)."""
        if self._closed:
            return
        self._source = addr
        self._one(data, self._loop.time())
        self._source = None
        self._arm_release()

    def receive_batch(self, view: memoryview, stride: int, lengths: list[int], now: float) -> None:
        """Datagrams read by the pump: datagram i is view[i*stride : i*stride + lengths[i]].

        Consecutive in-order audio packets (the usual case) are decoded and delivered as
        one chunk; everything else goes through the per-packet path.
        """
        if self._closed:
            return
        jitter = self._jitter
        audio = self._direction != "sendonly" and self._direction != "inactive"
        unpack = _PLAIN_HEADER.unpack_from
        run: list[memoryview] = []
        run_type = run_ssrc = run_next = run_first_ts = last_ts = 0
        offset = -stride
        for size in lengths:
            offset += stride
            if size >= 12 and view[offset] == 0x80:
                second, sequence, timestamp, ssrc = unpack(view, offset)
                payload_type = second & 0x7F
                if run:
                    if sequence == run_next and ssrc == run_ssrc and payload_type == run_type:
                        run.append(view[offset + 12 : offset + size])
                        run_next = (sequence + 1) & 0xFFFF
                        last_ts = timestamp
                        continue
                    self._deliver_run(run, run_type, run_ssrc, run_first_ts, last_ts, now)
                    run = []
                if (
                    audio
                    and (payload_type == 8 or payload_type == 0)
                    and size > 12
                    and jitter.next_in_order(sequence, ssrc)
                ):
                    run = [view[offset + 12 : offset + size]]
                    run_type, run_ssrc, run_first_ts = payload_type, ssrc, timestamp
                    run_next, last_ts = (sequence + 1) & 0xFFFF, timestamp
                    continue
            elif run:
                self._deliver_run(run, run_type, run_ssrc, run_first_ts, last_ts, now)
                run = []
            self._one(view[offset : offset + size].tobytes(), now)
        if run:
            self._deliver_run(run, run_type, run_ssrc, run_first_ts, last_ts, now)
        self._arm_release()

    def _deliver_run(
        self,
        run: list[memoryview],
        payload_type: int,
        ssrc: int,
        first_timestamp: int,
        last_timestamp: int,
        now: float,
    ) -> None:
        count = len(run)
        self._counters.received += count
        self._last_received = now
        self._update_jitter(now, last_timestamp, ssrc)
        try:
            pcm = g711.decode(payload_type, b"".join(run))
            self._jitter.push_run(count, first_timestamp, last_timestamp, len(run[-1]), pcm)
        except Exception:  # a failing callback must not take the receive path down
            self._callback_failed()

    def _one(self, data: bytes, now: float) -> None:
        try:
            if len(data) >= 12 and data[0] == 0x80 and not 72 <= data[1] & 0x7F <= 76:
                # The usual packet (version 2, no padding, extension or CSRC): one unpack,
                # no RtpPacket object. Anything else goes through the full parser.
                second, sequence, timestamp, ssrc = _PLAIN_HEADER.unpack_from(data)
                self._received(second & 0x7F, sequence, timestamp, ssrc, data[12:], now)
                return
            try:
                packet = parse_rtp(data)
            except MalformedPacket:
                self._counters.malformed += 1
                return
            self._received(
                packet.payload_type,
                packet.sequence,
                packet.timestamp,
                packet.ssrc,
                packet.payload,
                now,
            )
        except Exception:  # a failing callback must not take the receive path down
            self._callback_failed()

    def _callback_failed(self) -> None:
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
        now: float,
    ) -> None:
        self._counters.received += 1
        self._last_received = now
        params = self._params
        if params is not None and not self._latched and self._source is not None:
            self._latched = True
            if self._source[:2] != self._remote:
                self._remote = (self._source[0], self._source[1])
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

    def _arm_release(self) -> None:
        if self._release_timer is None and self._jitter.holding and not self._closed:
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

    # -- sending ---------------------------------------------------------------------------

    async def play(self, pcm: bytes) -> None:
        """Send `pcm` in real time (absolute deadlines, no drift); returns when done.

        The last packet is padded with silence. While the direction forbids sending,
        time still passes but nothing goes on the wire. The packets of every playing
        session on this loop go out from one shared timer (`_SendClock`), not one
        sleep per packet per call.
        """
        if len(pcm) % 2:
            raise ValueError("16-bit PCM must have an even length")
        params = self._require_params()
        async with self._send_lock:
            packet_bytes = params.ptime_ms * CLOCK_RATE // 1000 * 2
            if len(pcm) % packet_bytes:
                pcm = _padded(pcm, packet_bytes)
            if not pcm:
                return
            clock = _SendClock.of(self._loop)
            start = clock.grid_time(self._loop.time())
            self._begin_talkspurt(start)
            playback = _Playback(self, params, pcm, packet_bytes, start)
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

    def _begin_talkspurt(self, start: float | None = None) -> float:
        """Advance our timestamp by the real time spent silent; return the start time."""
        now = self._loop.time() if start is None else start
        if self._last_send is not None and now > self._last_send:
            silent = int((now - self._last_send) * CLOCK_RATE)
            self._out_timestamp = (self._out_timestamp + silent) & 0xFFFFFFFF
        self._last_sent_at = None
        return now

    def _send(
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
        remote = self._remote
        if sock is None or remote is None or not self._sending:
            return
        if now is None:
            now = self._loop.time()
        last = self._last_sent_at
        self._last_sent_at = now
        counters = self._counters
        if interval is not None and last is not None and now - last > self._max_send_gap:
            self._max_send_gap = now - last
        try:
            sock.sendto(
                _OUT_HEADER.pack(
                    0x80,
                    payload_type | 0x80 if marker else payload_type,
                    sequence,
                    timestamp,
                    self._out_ssrc,
                )
                + payload,
                remote,
            )
        except OSError as exc:
            self._send_failed(exc)
            return
        counters.sent += 1

    def _send_failed(self, exc: OSError) -> None:
        # A full send buffer drops the packet (RTP is not retransmitted); ICMP port
        # unreachable while the peer is not (yet/any more) listening is harmless.
        self._counters.send_errors += 1
        if self._counters.send_errors == 1:
            log.debug("RTP send on port %s failed: %s", self.local_port, exc)


@functools.lru_cache(maxsize=8)
def _padded(pcm: bytes, packet_bytes: int) -> bytes:
    """Whole packets (the last one padded with silence); cached like `_encoded`."""
    return pcm + bytes(-len(pcm) % packet_bytes)


@functools.lru_cache(maxsize=8)
def _encoded(pcm: bytes, payload_type: int) -> bytes:
    """Every call plays the same greeting: encode it once (bytes cache their hash)."""
    return g711.encode(payload_type, pcm)


class _Playback:
    """One play() in progress: the audio pre-encoded in one vectorised pass, the next
    packet's index and the schedule it keeps (start + index * interval)."""

    __slots__ = (
        "session",
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
        session: RtpSession,
        params: MediaParams,
        pcm: bytes,
        packet_bytes: int,
        start: float,
    ) -> None:
        self.session = session
        self.params = params
        self.pcm = pcm
        self.payload_type = params.payload_type
        self.payloads = _encoded(pcm, params.payload_type)  # one byte per sample
        self.packet_bytes = packet_bytes
        self.payload_size = packet_bytes // 2
        self.interval = params.ptime_ms / 1000
        self.start = start
        self.index = 0
        self.count = len(pcm) // packet_bytes
        self.done: asyncio.Future[None] = session._loop.create_future()

    def due(self) -> float:
        return self.start + self.index * self.interval

    def end_time(self) -> float:
        return self.start + self.index * self.interval

    def service(self, now: float) -> float | None:
        """Send every packet due by `now`; return when the next one is due, or None
        (and finish the future) when all are out."""
        session = self.session
        interval = self.interval
        index = self.index
        size = self.payload_size
        while index < self.count:
            if session._closed:
                break
            due = self.start + index * interval
            if due > now + _CLOCK_SLACK:
                self.index = index
                return due
            late = now - due
            if late > _MAX_SEND_BACKLOG_PACKETS * interval:
                # The loop stalled far behind: restart the schedule instead of bursting.
                self.start = now - index * interval
            elif late > interval / 2:
                session._counters.late_sends += 1
            current = session._params or self.params
            offset = index * size
            if current.payload_type == self.payload_type:
                payload = self.payloads[offset : offset + size]
            else:  # a re-INVITE changed the codec mid-play
                chunk = self.pcm[offset * 2 : offset * 2 + self.packet_bytes]
                payload = g711.encode(current.payload_type, chunk)
            timestamp = session._out_timestamp
            session._out_timestamp = (timestamp + size) & 0xFFFFFFFF
            session._send(current.payload_type, payload, index == 0, timestamp, interval, now)
            index += 1
        self.index = index
        if not self.done.done():
            self.done.set_result(None)
        return None


_CLOCK_SLACK: Final = 0.001  # timers may fire this much early (millisecond resolution)
_GRID: Final = 0.02  # plays start on a shared 20 ms grid, so their packets share ticks


class _SendClock:
    """One timer per event loop that sends the due packets of every playing session.

    With a sleep per packet per call, N calls cost N task wake-ups every 20 ms; here
    plays start on a common 20 ms grid and one wake-up serves them all.
    """

    _clocks: dict[asyncio.AbstractEventLoop, _SendClock] = {}

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.playbacks: list[_Playback] = []
        self.handle: asyncio.TimerHandle | None = None
        self.wake_at: float | None = None

    @classmethod
    def of(cls, loop: asyncio.AbstractEventLoop) -> _SendClock:
        clock = cls._clocks.get(loop)
        if clock is None:
            clock = cls._clocks[loop] = cls(loop)
        return clock

    @staticmethod
    def grid_time(now: float) -> float:
        return math.ceil(now / _GRID - 1e-9) * _GRID

    def add(self, playback: _Playback) -> None:
        self.playbacks.append(playback)
        self._schedule(playback.due())

    def remove(self, playback: _Playback) -> None:
        with contextlib.suppress(ValueError):
            self.playbacks.remove(playback)
        if not self.playbacks:
            if self.handle is not None:
                self.handle.cancel()
                self.handle, self.wake_at = None, None
            self._clocks.pop(self.loop, None)

    def _schedule(self, when: float) -> None:
        if self.wake_at is not None and self.wake_at <= when:
            return
        if self.handle is not None:
            self.handle.cancel()
        self.wake_at = when
        self.handle = self.loop.call_at(when, self._tick)

    def _tick(self) -> None:
        self.handle, self.wake_at = None, None
        now = self.loop.time()
        following: float | None = None
        for playback in self.playbacks:
            try:
                due = playback.service(now)
            except Exception as exc:  # one broken session must not stop the others
                if not playback.done.done():
                    playback.done.set_exception(exc)
                continue
            if due is not None and (following is None or due < following):
                following = due
        if following is not None:
            self._schedule(following)
        pump = MediaPump.of_running(self.loop)
        if pump is not None:
            pump.ride()  # the receive side's due phase, in this same wake-up
