"""Reliable provisional responses (RFC 3262), sans-I/O.

UAS: `ReliableProvisional` numbers a 1xx (RSeq), retransmits it from T1 doubling until the
PRACK whose RAck names it, and gives up after 64*T1 (the INVITE then gets a 5xx, §3).
UAC: `PrackTracker` says which reliable 1xx to PRACK (the first, then RSeq+1 each; a
retransmission or a gap gets none, §4) and `prack_request` builds it in the early dialog.
Rule: every state change of the UAS side lives in RELIABLE_UAS.
"""

from __future__ import annotations

import secrets
from enum import Enum, auto

from hotline.telephony.sip.dialog import Dialog, uac_dialog
from hotline.telephony.sip.headers import cseq_of
from hotline.telephony.sip.message import Request, Response
from hotline.telephony.sip.transaction import T1, TableMachine

OPTION_TAG = "100rel"


class RelState(Enum):
    IDLE = auto()  # no reliable provisional sent yet
    PENDING = auto()  # sent, retransmitting until its PRACK
    ACKNOWLEDGED = auto()  # PRACK received: the next one may be sent
    FAILED = auto()  # 64*T1 without PRACK: the INVITE gets a 5xx


class RelEvent(Enum):
    SEND = auto()
    RETRANSMIT_TIMER = auto()
    PRACK = auto()  # a PRACK whose RAck matches the pending response
    TIMEOUT = auto()


RELIABLE_UAS: dict[tuple[RelState, RelEvent], RelState] = {
    (RelState.IDLE, RelEvent.SEND): RelState.PENDING,
    (RelState.ACKNOWLEDGED, RelEvent.SEND): RelState.PENDING,  # the next one, RSeq + 1
    (RelState.PENDING, RelEvent.RETRANSMIT_TIMER): RelState.PENDING,
    (RelState.PENDING, RelEvent.PRACK): RelState.ACKNOWLEDGED,
    (RelState.ACKNOWLEDGED, RelEvent.PRACK): RelState.ACKNOWLEDGED,  # retransmitted PRACK
    (RelState.PENDING, RelEvent.TIMEOUT): RelState.FAILED,
}


def option_tags(message: Request | Response, header: str) -> set[str]:
    """The option tags of every `header` (Require, Supported) line, lower-cased."""
    return {
        tag.strip().lower()
        for value in message.get_all(header)
        for tag in value.split(",")
        if tag.strip()
    }


def parse_rack(value: str | None) -> tuple[int, int, str] | None:
    """RAck: response-num CSeq-num method (§7.2); None when malformed."""
    parts = (value or "").split()
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    return int(parts[0]), int(parts[1]), parts[2].upper()


class ReliableProvisional(TableMachine[RelState, RelEvent]):
    """The UAS side for one INVITE: at most one unacknowledged reliable 1xx at a time."""

    table = RELIABLE_UAS

    def __init__(self, invite_cseq: int, *, t1: float = T1) -> None:
        self.state = RelState.IDLE
        self.invite_cseq = invite_cseq
        self.t1 = t1
        # §3: the first RSeq is random (below 2**31, with room to count up from it).
        self.rseq = secrets.randbelow(2**30)
        self.data: bytes | None = None
        self.deadline: float | None = None
        self._interval = t1
        self._give_up_at = 0.0

    def next_rseq(self) -> int | None:
        """The RSeq for the next reliable 1xx; None while one is still unacknowledged."""
        if (self.state, RelEvent.SEND) not in RELIABLE_UAS:
            return None
        return self.rseq + 1

    def send(self, data: bytes, now: float) -> list[bytes]:
        """`data` must carry RSeq: next_rseq() and Require: 100rel."""
        if not self._fire(RelEvent.SEND):
            return []
        self.rseq += 1
        self.data = data
        self._interval = self.t1
        self._give_up_at = now + 64 * self.t1
        self.deadline = now + self._interval
        return [data]

    def on_prack(self, rack: tuple[int, int, str] | None) -> bool:
        """True when the PRACK acknowledges our latest reliable 1xx (it then gets a 200;
        any other PRACK gets 481, §3)."""
        if rack != (self.rseq, self.invite_cseq, "INVITE") or self.data is None:
            return False
        if not self._fire(RelEvent.PRACK):
            return False
        self.deadline = None
        return True

    def on_timer(self, now: float) -> list[bytes]:
        if self.deadline is None or now < self.deadline:
            return []
        if now >= self._give_up_at:
            self._fire(RelEvent.TIMEOUT)
            self.deadline = None
            return []
        if not self._fire(RelEvent.RETRANSMIT_TIMER):
            return []
        self._interval *= 2  # §3: starts at T1 and doubles (no T2 cap)
        self.deadline = min(now + self._interval, self._give_up_at)
        return [self.data] if self.data else []

    @property
    def failed(self) -> bool:
        return self.state is RelState.FAILED


class PrackTracker:
    """The UAC side for one INVITE: which reliable provisionals to PRACK."""

    def __init__(self) -> None:
        self.last_rseq: int | None = None
        self.cseq = 0  # the CSeq of our last PRACK: later requests of the dialog go above it

    def accept(self, response: Response) -> int | None:
        """The RSeq to PRACK, or None (not reliable, a retransmission, or out of order)."""
        if response.status <= 100 or OPTION_TAG not in option_tags(response, "Require"):
            return None
        value = (response.get("RSeq") or "").strip()
        if not value.isdigit():
            return None
        rseq = int(value)
        if self.last_rseq is not None and rseq != self.last_rseq + 1:
            return None
        self.last_rseq = rseq
        return rseq


def prack_request(
    tracker: PrackTracker,
    invite: Request,
    response: Response,
    rseq: int,
    via: tuple[str, int, str],
) -> tuple[Request, Dialog]:
    """PRACK for the reliable provisional `response` (RAck: RSeq, CSeq number, method), in
    the early dialog it made; `via` is our (host, port, transport)."""
    number, method = cseq_of(response)
    dialog = uac_dialog(invite, response, max(tracker.cseq, cseq_of(invite)[0]))
    prack = dialog.request("PRACK", *via)
    prack.add("RAck", f"{rseq} {number} {method}")
    tracker.cseq = dialog.local_cseq
    return prack, dialog
