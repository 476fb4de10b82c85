"""SIP transactions, sans-I/O (RFC 3261 §17 with RFC 6026's Accepted state).

Rule: every state change of a transaction lives in the four tables below, one per role
(INVITE client, INVITE server, non-INVITE client, non-INVITE server), read by `TableMachine`.
The classes only decide *what to send* when a transition fires; the caller owns sockets
and clocks and calls `on_timer(now)` at `deadline`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum, auto
from typing import Generic, TypeVar

T1 = 0.5
T2 = 4.0


class State(Enum):
    CALLING = auto()  # INVITE client: request sent, retransmitting (timer A)
    TRYING = auto()  # non-INVITE: request sent (client) / received, unanswered (server)
    PROCEEDING = auto()  # provisional sent / received
    ACCEPTED = auto()  # INVITE server: 2xx sent, retransmitted until ACK (RFC 6026)
    COMPLETED = auto()  # final sent (server) / INVITE error final received and ACKed (client)
    CONFIRMED = auto()  # INVITE server: ACK received (timer I absorbs ACK retransmissions)
    TERMINATED = auto()


class Event(Enum):
    SEND_PROVISIONAL = auto()
    SEND_2XX = auto()  # INVITE server
    SEND_ERROR = auto()  # INVITE server: 3xx-6xx
    SEND_FINAL = auto()  # non-INVITE server: any final
    RECV_RETRANSMISSION = auto()  # server: the same request again
    RECV_ACK = auto()
    RECV_PROVISIONAL = auto()
    RECV_2XX = auto()  # INVITE client
    RECV_ERROR = auto()  # INVITE client: 3xx-6xx (§17.1.1.3: the transaction ACKs it)
    RECV_FINAL = auto()  # non-INVITE client: any final
    RETRANSMIT_TIMER = auto()
    TIMEOUT = auto()  # timers B/D/F/H/I/J, or the server TU never answering


Table = dict[tuple[State, Event], State]

INVITE_SERVER: Table = {
    (State.PROCEEDING, Event.SEND_PROVISIONAL): State.PROCEEDING,
    (State.PROCEEDING, Event.RECV_RETRANSMISSION): State.PROCEEDING,  # resend provisional
    (State.PROCEEDING, Event.SEND_2XX): State.ACCEPTED,
    (State.PROCEEDING, Event.SEND_ERROR): State.COMPLETED,
    (State.PROCEEDING, Event.TIMEOUT): State.TERMINATED,  # the TU never answered
    (State.ACCEPTED, Event.RECV_RETRANSMISSION): State.ACCEPTED,  # resend 2xx
    (State.ACCEPTED, Event.RETRANSMIT_TIMER): State.ACCEPTED,  # resend 2xx, double interval
    (State.ACCEPTED, Event.RECV_ACK): State.CONFIRMED,
    (State.ACCEPTED, Event.TIMEOUT): State.TERMINATED,  # no ACK within 64*T1
    (State.COMPLETED, Event.RECV_RETRANSMISSION): State.COMPLETED,  # resend the error
    (State.COMPLETED, Event.RETRANSMIT_TIMER): State.COMPLETED,  # timer G
    (State.COMPLETED, Event.RECV_ACK): State.CONFIRMED,
    (State.COMPLETED, Event.TIMEOUT): State.TERMINATED,  # timer H
    (State.CONFIRMED, Event.RECV_ACK): State.CONFIRMED,  # absorbed
    (State.CONFIRMED, Event.RECV_RETRANSMISSION): State.CONFIRMED,  # absorbed
    (State.CONFIRMED, Event.TIMEOUT): State.TERMINATED,  # timer I
}

INVITE_CLIENT: Table = {
    (State.CALLING, Event.RETRANSMIT_TIMER): State.CALLING,  # timer A
    (State.CALLING, Event.RECV_PROVISIONAL): State.PROCEEDING,  # stop retransmitting
    (State.CALLING, Event.RECV_2XX): State.TERMINATED,  # the UAC core ACKs a 2xx
    (State.CALLING, Event.RECV_ERROR): State.COMPLETED,
    (State.CALLING, Event.TIMEOUT): State.TERMINATED,  # timer B
    (State.PROCEEDING, Event.RECV_PROVISIONAL): State.PROCEEDING,
    (State.PROCEEDING, Event.RECV_2XX): State.TERMINATED,
    (State.PROCEEDING, Event.RECV_ERROR): State.COMPLETED,
    (State.COMPLETED, Event.RECV_ERROR): State.COMPLETED,  # a retransmitted final: re-ACK
    (State.COMPLETED, Event.TIMEOUT): State.TERMINATED,  # timer D
}

NON_INVITE_CLIENT: Table = {
    (State.TRYING, Event.RETRANSMIT_TIMER): State.TRYING,  # timer E
    (State.TRYING, Event.RECV_PROVISIONAL): State.PROCEEDING,
    # Straight to TERMINATED (no timer K): a retransmitted final then finds no transaction
    # and is dropped as a stray, which is what COMPLETED would do with it.
    (State.TRYING, Event.RECV_FINAL): State.TERMINATED,
    (State.TRYING, Event.TIMEOUT): State.TERMINATED,  # timer F
    (State.PROCEEDING, Event.RETRANSMIT_TIMER): State.PROCEEDING,  # timer E at T2
    (State.PROCEEDING, Event.RECV_PROVISIONAL): State.PROCEEDING,
    (State.PROCEEDING, Event.RECV_FINAL): State.TERMINATED,
    (State.PROCEEDING, Event.TIMEOUT): State.TERMINATED,
}

NON_INVITE_SERVER: Table = {
    (State.TRYING, Event.RECV_RETRANSMISSION): State.TRYING,  # absorbed: nothing to resend
    (State.TRYING, Event.SEND_PROVISIONAL): State.PROCEEDING,
    (State.TRYING, Event.SEND_FINAL): State.COMPLETED,
    (State.TRYING, Event.TIMEOUT): State.TERMINATED,  # the TU never answered
    (State.PROCEEDING, Event.SEND_PROVISIONAL): State.PROCEEDING,
    (State.PROCEEDING, Event.RECV_RETRANSMISSION): State.PROCEEDING,  # resend provisional
    (State.PROCEEDING, Event.SEND_FINAL): State.COMPLETED,
    (State.PROCEEDING, Event.TIMEOUT): State.TERMINATED,
    (State.COMPLETED, Event.RECV_RETRANSMISSION): State.COMPLETED,  # resend the final
    (State.COMPLETED, Event.TIMEOUT): State.TERMINATED,  # timer J
}


S = TypeVar("S")
E = TypeVar("E")


class TableMachine(Generic[S, E]):
    """A machine whose every state change is an edge of `table` (the SIP machines here:
    transactions, reliable provisionals, session timers)."""

    table: Mapping[tuple[S, E], S]
    state: S

    def _fire(self, event: E) -> bool:
        """Apply a transition; False (and no change) when the table has no such edge."""
        new = self.table.get((self.state, event))
        if new is None:
            return False
        self.state = new
        return True


class _Machine(TableMachine[State, Event]):
    @property
    def done(self) -> bool:
        return self.state is State.TERMINATED


class InviteServerTransaction(_Machine):
    """Absorbs INVITE retransmissions and retransmits the final response until ACK."""

    table = INVITE_SERVER

    def __init__(self, now: float, *, reliable: bool, t1: float = T1, t2: float = T2) -> None:
        self.state = State.PROCEEDING
        self.reliable = reliable
        self.t1, self.t2 = t1, t2
        self.last_response: bytes | None = None
        self._interval = t1
        self._give_up_at = now + 64 * t1
        # Until a final is sent the TU has 64*T1 to answer (a handler that never does must
        # not pin the transaction in the table).
        self.deadline: float | None = self._give_up_at
        self.timed_out = False

    def send(self, data: bytes, status: int, now: float) -> list[bytes]:
        event = (
            Event.SEND_PROVISIONAL
            if status < 200
            else Event.SEND_2XX
            if status < 300
            else Event.SEND_ERROR
        )
        if not self._fire(event):
            return []
        self.last_response = data
        if status < 200:
            # A ringing call may take a while: keep the transaction while the TU works.
            self._give_up_at = now + 64 * self.t1
            self.deadline = None
        else:
            self._give_up_at = now + 64 * self.t1
            self._interval = self.t1
            self.deadline = self._give_up_at if self.reliable else now + self._interval
        return [data]

    def receive_retransmission(self) -> list[bytes]:
        if not self._fire(Event.RECV_RETRANSMISSION) or self.state is State.CONFIRMED:
            return []
        return [self.last_response] if self.last_response else []

    def receive_ack(self, now: float) -> bool:
        """True when the ACK belonged here (ends retransmission, or a retransmitted ACK)."""
        before = self.state
        if not self._fire(Event.RECV_ACK):
            return False
        if before is not State.CONFIRMED:
            # Timer I: linger to absorb retransmitted ACKs (zero on reliable transports).
            self.deadline = now + (0 if self.reliable else self.t2)
        return True

    def on_timer(self, now: float) -> list[bytes]:
        if self.deadline is None or now < self.deadline:
            return []
        if self.state in (State.CONFIRMED, State.PROCEEDING) or now >= self._give_up_at:
            self.timed_out = self.state in (State.ACCEPTED, State.COMPLETED)
            self._fire(Event.TIMEOUT)
            self.deadline = None
            return []
        if not self._fire(Event.RETRANSMIT_TIMER):
            return []
        self._interval = min(self._interval * 2, self.t2)
        self.deadline = min(now + self._interval, self._give_up_at)
        return [self.last_response] if self.last_response else []


class NonInviteServerTransaction(_Machine):
    """Answers a retransmitted request with the last response sent (§17.2.2), for 64*T1
    after the final (timer J; zero on reliable transports)."""

    table = NON_INVITE_SERVER

    def __init__(self, now: float, *, reliable: bool, t1: float = T1) -> None:
        self.state = State.TRYING
        self.reliable = reliable
        self.t1 = t1
        self.last_response: bytes | None = None
        self.deadline: float | None = now + 64 * t1

    def send(self, data: bytes, status: int, now: float) -> list[bytes]:
        if not self._fire(Event.SEND_PROVISIONAL if status < 200 else Event.SEND_FINAL):
            return []
        self.last_response = data
        if status >= 200:
            self.deadline = now + (0 if self.reliable else 64 * self.t1)
        return [data]

    def receive_retransmission(self) -> list[bytes]:
        if not self._fire(Event.RECV_RETRANSMISSION):
            return []
        return [self.last_response] if self.last_response else []

    def on_timer(self, now: float) -> list[bytes]:
        if self.deadline is not None and now >= self.deadline:
            self._fire(Event.TIMEOUT)
            self.deadline = None
        return []


class ClientTransaction(_Machine):
    """Retransmits a request over UDP (timers A/E) until a response; times out at 64*T1.

    An INVITE answered with an error final goes to COMPLETED: the caller sends the ACK
    (`ack`, built once from the response) and sends it again for every retransmission of
    that final until timer D (64*T1 on UDP, 0 on TCP).
    """

    def __init__(
        self, data: bytes, now: float, *, invite: bool, reliable: bool, t1: float = T1
    ) -> None:
        self.table = INVITE_CLIENT if invite else NON_INVITE_CLIENT
        self.state = State.CALLING if invite else State.TRYING
        self.data = data
        self.invite = invite
        self.reliable = reliable
        self.t1 = t1
        self._interval = t1
        self._give_up_at = now + 64 * t1
        self.deadline: float | None = self._give_up_at if reliable else now + t1
        self.timed_out = False
        self.ack: bytes | None = None  # INVITE: the ACK for its error final (set by the caller)

    def receive_response(self, status: int, now: float = 0.0) -> bool:
        """Apply a response; True when it is news for the transaction user (not a
        provisional after the final, not a retransmission of the error final)."""
        if status < 200:
            event = Event.RECV_PROVISIONAL
        elif not self.invite:
            event = Event.RECV_FINAL
        else:
            event = Event.RECV_2XX if status < 300 else Event.RECV_ERROR
        before = self.state
        if not self._fire(event):
            return False
        if self.state is State.TERMINATED:
            self.deadline = None
        elif self.state is State.COMPLETED:
            if before is State.COMPLETED:
                return False  # a retransmission of the final: re-ACKed, not news
            # Timer D: absorb (and re-ACK) retransmissions of the final until then.
            self.deadline = now + (0 if self.reliable else 64 * self.t1)
            self._give_up_at = self.deadline
        elif self.invite:
            # INVITE provisional: stop retransmitting; the UAC's own timeout covers no answer.
            self.deadline = None
        return True

    def on_timer(self, now: float) -> list[bytes]:
        if self.deadline is None or now < self.deadline:
            return []
        if self.state is State.COMPLETED:  # timer D: done, not a timeout
            self._fire(Event.TIMEOUT)
            self.deadline = None
            return []
        if now >= self._give_up_at:
            self.timed_out = self._fire(Event.TIMEOUT)
            self.deadline = None
            return []
        if not self._fire(Event.RETRANSMIT_TIMER):
            return []
        # Timer A (INVITE) doubles without cap; timer E (others) is capped at T2.
        self._interval = self._interval * 2 if self.invite else min(self._interval * 2, T2)
        self.deadline = min(now + self._interval, self._give_up_at)
        return [self.data]
