"""One media pump per event loop: drains every RTP socket on a timer, in batches.

An asyncio datagram callback per RTP packet costs an epoll wake-up, a dispatch,
two receive system calls (the packet, then EAGAIN) and a Python call, 50 times a
second per call. Recording, the ASR stream, silence detection, DTMF and the media
timeout do not need 20 ms latency, so the pump reads every socket every
`PUMP_INTERVAL` seconds instead: on Linux with one `recvmmsg` call per socket
(all queued datagrams at once, into preallocated buffers), elsewhere with a
non-blocking `recv_into` loop. Each session then handles its batch in one go.
The sessions are read in groups, one group per 20 ms tick (five groups at 0.1 s);
while calls play, the tick runs inside the send clock's wake-up, right after its
packets went out.

The interval is a setting (`MediaPump.configure`, `sip.media_pump_interval`): a longer
one reads each socket less often (fewer system calls, recording writes, decoder and
event calls per second, each over more packets), and every received audio frame
reaches the recording, the silence detector and the ASR stream up to that much later.

The sockets are never registered with the event loop; the kernel queues what
arrives between two ticks (each socket's receive buffer is sized for far more than
one interval, see `RECEIVE_BUFFER_BYTES`). Every datagram's source address is read
with it: the session drops what does not come from its caller (see sources.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import errno
import functools
import logging
import math
import socket
import struct
import sys
from array import array
from collections.abc import Callable
from typing import Final, Protocol

log = logging.getLogger(__name__)

PUMP_INTERVAL: Final = 0.1  # default seconds between two drains of every socket
MAX_PUMP_INTERVAL: Final = 0.5  # the kernel's queue (RECEIVE_BUFFER_BYTES) holds far more
# The sessions are drained in interval / tick groups, one group per tick (every 20 ms):
# the work of a few hundred calls is spread evenly instead of stalling the send clock.
_TICK: Final = 0.02  # the send clock's 20 ms grid
# While calls play, the send clock's tick on the grid runs the due phase right after its
# packets are out (`ride`): one loop wake-up for both. The pump's own timer, this much
# after the grid, only fires when nothing plays.
_OWN_TIMER_DELAY: Final = 0.005
_SLACK: Final = 0.001  # timers may fire this much early (millisecond resolution)
SLOTS: Final = 64  # datagrams read per system call (more are read by the next call)
SLOT_BYTES: Final = 4096  # room per datagram: G.711 at 200 ms ptime is 1612 bytes
# The kernel charges each queued datagram its buffer overhead (about 1 KiB on loopback
# for a 172-byte RTP packet): 256 KiB holds several seconds of one call's packets.
RECEIVE_BUFFER_BYTES: Final = 256 * 1024


Address = tuple[str, int] | tuple[str, int, int, int]  # what socket.recvfrom returns


class DatagramSources(Protocol):
    """The source addresses of the datagrams of one read (`DatagramReader`)."""

    def source(self, index: int) -> Address:
        """Where datagram `index` came from."""

    def drop_foreign(self, lengths: list[int], address: Address) -> int:
        """Set lengths[i] to -1 for every datagram not from `address`; return how many."""


class Drainable(Protocol):
    """What the pump needs of a session."""

    sock: socket.socket | None

    def receive_batch(
        self,
        view: memoryview,
        stride: int,
        lengths: list[int],
        now: float,
        sources: DatagramSources,
    ) -> None: ...


class _Iovec(ctypes.Structure):
    _fields_ = [("iov_base", ctypes.c_void_p), ("iov_len", ctypes.c_size_t)]


class _Msghdr(ctypes.Structure):
    _fields_ = [
        ("msg_name", ctypes.c_void_p),
        ("msg_namelen", ctypes.c_uint32),
        ("msg_iov", ctypes.POINTER(_Iovec)),
        ("msg_iovlen", ctypes.c_size_t),
        ("msg_control", ctypes.c_void_p),
        ("msg_controllen", ctypes.c_size_t),
        ("msg_flags", ctypes.c_int),
    ]


class _Mmsghdr(ctypes.Structure):
    _fields_ = [("msg_hdr", _Msghdr), ("msg_len", ctypes.c_uint)]


_MSG_DONTWAIT: Final = 0x40  # Linux
# Room per source address: sizeof(struct sockaddr_in6) is 28; 32 keeps every slot 8-byte
# aligned, so the family, port and IPv4 address of a slot read as one 64-bit word.
_NAME_BYTES: Final = 32
_WORDS_PER_NAME: Final = _NAME_BYTES // 8
_FAMILY: Final = struct.Struct("=H")  # sa_family_t, host byte order
_PORT: Final = struct.Struct("!H")
_FLOWINFO: Final = struct.Struct("!I")
_SCOPE_ID: Final = struct.Struct("=I")


def libc_function(name: str) -> Callable[..., int] | None:
    """A Linux libc system call wrapper returning int (errno kept), or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = getattr(libc, name)
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


_RECVMMSG: Final = libc_function("recvmmsg")


@functools.lru_cache(maxsize=4096)
def _sockaddr_prefix(address: Address) -> tuple[bytes, bytes, int | None]:
    """The bytes a received `struct sockaddr` from `address` has: (family and port at
    offset 0, the IP address at offset 4 for IPv4 or 8 for IPv6, and for IPv4 the first
    8 bytes as one native 64-bit word)."""
    host, port = address[0], address[1]
    if ":" in host:
        head = _FAMILY.pack(socket.AF_INET6) + _PORT.pack(port)
        return head, socket.inet_pton(socket.AF_INET6, host.split("%")[0]), None
    head = _FAMILY.pack(socket.AF_INET) + _PORT.pack(port)
    ip = socket.inet_pton(socket.AF_INET, host)
    return head, ip, int.from_bytes(head + ip, sys.byteorder)


class DatagramReader:
    """Reads all queued datagrams of a socket, with their sources, into one preallocated
    buffer.

    After `read(sock)`, datagram i is `view[i * SLOT_BYTES : i * SLOT_BYTES + lengths[i]]`
    and came from `source(i)`, until the next call (the buffers are reused).
    """

    def __init__(self, *, use_recvmmsg: bool = True) -> None:
        self.buffer = bytearray(SLOTS * SLOT_BYTES)
        self.view = memoryview(self.buffer)
        self.names = bytearray(SLOTS * _NAME_BYTES)  # struct sockaddr of each datagram
        self._name_words = memoryview(self.names).cast("Q")  # 8-byte words of the same
        self._addresses: list[Address] = []  # the same, from recvfrom_into (no recvmmsg)
        self._recvmmsg = _RECVMMSG if use_recvmmsg else None
        if self._recvmmsg is not None:
            base = ctypes.addressof((ctypes.c_char * len(self.buffer)).from_buffer(self.buffer))
            names = ctypes.addressof((ctypes.c_char * len(self.names)).from_buffer(self.names))
            self._iovecs = (_Iovec * SLOTS)()
            self._messages = (_Mmsghdr * SLOTS)()
            for i in range(SLOTS):
                self._iovecs[i].iov_base = base + i * SLOT_BYTES
                self._iovecs[i].iov_len = SLOT_BYTES
                header = self._messages[i].msg_hdr
                header.msg_iov = ctypes.pointer(self._iovecs[i])
                header.msg_iovlen = 1
                header.msg_name = names + i * _NAME_BYTES
                header.msg_namelen = _NAME_BYTES
            # msg_len and msg_namelen of message i, read and reset without ctypes objects.
            words = memoryview(self._messages).cast("B").cast("I")
            step = ctypes.sizeof(_Mmsghdr) // 4
            first = _Mmsghdr.msg_len.offset // 4
            self._lengths = words[first::step]
            self._namelens = words[_Msghdr.msg_namelen.offset // 4 :: step]
            self._full_namelens = memoryview(array("I", [_NAME_BYTES] * SLOTS))

    @property
    def batched(self) -> bool:
        """True when one system call reads many datagrams (recvmmsg)."""
        return self._recvmmsg is not None

    def read(self, sock: socket.socket) -> list[int]:
        """Lengths of the datagrams read (at most SLOTS); [] when none is queued."""
        recvmmsg = self._recvmmsg
        if recvmmsg is None:
            return self._read_each(sock)
        for _ in range(3):  # a pending socket error (ICMP) is reported once, then data
            count = recvmmsg(sock.fileno(), self._messages, SLOTS, _MSG_DONTWAIT, None)
            if count > 0:
                # msg_namelen is value-result: the kernel wrote the actual size back.
                self._namelens[:count] = self._full_namelens[:count]
                return self._lengths[:count].tolist()
            if count == 0:
                return []
            code = ctypes.get_errno()
            if code in (errno.EAGAIN, errno.EWOULDBLOCK):
                return []
            if code not in (errno.ECONNREFUSED, errno.EINTR, errno.EHOSTUNREACH):
                raise OSError(code, f"recvmmsg: {errno.errorcode.get(code, code)}")
        return []

    def _read_each(self, sock: socket.socket) -> list[int]:
        lengths: list[int] = []
        addresses = self._addresses
        addresses.clear()
        view = self.view
        while len(lengths) < SLOTS:
            offset = len(lengths) * SLOT_BYTES
            try:
                size, address = sock.recvfrom_into(view[offset : offset + SLOT_BYTES])
            except (BlockingIOError, InterruptedError):
                break
            except ConnectionRefusedError:  # ICMP for an earlier send: harmless
                continue
            lengths.append(size)
            addresses.append(address)
        return lengths

    def source(self, index: int) -> Address:
        """Where datagram `index` of the last read came from."""
        if self._recvmmsg is None:
            return self._addresses[index]
        offset = index * _NAME_BYTES
        raw = bytes(self.names[offset : offset + _NAME_BYTES])
        (family,) = _FAMILY.unpack_from(raw)
        (port,) = _PORT.unpack_from(raw, 2)
        if family == socket.AF_INET6:
            (flowinfo,) = _FLOWINFO.unpack_from(raw, 4)
            (scope_id,) = _SCOPE_ID.unpack_from(raw, 24)
            return socket.inet_ntop(socket.AF_INET6, raw[8:24]), port, flowinfo, scope_id
        return socket.inet_ntop(socket.AF_INET, raw[4:8]), port

    def drop_foreign(self, lengths: list[int], address: Address) -> int:
        """Set lengths[i] to -1 for each datagram of the last read not from `address`."""
        dropped = 0
        if self._recvmmsg is None:
            wanted = address[:2]
            for i, address_i in enumerate(self._addresses[: len(lengths)]):
                if lengths[i] >= 0 and address_i[:2] != wanted:
                    lengths[i] = -1
                    dropped += 1
            return dropped
        head, ip, word = _sockaddr_prefix(address)
        if word is not None:  # IPv4: family, port and address are the slot's first word
            words = self._name_words[: len(lengths) * _WORDS_PER_NAME : _WORDS_PER_NAME]
            if words.tolist().count(word) == len(lengths):
                return 0  # the usual batch: every datagram from the caller
        at = 4 if len(ip) == 4 else 8
        names = bytes(self.names[: len(lengths) * _NAME_BYTES])
        offset = 0
        for i, size in enumerate(lengths):
            if size >= 0 and (
                names[offset : offset + 4] != head
                or names[offset + at : offset + at + len(ip)] != ip
            ):
                lengths[i] = -1
                dropped += 1
            offset += _NAME_BYTES
        return dropped


def tune_socket(sock: socket.socket) -> None:
    """Non-blocking, and a receive buffer that holds many pump intervals."""
    sock.setblocking(False)
    with contextlib.suppress(OSError):
        if sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) < RECEIVE_BUFFER_BYTES:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER_BYTES)


def pump_phases(interval: float) -> int:
    """The number of session groups (20 ms ticks) of a pump interval; ValueError unless
    it is a whole number of ticks from 0.02 s to `MAX_PUMP_INTERVAL`."""
    phases = round(interval / _TICK)
    if abs(phases * _TICK - interval) > 1e-9 or not 1 <= phases <= MAX_PUMP_INTERVAL / _TICK:
        raise ValueError(
            f"media pump interval {interval} s is not a multiple of 0.02 s "
            f"from 0.02 to {MAX_PUMP_INTERVAL} s"
        )
    return phases


class MediaPump:
    """One timer per event loop that drains the sockets of every open session.

    Each session belongs to one of `interval / 0.02` groups; every 20 ms (on the send
    clock's grid) the next group is drained, so each socket is read every `interval`.
    """

    _pumps: dict[asyncio.AbstractEventLoop, MediaPump] = {}
    # Set by `configure`: kept while the loop has no session (the pump itself is not).
    _intervals: dict[asyncio.AbstractEventLoop, float] = {}

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        # By id(): insertion order, O(1) removal.
        phases = pump_phases(self.interval_on(loop))
        self.groups: list[dict[int, Drainable]] = [{} for _ in range(phases)]
        self.reader = DatagramReader()
        self.handle: asyncio.TimerHandle | None = None
        self.next_due = 0.0  # loop time the next phase is due (on the 20 ms grid)
        self._phase = 0

    @classmethod
    def of(cls, loop: asyncio.AbstractEventLoop) -> MediaPump:
        pump = cls._pumps.get(loop)
        if pump is None:
            pump = cls._pumps[loop] = cls(loop)
        return pump

    @classmethod
    def configure(cls, loop: asyncio.AbstractEventLoop, interval: float | None) -> None:
        """Drain every socket on this loop every `interval` seconds (None: the default,
        `PUMP_INTERVAL`); ValueError for an interval `pump_phases` refuses."""
        phases = pump_phases(PUMP_INTERVAL if interval is None else interval)
        if interval is None:
            cls._intervals.pop(loop, None)
        else:
            cls._intervals[loop] = interval
        pump = cls._pumps.get(loop)
        if pump is not None and phases != len(pump.groups):  # spread the sessions anew
            sessions = pump.sessions
            pump.groups = [{} for _ in range(phases)]
            pump._phase = 0
            for index, session in enumerate(sessions):
                pump.groups[index % phases][id(session)] = session

    @classmethod
    def interval_on(cls, loop: asyncio.AbstractEventLoop) -> float:
        """Seconds between two reads of each socket on this loop."""
        return cls._intervals.get(loop, PUMP_INTERVAL)

    @classmethod
    def of_running(cls, loop: asyncio.AbstractEventLoop) -> MediaPump | None:
        """The loop's pump if it has sessions, else None (does not create one)."""
        return cls._pumps.get(loop)

    @property
    def sessions(self) -> list[Drainable]:
        return [session for group in self.groups for session in group.values()]

    def add(self, session: Drainable) -> None:
        min(self.groups, key=len)[id(session)] = session
        if self.handle is None:
            self._arm(self.loop.time())

    def remove(self, session: Drainable) -> None:
        for group in self.groups:
            group.pop(id(session), None)
        if not any(self.groups):
            if self.handle is not None:
                self.handle.cancel()
                self.handle = None
            if self._pumps.get(self.loop) is self:
                del self._pumps[self.loop]

    def ride(self) -> None:
        """Called by the send clock after a tick's packets went out: run the phase now if
        it is due, saving the wake-up of the pump's own timer."""
        handle = self.handle
        if handle is not None:
            now = self.loop.time()
            if now >= self.next_due - _SLACK:
                handle.cancel()
                self._run(now)

    def _arm(self, now: float) -> None:
        self.next_due = (math.floor((now + _SLACK) / _TICK) + 1) * _TICK
        self.handle = self.loop.call_at(self.next_due + _OWN_TIMER_DELAY, self._on_timer)

    def _on_timer(self) -> None:
        self._run(self.loop.time())

    def _run(self, now: float) -> None:
        self._arm(now)  # first: a failing or slow phase must not stop or delay later ones
        self._phase = (self._phase + 1) % len(self.groups)
        for session in list(self.groups[self._phase].values()):
            try:
                self.drain(session)
            except Exception:  # one broken session must not stop the others
                log.exception("RTP receive failed on a session; the others go on")

    def drain(self, session: Drainable) -> None:
        """Hand everything queued on the session's socket to it (also used at close)."""
        sock = session.sock
        if sock is None:
            return
        reader = self.reader
        try:
            now = self.loop.time()
            while True:
                lengths = reader.read(sock)
                if not lengths:
                    return
                session.receive_batch(reader.view, SLOT_BYTES, lengths, now, reader)
                if len(lengths) < SLOTS or session.sock is None:
                    return
        except OSError as exc:  # a closed or broken socket must not stop the others
            log.debug("RTP socket read failed: %s", exc)
