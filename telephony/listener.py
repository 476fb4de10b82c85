"""SipListener: the UAS that answers calls forwarded by the PBX or Kamailio."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hotline.telephony.admission import MB, AdmissionLimits, admit
from hotline.telephony.call import CallPolicy, InboundCall
from hotline.telephony.dialer import Dialer, DialerOptions, OutboundCall
from hotline.telephony.events import CallCancelled, CallEvent
from hotline.telephony.rtp.pump import PUMP_INTERVAL, MediaPump
from hotline.telephony.rtp.sources import parse_networks
from hotline.telephony.rtp.srtp import SrtpMode
from hotline.telephony.sdp import SdpError, negotiate, parse_sdp
from hotline.telephony.sip.dialog import DialogState
from hotline.telephony.sip.endpoint import SipEndpoint, tx_key
from hotline.telephony.sip.headers import (
    ALLOW,
    KNOWN_METHODS,
    SUPPORTED,
    call_identity,
    cseq_of,
    new_tag,
    tag_of,
)
from hotline.telephony.sip.message import Request
from hotline.telephony.sip.prack import OPTION_TAG, ReliableProvisional, option_tags, parse_rack
from hotline.telephony.sip.ratelimit import RateLimits
from hotline.telephony.sip.refer import Transfer
from hotline.telephony.sip.registration import Registration, RegistrationOptions
from hotline.telephony.sip.session_timer import TooSmall, uas_terms
from hotline.telephony.sip.transaction import InviteServerTransaction
from hotline.telephony.sip.transport import Peer, TcpLimits
from hotline.telephony.takeover import Takeover

log = logging.getLogger(__name__)
# Option tags a request may require of us (others get 420 Bad Extension).
SUPPORTED_EXTENSIONS = frozenset(tag.strip() for tag in SUPPORTED.split(","))
# How long close() waits for calls already finishing (a recording flush takes milliseconds).
CLOSE_GRACE_SECONDS = 10.0


@dataclass
class ListenerOptions:
    host: str = "127.0.0.1"
    port: int = 5060  # 0 picks a free port (tests); see SipListener.port
    transports: tuple[str, ...] = ("udp", "tcp")
    public_host: str | None = None  # address written into Contact and SDP
    trusted_peers: list[str] | None = field(default_factory=lambda: ["127.0.0.0/8", "::1/128"])
    rtp_port_min: int = 20000
    rtp_port_max: int = 30000
    # Media relays whose RTP is accepted from any of their addresses (else: the SDP's only).
    trusted_media: list[str] = field(default_factory=list)
    greeting_pcm: bytes | None = None  # 8 kHz 16-bit mono PCM; or greeting_wav
    greeting_wav: Path | None = None
    recordings_dir: Path = Path("var/recordings")
    min_free_mb: float = 0  # less free on the recordings volume: INVITEs get 503 (0: no check)
    max_calls: int | None = None  # calls in progress beyond which INVITEs get 503
    max_call_seconds: float = 600
    silence_timeout: float = 20
    no_speech_timeout: float | None = None  # defaults to silence_timeout
    media_timeout: float = 30
    # Seconds between two reads of each RTP socket (a multiple of 0.02, at most 0.5):
    # longer is cheaper per call and delays received audio by up to that much.
    media_pump_interval: float = PUMP_INTERVAL
    ring_seconds: float = 0.0  # 180 Ringing this long before answering (≤ 1 s in service)
    registration: RegistrationOptions | None = None
    sip_t1: float = 0.5  # RFC 3261 T1 (retransmission base; 64*T1 = ACK timeout)
    # RFC 4028: the session interval offered to timer-capable callers (None: only when
    # asked), and the shortest accepted (shorter Session-Expires get 422).
    session_expires: int | None = 1800
    min_se: int = 90
    # SIP over TLS on its own port (0: any free one) when both files are set.
    tls_cert: Path | None = None
    tls_key: Path | None = None
    tls_port: int = 5061
    srtp: SrtpMode = "optional"  # SDES SRTP: off (488 to RTP/SAVP), optional, required
    rate_limits: RateLimits = field(default_factory=RateLimits)  # per-source admission
    tcp_limits: TcpLimits = field(default_factory=TcpLimits)  # accepted SIP-TCP connections
    # 转人工 when the caller refuses REFER: how we call the operator's phone (the outbound
    # proxy, e.g. Kamailio where the phones register). None: REFER only.
    bridge_dialer: DialerOptions | None = None


class TakeRefused(Exception):
    """转人工 not possible: `reason` is one of "gone", "taken", "not_answered"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SipListener:
    def __init__(self, options: ListenerOptions, on_event: Callable[[CallEvent], None]) -> None:
        self.options = options
        self.on_event = on_event
        self.endpoint = SipEndpoint(
            options.host,
            public_host=options.public_host,
            trusted_peers=options.trusted_peers,
            t1=options.sip_t1,
            rate_limits=options.rate_limits,
            tcp_limits=options.tcp_limits,
        )
        self.endpoint.on_request = self._on_request
        self.endpoint.on_invite_timeout = self._on_invite_timeout
        self.calls: dict[str, InboundCall] = {}
        self.accepting = True
        self.registration: Registration | None = None
        self._policy: CallPolicy | None = None
        self._idle = asyncio.Event()
        self._idle.set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._dialer: Dialer | None = None  # bridges of 转人工, on our SIP port

    @property
    def port(self) -> int:
        return self.endpoint.port

    @property
    def active_calls(self) -> int:
        return len(self.calls)

    async def start(self) -> None:
        o = self.options
        MediaPump.configure(asyncio.get_running_loop(), o.media_pump_interval)
        greeting = o.greeting_pcm
        if greeting is None and o.greeting_wav is not None:
            from hotline.telephony.prompts import read_wav_8k

            greeting = await asyncio.to_thread(read_wav_8k, o.greeting_wav)
        self._policy = CallPolicy(
            greeting_pcm=greeting or b"",
            recordings_dir=o.recordings_dir,
            max_call_seconds=o.max_call_seconds,
            silence_timeout=o.silence_timeout,
            no_speech_timeout=o.no_speech_timeout or o.silence_timeout,
            media_timeout=o.media_timeout,
            rtp_host=o.host,
            rtp_port_min=o.rtp_port_min,
            rtp_port_max=o.rtp_port_max,
            trusted_media=parse_networks(o.trusted_media),
            session_expires=o.session_expires,
            min_se=o.min_se,
            srtp=o.srtp,
        )
        tls = None
        if o.tls_cert is not None and o.tls_key is not None:
            tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.load_cert_chain(o.tls_cert, o.tls_key)
        await self.endpoint.start(o.port, o.transports, tls=tls, tls_port=o.tls_port)
        if o.registration is not None:
            self.registration = Registration(self.endpoint, o.registration)
            await self.registration.start()

    async def stop_accepting(self) -> None:
        """New INVITEs get 503; calls in progress go on."""
        self.accepting = False
        if self.registration is not None:
            await self.registration.stop()

    async def wait_idle(self, timeout: float | None = None) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
            return True
        except TimeoutError:
            return False

    async def close(self) -> None:
        self.accepting = False
        if self.registration is not None:
            await self.registration.stop()
        # All at once: each hangup may wait a few seconds for the peer's 200 to our BYE.
        await asyncio.gather(
            *(call.hangup("shutdown") for call in list(self.calls.values())),
            return_exceptions=True,
        )
        # A call that was already finishing (its recording closing in a thread) is skipped by
        # hangup: wait for it, so its CallFinished is delivered before the endpoint goes.
        if not await self.wait_idle(CLOSE_GRACE_SECONDS):
            log.error("closing with %d call(s) still finishing", len(self.calls))
        if self._dialer is not None:
            await self._dialer.close()  # bridged operator legs
        await self.endpoint.close()
        MediaPump.configure(asyncio.get_running_loop(), None)

    # ---- 转人工 ------------------------------------------------------------------------

    def live_call_ids(self) -> list[str]:
        """Answered calls still with the listener (an operator may take them over)."""
        return [
            call_id
            for call_id, call in self.calls.items()
            if call.dialog.state is DialogState.CONFIRMED and call.takeover is None
        ]

    def take(self, call_id: str, target: str, by: str) -> Takeover:
        """Transfer a live call to the phone `target` (REFER, else a bridge); runs in the
        background. Raises TakeRefused when the call is gone, not answered or being taken."""
        call = self.calls.get(call_id)
        if call is None or call.finished:
            raise TakeRefused("gone")
        if call.takeover is not None or call.dialog.state in (
            DialogState.TRANSFERRING,
            DialogState.BRIDGED,
        ):
            raise TakeRefused("taken")
        if call.dialog.state is not DialogState.CONFIRMED:
            raise TakeRefused("not_answered")
        dial = self._bridge_dial if self.options.bridge_dialer is not None else None
        takeover = Takeover(call, Transfer(target=target, by=by), dial)
        call.takeover = takeover
        self._spawn(self._run_takeover(takeover))
        return takeover

    async def _run_takeover(self, takeover: Takeover) -> None:
        try:
            await takeover.run()
        except Exception:
            log.exception("转人工 of %s failed", takeover.call.call_id)

    async def _bridge_dial(self, target: str) -> OutboundCall:
        if self._dialer is None:
            assert self.options.bridge_dialer is not None
            self._dialer = Dialer(self.options.bridge_dialer, endpoint=self.endpoint)
        return await self._dialer.dial(target)

    # ---- request routing -------------------------------------------------------------

    def _reply(self, request: Request, status: int, source: Peer, **headers: str) -> None:
        response = self.endpoint.make_response(request, status, source, to_tag=new_tag())
        for name, value in headers.items():
            response.add(name.replace("_", "-"), value)
        self.endpoint.respond(request, response, source)

    def _on_request(self, request: Request, source: Peer) -> None:
        method = request.method
        call = self.calls.get(request.get("Call-ID") or "")
        to_tag = tag_of(request.get("To"))
        if method == "CANCEL":
            self._on_cancel(request, source)
            return
        if to_tag is not None:
            if call is not None and to_tag == call.dialog.local_tag and method == "PRACK":
                self._on_prack(call, request, source)
            elif call is not None and to_tag == call.dialog.local_tag:
                call.on_request(request, source)
            elif method == "OPTIONS":
                self._options(request, source)
            elif method != "ACK":
                self._reply(request, 481, source)
            return
        if method == "ACK":
            return  # stray ACK: nothing to do
        if method not in KNOWN_METHODS:
            self._reply(request, 501, source, Allow=ALLOW)
            return
        unsupported = sorted(option_tags(request, "Require") - SUPPORTED_EXTENSIONS)
        if unsupported and method not in ("ACK", "CANCEL"):
            self._reply(request, 420, source, Unsupported=", ".join(unsupported))
            return
        if request.uri.lower().startswith("sips:") and source.transport != "tls":
            # SIPS means TLS on every hop (RFC 5630): not over UDP or TCP.
            refusal = self.endpoint.make_response(request, 416, source, reason="SIPS needs TLS")
            self.endpoint.respond(request, refusal, source)
            return
        if method == "OPTIONS":
            self._options(request, source)
        elif method == "INVITE":
            self._on_invite(request, source)
        elif method in ("BYE", "UPDATE", "INFO", "PRACK"):
            self._reply(request, 481, source)
        else:
            self._reply(request, 405, source, Allow=ALLOW)

    def _options(self, request: Request, source: Peer) -> None:
        status = 200 if self.accepting else 503
        self._reply(
            request, status, source, Allow=ALLOW, Accept="application/sdp", Supported=SUPPORTED
        )

    def _on_invite(self, request: Request, source: Peer) -> None:
        if not self.accepting:
            self._reply(request, 503, source, Retry_After="30")
            return
        o = self.options
        limits = AdmissionLimits(o.recordings_dir, int(o.min_free_mb * MB), o.max_calls)
        refusal = admit(limits, len(self.calls))
        if refusal is not None:
            log.warning("INVITE %s refused: %s", request.get("Call-ID"), refusal.reason)
            response = self.endpoint.make_response(
                request, refusal.status, source, to_tag=new_tag(), reason=refusal.reason
            )
            response.add("Retry-After", str(refusal.retry_after))
            self.endpoint.respond(request, response, source)
            return
        call_id = request.get("Call-ID") or ""
        if call_id in self.calls:  # same Call-ID, new branch, no To-tag: a merged request
            self._reply(request, 482, source)
            return
        ctype = (request.get("Content-Type") or "").split(";")[0].strip().lower()
        if request.body and ctype != "application/sdp":
            self._reply(request, 415, source, Accept="application/sdp")
            return
        try:
            # No body: delayed offer; we offer in the 200 and take the answer from the ACK.
            negotiated = negotiate(parse_sdp(request.body), o.srtp) if request.body else None
        except SdpError as exc:
            response = self.endpoint.make_response(
                request, 488, source, to_tag=new_tag(), reason=f"Not Acceptable Here ({exc})"
            )
            self.endpoint.respond(request, response, source)
            return
        terms = uas_terms(request, min_se=o.min_se, default_interval=o.session_expires)
        if isinstance(terms, TooSmall):
            self._reply(request, 422, source, Min_SE=str(terms.min_se))
            return
        assert self._policy is not None
        call = InboundCall(
            self.endpoint,
            self._policy,
            request,
            source,
            call_identity(request),
            negotiated,
            new_tag(),
            self.on_event,
            self._call_done,
        )
        call.session_terms = terms
        self.calls[call_id] = call
        self._idle.clear()
        try:
            call.send_provisional(100)
        except Exception:
            # Nothing may outlive a failed answer: no call, no transaction (a phantom call
            # would hold SIGTERM's drain for the whole grace period).
            log.exception("answering %s failed", call_id)
            call.finished = True
            self.endpoint.forget_server(request)
            self._call_done(call)
            return
        self._spawn(self._answer(call))

    async def _answer(self, call: InboundCall) -> None:
        try:
            if self.options.ring_seconds > 0:
                if OPTION_TAG in option_tags(call.invite, "Require"):
                    await self._ring_reliably(call)
                else:
                    call.send_provisional(180)
                await asyncio.sleep(self.options.ring_seconds)
            if call.reliable is not None and call.reliable.failed and not call.finished:
                log.warning("call %s: no PRACK for the reliable 180: answered 500", call.call_id)
                await call.finish("no_prack")
            if not call.finished:
                await call.answer()
        except Exception:
            log.exception("answering %s failed", call.call_id)
            try:
                if not call.finished and call.answered_at is None:
                    response = self.endpoint.make_response(
                        call.invite, 500, call.source, to_tag=call.dialog.local_tag
                    )
                    self.endpoint.send_invite_response(call.tx, call.invite, response, call.source)
                await call.finish("shutdown")
            except Exception:
                log.exception("ending %s failed", call.call_id)
            finally:
                call.finished = True
                self._call_done(call)  # whatever failed, the call is not left behind

    async def _ring_reliably(self, call: InboundCall) -> None:
        """180 Ringing as a reliable provisional (RFC 3262 §3), retransmitted until its
        PRACK or for 64*T1; the caller required 100rel."""
        loop = asyncio.get_running_loop()
        reliable = ReliableProvisional(cseq_of(call.invite)[0], t1=self.endpoint.t1)
        call.reliable = reliable
        response = self.endpoint.make_response(
            call.invite, 180, call.source, to_tag=call.dialog.local_tag
        )
        response.add("Require", OPTION_TAG)
        response.add("RSeq", str(reliable.next_rseq()))
        response.add("Contact", call.contact())  # the 1xx makes an early dialog (§12.1.1)
        self.endpoint.send_invite_response(call.tx, call.invite, response, call.source)
        assert call.tx.last_response is not None
        reliable.send(call.tx.last_response, loop.time())
        dest = self.endpoint.response_destination(call.invite, call.source)
        while reliable.deadline is not None and not call.finished:
            with contextlib.suppress(TimeoutError):
                wait = max(0.0, reliable.deadline - loop.time())
                await asyncio.wait_for(call.prack_received.wait(), wait)
            for data in reliable.on_timer(loop.time()):
                self.endpoint.send_raw(data, dest)

    def _on_prack(self, call: InboundCall, request: Request, source: Peer) -> None:
        """200 for the PRACK of our pending reliable 1xx, 481 for any other (§3)."""
        number, _ = cseq_of(request)
        if not call.dialog.accept_remote_cseq(number, "PRACK"):
            self.endpoint.respond(
                request,
                self.endpoint.make_response(request, 500, source, reason="CSeq out of order"),
                source,
            )
            return
        reliable = call.reliable
        matched = reliable is not None and reliable.on_prack(parse_rack(request.get("RAck")))
        if matched:
            call.prack_received.set()
        status = 200 if matched else 481
        self.endpoint.respond(request, self.endpoint.make_response(request, status, source), source)

    def _on_cancel(self, request: Request, source: Peer) -> None:
        entry = self.endpoint.servers.get(tx_key(request, "INVITE"))
        call = self.calls.get(request.get("Call-ID") or "")
        tx = entry[0] if entry is not None else None
        if not isinstance(tx, InviteServerTransaction) or call is None or call.tx is not tx:
            self._reply(request, 481, source)
            return
        self.endpoint.respond(request, self.endpoint.make_response(request, 200, source), source)
        if call.answered_at is not None:
            return  # too late: the 2xx is already out; the caller will BYE
        response = self.endpoint.make_response(
            call.invite, 487, call.source, to_tag=call.dialog.local_tag
        )
        self.endpoint.send_invite_response(call.tx, call.invite, response, call.source)
        call.finished = True
        self.on_event(CallCancelled(call.call_id, call.identity.caller))
        self._call_done(call)

    def _on_invite_timeout(self, key: tuple[str, str, str]) -> None:
        call = self.calls.get(key[1])
        if call is not None and call.invite_key() == key:  # not a rejected merged request's
            call.on_ack_timeout()

    def _call_done(self, call: InboundCall) -> None:
        if self.calls.get(call.call_id) is call:
            del self.calls[call.call_id]
        if not self.calls:
            self._idle.set()

    def _spawn(self, coro: object) -> None:
        task = asyncio.get_running_loop().create_task(coro)  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
