"""The I/O shell around the sans-I/O parts: parse, reject bad input, run transaction timers.

Shared by the listener (UAS) and the dialer/registration (UAC). Everything that reaches the
request handler is a syntactically complete request from a trusted source.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import ssl
from collections import Counter
from collections.abc import Callable, Iterable

from hotline.telephony.sip.headers import (
    check_request,
    cseq_of,
    make_response,
    new_branch,
    sip_host,
    top_via,
)
from hotline.telephony.sip.message import Request, Response, SipParseError, parse_message
from hotline.telephony.sip.ratelimit import (
    RateLimits,
    SourceLimiter,
    Verdict,
    host_in,
    parse_networks,
)
from hotline.telephony.sip.transaction import (
    T1,
    T2,
    ClientTransaction,
    InviteServerTransaction,
    NonInviteServerTransaction,
    State,
)
from hotline.telephony.sip.transport import Peer, SipTransport, TcpLimits
from sipmessage import URI

log = logging.getLogger(__name__)

RequestHandler = Callable[[Request, Peer], None]
ResponseHandler = Callable[[Response | None], None]  # None: the transaction timed out
TxKey = tuple[str, str, str]
ServerTransaction = InviteServerTransaction | NonInviteServerTransaction
# Beyond this many open server transactions new requests get a stateless 503 (memory bound:
# the per-source rate limit × 64*T1 of timer J stays well below it in service).
MAX_SERVER_TRANSACTIONS = 20000
STREAMS = ("tcp", "tls")  # reliable transports: no retransmissions, responses on the stream


def tx_key(message: Request | Response, method: str | None = None) -> TxKey:
    """Transaction key: top Via branch + Call-ID + CSeq method (§17.2.3; the ACK of an
    error final matches its INVITE with method="INVITE")."""
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


def cancel_for(invite: Request) -> Request:
    """CANCEL of a pending INVITE (§9.1): its Request-URI, top Via, From, To, Call-ID and
    CSeq number."""
    cancel = Request(method="CANCEL", uri=invite.uri)
    for name in ("Via", "From", "To", "Call-ID"):
        cancel.add(name, invite.get_all(name)[0] if name == "Via" else invite.get(name) or "")
    cancel.add("Max-Forwards", "70")
    cancel.add("CSeq", f"{cseq_of(invite)[0]} CANCEL")
    return cancel


def next_attempt(request: Request, via: str, **headers: str) -> Request:
    """The same request again after a 401/407/422: a new branch, the next CSeq, `headers`
    (underscores for dashes) set."""
    number, method = cseq_of(request)
    retry = Request(method=request.method, uri=request.uri, body=request.body)
    for key, val in request.headers:
        if key == "Via":
            val = via
        elif key == "CSeq":
            val = f"{number + 1} {method}"
        retry.add(key, val)
    for name, value in headers.items():
        retry.set(name.replace("_", "-"), value)
    return retry


def uri_destination(uri_text: str, default_transport: str = "udp") -> Peer:
    uri = URI.parse(uri_text.strip().strip("<>").split(">")[0])
    transport = (uri.parameters.get("transport") or default_transport).lower()
    if uri.scheme.lower() == "sips":  # RFC 5630: TLS, 5061 by default
        transport = "tls"
    return Peer(transport, uri.host.strip("[]"), uri.port or (5061 if transport == "tls" else 5060))


def dialog_destination(route_set: list[str], remote_target: str, fallback: Peer) -> Peer:
    """Where an in-dialog request goes (§12.2.1.1, loose routing): the first route, else
    the remote target; `fallback` (the transport too) when neither parses."""
    try:
        return uri_destination(route_set[0] if route_set else remote_target, fallback.transport)
    except (ValueError, KeyError, IndexError):
        return fallback


class SipEndpoint:
    def __init__(
        self,
        host: str,
        *,
        public_host: str | None = None,
        trusted_peers: Iterable[str] | None = None,
        user_agent: str = "hotline",
        t1: float = T1,
        rate_limits: RateLimits | None = None,
        tcp_limits: TcpLimits | None = None,
    ) -> None:
        self.t1 = t1  # RFC 3261 T1; tests shorten it to see timeouts quickly
        self.host = host
        self.public_host = public_host or host
        self.user_agent = user_agent
        self.trusted = parse_networks(trusted_peers)
        self.limiter = SourceLimiter(self.trusted, rate_limits)
        self.transport = SipTransport(self._on_data, accept=self.is_trusted, limits=tcp_limits)
        self.on_request: RequestHandler = lambda request, peer: None
        # A 2xx retransmitted after our INVITE transaction ended (the UAC re-ACKs it).
        self.stray_response_handler: Callable[[Response], None] | None = None
        # An INVITE server transaction whose final response was never ACKed (64*T1).
        self.on_invite_timeout: Callable[[TxKey], None] | None = None
        self._clients: dict[TxKey, tuple[ClientTransaction, Peer, ResponseHandler, Request]] = {}
        self._client_hosts: Counter[str] = Counter()  # answers from these pass the limiter
        # Server transactions of trusted requests (never of untrusted ones: they are
        # answered statelessly), INVITE and non-INVITE, with where their responses go.
        self.servers: dict[TxKey, tuple[ServerTransaction, Peer]] = {}
        self._server_timers: list[tuple[float, int, TxKey]] = []  # non-INVITE deadlines
        self._seq = 0
        self._timer: asyncio.TimerHandle | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    @property
    def port(self) -> int:
        return self.transport.port

    async def start(
        self,
        port: int,
        transports: tuple[str, ...] = ("udp", "tcp"),
        *,
        tls: ssl.SSLContext | None = None,
        tls_port: int = 0,
    ) -> None:
        self.loop = asyncio.get_running_loop()
        await self.transport.start(self.host, port, transports, tls=tls, tls_port=tls_port)
        self._timer = self.loop.call_later(0.1, self._tick)

    def port_for(self, transport: str) -> int:
        """Our port for `transport` (Via sent-by, Contact): TLS listens on its own."""
        return self.transport.tls_port if transport == "tls" else self.port

    async def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        await self.transport.close()

    def is_trusted(self, host: str) -> bool:
        return host_in(host, self.trusted)

    # ---- receiving -------------------------------------------------------------------

    def _on_data(self, data: bytes, peer: Peer) -> None:
        if not data.strip(b"\r\n\x00 "):
            return  # keep-alive
        verdict = self.limiter.admit(peer.host, self._now())
        if verdict is Verdict.DROP and not self._client_hosts.get(peer.host):
            return  # over its budget: not even parsed
        trusted = verdict is Verdict.TRUSTED or (
            verdict is Verdict.DROP and self.is_trusted(peer.host)
        )
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
        if not trusted:
            if message.method != "ACK":  # stateless: nothing is kept for untrusted sources
                self.respond(message, self.make_response(message, 403, peer), peer)
            return
        if self._absorb_retransmission(message, peer):
            return
        if message.method != "ACK" and not self._new_server(message, peer):
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

    def _new_server(self, request: Request, source: Peer) -> bool:
        """A server transaction for a new trusted request; False (503 sent) when full."""
        if len(self.servers) >= MAX_SERVER_TRANSACTIONS:
            response = self.make_response(request, 503, source)
            response.add("Retry-After", "5")
            self.respond(request, response, source)
            return False
        key = tx_key(request)
        reliable = source.transport in STREAMS
        tx: ServerTransaction
        if request.method == "INVITE":
            tx = InviteServerTransaction(
                self._now(), reliable=reliable, t1=self.t1, t2=max(T2, self.t1)
            )
        else:
            tx = NonInviteServerTransaction(self._now(), reliable=reliable, t1=self.t1)
        self.servers[key] = (tx, self.response_destination(request, source))
        self._schedule(key, tx)
        return True

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
        """The server transaction takes retransmitted requests and the ACK of an error final
        (same branch as its INVITE, §17.2.1); an ACK of a 2xx has its own branch and goes
        on to the dialog."""
        if request.method == "ACK":
            entry = self.servers.get(tx_key(request, "INVITE"))
            if entry is None or not isinstance(entry[0], InviteServerTransaction):
                return False
            tx = entry[0]
            if tx.state not in (State.COMPLETED, State.CONFIRMED):
                return False
            tx.receive_ack(self._now())
            return True
        entry = self.servers.get(tx_key(request))
        if entry is None:
            return False
        for data in entry[0].receive_retransmission():
            self.transport.send(data, entry[1])
        return True

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
        if tx.invite and tx.state is State.COMPLETED:
            # The transaction ACKs an error final to its INVITE, and every retransmission.
            if tx.ack is None:
                tx.ack = ack_for_error(request, response).to_bytes()
            self.transport.send(tx.ack, dest)
        if tx.done:
            self._pop_client(key)
        if news:
            on_response(response)

    # ---- sending ---------------------------------------------------------------------

    def response_destination(self, request: Request, source: Peer) -> Peer:
        """§18.2.2 with RFC 3581. TCP: the connection. UDP with rport: the source address
        and port. UDP without: the `received` address — which §18.2.1 makes the source
        address whenever sent-by differs from it, a host name included — and the sent-by
        port (5060 when absent); the source port when sent-by's port is unusable."""
        if source.transport in STREAMS:
            return source
        via = top_via(request)
        if "rport" in via.parameters:
            return source
        port = via.port if via.port is not None else 5060
        return Peer("udp", source.host, port if 0 < port < 65536 else source.port)

    def respond(self, request: Request, response: Response, source: Peer) -> None:
        """Send a response through the request's server transaction, or statelessly
        (untrusted sources, unparsable requests)."""
        response.add("Server", self.user_agent)
        self._send_response(request, response.to_bytes(), response.status, source)

    def _send_response(self, request: Request, data: bytes, status: int, source: Peer) -> None:
        entry = None
        if request.method != "ACK":
            with contextlib.suppress(SipParseError):
                entry = self.servers.get(tx_key(request))
        if entry is None:
            with contextlib.suppress(SipParseError):
                self.transport.send(data, self.response_destination(request, source))
            return
        tx, dest = entry
        for out in tx.send(data, status, self._now()):
            self.transport.send(out, dest)
        self._schedule(tx_key(request), tx)

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
        """The INVITE server transaction of `request` (made on arrival; made here for
        requests that did not come through `_on_data`)."""
        key = tx_key(request)
        entry = self.servers.get(key)
        if entry is not None and isinstance(entry[0], InviteServerTransaction):
            return entry[0]
        tx = InviteServerTransaction(
            self._now(), reliable=source.transport in STREAMS, t1=self.t1, t2=max(T2, self.t1)
        )
        self.servers[key] = (tx, self.response_destination(request, source))
        return tx

    def forget_server(self, request: Request) -> None:
        """Drop a server transaction whose responses cannot be sent (no call behind it)."""
        with contextlib.suppress(SipParseError):
            self.servers.pop(tx_key(request), None)

    def send_invite_response(
        self, tx: InviteServerTransaction, request: Request, response: Response, source: Peer
    ) -> None:
        response.add("Server", self.user_agent)
        dest = self.response_destination(request, source)
        for data in tx.send(response.to_bytes(), response.status, self._now()):
            self.transport.send(data, dest)

    def via(self, transport: str) -> str:
        sent_by = f"{sip_host(self.public_host)}:{self.port_for(transport)}"
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
            reliable=dest.transport in STREAMS,
            t1=self.t1,
        )
        key = tx_key(request)
        self._pop_client(key)
        self._clients[key] = (tx, dest, on_response, request)
        self._client_hosts[dest.host] += 1
        self.transport.send(data, dest)

    def send_raw(self, data: bytes, dest: Peer) -> None:
        self.transport.send(data, dest)

    def forget_client(self, request: Request) -> None:
        self._pop_client(tx_key(request))

    def _pop_client(self, key: TxKey) -> None:
        entry = self._clients.pop(key, None)
        if entry is not None:
            host = entry[1].host
            self._client_hosts[host] -= 1
            if self._client_hosts[host] <= 0:
                del self._client_hosts[host]

    # ---- timers ----------------------------------------------------------------------

    def _now(self) -> float:
        return self.loop.time() if self.loop is not None else 0.0

    def _schedule(self, key: TxKey, tx: ServerTransaction) -> None:
        # Non-INVITE transactions can be many (one per OPTIONS ping): a heap, not a scan.
        if isinstance(tx, NonInviteServerTransaction) and tx.deadline is not None:
            self._seq += 1
            heapq.heappush(self._server_timers, (tx.deadline, self._seq, key))

    def _tick(self) -> None:
        """One coarse timer for all transactions (100 ms): cheap with hundreds of calls."""
        now = self._now()
        try:
            for key, (tx, dest, on_response, _) in list(self._clients.items()):
                for data in tx.on_timer(now):
                    self.transport.send(data, dest)
                if tx.done:
                    self._pop_client(key)
                    if tx.timed_out:
                        on_response(None)
            for key, (stx, dest) in list(self.servers.items()):
                if not isinstance(stx, InviteServerTransaction):
                    continue
                for data in stx.on_timer(now):
                    self.transport.send(data, dest)
                if stx.done:
                    del self.servers[key]
                    if stx.timed_out and self.on_invite_timeout is not None:
                        self.on_invite_timeout(key)
            timers = self._server_timers
            while timers and timers[0][0] <= now:
                _, _, key = heapq.heappop(timers)
                entry = self.servers.get(key)
                if entry is None or not isinstance(entry[0], NonInviteServerTransaction):
                    continue
                entry[0].on_timer(now)
                if entry[0].done:
                    del self.servers[key]
        finally:
            assert self.loop is not None
            self._timer = self.loop.call_later(0.1, self._tick)
