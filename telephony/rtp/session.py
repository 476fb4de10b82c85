"""One call's RTP media over UDP: receive → jitter buffer → 20 ms PCM frames; paced send.

Receiving is batched: the loop's `MediaPump` drains the socket every 0.1 s (a
setting), and a run of in-order audio packets is decoded in one pass and delivered
as one chunk of whole 20 ms frames (one recorder write, one event). Packets that are
not the next of the stream (start, reordering, loss, DTMF, SSRC changes) go through
the jitter buffer one by one. Sending is the `RtpSender`'s (sender.py): its packets
go out from one shared clock per loop (pacing.py), one system call each, so one core
carries a few hundred calls.

Strict symmetric RTP (sources.py): media is taken only from the SDP's address or
a trusted media relay; the first such packet fixes where we send from then on, and
datagrams from anywhere else are dropped and counted (`RtpStats.foreign`). Where safe
the socket is then connected to the source (ports.py `SocketLink`: sends skip the
address; the kernel drops others' datagrams uncounted). A new `start()` (re-INVITE)
dissolves the connection, forgets the latch and latches again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import struct
from collections.abc import Callable
from typing import Final

from hotline.telephony.rtp import g711
from hotline.telephony.rtp.dtmf import DtmfReceiver
from hotline.telephony.rtp.jitterbuffer import JitterBuffer
from hotline.telephony.rtp.packet import MalformedPacket, parse_rtp
from hotline.telephony.rtp.params import (
    CLOCK_RATE,
    DIRECTIONS,
    Direction,
    MediaParams,
    RtpStats,
)
from hotline.telephony.rtp.ports import SocketLink, bind_pair
from hotline.telephony.rtp.pump import SLOTS, DatagramSources, MediaPump
from hotline.telephony.rtp.rtcp import RtcpCounts
from hotline.telephony.rtp.rtcp_channel import RtcpChannel
from hotline.telephony.rtp.sender import RtpSender
from hotline.telephony.rtp.sources import (
    NO_NETWORKS,
    MediaSourcePolicy,
    Network,
    Source,
    ip_of,
)
from hotline.telephony.rtp.srtp import SrtpContext, SrtpKeys

__all__ = ["CLOCK_RATE", "DIRECTIONS", "Direction", "MediaParams", "RtpSession", "RtpStats"]

log = logging.getLogger(__name__)

FRAME_BYTES: Final = 320  # 20 ms of 16-bit PCM at 8 kHz
COMFORT_NOISE: Final = 13
# When the peer pauses, packets held behind a hole are released after this long (or two
# pump intervals), so the recording and the ASR stream do not wait for the next packet.
HELD_RELEASE_SECONDS: Final = 0.2
_PLAIN_HEADER: Final = struct.Struct("!xBHII")  # after the first byte (0x80)


class RtpSession:
    """Use `await RtpSession.open(...)`, then `start(params)`.

    `on_audio` receives 16-bit PCM in whole 20 ms frames (one call may carry several).
    """

    def __init__(
        self,
        on_audio: Callable[[bytes], None],
        on_dtmf: Callable[[str], None],
        sock: socket.socket | None = None,
        trusted_media: tuple[Network, ...] = NO_NETWORKS,
    ) -> None:
        self._loop = asyncio.get_running_loop()
        self._on_audio = on_audio
        self._on_dtmf = on_dtmf
        self.sock = sock
        self.local_host = ""
        self.local_port = 0
        self._params: MediaParams | None = None
        self._sources = MediaSourcePolicy(trusted_media)
        self._direction: Direction = "sendrecv"
        self._closed = False
        self._sender = RtpSender(self._loop, sock)
        self._jitter = JitterBuffer(on_audio)  # frames straight to the owner
        self._dtmf = DtmfReceiver()
        self._last_received: float | None = None
        self._release_timer: asyncio.TimerHandle | None = None
        self._transit: float | None = None
        self._jitter_units = 0.0
        self._counters = RtpStats()  # the receive side's; the sender counts its own
        self.rtcp: RtcpChannel | None = None
        self._srtp: SrtpContext | None = None  # SRTP keys negotiated: every packet goes through
        self._link = SocketLink()  # the socket connected to the latched source, or not

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
        trusted_media: tuple[Network, ...] = NO_NETWORKS,
    ) -> RtpSession:
        """Bind an even free UDP port in [port_min, port_max] and the odd one above for RTCP.

        `trusted_media`: relays whose packets are accepted from any address of theirs."""
        sock, rtcp_sock, port = await bind_pair(host, port_min, port_max)
        loop = asyncio.get_running_loop()
        session = cls(on_audio, on_dtmf, sock, trusted_media)
        session.local_host, session.local_port = host, port
        session._sender.local_port = port
        MediaPump.of(loop).add(session)
        channel = RtcpChannel(
            session.rtcp_counts,
            lambda s=session: s._sender.remote,
            session.rtcp_admits,
            f"hotline@{host}",
        )
        await loop.create_datagram_endpoint(lambda c=channel: c, sock=rtcp_sock)
        session.rtcp = channel
        return session

    def start(self, params: MediaParams) -> None:
        """Begin (or, after a re-INVITE, continue with new remote/codec/ptime)."""
        if self._closed:
            raise RuntimeError("the RTP session is closed")
        self._params = params
        if self._link.connected and self.sock is not None:  # it may name another source
            self._sender.connected = self._link.dissolve(self.sock)
        self._sender.params = params
        self._sender.remote = params.remote
        self._sources.expect(params.remote)

    def secure(self, keys: SrtpKeys | None) -> None:
        """SRTP with these keys from now on (None: plain RTP); the same keys keep the
        context (its rollover counters and replay windows)."""
        if (self._srtp.keys if self._srtp else None) == keys:
            return
        if self._srtp is not None:  # what arrived under the old keys is read with them
            MediaPump.of(self._loop).drain(self)
            self._counters.srtp_rejected += self._srtp.rejected
        self._srtp = SrtpContext(keys) if keys is not None else None
        self._sender.protect = self._srtp.protect if self._srtp else None
        if self.rtcp is not None:
            self.rtcp.srtp = self._srtp

    def set_direction(self, direction: Direction) -> None:
        if direction not in DIRECTIONS:
            raise ValueError(f"direction {direction!r} is not one of {sorted(DIRECTIONS)}")
        self._direction = direction
        self._sender.sending = direction in ("sendrecv", "sendonly") and not self._closed

    @property
    def direction(self) -> Direction:
        return self._direction

    @property
    def remote(self) -> tuple[str, int] | None:
        """Where we send now (the SDP address, or the latched source address)."""
        return self._sender.remote

    @property
    def last_received(self) -> float | None:
        """Loop time of the last batch with a packet (at most one pump interval late)."""
        return self._last_received

    @property
    def stats(self) -> RtpStats:
        counters = self._counters
        jitter = self._jitter.stats
        sender = self._sender
        return RtpStats(
            received=counters.received,
            lost=jitter.lost,
            late=jitter.late,
            duplicates=jitter.duplicates,
            sent=sender.sent,
            send_errors=sender.send_errors,
            malformed=counters.malformed,
            unknown_payload=counters.unknown_payload,
            resyncs=jitter.resyncs,
            filled_ms=jitter.filled_samples * 1000 / CLOCK_RATE,
            jitter_ms=self._jitter_units * 1000 / CLOCK_RATE,
            max_send_gap_ms=sender.max_send_gap * 1000,
            late_sends=sender.late_sends,
            dtmf_received=counters.dtmf_received,
            dtmf_sent=sender.dtmf_sent,
            callback_errors=counters.callback_errors,
            foreign=counters.foreign,
            srtp_rejected=counters.srtp_rejected + (self._srtp.rejected if self._srtp else 0),
            rtt_ms=self.rtcp.rtt * 1000 if self.rtcp and self.rtcp.rtt is not None else None,
            rtcp_received=self.rtcp.reports_received if self.rtcp else 0,
        )

    def rtcp_counts(self) -> RtcpCounts:
        sender, jitter = self._sender, self._jitter
        return RtcpCounts(
            ssrc=sender.ssrc,
            sent=sender.sent,
            sent_octets=sender.sent * 160,  # G.711 at 20 ms; the report needs no more
            rtp_timestamp=sender.out_timestamp,
            remote_ssrc=jitter.ssrc,
            received=self._counters.received,
            lost=jitter.stats.lost,
            highest_seq=jitter.highest,
            jitter=int(self._jitter_units),
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
        self._sender.close()
        if self.rtcp is not None:
            self.rtcp.close()
        self.sock = None
        if sock is not None:
            sock.close()
        if self._release_timer is not None:
            self._release_timer.cancel()
            self._release_timer = None
        with contextlib.suppress(Exception):
            self._jitter.now = self._loop.time()
            self._jitter.flush()

    # -- receiving -------------------------------------------------------------------------

    def datagram_received(self, data: bytes, addr: Source) -> None:
        """One datagram with its source."""
        if self._closed:
            return
        if not self._admits(addr):
            self._foreign(1, addr)
            return
        now = self._jitter.now = self._loop.time()
        if self._srtp is not None:
            plain = self._srtp.unprotect(data)
            if plain is None:  # failed authentication (counted): never decoded
                return
            data = plain
        self._one(data, now)
        self._arm_release()

    def receive_batch(
        self,
        view: memoryview,
        stride: int,
        lengths: list[int],
        now: float,
        sources: DatagramSources,
    ) -> None:
        """Datagrams read by the pump: datagram i is view[i*stride : i*stride + lengths[i]]
        and came from sources.source(i).

        Consecutive in-order audio packets (the usual case) are decoded and delivered as
        one chunk; everything else goes through the per-packet path. Datagrams not from
        the latched source are dropped first (their length set to -1).
        """
        if self._closed:
            return
        connected_at_read = self._link.connected  # connected before these were read
        policy = self._sources
        if policy.latched is None:
            for index in range(len(lengths)):
                source = sources.source(index)
                if self._admits(source):
                    break
                lengths[index] = -1
                self._foreign(1, source)
        latched = policy.latched
        if latched is not None and not self._link.clean:
            dropped = sources.drop_foreign(lengths, latched)
            if dropped:
                first = None if self._counters.foreign else sources.source(lengths.index(-1))
                self._foreign(dropped, first)
        if self._srtp is not None:  # failed authentication: dropped like foreign datagrams
            view = self._srtp.unprotect_batch(view, stride, lengths)
        jitter = self._jitter
        jitter.now = now  # loss is filled with at most the silence that real time allows
        audio = self._direction != "sendonly" and self._direction != "inactive"
        unpack = _PLAIN_HEADER.unpack_from
        run: list[memoryview] = []
        run_type = run_ssrc = run_next = run_first_ts = last_ts = 0
        offset = -stride
        for size in lengths:
            offset += stride
            if size < 0:
                continue  # dropped: from a foreign source
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
        if connected_at_read and len(lengths) < SLOTS and self._link.connected:
            self._link.clean = True  # this read emptied the queue: the rest is the source's
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

    def _admits(self, source: Source) -> bool:
        """Accept this source? The first authorized one latches: we send there from now on."""
        policy = self._sources
        if policy.latched is not None:
            return source[:2] == policy.latched[:2]
        if self._params is None:  # no offer/answer yet: nobody is expected
            return False
        if not policy.admits(source):
            return False
        if source[:2] != self._sender.remote:
            self._sender.remote = (source[0], source[1])
        self._sender.connected = self._link.connect(self.sock, source)
        return True

    def rtcp_admits(self, host: str) -> bool:
        """RTCP from the host our RTP goes to (latched or from the SDP), or a trusted relay."""
        address = ip_of(host)
        remote = self._sender.remote
        if address is None or self._params is None:
            return False
        if remote is not None and address == ip_of(remote[0]):
            return True
        return any(address in network for network in self._sources.trusted)

    def _foreign(self, count: int, source: Source | None) -> None:
        self._counters.foreign += count
        if self._counters.foreign == count:  # the first: once per session, no log flood
            log.warning(
                "RTP port %s: dropping media from %s, which is not the call's media source",
                self.local_port,
                f"{source[0]}:{source[1]}" if source is not None else "another address",
            )

    def _hold_limit(self) -> float:
        return max(HELD_RELEASE_SECONDS, 2 * MediaPump.interval_on(self._loop))

    def _arm_release(self) -> None:
        if self._release_timer is None and self._jitter.holding and not self._closed:
            self._release_timer = self._loop.call_later(self._hold_limit(), self._release_held)

    def _release_held(self) -> None:
        self._release_timer = None
        if self._closed or not self._jitter.holding:
            return
        idle = self._loop.time() - (self._last_received or 0.0)
        if idle >= (limit := self._hold_limit()):
            try:
                self._jitter.now = self._loop.time()
                self._jitter.release_held()
            except Exception:
                self._counters.callback_errors += 1
                if self._counters.callback_errors == 1:
                    log.exception("RTP frame delivery failed on port %s", self.local_port)
        else:  # packets still flowing: the reorder window will release them
            self._release_timer = self._loop.call_later(limit - idle, self._release_held)

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

    # -- sending (the RtpSender's) ---------------------------------------------------------

    async def play(self, pcm: bytes) -> None:
        """Send `pcm` in real time (absolute deadlines, no drift); returns when done.

        The last packet is padded with silence. While the direction forbids sending,
        time still passes but nothing goes on the wire.
        """
        await self._sender.play(pcm)

    async def send_dtmf(self, digits: str, duration_ms: int = 160) -> None:
        """Send RFC 4733 events: start (marker), updates every 20 ms, three end packets."""
        await self._sender.send_dtmf(digits, duration_ms)
