"""Outbound calls (UAC): `hotline call` and the follow-up survey.

dialer = Dialer(DialerOptions(host="127.0.0.1"))
await dialer.start()
call = await dialer.dial("sip:13800000000@pbx", record_to=Path(...))
if call.outcome == "answered":
    await call.play(pcm); digits = await call.collect_digits(1, timeout=10)
    await call.hangup()
await dialer.close()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Literal, cast

from hotline.telephony.dialer_options import DialerOptions, client_tls_context
from hotline.telephony.own_address import own_listener_hit
from hotline.telephony.recording import CallRecorder
from hotline.telephony.rtp.session import Direction, MediaParams, RtpSession
from hotline.telephony.rtp.sources import parse_networks
from hotline.telephony.sdp import Negotiated, SdpError, SdpSession
from hotline.telephony.sip.auth import AuthError, DigestCredentials, answer_challenge
from hotline.telephony.sip.dialog import Dialog, DialogEvent, DialogState, uac_dialog
from hotline.telephony.sip.endpoint import (
    SipEndpoint,
    cancel_for,
    dialog_destination,
    next_attempt,
    uri_destination,
)
from hotline.telephony.sip.headers import (
    cseq_of,
    dtmf_from_info,
    new_call_id,
    new_tag,
    parse_address,
    sip_host,
)
from hotline.telephony.sip.message import Request, Response
from hotline.telephony.sip.prack import OPTION_TAG, PrackTracker, prack_request
from hotline.telephony.sip.session_timer import min_se_of
from hotline.telephony.sip.transaction import InviteServerTransaction
from hotline.telephony.sip.transport import Peer

__all__ = ["Dialer", "DialerOptions", "OutboundCall", "dialog_is_up", "outcome_for"]
log = logging.getLogger(__name__)
Outcome = Literal["answered", "busy", "no_answer", "failed"]


def outcome_for(status: int | None) -> Outcome:
    if status is None or status in (408, 480, 487):
        return "no_answer"
    if 200 <= status < 300:
        return "answered"
    if status in (486, 600):
        return "busy"
    return "failed"


class OutboundCall:
    def __init__(self, dialer: Dialer, target: str, record_to: Path | None) -> None:
        self.dialer = dialer
        self.target = target
        self.record_to = record_to
        self.outcome: Outcome = "failed"
        self.error: str | None = None  # why a call failed before any SIP answer
        self.not_dialled = False  # refused before any INVITE was sent (see `error`)
        self.status: int | None = None
        self.early_media = False
        self.digits: asyncio.Queue[str] = asyncio.Queue()
        self.received_digits = ""
        self.rtp: RtpSession | None = None
        self.dialog: Dialog | None = None
        self.recorder: CallRecorder | None = None
        self.hung_up_by_peer = asyncio.Event()
        self.bye_status: int | None = None  # final response to our BYE; None: none came
        self._dest: Peer | None = None
        self.audio_sink: Callable[[bytes], None] | None = None  # 转人工 bridge: to the caller

    # ---- media -----------------------------------------------------------------------

    def _on_audio(self, pcm: bytes) -> None:
        if self.audio_sink is not None:
            self.audio_sink(pcm)
        if self.recorder is not None:
            self.recorder.write(pcm)

    def _on_dtmf(self, digit: str) -> None:
        self.received_digits += digit
        self.digits.put_nowait(digit)

    async def play(self, pcm: bytes) -> None:
        assert self.rtp is not None
        await self.rtp.play(pcm)

    async def send_dtmf(self, digits: str, duration_ms: int = 160) -> None:
        assert self.rtp is not None
        await self.rtp.send_dtmf(digits, duration_ms)

    async def collect_digits(self, count: int, timeout: float, terminator: str = "#") -> str:
        """Up to `count` digits (RFC 4733 or SIP INFO), stopping at `terminator` or timeout."""
        got = ""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while len(got) < count:
            remaining = end - loop.time()
            if remaining <= 0 or self.hung_up_by_peer.is_set():
                break
            try:
                digit = await asyncio.wait_for(self.digits.get(), remaining)
            except TimeoutError:
                break
            if digit == terminator:
                break
            got += digit
        return got

    # ---- SIP -------------------------------------------------------------------------

    def on_request(self, request: Request, source: Peer) -> None:
        ep = self.dialer.endpoint
        method = request.method
        if method == "BYE":
            ep.respond(request, ep.make_response(request, 200, source), source)
            if self.dialog is not None and self.dialog.can(DialogEvent.BYE_RECEIVED):
                self.dialog.fire(DialogEvent.BYE_RECEIVED)
            self.hung_up_by_peer.set()
        elif method == "INFO":
            ep.respond(request, ep.make_response(request, 200, source), source)
            digit = dtmf_from_info(request)
            if digit:
                self._on_dtmf(digit)
        elif method in ("UPDATE", "INVITE"):
            self._refresh(request, source)
        elif method == "OPTIONS":
            ep.respond(request, ep.make_response(request, 200, source), source)
        elif method == "ACK":
            tx, self._pending_ack = self._pending_ack, None
            if tx is not None:
                tx.receive_ack(asyncio.get_running_loop().time())
        else:
            ep.respond(request, ep.make_response(request, 405, source), source)

    dialer_sdp: SdpSession | None = None

    def _refresh(self, request: Request, source: Peer) -> None:
        """re-INVITE/UPDATE from the far end (hold, new address): answer its offer."""
        ep = self.dialer.endpoint
        is_invite = request.method == "INVITE"
        tx = ep.new_invite_server(request, source) if is_invite else None

        def reply(response: Response) -> None:
            if tx is not None:
                ep.send_invite_response(tx, request, response, source)
            else:
                ep.respond(request, response, source)

        if self.dialog is None or self.dialer_sdp is None or self.rtp is None:
            reply(ep.make_response(request, 481, source))
            return
        response = ep.make_response(request, 200, source)
        response.add("Contact", self.dialer.contact())
        if request.body:
            try:
                negotiated = self.dialer_sdp.negotiate(request.body)
            except SdpError as exc:
                reply(ep.make_response(request, 488, source, reason=str(exc)[:60]))
                return
            self.dialer.apply_media(self, negotiated)
            response.add("Content-Type", "application/sdp")
            response.body = self.dialer_sdp.answer(negotiated)
        if is_invite:
            # ACK of this 2xx comes to on_request as ACK; a lost ACK ends the transaction.
            self._pending_ack = tx
        reply(response)

    _pending_ack: InviteServerTransaction | None = None

    async def hangup(self) -> None:
        ep = self.dialer.endpoint
        dialog = self.dialog
        if dialog is not None and dialog.can(DialogEvent.BYE_SENT) and self._dest is not None:
            dialog.fire(DialogEvent.BYE_SENT)
            kind = self._dest.transport
            bye = dialog.request("BYE", ep.public_host, ep.port_for(kind), kind)
            response = await self.dialer.transact(bye, self._dest)
            if response is not None and response.status in (401, 407):
                response = await self.dialer.transact(
                    self.dialer.authorize(bye, response), self._dest
                )
            self.bye_status = response.status if response is not None else None
            dialog.fire(DialogEvent.BYE_DONE)
        await self.close()

    async def close(self) -> None:
        if self.rtp is not None:
            await self.rtp.close()
            self.rtp = None
        if self.recorder is not None:
            await asyncio.to_thread(self.recorder.close)
            self.recorder = None
        self.dialer.calls.pop(self.call_id, None)

    call_id: str = ""


class Dialer:
    def __init__(self, options: DialerOptions, endpoint: SipEndpoint | None = None) -> None:
        self.options = options
        self._own_endpoint = endpoint is None
        self.endpoint = endpoint or SipEndpoint(options.host, public_host=options.public_host)
        # Sharing a listener's endpoint (one SIP port per node): our calls' requests come to
        # us by Call-ID, everything else still goes to the listener.
        self._fallback = None if self._own_endpoint else self.endpoint.on_request
        self.endpoint.on_request = self._on_request
        self.endpoint.stray_response_handler = self._on_stray_response
        self.credentials = (
            DigestCredentials(options.username, options.password or "")
            if options.username
            else None
        )
        self.calls: dict[str, OutboundCall] = {}
        self.transport = options.outbound_transport()
        if self.transport == "tls":  # to the proxy, its certificate checked
            self.endpoint.transport.client_tls = client_tls_context(options.tls_ca_file)

    async def start(self) -> None:
        if self._own_endpoint:  # TLS: no listener, requests come on our connection
            kinds = () if self.transport == "tls" else (self.transport,)
            await self.endpoint.start(self.options.port, kinds)

    async def close(self) -> None:
        for call in list(self.calls.values()):
            await call.hangup()
        if self._own_endpoint:
            await self.endpoint.close()

    def contact(self) -> str:
        ep = self.endpoint
        kind = self.transport
        param = f";transport={kind}" if kind != "udp" else ""
        user, host = self.options.from_user, sip_host(ep.public_host)
        return f"<sip:{user}@{host}:{ep.port_for(kind)}{param}>"

    def _on_request(self, request: Request, source: Peer) -> None:
        call = self.calls.get(request.get("Call-ID") or "")
        if call is not None:
            call.on_request(request, source)
        elif self._fallback is not None:
            self._fallback(request, source)
        elif request.method != "ACK":
            ep = self.endpoint
            status = 200 if request.method == "OPTIONS" else 481
            ep.respond(request, ep.make_response(request, status, source, to_tag=new_tag()), source)

    def _on_stray_response(self, response: Response) -> None:
        """A retransmitted 2xx after our INVITE transaction ended: ACK it again (§13.2.2.4)."""
        call = self.calls.get(response.get("Call-ID") or "")
        if call is None or call.dialog is None or call._dest is None:
            return
        number, method = cseq_of(response)
        if method == "INVITE" and 200 <= response.status < 300:
            ack = call.dialog.request(
                "ACK",
                self.endpoint.public_host,
                self.endpoint.port_for(call._dest.transport),
                call._dest.transport,
                cseq=number,
            )
            self.endpoint.send_request(ack, call._dest, lambda r: None)

    async def transact(
        self,
        request: Request,
        dest: Peer,
        on_provisional: Callable[[Response], None] | None = None,
    ) -> Response | None:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Response | None] = loop.create_future()

        def on_response(response: Response | None) -> None:
            if response is not None and response.status < 200:
                if on_provisional is not None:
                    on_provisional(response)
                return
            if not done.done():
                done.set_result(response)

        self.endpoint.send_request(request, dest, on_response)
        if request.method == "INVITE":  # may ring for minutes; _ring bounds it
            return await done
        try:
            # Timer F ends a non-INVITE transaction after 64*T1; never wait past it.
            return await asyncio.wait_for(done, 64 * self.endpoint.t1 + 5)
        except TimeoutError:
            self.endpoint.forget_client(request)
            return None

    def authorize(self, request: Request, challenge: Response) -> Request:
        """The same request with credentials, a new branch and the next CSeq."""
        if self.credentials is None:
            raise AuthError(f"{challenge.status} but no credentials configured")
        header = "WWW-Authenticate" if challenge.status == 401 else "Proxy-Authenticate"
        name, value = answer_challenge(
            self.credentials, challenge.status, challenge.get(header), request.method, request.uri
        )
        return next_attempt(request, self.endpoint.via(self.transport), **{name: value})

    async def dial(self, target: str, *, record_to: Path | None = None) -> OutboundCall:
        """INVITE until answered or failed; the returned call's `outcome` says which."""
        opts, ep = self.options, self.endpoint
        call = OutboundCall(self, target, record_to)
        call.rtp = await RtpSession.open(
            opts.host,
            opts.rtp_port_min,
            opts.rtp_port_max,
            on_audio=call._on_audio,
            on_dtmf=call._on_dtmf,
            trusted_media=parse_networks(opts.trusted_media),
        )
        sdp = SdpSession(ep.public_host, call.rtp.local_port, opts.srtp)
        call.dialer_sdp = sdp
        try:
            dest = await self._resolve(uri_destination(opts.proxy or target, self.transport))
        except (OSError, ValueError) as exc:
            call.error = f"cannot resolve {opts.proxy or target}: {exc}"
            await call.close()
            return call
        own = own_listener_hit(dest.host, dest.port, self.own_listeners())
        if own is not None:
            call.error = (
                f"refusing to dial {target} via {dest.host}:{dest.port}: that is this "
                f"service's own SIP listener {own[0]}:{own[1]} (configure sip.outbound.proxy)"
            )
            call.not_dialled = True
            log.error("%s", call.error)
            await call.close()
            return call
        if dest.transport == "tls":  # connect first: Via and Contact carry its port
            try:
                await ep.transport.connect(dest)
            except (OSError, ValueError) as exc:  # ssl.SSLError: a certificate refused
                call.error = f"TLS to {dest.name or dest.host}:{dest.port} failed: {exc}"
                log.error("%s", call.error)
                await call.close()
                return call
        call._dest = dest
        call.call_id = new_call_id(ep.public_host)
        target_user = parse_address(f"<{target}>").uri
        local_uri = f"<sip:{opts.from_user}@{sip_host(ep.public_host)}>"
        invite = Request(method="INVITE", uri=str(target_user))
        invite.add("Via", ep.via(dest.transport))
        invite.add("Max-Forwards", "70")
        local_tag = new_tag()
        invite.add("From", f"{local_uri};tag={local_tag}")
        invite.add("To", f"<{target_user}>")
        invite.add("Call-ID", call.call_id)
        invite.add("CSeq", "1 INVITE")
        invite.add("Contact", self.contact())
        invite.add("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE")
        invite.add("Supported", OPTION_TAG)
        invite.add("Content-Type", "application/sdp")
        invite.body = sdp.offer()
        self.calls[call.call_id] = call

        pracks = PrackTracker()

        def on_provisional(response: Response) -> None:
            rseq = pracks.accept(response)
            if rseq is not None:  # RFC 3262 §4: PRACK each reliable 1xx, in RSeq order
                via = (ep.public_host, ep.port_for(dest.transport), dest.transport)
                prack, early = prack_request(pracks, invite, response, rseq, via)
                to = dialog_destination(early.route_set, early.remote_target, dest)
                ep.send_request(prack, to, lambda r: None)
            if response.status in (180, 183) and response.body:
                try:
                    self._start_media(call, response, final=False)  # hear announcements
                    call.early_media = True
                except SdpError as exc:
                    log.info("ignoring unusable early-media SDP: %s", exc)

        response: Response | None = None
        cancelled = False
        try:
            for _ in range(4):  # initial + two challenges (401 then 407, say) + a 422
                response, cancelled = await self._ring(invite, dest, on_provisional)
                if cancelled or response is None or response.status not in (401, 407, 422):
                    break
                # (the endpoint's INVITE transaction has ACKed the error final)
                if response.status == 422:  # RFC 4028 §7.4: again, asking for Min-SE
                    if (se := min_se_of(response)) is None:
                        break
                    invite = next_attempt(invite, ep.via(dest.transport), **se)
                else:
                    invite = self.authorize(invite, response)
        except AuthError as exc:
            call.error = f"cannot authenticate: {exc}"
            await call.close()
            return call
        call.status = response.status if response else None
        call.outcome = "no_answer" if cancelled else outcome_for(call.status)
        if response is None or response.status >= 300:
            # Error finals (the 487 after our CANCEL too) are ACKed by the INVITE
            # client transaction in the endpoint (§17.1.1.3).
            await call.close()
            return call
        call.dialog = uac_dialog(invite, response, max(cseq_of(invite)[0], pracks.cseq))
        call.dialog.fire(DialogEvent.ANSWER_RECEIVED)
        dest = dialog_destination(call.dialog.route_set, call.dialog.remote_target, dest)
        call._dest = dest
        invite_cseq = cseq_of(invite)[0]
        ack = call.dialog.request(
            "ACK", ep.public_host, ep.port_for(dest.transport), dest.transport, cseq=invite_cseq
        )
        ep.send_request(ack, dest, lambda r: None)
        if cancelled:  # the callee answered as our CANCEL went out: end the call at once
            await call.hangup()
            return call
        try:
            self._start_media(call, response)
        except SdpError as exc:
            log.warning("answer SDP unusable (%s): hanging up", exc)
            call.outcome = "failed"
            await call.hangup()
            return call
        if record_to is not None:
            call.recorder = CallRecorder(record_to)
        return call

    def own_listeners(self) -> list[tuple[str, int]]:
        ep = self.endpoint
        own = [(ep.host, ep.port), (ep.public_host, ep.port)]
        return own + list(self.options.own_listeners)

    async def _resolve(self, peer: Peer) -> Peer:
        """Host names → an address of our socket's family, once per call (the UDP transport
        sends to addresses; a socket bound to IPv4 cannot reach IPv6 and back)."""
        family = socket.AF_INET6 if ":" in self.endpoint.host else socket.AF_INET
        infos = await asyncio.get_running_loop().getaddrinfo(peer.host, peer.port, family=family)
        return Peer(peer.transport, infos[0][4][0], peer.port, name=peer.host)

    def _start_media(self, call: OutboundCall, response: Response, final: bool = True) -> None:
        assert call.dialer_sdp is not None
        self.apply_media(call, call.dialer_sdp.accept_answer(response.body, final))

    def apply_media(self, call: OutboundCall, negotiated: Negotiated) -> None:
        assert call.rtp is not None
        call.rtp.start(
            MediaParams(
                remote=negotiated.remote,
                payload_type=negotiated.payload_type,
                ptime_ms=20,
                dtmf_payload_type=negotiated.dtmf_payload_type,
            )
        )
        call.rtp.set_direction(cast(Direction, negotiated.direction))
        call.rtp.secure(negotiated.srtp)

    async def _ring(
        self,
        invite: Request,
        dest: Peer,
        on_provisional: Callable[[Response], None],
    ) -> tuple[Response | None, bool]:
        """INVITE until its final response, or (ring timeout) CANCEL and then wait for the
        final that ends the INVITE transaction: the 487, or a 2xx that crossed the CANCEL.
        Returns (final response or None, cancelled)."""
        pending = asyncio.ensure_future(self.transact(invite, dest, on_provisional))
        try:
            try:
                return await asyncio.wait_for(
                    asyncio.shield(pending), self.options.ring_timeout
                ), False
            except TimeoutError:
                pass
            await self._cancel(invite, dest)
            try:
                # §9.1: without a final response 64*T1 after the CANCEL, give the INVITE up.
                return await asyncio.wait_for(asyncio.shield(pending), 64 * self.endpoint.t1), True
            except TimeoutError:
                self.endpoint.forget_client(invite)
                return None, True
        finally:
            pending.cancel()

    async def _cancel(self, invite: Request, dest: Peer) -> None:
        cancel = cancel_for(invite)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.transact(cancel, dest), 5)


def dialog_is_up(call: OutboundCall) -> bool:
    return call.dialog is not None and call.dialog.state is DialogState.CONFIRMED
