"""The four transaction tables on their own (no sockets), and the endpoint using them."""

from __future__ import annotations

import pytest
from hotline.telephony.sip.endpoint import SipEndpoint, tx_key
from hotline.telephony.sip.message import Request, parse_message
from hotline.telephony.sip.transaction import (
    INVITE_CLIENT,
    INVITE_SERVER,
    NON_INVITE_CLIENT,
    NON_INVITE_SERVER,
    ClientTransaction,
    Event,
    InviteServerTransaction,
    NonInviteServerTransaction,
    State,
)
from hotline.telephony.sip.transport import Peer

TABLES = {
    "invite-server": (INVITE_SERVER, State.PROCEEDING),
    "invite-client": (INVITE_CLIENT, State.CALLING),
    "non-invite-server": (NON_INVITE_SERVER, State.TRYING),
    "non-invite-client": (NON_INVITE_CLIENT, State.TRYING),
}


@pytest.mark.parametrize("name", TABLES)
def test_every_state_is_reachable_and_every_path_ends_terminated(name: str) -> None:
    table, start = TABLES[name]
    reachable = {start}
    frontier = [start]
    while frontier:
        state = frontier.pop()
        for (src, _), dst in table.items():
            if src is state and dst not in reachable:
                reachable.add(dst)
                frontier.append(dst)
    sources = {src for src, _ in table}
    assert reachable == sources | {State.TERMINATED}
    assert State.TERMINATED not in sources  # nothing leaves TERMINATED
    for state in sources:  # every live state can time out or move on towards the end
        assert any(src is state and event is Event.TIMEOUT for src, event in table) or any(
            src is state and dst is not state for (src, _), dst in table.items()
        )


def test_roles_use_only_their_own_events() -> None:
    assert not {e for _, e in NON_INVITE_SERVER} & {Event.RECV_ACK, Event.SEND_2XX}
    assert not {e for _, e in INVITE_SERVER} & {Event.SEND_FINAL}
    assert not {e for _, e in NON_INVITE_CLIENT} & {Event.RECV_2XX, Event.RECV_ERROR}
    assert not {e for _, e in INVITE_CLIENT} & {Event.RECV_FINAL}


def test_non_invite_server_absorbs_then_resends_final_until_timer_j() -> None:
    tx = NonInviteServerTransaction(0.0, reliable=False, t1=0.5)
    assert tx.state is State.TRYING
    assert tx.receive_retransmission() == []  # absorbed: nothing sent yet
    assert tx.send(b"100", 100, 0.1) == [b"100"] and tx.state is State.PROCEEDING
    assert tx.receive_retransmission() == [b"100"]
    assert tx.send(b"200", 200, 0.2) == [b"200"] and tx.state is State.COMPLETED
    assert tx.send(b"500", 500, 0.3) == []  # one final only
    assert tx.receive_retransmission() == [b"200"]
    assert tx.deadline == pytest.approx(0.2 + 32)
    tx.on_timer(20.0)
    assert not tx.done
    tx.on_timer(32.2)
    assert tx.done and tx.receive_retransmission() == []


def test_non_invite_server_on_tcp_ends_with_the_final_and_unanswered_one_is_dropped() -> None:
    tcp = NonInviteServerTransaction(0.0, reliable=True)
    tcp.send(b"200", 200, 1.0)
    tcp.on_timer(1.0)
    assert tcp.done
    ignored = NonInviteServerTransaction(0.0, reliable=False, t1=0.5)
    ignored.on_timer(31.0)
    assert not ignored.done
    ignored.on_timer(32.0)
    assert ignored.done  # a TU that never answers does not pin the table


def test_invite_server_error_final_retransmits_until_ack_then_absorbs() -> None:
    tx = InviteServerTransaction(0.0, reliable=False, t1=0.5, t2=4.0)
    assert tx.receive_retransmission() == []  # nothing sent yet
    tx.send(b"486", 486, 0.0)
    assert tx.state is State.COMPLETED
    assert tx.on_timer(0.5) == [b"486"]  # timer G
    assert tx.receive_retransmission() == [b"486"]
    assert tx.receive_ack(0.7) and tx.state is State.CONFIRMED
    assert tx.receive_ack(0.8)  # retransmitted ACK: absorbed
    assert tx.on_timer(1.0) == [] and not tx.done
    tx.on_timer(0.7 + 4.0)
    assert tx.done and not tx.timed_out


def test_invite_server_without_any_response_times_out_silently() -> None:
    tx = InviteServerTransaction(0.0, reliable=False, t1=0.5)
    tx.on_timer(32.0)
    assert tx.done and not tx.timed_out
    ringing = InviteServerTransaction(0.0, reliable=False, t1=0.5)
    ringing.send(b"180", 180, 0.0)
    assert ringing.deadline is None  # a ringing call waits for its TU


def test_impossible_events_change_nothing() -> None:
    tx = InviteServerTransaction(0.0, reliable=False)
    assert not tx.receive_ack(0.0) and tx.state is State.PROCEEDING  # ACK before a final
    client = ClientTransaction(b"BYE", 0.0, invite=False, reliable=False)
    client.receive_response(200, 0.1)
    assert client.done and not client.receive_response(200, 0.2)


# ---- the endpoint's server transaction table -------------------------------------------

OPTIONS = (
    b"OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKtab1;rport\r\n"
    b"From: <sip:probe@127.0.0.1>;tag=a\r\nTo: <sip:127.0.0.1>\r\n"
    b"Call-ID: tab-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
)


class _Wire:
    """Stands in for the socket layer: records what the endpoint sends (sans-I/O test)."""

    def __init__(self) -> None:
        self.sent: list[tuple[bytes, Peer]] = []

    def send(self, data: bytes, peer: Peer) -> None:
        self.sent.append((data, peer))


def _endpoint(trusted: list[str] | None) -> tuple[SipEndpoint, _Wire, list[Request]]:
    ep = SipEndpoint("127.0.0.1", trusted_peers=trusted)
    wire = _Wire()
    ep.transport = wire  # type: ignore[assignment]
    seen: list[Request] = []

    def handler(request: Request, peer: Peer) -> None:
        seen.append(request)
        ep.respond(request, ep.make_response(request, 200, peer), peer)

    ep.on_request = handler
    return ep, wire, seen


def test_retransmitted_non_invite_request_is_answered_by_its_transaction() -> None:
    ep, wire, seen = _endpoint(["127.0.0.1/32"])
    peer = Peer("udp", "127.0.0.1", 5099)
    ep._on_data(OPTIONS, peer)
    ep._on_data(OPTIONS, peer)
    assert len(seen) == 1  # the TU saw it once
    assert [d for d, _ in wire.sent] == [wire.sent[0][0]] * 2  # the same 200, twice
    request = parse_message(OPTIONS)
    assert isinstance(request, Request)
    tx = ep.servers[tx_key(request)][0]
    assert isinstance(tx, NonInviteServerTransaction) and tx.state is State.COMPLETED


def test_untrusted_requests_leave_no_transaction() -> None:
    ep, wire, seen = _endpoint(["10.0.0.0/8"])
    ep._on_data(OPTIONS, Peer("udp", "127.0.0.1", 5099))
    assert not seen and not ep.servers
    assert wire.sent[0][0].startswith(b"SIP/2.0 403 ")


def test_ack_of_error_final_is_matched_by_branch_and_method() -> None:
    ep, wire, seen = _endpoint(None)
    invite = OPTIONS.replace(b"OPTIONS sip", b"INVITE sip").replace(b"1 OPTIONS", b"1 INVITE")
    peer = Peer("udp", "127.0.0.1", 5099)

    def reject(request: Request, source: Peer) -> None:
        seen.append(request)
        if request.method == "INVITE":
            ep.respond(request, ep.make_response(request, 486, source, to_tag="t"), source)

    ep.on_request = reject
    ep._on_data(invite, peer)
    key = tx_key(parse_message(invite))  # type: ignore[arg-type]
    tx = ep.servers[key][0]
    assert tx.state is State.COMPLETED
    ack = invite.replace(b"INVITE sip", b"ACK sip").replace(b"1 INVITE", b"1 ACK")
    ep._on_data(ack, peer)
    assert tx.state is State.CONFIRMED and [r.method for r in seen] == ["INVITE"]
    # An ACK with another branch (a 2xx's ACK) is not the transaction's: on to the TU.
    ep._on_data(ack.replace(b"z9hG4bKtab1", b"z9hG4bKother"), peer)
    assert [r.method for r in seen] == ["INVITE", "ACK"]
