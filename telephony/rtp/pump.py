"""One media pump per event loop: drains every RTP socket on a timer, in batches.

An asyncio datagram callback per RTP packet costs an epoll wake-up, a dispatch,
two receive system calls (the packet, then EAGAIN) and a Python call, 50 times a
second per call. Recording, the ASR stream, silence detection, DTMF and the media
timeout do not need 20 ms latency, so the pump reads every socket every
`PUMP_INTERVAL` seconds instead: on Linux with one `recvmmsg` call per socket
(all queued datagrams at once, into preallocated buffers), elsewhere with a
non-blocking `recv_into` loop. Each session then handles its batch in one go.
The sessions are read in five groups, one per 20 ms tick; while calls play, the
tick runs inside the send clock's wake-up, right after its packets went out.

The sockets are never registered with the event loop; the kernel queues what
arrives between two ticks (each socket's receive buffer is sized for far more than
one interval, see `RECEIVE_BUFFER_BYTES`).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import errno
import logging
import math
import socket
import sys
from collections.abc import Callable
from typing import Final, Protocol

log = logging.getLogger(__name__)

PUMP_INTERVAL: Final = 0.1  # seconds between two drains of every socket
# The sessions are drained in this many groups, one group per tick (every 20 ms): the
# work of a few hundred calls is spread evenly instead of stalling the send clock.
PHASES: Final = 5
_TICK: Final = PUMP_INTERVAL / PHASES  # the send clock's 20 ms grid
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


class Drainable(Protocol):
    """What the pump needs of a session."""

    sock: socket.socket | None

    @property
    def needs_source(self) -> bool:
        """True while the next datagram's source address is wanted (symmetric RTP)."""

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None: ...

    def receive_batch(
        self, view: memoryview, stride: int, lengths: list[int], now: float
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


def _load_recvmmsg() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.recvmmsg
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


_RECVMMSG: Final = _load_recvmmsg()


class DatagramReader:
    """Reads all queued datagrams of a socket into one preallocated buffer.

    After `read(sock)`, datagram i is `view[i * SLOT_BYTES : i * SLOT_BYTES + lengths[i]]`
    until the next call (the buffer is reused).
    """

    def __init__(self, *, use_recvmmsg: bool = True) -> None:
        self.buffer = bytearray(SLOTS * SLOT_BYTES)
        self.view = memoryview(self.buffer)
        self._recvmmsg = _RECVMMSG if use_recvmmsg else None
        if self._recvmmsg is not None:
            base = ctypes.addressof((ctypes.c_char * len(self.buffer)).from_buffer(self.buffer))
            self._iovecs = (_Iovec * SLOTS)()
            self._messages = (_Mmsghdr * SLOTS)()
            for i in range(SLOTS):
                self._iovecs[i].iov_base = base + i * SLOT_BYTES
                self._iovecs[i].iov_len = SLOT_BYTES
                header = self._messages[i].msg_hdr
                header.msg_iov = ctypes.pointer(self._iovecs[i])
                header.msg_iovlen = 1
            # msg_len of message i, read without building ctypes objects.
            words = memoryview(self._messages).cast("B").cast("I")
            step = ctypes.sizeof(_Mmsghdr) // 4
            first = _Mmsghdr.msg_len.offset // 4
            self._lengths = words[first::step]

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
        view = self.view
        while len(lengths) < SLOTS:
            offset = len(lengths) * SLOT_BYTES
            try:
                lengths.append(sock.recv_into(view[offset : offset + SLOT_BYTES]))
            except (BlockingIOError, InterruptedError):
                break
            except ConnectionRefusedError:  # ICMP for an earlier send: harmless
                continue
        return lengths


def tune_socket(sock: socket.socket) -> None:
    """Non-blocking, and a receive buffer that holds many pump intervals."""
    sock.setblocking(False)
    with contextlib.suppress(OSError):
        if sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) < RECEIVE_BUFFER_BYTES:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER_BYTES)


class MediaPump:
    """One timer per event loop that drains the sockets of every open session.

    Each session belongs to one of `PHASES` groups; every `PUMP_INTERVAL / PHASES`
    seconds (on the send clock's 20 ms grid) the next group is drained, so each socket
    is read every `PUMP_INTERVAL`.
    """

    _pumps: dict[asyncio.AbstractEventLoop, MediaPump] = {}

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        # By id(): insertion order, O(1) removal.
        self.groups: list[dict[int, Drainable]] = [{} for _ in range(PHASES)]
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
        self._phase = (self._phase + 1) % PHASES
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
            if session.needs_source:
                # Symmetric RTP: the first packet's source is where we send from now on.
                try:
                    data, addr = sock.recvfrom(SLOT_BYTES)
                except (BlockingIOError, InterruptedError, ConnectionRefusedError):
                    return
                session.datagram_received(data, addr)
            now = self.loop.time()
            while True:
                lengths = reader.read(sock)
                if not lengths:
                    return
                session.receive_batch(reader.view, SLOT_BYTES, lengths, now)
                if len(lengths) < SLOTS or session.sock is None:
                    return
        except OSError as exc:  # a closed or broken socket must not stop the others
            log.debug("RTP socket read failed: %s", exc)
