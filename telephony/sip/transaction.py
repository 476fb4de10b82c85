"""SIP transactions, sans-I/O (RFC 3261 §17 with RFC 6026's Accepted state).

Rule: every state change of a transaction lives in TRANSITIONS below. The classes only
decide *what to send* when a transition fires; the caller owns sockets and clocks and calls
`on_timer(now)` at `deadline`.
"""

from __future__ import annotations

from enum import Enum, auto

T1 = 0.5
T2 = 4.0


class State(Enum):
    # server (UAS) INVITE
    PROCEEDING = auto()  # 100/18x sent, no final yet
    ACCEPTED = auto()  # 2xx sent, retransmitted until ACK
    COMPLETED = auto()  # error final sent, retransmitted until ACK
    CONFIRMED = auto()  # ACK received
    # client (UAC)
    CALLING = auto()  # request sent, retransmitting
    CLIENT_PROCEEDING = auto()  # provisional received
    CLIENT_COMPLETED = auto()  # INVITE: error final received and ACKed; re-ACK until timer D
    TERMINATED = auto()


class Event(Enum):
    SEND_PROVISIONAL = auto()
    SEND_2XX = auto()
    SEND_ERROR = auto()
    RECV_RETRANSMISSION = auto()
    RECV_ACK = auto()
    RECV_PROVISIONAL = auto()
    RECV_FINAL = auto()  # 2xx to an INVITE, any final to other requests
    RECV_ERROR = auto()  # 3xx-6xx to an INVITE (§17.1.1.3: the transaction ACKs it)
    RETRANSMIT_TIMER = auto()
    TIMEOUT = auto()


TRANSITIONS: dict[tuple[State, Event], State] = {
    # INVITE server transaction
    (State.PROCEEDING, Event.SEND_PROVISIONAL): State.PROCEEDING,
    (State.PROCEEDING, Event.RECV_RETRANSMISSION): State.PROCEEDING,  # resend provisional
    (State.PROCEEDING, Event.SEND_2XX): State.ACCEPTED,
    (State.PROCEEDING, Event.SEND_ERROR): State.COMPLETED,
    (State.ACCEPTED, Event.RECV_RETRANSMISSION): State.ACCEPTED,  # resend 2xx
    (State.ACCEPTED, Event.RETRANSMIT_TIMER): State.ACCEPTED,  # resend 2xx, double interval
    (State.ACCEPTED, Event.RECV_ACK): State.CONFIRMED,
    (State.ACCEPTED, Event.TIMEOUT): State.TERMINATED,  # no ACK within 64*T1
    (State.COMPLETED, Event.RECV_RETRANSMISSION): State.COMPLETED,
    (State.COMPLETED, Event.RETRANSMIT_TIMER): State.COMPLETED,
    (State.COMPLETED, Event.RECV_ACK): State.CONFIRMED,
    (State.COMPLETED, Event.TIMEOUT): State.TERMINATED,
    (State.CONFIRMED, Event.RECV_ACK): State.CONFIRMED,  # absorbed
    (State.CONFIRMED, Event.RECV_RETRANSMISSION): State.CONFIRMED,  # absorbed
    (State.CONFIRMED, Event.TIMEOUT): State.TERMINATED,  # timer I
    # client transaction (INVITE stops retransmitting on a provisional; others go on at T2)
    (State.CALLING, Event.RETRANSMIT_TIMER): State.CALLING,
    (State.CALLING, Event.RECV_PROVISIONAL): State.CLIENT_PROCEEDING,
    (State.CALLING, Event.RECV_FINAL): State.TERMINATED,
    (State.CALLING, Event.TIMEOUT): State.TERMINATED,
    (State.CLIENT_PROCEEDING, Event.RECV_PROVISIONAL): State.CLIENT_PROCEEDING,
    (State.CLIENT_PROCEEDING, Event.RETRANSMIT_TIMER): State.CLIENT_PROCEEDING,
    (State.CLIENT_PROCEEDING, Event.RECV_FINAL): State.TERMINATED,
    (State.CLIENT_PROCEEDING, Event.TIMEOUT): State.TERMINATED,
    (State.CALLING, Event.RECV_ERROR): State.CLIENT_COMPLETED,
    (State.CLIENT_PROCEEDING, Event.RECV_ERROR): State.CLIENT_COMPLETED,
    (State.CLIENT_COMPLETED, Event.RECV_ERROR): State.CLIENT_COMPLETED,  # resend the ACK
    (State.CLIENT_COMPLETED, Event.TIMEOUT): State.TERMINATED,  # timer D
}


class _Machine:
    state: State

    def _fire(self, event: Event) -> bool:
        """Apply a transition; False (and no change) when the table has no such edge."""
        new = TRANSITIONS.get((self.state, event))
        if new is None:
            return False
        self.state = new
        return True


class InviteServerTransaction(_Machine):
    """Absorbs INVITE retransmissions and retransmits the final response until ACK."""

    def __init__(self, now: float, *, reliable: bool, t1: float = T1, t2: float = T2) -> None:
        self.state = State.PROCEEDING
        self.reliable = reliable
        self.t1, self.t2 = t1, t2
        self.last_response: bytes | None = None
        self.deadline: float | None = None
        self._interval = t1
        self._give_up_at = now + 64 * t1
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
        if status >= 200:
            self._give_up_at = now + 64 * self.t1
            self._interval = self.t1
            self.deadline = self._give_up_at if self.reliable else now + self._interval
        return [data]

    def receive_retransmission(self) -> list[bytes]:
        if not self._fire(Event.RECV_RETRANSMISSION) or self.state is State.CONFIRMED:
            return []
        return [self.last_response] if self.last_response else []

    def receive_ack(self, now: float) -> None:
        if self._fire(Event.RECV_ACK):
            # Timer I: linger to absorb retransmitted ACKs (zero on reliable transports).
            self.deadline = now + (0 if self.reliable else self.t2)

    def on_timer(self, now: float) -> list[bytes]:
        if self.deadline is None or now < self.deadline:
            return []
        if self.state is State.CONFIRMED or now >= self._give_up_at:
            self.timed_out = self.state in (State.ACCEPTED, State.COMPLETED)
            self._fire(Event.TIMEOUT)
            self.deadline = None
            return []
        if not self._fire(Event.RETRANSMIT_TIMER):
            return []
        self._interval = min(self._interval * 2, self.t2)
        self.deadline = min(now + self._interval, self._give_up_at)
        return [self.last_response] if self.last_response else []

    @property
    def done(self) -> bool:
        return self.state is State.TERMINATED


class ClientTransaction(_Machine):
    """Retransmits a request over UDP (timers A/E) until a response; times out at 64*T1.

    An INVITE answered with an error final goes to CLIENT_COMPLETED: the caller sends the
    ACK (`ack`, built once from the response) and sends it again for every retransmission
    of that final until timer D (64*T1 on UDP, 0 on TCP).
    """

    def __init__(
        self, data: bytes, now: float, *, invite: bool, reliable: bool, t1: float = T1
    ) -> None:
        self.state = State.CALLING
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
        elif self.invite and status >= 300:
            event = Event.RECV_ERROR
        else:
            event = Event.RECV_FINAL
        before = self.state
        if not self._fire(event):
            return False
        if self.state is State.TERMINATED:
            self.deadline = None
        elif self.state is State.CLIENT_COMPLETED:
            if before is State.CLIENT_COMPLETED:
                return False  # a retransmission of the final: re-ACKed, not news
            # Timer D: absorb (and re-ACK) retransmissions of the final until then.
            self.deadline = now + (0 if self.reliable else 64 * self.t1)
            self._give_up_at = self.deadline
        elif self.invite and status < 200:
            # INVITE: stop retransmitting; the UAC waits (its own timeout covers no answer).
            self.deadline = None
        return True

    def on_timer(self, now: float) -> list[bytes]:
        if self.deadline is None or now < self.deadline:
            return []
        if self.state is State.CLIENT_COMPLETED:  # timer D: done, not a timeout
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

    @property
    def done(self) -> bool:
        return self.state is State.TERMINATED
