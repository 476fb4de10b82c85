"""Jitter buffer: a fixed-capacity ring indexed by RTP sequence number.

Packets go in decoded (16-bit PCM), in any order; audio comes out in order
through `on_frame`, always in whole 20 ms frames (one call may carry several:
a run of in-order packets pushed at once with `push_run` comes out as one chunk).
Policy, chosen for recording and ASR rather than for lowest latency:

- reordering is absorbed within `reorder_packets`; a hole still open when the
  stream is that far past it is declared lost, and a packet arriving later is
  counted `late` and dropped;
- duplicates are dropped;
- lost packets become digital silence (16-bit zeros, never 0x00 G.711 bytes,
  which decode to a full-scale click); the length comes from the RTP timestamps
  when they are plausible, otherwise from the size of the previous packet,
  and is capped at `max_fill_seconds`; when the owner gives the arrival time
  (`now`), the audio delivered never runs ahead of the time that actually passed
  since the first packet by more than `fill_slack_seconds`: sequence and timestamp
  jumps that claim long losses in no time cannot stretch a recording;
- contiguous sequence numbers never produce fill, whatever the timestamp does:
  a timestamp jump (+400 M, a restart, or DTX) is simply followed;
- an SSRC change, or a sequence jump confirmed by the next packet (RFC 3550
  appendix A.1 probation), resynchronises: held packets are delivered first;
- memory is bounded: the ring, one partial frame, one probation packet, and
  silence is emitted as a shared constant frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

MAX_DROPOUT: Final = 3000  # forward sequence jump still treated as loss (RFC 3550 A.1)
MAX_MISORDER: Final = 100  # backward jump still treated as a late packet
_PLAUSIBLE_SAMPLES_PER_PACKET: Final = 960  # 120 ms at 8 kHz
_SMALL_BURST: Final = 10  # lost packets filled from the packet size when timestamps disagree

Entry = tuple[int, int, bytes | None]  # (extended sequence, timestamp, pcm or None)


@dataclass(slots=True)
class JitterStats:
    received: int = 0
    lost: int = 0
    late: int = 0
    duplicates: int = 0
    resyncs: int = 0
    filled_samples: int = 0


class JitterBuffer:
    def __init__(
        self,
        on_frame: Callable[[bytes], None],
        *,
        capacity: int = 64,
        reorder_packets: int = 4,
        frame_samples: int = 160,
        max_fill_seconds: float = 5.0,
        fill_slack_seconds: float = 1.0,
        clock_rate: int = 8000,
    ) -> None:
        if not 0 < reorder_packets < capacity:
            raise ValueError("reorder_packets must be between 1 and capacity - 1")
        self._on_frame = on_frame
        self._capacity = capacity
        self._reorder = reorder_packets
        self._frame_bytes = frame_samples * 2
        self._silence = bytes(self._frame_bytes)
        self._max_fill = int(max_fill_seconds * clock_rate)
        self._fill_slack = int(fill_slack_seconds * clock_rate)
        self._clock_rate = clock_rate
        # Arrival time of the packets being pushed, set by the owner (sans-I/O: it owns the
        # clock); None: no time bound on the silence inserted for losses.
        self.now: float | None = None
        self._first_at: float | None = None  # `now` at the first packet
        self._delivered = 0  # samples handed to on_frame, audio and fill (and pending)
        self._slots: list[Entry | None] = [None] * capacity
        self._done: list[int | None] = [None] * capacity  # extended seq released or skipped
        self._pending = bytearray()
        self.stats = JitterStats()
        self._ssrc: int | None = None
        self._old_streams: tuple[tuple[int, int], ...] = ()  # (ssrc, last sequence)
        self._next = 0  # extended sequence number to release next
        self._highest = 0
        self._expected_ts: int | None = None  # timestamp right after the last released audio
        self._last_samples = 160
        self._missing = 0  # lost packets since the last released one
        self._probation: tuple[int, int, int, bytes | None] | None = None
        self._starting = True  # no packet of this stream released yet
        self._switched_at = 0  # `received` count when the current stream began

    @property
    def ssrc(self) -> int | None:
        """The SSRC of the stream being followed."""
        return self._ssrc

    # -- input ---------------------------------------------------------------------------

    @property
    def highest(self) -> int:
        """The extended highest sequence number received (RTCP report blocks)."""
        return self._highest

    def push(self, sequence: int, timestamp: int, ssrc: int, pcm: bytes | None) -> None:
        """Add one packet. `pcm=None` occupies the sequence number without audio
        (a telephone-event packet of the same stream), so it is not taken for loss."""
        self.stats.received += 1
        following = self._next
        if (
            following == self._highest + 1
            and sequence == following & 0xFFFF
            and ssrc == self._ssrc
            and not self._starting
            and self._probation is None
        ):
            # The common case, the very next packet with nothing held: release it at once
            # (what the general path below does for it, without the ring round trip).
            self._highest = following
            self._next = following + 1
            self._done[following % self._capacity] = following
            if pcm is not None:
                if self._missing:
                    self._fill_loss(timestamp)
                samples = len(pcm) // 2
                self._expected_ts = (timestamp + samples) & 0xFFFFFFFF
                self._last_samples = samples or self._last_samples
                self._emit(pcm)
            return
        if ssrc != self._ssrc:
            if self._is_straggler(sequence, ssrc):
                self.stats.late += 1  # a late packet of a stream we already left
                return
            self._restart(sequence, timestamp, ssrc, pcm)
            return
        ext = self._extend(sequence)
        delta = ext - self._next
        if delta < 0 and self._starting and self._highest - ext < self._capacity - 1:
            self._next = ext  # reordered at the very start of the stream: not late
            delta = 0
        if delta < 0:
            if delta < -MAX_MISORDER:
                self._on_jump(sequence, timestamp, ssrc, pcm)
                return
            if self._done[ext % self._capacity] == ext:
                self.stats.duplicates += 1
            else:
                self.stats.late += 1
            return
        if delta > MAX_DROPOUT:
            self._on_jump(sequence, timestamp, ssrc, pcm)
            return
        if self._probation is not None:
            self.stats.late += 1  # the far packet was a stray after all
            self._probation = None
        slot = ext % self._capacity
        held = self._slots[slot]
        if held is not None and held[0] == ext:
            self.stats.duplicates += 1
            return
        while ext - self._next >= self._capacity:  # far ahead: make room, holes are lost
            self._advance()
        self._slots[slot] = (ext, timestamp, pcm)
        if ext > self._highest:
            self._highest = ext
        self._release()

    def next_in_order(self, sequence: int, ssrc: int) -> bool:
        """True if a packet with this sequence and SSRC is simply the next of the stream
        with nothing held: `push_run` may take it and the packets right after it."""
        following = self._next
        return (
            following == self._highest + 1
            and sequence == following & 0xFFFF
            and ssrc == self._ssrc
            and not self._starting
            and self._probation is None
        )

    def push_run(
        self, count: int, first_timestamp: int, last_timestamp: int, last_samples: int, pcm: bytes
    ) -> None:
        """`count` audio packets with consecutive sequence numbers, the first of which
        passed `next_in_order`, decoded and joined: what `count` pushes would do, at once.
        `last_samples` is the sample count of the last packet."""
        self.stats.received += count
        following = self._next
        end = following + count
        capacity = self._capacity
        done = self._done
        for ext in range(following, end):
            done[ext % capacity] = ext
        self._highest = end - 1
        self._next = end
        if self._missing:
            self._fill_loss(first_timestamp)
        self._expected_ts = (last_timestamp + last_samples) & 0xFFFFFFFF
        self._last_samples = last_samples or self._last_samples
        self._emit(pcm)

    @property
    def holding(self) -> bool:
        """True while packets wait behind a hole (or in the start-up window)."""
        return self._ssrc is not None and self._next <= self._highest

    def release_held(self) -> None:
        """The stream paused: deliver what is held now (holes become silence), keeping
        the partial frame, instead of waiting for packets that may never come."""
        self._drain()
        self._starting = False

    def flush(self) -> None:
        """Deliver everything held (holes become silence) and pad the last frame."""
        self._drain()
        if self._pending:
            self._pending.extend(bytes(self._frame_bytes - len(self._pending)))
            self._on_frame(bytes(self._pending))
            self._pending.clear()

    # -- sequence bookkeeping --------------------------------------------------------------

    def _extend(self, sequence: int) -> int:
        delta = (sequence - self._highest) & 0xFFFF
        if delta >= 0x8000:
            delta -= 0x10000
        return self._highest + delta

    def _is_straggler(self, sequence: int, ssrc: int) -> bool:
        # Only right after a switch, and only near where the old stream stopped: an old
        # SSRC coming back later (e.g. after music on hold) is followed again.
        if self.stats.received - self._switched_at > self._capacity:
            return False
        for old_ssrc, last in self._old_streams:
            if old_ssrc == ssrc:
                distance = (sequence - last) & 0xFFFF
                return min(distance, 0x10000 - distance) <= MAX_MISORDER
        return False

    def _restart(self, sequence: int, timestamp: int, ssrc: int, pcm: bytes | None) -> None:
        if self._first_at is None:
            self._first_at = self.now
        if self._ssrc is not None:
            self._drain()
            self.stats.resyncs += 1
            if ssrc != self._ssrc:
                left = (self._ssrc, self._highest & 0xFFFF)
                self._old_streams = (left, *self._old_streams[:3])
        self._ssrc = ssrc
        self._slots = [None] * self._capacity
        self._done = [None] * self._capacity
        self._next = self._highest = sequence
        self._expected_ts = None
        self._missing = 0
        self._probation = None
        self._starting = True
        self._switched_at = self.stats.received
        self._slots[sequence % self._capacity] = (sequence, timestamp, pcm)
        self._release()

    def _on_jump(self, sequence: int, timestamp: int, ssrc: int, pcm: bytes | None) -> None:
        # One packet far away may be a stray; two in a row mean the sender restarted.
        probation = self._probation
        if probation is not None and (probation[0] + 1) & 0xFFFF == sequence:
            self._restart(probation[0], probation[1], ssrc, probation[3])
            self.push(sequence, timestamp, ssrc, pcm)
            return
        if probation is not None:
            self.stats.late += 1
        self._probation = (sequence, timestamp, ssrc, pcm)

    # -- output ----------------------------------------------------------------------------

    def _release(self) -> None:
        if self._starting:
            # Hold the first packets of a stream for one reorder window, so a stream
            # whose first packets arrive swapped still starts at its first packet.
            if self._highest - self._next < self._reorder:
                return
            self._starting = False
        capacity = self._capacity
        while True:
            entry = self._slots[self._next % capacity]
            if entry is not None and entry[0] == self._next:
                self._advance()
            elif self._highest - self._next >= self._reorder:
                self._advance()  # the hole has waited long enough: lost
            else:
                return

    def _drain(self) -> None:
        if self._ssrc is None:
            return
        while self._next <= self._highest:
            self._advance()
        if self._probation is not None:
            self.stats.late += 1
            self._probation = None

    def _advance(self) -> None:
        """Release or skip the packet at `_next`."""
        slot = self._next % self._capacity
        entry = self._slots[slot]
        self._slots[slot] = None
        self._next += 1
        if entry is None or entry[0] != self._next - 1:
            self._done[slot] = None  # skipped: a copy arriving now is late, not a duplicate
            self.stats.lost += 1
            self._missing += 1
            return
        self._done[slot] = self._next - 1
        _, timestamp, pcm = entry
        if pcm is None:
            return
        samples = len(pcm) // 2
        if self._missing:
            self._fill_loss(timestamp)
        self._expected_ts = (timestamp + samples) & 0xFFFFFFFF
        self._last_samples = samples or self._last_samples
        self._emit(pcm)

    def _fill_loss(self, timestamp: int) -> None:
        missing, self._missing = self._missing, 0
        samples = 0
        if self._expected_ts is not None:
            gap = (timestamp - self._expected_ts) & 0xFFFFFFFF
            if 0 < gap <= missing * _PLAUSIBLE_SAMPLES_PER_PACKET:
                samples = gap
        if not samples and missing <= _SMALL_BURST:
            samples = missing * self._last_samples
        samples = min(samples, self._max_fill)
        if samples and self.now is not None and self._first_at is not None:
            elapsed = int((self.now - self._first_at) * self._clock_rate)
            samples = min(samples, max(0, elapsed + self._fill_slack - self._delivered))
        if samples:
            self.stats.filled_samples += samples
            self._emit_silence(samples * 2)

    def _emit(self, pcm: bytes) -> None:
        """Deliver the whole frames of pending + pcm in one call; keep the rest."""
        self._delivered += len(pcm) >> 1
        frame = self._frame_bytes
        pending = self._pending
        if not pending:
            size = len(pcm)
            whole = size - size % frame
            if whole == size:
                if size:
                    self._on_frame(pcm)
                return
            pending.extend(memoryview(pcm)[whole:])
            if whole:
                self._on_frame(pcm[:whole])
            return
        pending.extend(pcm)
        whole = len(pending) - len(pending) % frame
        if whole:
            chunk = bytes(pending[:whole])
            del pending[:whole]
            self._on_frame(chunk)

    def _emit_silence(self, size: int) -> None:
        self._delivered += size >> 1
        frame = self._frame_bytes
        pending = self._pending
        if pending:
            head = min(size, frame - len(pending))
            pending.extend(bytes(head))
            size -= head
            if len(pending) == frame:
                self._on_frame(bytes(pending))
                pending.clear()
        while size >= frame:
            self._on_frame(self._silence)
            size -= frame
        if size:
            pending.extend(bytes(size))
