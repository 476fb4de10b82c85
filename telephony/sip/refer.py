"""转人工 on the wire, sans-I/O: RFC 3515 REFER and its NOTIFYs, and what happens when the
caller's side refuses REFER (we bridge the call to the operator's phone ourselves).

Rule: every step of a transfer lives in TRANSITIONS. `Transfer.fire` returns the new state;
the I/O side (telephony/takeover.py) acts on it: BRIDGING → dial the operator,
TRANSFERRED → BYE the caller, FAILED → the call stays with the listener.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto

from hotline.telephony.sip.dialog import Dialog
from hotline.telephony.sip.message import Request

# A REFER answered with these (or any other error) is refused: we bridge instead.
REFUSALS = (405, 501, 603)


class TransferState(Enum):
    REFERRING = auto()  # REFER sent, no final answer yet
    REFER_ACCEPTED = auto()  # 202: the caller's side is calling the operator
    TRANSFERRED = auto()  # NOTIFY said 200 (or nothing more came): we leave the call
    BRIDGING = auto()  # REFER refused: we are dialling the operator's phone
    BRIDGED = auto()  # the operator answered: media relayed both ways
    FAILED = auto()  # nobody took the call: it stays with the listener
    ENDED = auto()  # either side hung up


class TransferEvent(Enum):
    REFER_ACCEPTED = auto()  # 2xx to the REFER
    REFER_REFUSED = auto()  # 3xx-6xx (or no answer) to the REFER
    NOTIFY_PROGRESS = auto()  # sipfrag 1xx
    NOTIFY_OK = auto()  # sipfrag 2xx
    NOTIFY_FAILED = auto()  # sipfrag 3xx-6xx
    NOTIFY_TIMEOUT = auto()  # 202 but no final NOTIFY in time
    BRIDGE_ANSWERED = auto()
    BRIDGE_FAILED = auto()
    HUNG_UP = auto()


_S, _E = TransferState, TransferEvent
TRANSITIONS: dict[tuple[TransferState, TransferEvent], TransferState] = {
    (_S.REFERRING, _E.REFER_ACCEPTED): _S.REFER_ACCEPTED,
    (_S.REFERRING, _E.REFER_REFUSED): _S.BRIDGING,
    # A NOTIFY may overtake the 202 (RFC 3515 §2.4.4).
    (_S.REFERRING, _E.NOTIFY_PROGRESS): _S.REFER_ACCEPTED,
    (_S.REFERRING, _E.NOTIFY_OK): _S.TRANSFERRED,
    (_S.REFER_ACCEPTED, _E.REFER_ACCEPTED): _S.REFER_ACCEPTED,
    (_S.REFER_ACCEPTED, _E.NOTIFY_PROGRESS): _S.REFER_ACCEPTED,
    (_S.REFER_ACCEPTED, _E.NOTIFY_OK): _S.TRANSFERRED,
    (_S.REFER_ACCEPTED, _E.NOTIFY_FAILED): _S.BRIDGING,  # their call failed: try ours
    # Accepted but never reported: the caller's side has the call; we leave it.
    (_S.REFER_ACCEPTED, _E.NOTIFY_TIMEOUT): _S.TRANSFERRED,
    (_S.BRIDGING, _E.BRIDGE_ANSWERED): _S.BRIDGED,
    (_S.BRIDGING, _E.BRIDGE_FAILED): _S.FAILED,
    **{(s, _E.HUNG_UP): _S.ENDED for s in (_S.REFERRING, _S.REFER_ACCEPTED, _S.BRIDGING)},
    (_S.BRIDGED, _E.HUNG_UP): _S.ENDED,
    (_S.TRANSFERRED, _E.HUNG_UP): _S.ENDED,
}
DONE = frozenset({_S.TRANSFERRED, _S.BRIDGED, _S.FAILED, _S.ENDED})  # no more REFER news


class TransferError(Exception):
    """An event the transfer's current state does not allow."""


@dataclass
class Transfer:
    target: str  # the operator's phone (SIP URI)
    by: str  # who asked: an operator's user name, or "caller" (0 / 人工)
    state: TransferState = TransferState.REFERRING
    method: str = "refer"  # "refer" | "bridge": how the caller reached the operator

    def fire(self, event: TransferEvent) -> TransferState:
        new = TRANSITIONS.get((self.state, event))
        if new is None:
            raise TransferError(f"{event.name} not allowed in {self.state.name}")
        if new is TransferState.BRIDGING:
            self.method = "bridge"
        self.state = new
        return new

    def can(self, event: TransferEvent) -> bool:
        return (self.state, event) in TRANSITIONS


def refer_event(status: int) -> TransferEvent | None:
    """The final answer to our REFER as an event (None for a provisional)."""
    if status < 200:
        return None
    return TransferEvent.REFER_ACCEPTED if status < 300 else TransferEvent.REFER_REFUSED


_SIPFRAG = re.compile(rb"^\s*SIP/2\.0\s+(\d{3})\b")


def notify_event(request: Request) -> TransferEvent | None:
    """A NOTIFY of the refer subscription as an event; None when it is not one."""
    event = (request.get("Event") or "").split(";")[0].strip().lower()
    ctype = (request.get("Content-Type") or "").split(";")[0].strip().lower()
    if event != "refer" or ctype != "message/sipfrag":
        return None
    found = _SIPFRAG.match(request.body or b"")
    if found is None:
        return None
    status = int(found.group(1))
    if status < 200:
        return TransferEvent.NOTIFY_PROGRESS
    return TransferEvent.NOTIFY_OK if status < 300 else TransferEvent.NOTIFY_FAILED


def refer_request(
    dialog: Dialog, target: str, referred_by: str, contact: str, via: tuple[str, int, str]
) -> Request:
    """An in-dialog REFER asking the caller's side to call `target` (RFC 3515 §2.4)."""
    host, port, transport = via
    request = dialog.request("REFER", host, port, transport)
    request.add("Refer-To", f"<{target}>")
    request.add("Referred-By", f"<{referred_by}>")
    request.add("Contact", contact)
    return request
