"""The I/O shell around the sans-I/O parts: parse, reject bad input, run transaction timers.

Shared by the listener (UAS) and the dialer/registration (UAC). Everything that reaches the
request handler is a syntactically complete request from a trusted source.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable

from hotline.telephony.sip.headers import (
    check_request,
    cseq_of,
    make_response,
    new_branch,
    top_via,
)
from hotline.telephony.sip.message import Request, Response, SipParseError, parse_message
from hotline.telephony.sip.transaction import T1, ClientTransaction, InviteServerTransaction, State
from hotline.telephony.sip.transport import Peer, SipTransport
from sipmessage import URI

log = logging.getLogger(__name__)

RequestHandler = Callable[[Request, Peer], None]
ResponseHandler = Callable[[Response | None], None]  # None: the transaction timed out
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def tx_key(message: Request | Response, method: str | None = None) -> tuple[str, str, str]:
    """Transaction key: top Via branch + CSeq method (§17.2.3; ACK matches its INVITE)."""
    _, cseq_method = cseq_of(message)
    branch = top_via(message).parameters.get("branch") or ""
    return (branch, message.get("Call-ID") or "", method or cseq_method)


def ack_for_error(invite: Request, response: Response) -> Request:
    """The INVITE client transaction's ACK for a 3xx-6xx final (§17.1.1.3): the INVITE's
    Request-URI, top Via (same branch), From, Call-ID, CSeq number and Route; the To of
    the response (its tag)."""
    ack = Request(method="ACK", uri=invite.uri)
    ack.add("Via", invite.get_all("Via")[0])
    ack.add("Max-Forwards", "70")
    ack.add("From", invite.get("From") or "")
    ack.add("To", response.get("To") or "")
    ack.add("Call-ID", invite.get("Call-ID") or "")
    ack.add("CSeq", f"{cseq_of(invite)[0]} ACK")
    for route in invite.get_all("Route"):
        ack.add("Route", route)
    return ack


def uri_destination(uri_text: str, default_transport: str = "udp") -> Peer:
    uri = URI.parse(uri_text.strip().strip("<>").split(">")[0])
    transport = (uri.parameters.get("transport") or default_transport).lower()
    return Peer(transport, uri.host, uri.port or 5060)


class SipEndpoint:
    def __init__(
        self,
        host: str,
        *,
        public_host: str | None = None,
        trusted_peers: Iterable[str] | None = None,
        user_agent: str = "hotline",
        t1: float = T1,
    ) -> None:
        self.t1 = t1  # RFC 3261 T1; tests shorten it to see timeouts quickly
        self.host = host
        self.public_host = public_host or host
        self.user_agent = user_agent
        self.trusted: list[_Network] | None = (
            [ipaddress.ip_network(n, strict=False) for n in trusted_peers]
            if trusted_peers is not None
            else None
        )
        self.transport = SipTransport(self._on_data)
        self.on_request: RequestHandler = lambda request, peer: None
        # A 2xx retransmitted after our INVITE transaction ended (the UAC re-ACKs it).
        self.stray_response_handler: Callable[[Response], None] | None = None
        # An INVITE server transaction whose final response was never ACKed (64*T1).
        self.on_invite_timeout: Callable[[tuple[str, str, str]], None] | None = None
        self._clients: dict[
            tuple[str, str, str], tuple[ClientTransaction, Peer, ResponseHandler, Request]
        ] = {}
        self.invite_servers: dict[tuple[str, str, str], tuple[InviteServerTransaction, Peer]] = {}
        # Non-INVITE server transactions: the final response, resent on retransmission (§17.2.2).
        self._answered: OrderedDict[tuple[str, str, str], tuple[float, bytes, Peer]] = OrderedDict()
        self._timer: asyncio.TimerHandle | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    @property
    def port(self) -> int:
        return self.transport.port

    async def start(self, port: int, transports: tuple[str, ...] = ("udp", "tcp")) -> None:
        self.loop = asyncio.get_running_loop()
        await self.transport.start(self.host, port, transports)
        self._timer = self.loop.call_later(0.1, self._tick)

    async def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        await self.transport.close()

    def is_trusted(self, host: str) -> bool:
        if self.trusted is None:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in net for net in self.trusted)

    # ---- receiving -------------------------------------------------------------------

    def _on_data(self, data: bytes, peer: Peer) -> None:
        if not data.strip(b"\r\n\x00 "):
            return  # keep-alive
        try:
            message = parse_message(data)
        except SipParseError as exc:
            self._reject_garbage(data, peer, str(exc))
            return
        if isinstance(message, Response):
            self._on_response(message)
            return
        try:
            check_request(message)
        except SipParseError as exc:
            if message.method != "ACK":
                self._send_400(message, peer, str(exc))
            return
        if not self.is_trusted(peer.host):
            if message.method != "ACK":
                self.respond(message, self.make_response(message, 403, peer), peer)
            return
        if self._absorb_retransmission(message, peer):
            return
        max_forwards = message.get("Max-Forwards")
        if max_forwards is not None and message.method != "ACK":
            if not max_forwards.strip().isdigit():
                self._send_400(message, peer, "bad Max-Forwards")
                return
            if int(max_forwards) == 0:
                self.respond(message, self.make_response(message, 483, peer), peer)
                return
        try:
            self.on_request(message, peer)
        except SipParseError as exc:  # a header value the handler needed did not parse
            if message.method != "ACK":
                self._send_400(message, peer, str(exc))

    def _reject_garbage(self, data: bytes, peer: Peer, why: str) -> None:
        """400 when enough of the request survived to address a response (§21.4.1)."""
        log.debug("unparsable message from %s: %s", peer, why)
        try:
            text = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
            lines = text.split("\r\n")
            if lines[0].startswith("SIP/2.0") or lines[0].startswith("ACK "):
                return
            request = Request(method="X", uri="sip:x")
            for line in lines[1:]:
                key, sep, value = line.partition(":")
                if sep:
                    request.add(key.strip(), value.strip())
            for name in ("Via", "From", "To", "Call-ID", "CSeq"):
                if not request.get(name):
                    return
            top_via(request)
        except (SipParseError, ValueError):
            return
        self._send_400(request, peer, why)

    def _send_400(self, request: Request, peer: Peer, why: str) -> None:
        try:
            response = self.make_response(request, 400, peer, reason=f"Bad Request ({why[:60]})")
            self.respond(request, response, peer)
        except (SipParseError, ValueError):
            pass

    def _absorb_retransmission(self, request: Request, peer: Peer) -> bool:
        key = tx_key(request)
        if request.method == "ACK":
            # ACK of a non-2xx final shares the INVITE's branch and ends that transaction;
            # ACK of a 2xx has its own branch and goes to the dialog.
            entry = self.invite_servers.get(tx_key(request, "INVITE"))
            last = entry[0].last_response if entry is not None else None
            if entry is not None and last is not None and not last.startswith(b"SIP/2.0 2"):
                entry[0].receive_ack(self._now())
                return True
            return False
        if request.method == "INVITE":
            entry = self.invite_servers.get(key)
            if entry is not None:
                for data in entry[0].receive_retransmission():
                    self.transport.send(data, entry[1])
                return True
            return False
        cached = self._answered.get(key)
        if cached is not None:
            self.transport.send(cached[1], cached[2])
            return True
        return False

    def _on_response(self, response: Response) -> None:
        try:
            key = tx_key(response)
        except SipParseError:
            return
        entry = self._clients.get(key)
        if entry is None:
            # A retransmitted 2xx for an INVITE whose transaction is gone: let the UAC re-ACK.
            handler = self.stray_response_handler
            if handler is not None:
                with contextlib.suppress(SipParseError):
                    handler(response)
            return
        tx, dest, on_response, request = entry
        news = tx.receive_response(response.status, self._now())
        if tx.state is State.CLIENT_COMPLETED:
            # The transaction ACKs an error final to its INVITE, and every retransmission.
            if tx.ack is None:
                tx.ack = ack_for_error(request, response).to_bytes()
            self.transport.send(tx.ack, dest)
        if tx.done:
            self._clients.pop(key, None)
        if news:
            on_response(response)

    # ---- sending ---------------------------------------------------------------------

    def response_destination(self, request: Request, source: Peer) -> Peer:
        """§18.2.2 with RFC 3581: reply to the source address when rport was asked."""
        if source.transport == "tcp":
            return source
        via = top_via(request)
        if "rport" in via.parameters:
            return source
        host = via.parameters.get("received") or via.host
        return Peer("udp", host, via.port or 5060)

    def respond(self, request: Request, response: Response, source: Peer) -> None:
        response.add("Server", self.user_agent)
        data = response.to_bytes()
        dest = self.response_destination(request, source)
        if request.method not in ("INVITE", "ACK"):
            key = tx_key(request)
            self._answered[key] = (self._now() + 32.0, data, dest)
        self.transport.send(data, dest)

    def make_response(
        self,
        request: Request,
        status: int,
        source: Peer,
        *,
        to_tag: str | None = None,
        reason: str | None = None,
    ) -> Response:
        """A response with Via received/rport filled from the packet's source (RFC 3581)."""
        return make_response(
            request,
            status,
            to_tag=to_tag,
            reason=reason,
            received=source.host if source.transport == "udp" else None,
            rport=source.port if source.transport == "udp" else None,
        )

    def new_invite_server(self, request: Request, source: Peer) -> InviteServerTransaction:
        tx = InviteServerTransaction(
            self._now(), reliable=source.transport == "tcp", t1=self.t1, t2=max(4.0, self.t1)
        )
        self.invite_servers[tx_key(request)] = (tx, self.response_destination(request, source))
        return tx

    def send_invite_response(
        self, tx: InviteServerTransaction, request: Request, response: Response, source: Peer
    ) -> None:
        response.add("Server", self.user_agent)
        dest = self.response_destination(request, source)
        for data in tx.send(response.to_bytes(), response.status, self._now()):
            self.transport.send(data, dest)

    def via(self, transport: str) -> str:
        sent_by = f"{self.public_host}:{self.port}"
        return f"SIP/2.0/{transport.upper()} {sent_by};branch={new_branch()};rport"

    def send_request(self, request: Request, dest: Peer, on_response: ResponseHandler) -> None:
        """Send through a client transaction; `on_response(None)` on timeout."""
        if request.get("User-Agent") is None:
            request.add("User-Agent", self.user_agent)
        data = request.to_bytes()
        if request.method == "ACK":
            self.transport.send(data, dest)
            return
        tx = ClientTransaction(
            data,
            self._now(),
            invite=request.method == "INVITE",
            reliable=dest.transport == "tcp",
            t1=self.t1,
        )
        self._clients[tx_key(request)] = (tx, dest, on_response, request)
        self.transport.send(data, dest)

    def send_raw(self, data: bytes, dest: Peer) -> None:
        self.transport.send(data, dest)

    def forget_client(self, request: Request) -> None:
        self._clients.pop(tx_key(request), None)

    # ---- timers ----------------------------------------------------------------------

    def _now(self) -> float:
        return self.loop.time() if self.loop is not None else 0.0

    def _tick(self) -> None:
        """One coarse timer for all transactions (100 ms): cheap with hundreds of calls."""
        now = self._now()
        try:
            for key, (tx, dest, on_response, _) in list(self._clients.items()):
                for data in tx.on_timer(now):
                    self.transport.send(data, dest)
                if tx.done:
                    del self._clients[key]
                    if tx.timed_out:
                        on_response(None)
            for key, (stx, dest) in list(self.invite_servers.items()):
                for data in stx.on_timer(now):
                    self.transport.send(data, dest)
                if stx.done:
                    del self.invite_servers[key]
                    if stx.timed_out and self.on_invite_timeout is not None:
                        self.on_invite_timeout(key)
            while self._answered:
                key, (expires, _, _) = next(iter(self._answered.items()))
                if expires > now:
                    break
                self._answered.popitem(last=False)
        finally:
            assert self.loop is not None
            self._timer = self.loop.call_later(0.1, self._tick)
