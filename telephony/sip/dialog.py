"""SIP dialog state, sans-I/O (RFC 3261 §12).

Rule: every dialog state change lives in TRANSITIONS. The Dialog also keeps what §12 says a
dialog remembers (tags, route set, remote target, CSeq numbers) and builds in-dialog requests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto

from hotline.telephony.sip.headers import new_branch, parse_address, sip_host
from hotline.telephony.sip.message import Request, Response


class DialogState(Enum):
    INITIAL = auto()  # INVITE seen/sent, nothing final
    EARLY = auto()  # UAC: provisional with a To-tag
    WAITING_ACK = auto()  # UAS: 2xx sent
    CONFIRMED = auto()
    TRANSFERRING = auto()  # UAS: 转人工 under way (REFER sent, or the operator being dialled)
    BRIDGED = auto()  # UAS: media relayed to the operator's phone (REFER was refused)
    TERMINATING = auto()  # we sent BYE
    TERMINATED = auto()


class DialogEvent(Enum):
    PROVISIONAL = auto()  # UAC got 1xx with tag
    ANSWER_SENT = auto()  # UAS sent 2xx
    ANSWER_RECEIVED = auto()  # UAC got 2xx
    ACK_RECEIVED = auto()
    ACK_TIMEOUT = auto()  # UAS: no ACK for the 2xx within 64*T1 -> we send BYE
    REJECTED = auto()  # final non-2xx / CANCEL before answer
    REFRESH = auto()  # re-INVITE / UPDATE inside the dialog
    BYE_RECEIVED = auto()
    BYE_SENT = auto()
    BYE_DONE = auto()  # response (or timeout) to our BYE
    TRANSFER_STARTED = auto()  # we sent REFER / started dialling the operator
    TRANSFER_FAILED = auto()  # nobody took the call: back to the listener
    BRIDGE_ANSWERED = auto()  # the operator's phone answered our bridging call


_S, _E = DialogState, DialogEvent
TRANSITIONS: dict[tuple[DialogState, DialogEvent], DialogState] = {
    (_S.INITIAL, _E.PROVISIONAL): _S.EARLY,
    (_S.EARLY, _E.PROVISIONAL): _S.EARLY,
    (_S.INITIAL, _E.ANSWER_SENT): _S.WAITING_ACK,
    (_S.INITIAL, _E.ANSWER_RECEIVED): _S.CONFIRMED,
    (_S.EARLY, _E.ANSWER_RECEIVED): _S.CONFIRMED,
    (_S.CONFIRMED, _E.ANSWER_RECEIVED): _S.CONFIRMED,  # retransmitted 2xx: re-ACK
    (_S.WAITING_ACK, _E.ACK_RECEIVED): _S.CONFIRMED,
    (_S.CONFIRMED, _E.ACK_RECEIVED): _S.CONFIRMED,  # ACK of a re-INVITE
    (_S.WAITING_ACK, _E.ACK_TIMEOUT): _S.TERMINATING,
    (_S.INITIAL, _E.REJECTED): _S.TERMINATED,
    (_S.EARLY, _E.REJECTED): _S.TERMINATED,
    (_S.CONFIRMED, _E.REFRESH): _S.CONFIRMED,
    (_S.WAITING_ACK, _E.BYE_RECEIVED): _S.TERMINATED,
    (_S.CONFIRMED, _E.BYE_RECEIVED): _S.TERMINATED,
    (_S.TERMINATING, _E.BYE_RECEIVED): _S.TERMINATED,
    (_S.EARLY, _E.BYE_SENT): _S.TERMINATING,
    (_S.WAITING_ACK, _E.BYE_SENT): _S.TERMINATING,
    (_S.CONFIRMED, _E.BYE_SENT): _S.TERMINATING,
    (_S.TERMINATING, _E.BYE_DONE): _S.TERMINATED,
    # 转人工 (RFC 3515 REFER, or a bridge when the caller refuses REFER)
    (_S.CONFIRMED, _E.TRANSFER_STARTED): _S.TRANSFERRING,
    (_S.TRANSFERRING, _E.TRANSFER_STARTED): _S.TRANSFERRING,  # REFER refused: now bridging
    (_S.TRANSFERRING, _E.TRANSFER_FAILED): _S.CONFIRMED,
    (_S.TRANSFERRING, _E.BRIDGE_ANSWERED): _S.BRIDGED,
    (_S.TRANSFERRING, _E.ACK_RECEIVED): _S.TRANSFERRING,
    (_S.TRANSFERRING, _E.REFRESH): _S.TRANSFERRING,
    (_S.TRANSFERRING, _E.BYE_RECEIVED): _S.TERMINATED,
    (_S.TRANSFERRING, _E.BYE_SENT): _S.TERMINATING,  # transferred: we leave the call
    (_S.BRIDGED, _E.ACK_RECEIVED): _S.BRIDGED,
    (_S.BRIDGED, _E.REFRESH): _S.BRIDGED,
    (_S.BRIDGED, _E.BYE_RECEIVED): _S.TERMINATED,
    (_S.BRIDGED, _E.BYE_SENT): _S.TERMINATING,
}


class DialogError(Exception):
    """An event the dialog's current state does not allow."""


@dataclass
class Dialog:
    call_id: str
    local_tag: str
    local_uri: str  # our From (UAC) / To (UAS) header value without tag
    remote_uri: str
    remote_target: str  # Contact of the peer
    route_set: list[str] = field(default_factory=list)
    remote_tag: str | None = None
    local_cseq: int = 0
    remote_cseq: int | None = None
    state: DialogState = DialogState.INITIAL

    def fire(self, event: DialogEvent) -> DialogState:
        new = TRANSITIONS.get((self.state, event))
        if new is None:
            raise DialogError(f"{event.name} not allowed in {self.state.name}")
        self.state = new
        return new

    def can(self, event: DialogEvent) -> bool:
        return (self.state, event) in TRANSITIONS

    def accept_remote_cseq(self, number: int, method: str) -> bool:
        """RFC 3261 §12.2.2: lower CSeq than before is out of order (ACK/CANCEL reuse it)."""
        if method in ("ACK", "CANCEL"):
            return True
        if self.remote_cseq is not None and number <= self.remote_cseq:
            return False
        self.remote_cseq = number
        return True

    def request(
        self, method: str, via_host: str, via_port: int, transport: str, *, cseq: int | None = None
    ) -> Request:
        """An in-dialog request routed per §12.2.1.1 (loose routing only)."""
        if cseq is None:
            self.local_cseq += 1
            cseq = self.local_cseq
        request = Request(method=method, uri=self.remote_target)
        request.add(
            "Via",
            f"SIP/2.0/{transport.upper()} {sip_host(via_host)}:{via_port};"
            f"branch={new_branch()};rport",
        )
        request.add("Max-Forwards", "70")
        request.add("From", f"{self.local_uri};tag={self.local_tag}")
        to = self.remote_uri + (f";tag={self.remote_tag}" if self.remote_tag else "")
        request.add("To", to)
        request.add("Call-ID", self.call_id)
        request.add("CSeq", f"{cseq} {method}")
        for route in self.route_set:
            request.add("Route", route)
        return request


def uac_dialog(invite: Request, response: Response, local_cseq: int) -> Dialog:
    """The UAC's dialog made by a 2xx, or the early one a 1xx with a To-tag makes
    (§12.1.2): route set from Record-Route reversed, remote target from Contact."""
    contact = response.get_all("Contact")
    return Dialog(
        call_id=invite.get("Call-ID") or "",
        local_tag=parse_address(invite.get("From")).parameters.get("tag") or "",
        local_uri=(invite.get("From") or "").split(";tag=")[0],
        remote_uri=invite.get("To") or "",
        remote_target=str(parse_address(contact[0]).uri) if contact else invite.uri,
        route_set=list(reversed(response.get_all("Record-Route"))),
        remote_tag=parse_address(response.get("To")).parameters.get("tag"),
        local_cseq=local_cseq,
    )
