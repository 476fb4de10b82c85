"""The sans-I/O parts on their own: framing, transaction and dialog tables, SDP, digest."""

from __future__ import annotations

import contextlib

import pytest
from hotline.telephony.sdp import SdpError, SdpSession, negotiate, parse_sdp
from hotline.telephony.sip.auth import DigestCredentials, parse_challenge
from hotline.telephony.sip.dialog import Dialog, DialogError, DialogEvent, DialogState
from hotline.telephony.sip.headers import call_identity, make_response
from hotline.telephony.sip.message import Request, SipParseError, StreamFramer, parse_message
from hotline.telephony.sip.transaction import ClientTransaction, InviteServerTransaction, State

INVITE = (
    b"INVITE sip:12345@10.0.0.1 SIP/2.0\r\n"
    b"v: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKabc;rport\r\n"
    b"f: <sip:138@10.0.0.2>;tag=1\r\n"
    b"t: <sip:12345@10.0.0.1>\r\n"
    b"i: cid\r\n"
    b"CSeq: 7 INVITE\r\n"
    b"Subject: a folded\r\n  header line\r\n"
    b"Supported:\r\n"
    b"k: \r\n"
    b"Via : SIP/2.0/UDP proxy:5060;branch=z9hG4bKp, SIP/2.0/UDP 10.0.0.3;branch=z9hG4bKq\r\n"
    b"l: 4\r\n\r\nbodyEXTRA"
)


def test_parser_handles_compact_folded_empty_headers() -> None:
    message = parse_message(INVITE)
    assert isinstance(message, Request)
    assert message.method == "INVITE" and message.get("Call-ID") == "cid"
    assert message.get("Subject") == "a folded header line"
    assert message.get_all("Supported") == ["", ""]
    assert len(message.get_all("Via")) == 3
    assert message.body == b"body"  # Content-Length cuts UDP trailing bytes


def test_parser_accepts_bare_lf_and_rejects_truncation() -> None:
    assert parse_message(INVITE.replace(b"\r\n", b"\n")).get("From") == "<sip:138@10.0.0.2>;tag=1"
    with pytest.raises(SipParseError):
        parse_message(INVITE.replace(b"l: 4", b"l: 40"))
    for cut in range(0, len(INVITE) - 9, 7):
        with contextlib.suppress(SipParseError):
            parse_message(INVITE[:cut])


def test_stream_framer_cuts_by_content_length() -> None:
    framer = StreamFramer()
    one = INVITE[: INVITE.index(b"EXTRA")]
    frames = framer.feed(b"\r\n\r\n" + one + one[:30])
    assert frames == [one]
    assert framer.feed(one[30:]) == [one]


def test_response_copies_headers_and_stamps_via() -> None:
    request = parse_message(INVITE)
    assert isinstance(request, Request)
    response = make_response(request, 180, to_tag="xyz", received="1.2.3.4", rport=5070)
    vias = response.get_all("Via")
    assert vias[0].endswith("rport=5070;received=1.2.3.4")
    assert response.get("To") == "<sip:12345@10.0.0.1>;tag=xyz"


def test_identity_from_pai_diversion_history_info() -> None:
    request = parse_message(INVITE)
    assert isinstance(request, Request)
    request.add("History-Info", "<sip:0411888@pbx>;index=1, <sip:12345@pbx>;index=1.1")
    identity = call_identity(request)
    assert identity == type(identity)(caller="138", called="12345", forwarded_from="0411888")
    request.add("P-Asserted-Identity", '"X" <tel:+8613900001111>')
    request.add("Diversion", "<sip:0411777@pbx>;reason=no-answer")
    identity = call_identity(request)
    assert identity.caller == "+8613900001111" and identity.forwarded_from == "0411777"


def test_invite_server_transaction_retransmits_2xx_doubling_to_t2_then_times_out() -> None:
    tx = InviteServerTransaction(0.0, reliable=False, t1=0.5, t2=4.0)
    assert tx.send(b"100", 100, 0.0) == [b"100"]
    assert tx.receive_retransmission() == [b"100"]
    assert tx.send(b"200", 200, 0.0) == [b"200"] and tx.state is State.ACCEPTED
    sent_at = []
    now = 0.0
    while not tx.done and now < 60:
        now = tx.deadline  # type: ignore[assignment]
        if tx.on_timer(now):
            sent_at.append(now)
    gaps = [round(b - a, 3) for a, b in zip([0.0, *sent_at], sent_at, strict=False)]
    assert gaps[:5] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert tx.done and tx.timed_out and now == pytest.approx(32.0)


def test_invite_server_transaction_ack_stops_retransmission() -> None:
    tx = InviteServerTransaction(0.0, reliable=False)
    tx.send(b"200", 200, 0.0)
    tx.receive_ack(0.2)
    assert tx.state is State.CONFIRMED and tx.receive_retransmission() == []
    assert tx.on_timer(10.0) == [] and tx.done and not tx.timed_out


def test_client_transaction_timer_e_capped_and_invite_stops_on_provisional() -> None:
    tx = ClientTransaction(b"REGISTER", 0.0, invite=False, reliable=False)
    times = []
    while not tx.done:
        now = tx.deadline
        assert now is not None
        if tx.on_timer(now):
            times.append(now)
    assert max(b - a for a, b in zip(times, times[1:], strict=False)) == pytest.approx(4.0)
    assert tx.timed_out
    invite = ClientTransaction(b"INVITE", 0.0, invite=True, reliable=False)
    invite.receive_response(180)
    assert invite.deadline is None and invite.state is State.PROCEEDING
    assert invite.receive_response(486, 1.0)  # news for the UAC
    assert invite.state is State.COMPLETED and not invite.done


def test_invite_client_transaction_absorbs_error_final_retransmissions_until_timer_d() -> None:
    """§17.1.1.3: the error final is ACKed (by the caller), a retransmission is not news for
    the UAC (only re-ACKed), and timer D (64*T1 on UDP, 0 on TCP) ends the transaction."""
    invite = ClientTransaction(b"INVITE", 0.0, invite=True, reliable=False, t1=0.5)
    invite.receive_response(180, 0.2)
    assert invite.receive_response(487, 1.0)
    assert not invite.receive_response(487, 2.0)  # retransmission: re-ACK only
    assert not invite.receive_response(180, 2.1)
    assert invite.state is State.COMPLETED and invite.deadline == 1.0 + 32
    assert invite.on_timer(30.0) == [] and not invite.done
    assert invite.on_timer(33.0) == [] and invite.done and not invite.timed_out
    tcp = ClientTransaction(b"INVITE", 0.0, invite=True, reliable=True)
    tcp.receive_response(486, 1.0)
    tcp.on_timer(1.0)
    assert tcp.done and not tcp.timed_out
    ok = ClientTransaction(b"INVITE", 0.0, invite=True, reliable=False)
    assert ok.receive_response(200, 1.0) and ok.done  # a 2xx is ACKed by the UAC core
    bye = ClientTransaction(b"BYE", 0.0, invite=False, reliable=False)
    assert bye.receive_response(481, 1.0) and bye.done


def test_dialog_table_rejects_impossible_events() -> None:
    dialog = Dialog("c", "lt", "<sip:a@x>", "<sip:b@y>", "sip:b@y")
    with pytest.raises(DialogError):
        dialog.fire(DialogEvent.ACK_RECEIVED)
    dialog.fire(DialogEvent.ANSWER_SENT)
    assert dialog.fire(DialogEvent.ACK_TIMEOUT) is DialogState.TERMINATING
    assert dialog.fire(DialogEvent.BYE_DONE) is DialogState.TERMINATED
    assert not dialog.can(DialogEvent.BYE_SENT)


def test_dialog_requests_carry_route_set_and_cseq_order() -> None:
    dialog = Dialog("c", "lt", "<sip:a@x>", "<sip:b@y>", "sip:b@y", route_set=["<sip:p;lr>"])
    dialog.remote_tag = "rt"
    bye = dialog.request("BYE", "10.0.0.1", 5060, "udp")
    assert bye.get_all("Route") == ["<sip:p;lr>"] and bye.get("CSeq") == "1 BYE"
    assert bye.get("To") == "<sip:b@y>;tag=rt"
    assert dialog.accept_remote_cseq(5, "INVITE") and not dialog.accept_remote_cseq(5, "BYE")


OFFER = b"""v=0\r
o=- 1 1 IN IP4 10.0.0.9\r
s=-\r
c=IN IP4 10.0.0.9\r
t=0 0\r
m=audio 4000 RTP/AVP 0 8 18 96\r
c=IN IP4 10.0.0.5\r
a=rtpmap:96 telephone-event/8000\r
a=ptime:30\r
a=sendonly\r
m=video 5000 RTP/AVP 31\r
a=recvonly\r
"""


def test_sdp_prefers_pcma_media_level_c_and_answers_direction() -> None:
    negotiated = negotiate(parse_sdp(OFFER))
    assert negotiated.remote == ("10.0.0.5", 4000)
    assert negotiated.payload_type == 8 and negotiated.dtmf_payload_type == 96
    assert negotiated.ptime_ms == 30 and negotiated.direction == "recvonly"
    answer = SdpSession("10.0.0.1", 20000).answer(negotiated)
    assert b"m=audio 20000 RTP/AVP 8 96" in answer and b"a=recvonly" in answer
    assert b"c=IN IP4 10.0.0.1" in answer


def test_sdp_pcmu_only_accepted_and_no_codec_refused() -> None:
    pcmu = OFFER.replace(b"RTP/AVP 0 8 18 96", b"RTP/AVP 0").replace(b"c=IN IP4 10.0.0.5\r\n", b"")
    negotiated = negotiate(parse_sdp(pcmu))
    assert negotiated.payload_type == 0 and negotiated.remote == ("10.0.0.9", 4000)
    assert negotiated.dtmf_payload_type is None
    with pytest.raises(SdpError):
        negotiate(parse_sdp(OFFER.replace(b"RTP/AVP 0 8 18 96", b"RTP/AVP 18 96")))


def test_digest_matches_rfc2617_example() -> None:
    challenge = parse_challenge(
        'Digest realm="testrealm@host.com", qop="auth,auth-int", '
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"'
    )
    header = DigestCredentials("Mufasa", "Circle Of Life").authorization(
        challenge, "GET", "/dir/index.html", cnonce="0a4f113b"
    )
    assert 'response="6629fae49393a05397450978507c4ef1"' in header
    assert "nc=00000001" in header and 'opaque="5ccc069c403ebaf9f0171e9517f40e41"' in header
