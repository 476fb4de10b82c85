"""One answered inbound call: answer, greet, record, emit events, end.

The SIP side of the call (dialog, transactions) is driven by the listener through
`on_request`; this class owns the media and the reasons a call ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from hotline.telephony.admission import RETRY_AFTER_SECONDS
from hotline.telephony.events import (
    AudioReceived,
    CallAnswered,
    CallEvent,
    CallFinished,
    DtmfReceived,
)
from hotline.telephony.recording import CallRecorder, recording_path
from hotline.telephony.rtp.rtcp import CallQuality, call_quality
from hotline.telephony.rtp.session import Direction, MediaParams, RtpSession
from hotline.telephony.rtp.sources import NO_NETWORKS, Network
from hotline.telephony.rtp.srtp import SrtpMode
from hotline.telephony.sdp import Negotiated, SdpError, SdpSession
from hotline.telephony.session_refresh import RefreshRoute, allows_update, keep_session
from hotline.telephony.sip.dialog import Dialog, DialogEvent, DialogState
from hotline.telephony.sip.endpoint import SipEndpoint, dialog_destination, tx_key
from hotline.telephony.sip.headers import (
    ALLOW,
    SUPPORTED,
    CallIdentity,
    cseq_of,
    dtmf_from_info,
    parse_address,
    sip_host,
    strip_tag,
)
from hotline.telephony.sip.message import Request, Response
from hotline.telephony.sip.prack import ReliableProvisional
from hotline.telephony.sip.session_timer import SessionClock, SessionTerms, TooSmall, uas_terms
from hotline.telephony.sip.transaction import InviteServerTransaction, State
from hotline.telephony.sip.transport import Peer
from hotline.telephony.takeover import Takeover
from hotline.telephony.voice_activity import SilenceDetector

log = logging.getLogger(__name__)
WATCH_SECONDS = 1.0  # how often an answered call checks silence, media and duration limits
# Ended before the answer for one of these: 503 + Retry-After, so the PBX tries another node.
_UNAVAILABLE = ("shutdown", "no_media_port", "recording_failed")


@dataclass(frozen=True)
class CallPolicy:
    """How an answered call behaves (built by the listener from ListenerOptions)."""

    greeting_pcm: bytes
    recordings_dir: Path
    max_call_seconds: float = 600
    silence_timeout: float = 20  # after the caller has spoken
    no_speech_timeout: float = 30  # from the end of the greeting, nothing said yet
    media_timeout: float = 30
    rtp_host: str = "127.0.0.1"
    rtp_port_min: int = 20000
    rtp_port_max: int = 30000
    trusted_media: tuple[Network, ...] = NO_NETWORKS  # relays that may send from elsewhere
    session_expires: int | None = 1800  # RFC 4028 interval we offer a timer-capable caller
    min_se: int = 90  # shorter Session-Expires get 422
    srtp: SrtpMode = "optional"  # the caller's SRTP (SDES) policy: off, optional or required


class InboundCall:
    def __init__(
        self,
        endpoint: SipEndpoint,
        policy: CallPolicy,
        invite: Request,
        source: Peer,
        identity: CallIdentity,
        negotiated: Negotiated | None,  # None: delayed offer (we offer in 200, answer in ACK)
        local_tag: str,
        on_event: Callable[[CallEvent], None],
        on_done: Callable[[InboundCall], None],
    ) -> None:
        self.endpoint = endpoint
        self.policy = policy
        self.invite = invite
        self.source = source
        self.identity = identity
        self.negotiated = negotiated
        self.on_event = on_event
        self.on_done = on_done
        self.call_id = invite.get("Call-ID") or ""
        contact = invite.get_all("Contact")
        self.dialog = Dialog(
            call_id=self.call_id,
            local_tag=local_tag,
            local_uri=strip_tag(invite.get("To") or ""),
            remote_uri=strip_tag(invite.get("From") or ""),
            remote_target=str(parse_address(contact[0]).uri) if contact else invite.uri,
            route_set=invite.get_all("Record-Route"),
            remote_tag=parse_address(invite.get("From")).parameters.get("tag"),
            remote_cseq=cseq_of(invite)[0],
        )
        # Created last: a header that does not parse must not leave a transaction behind.
        self.tx: InviteServerTransaction = endpoint.new_invite_server(invite, source)
        self.rtp: RtpSession | None = None
        self.sdp: SdpSession | None = None
        self.recorder: CallRecorder | None = None
        self.recording_path: Path | None = None
        self.detector = SilenceDetector()
        self.answered_at: datetime | None = None
        self.finished = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._pending_acks: dict[int, InviteServerTransaction] = {}
        self.reliable: ReliableProvisional | None = None  # RFC 3262, set by the listener
        self.prack_received = asyncio.Event()
        self.session_terms: SessionTerms | None = None  # RFC 4028, set by the listener
        self.clock = SessionClock("uas")
        self.takeover: Takeover | None = None  # 转人工 under way (telephony/takeover.py)
        self.relay: Callable[[bytes], None] | None = None  # bridged: the caller's audio

    # ---- lifecycle -------------------------------------------------------------------

    def send_provisional(self, status: int) -> None:
        response = self.endpoint.make_response(
            self.invite, status, self.source, to_tag=self.dialog.local_tag if status > 100 else None
        )
        self.endpoint.send_invite_response(self.tx, self.invite, response, self.source)

    async def answer(self) -> None:
        policy = self.policy
        try:
            self.rtp = await RtpSession.open(
                policy.rtp_host,
                policy.rtp_port_min,
                policy.rtp_port_max,
                on_audio=self._on_audio,
                on_dtmf=self._on_dtmf,
                trusted_media=policy.trusted_media,
            )
        except OSError as exc:  # every port of the range taken: 503, not 500
            log.error("call %s: no RTP port (%s): answered 503", self.call_id, exc)
            await self.finish("no_media_port")
            return
        if self.finished:  # CANCEL or BYE while the port was being bound
            await self.rtp.close()
            return
        answered_at = datetime.now(UTC)
        path = recording_path(policy.recordings_dir, self.call_id, answered_at)
        try:
            self.recorder = CallRecorder(path)
        except OSError as exc:  # e.g. the volume is full: a call we cannot record is refused
            log.error(
                "call %s: cannot start the recording %s (%s): answered 503", self.call_id, path, exc
            )
            await self.finish("recording_failed")
            return
        self.answered_at, self.recording_path = answered_at, path
        self.sdp = SdpSession(self.endpoint.public_host, self.rtp.local_port, policy.srtp)
        if self.negotiated is not None:
            self._apply_media(self.negotiated)
            body = self.sdp.answer(self.negotiated)
        else:
            body = self.sdp.offer()
        response = self._ok(self.invite, body)
        if self.session_terms is not None:
            self.session_terms.stamp(response)
            self.clock.negotiated(self.session_terms, asyncio.get_running_loop().time())
            self._spawn(self._keep_session())
        self.dialog.fire(DialogEvent.ANSWER_SENT)
        self._pending_acks[cseq_of(self.invite)[0]] = self.tx
        self.endpoint.send_invite_response(self.tx, self.invite, response, self.source)
        self.on_event(
            CallAnswered(
                call_id=self.call_id,
                caller=self.identity.caller,
                called=self.identity.called,
                forwarded_from=self.identity.forwarded_from,
                answered_at=self.answered_at,
                recording_path=self.recording_path,
            )
        )
        self._spawn(self._watch())

    def _ok(self, request: Request, sdp: bytes | None) -> Response:
        response = self.endpoint.make_response(
            request, 200, self.source, to_tag=self.dialog.local_tag
        )
        for route in request.get_all("Record-Route"):
            response.add("Record-Route", route)
        response.add("Contact", self.contact())
        response.add("Allow", ALLOW)
        response.add("Supported", SUPPORTED)
        if sdp is not None:
            response.add("Content-Type", "application/sdp")
            response.body = sdp
        return response

    def contact(self) -> str:
        kind, port = self.source.transport, self.endpoint.port_for(self.source.transport)
        scheme = "sips" if self.invite.uri.lower().startswith("sips:") else "sip"  # §12.1.1
        param = f";transport={kind}" if kind != "udp" else ""
        return f"<{scheme}:{sip_host(self.endpoint.public_host)}:{port}{param}>"

    def _apply_media(self, negotiated: Negotiated) -> None:
        assert self.rtp is not None
        self.negotiated = negotiated
        self.rtp.start(
            MediaParams(
                remote=negotiated.remote,
                payload_type=negotiated.payload_type,
                ptime_ms=negotiated.ptime_ms,
                dtmf_payload_type=negotiated.dtmf_payload_type,
            )
        )
        self.rtp.set_direction(cast(Direction, negotiated.direction))
        self.rtp.secure(negotiated.srtp)

    async def _watch(self) -> None:
        """Greeting once the caller ACKs, then the end conditions, checked every second
        (their limits are tens of seconds; hundreds of calls each wake this loop)."""
        assert self.rtp is not None and self.answered_at is not None
        loop = asyncio.get_running_loop()
        started = loop.time()
        while self.dialog.state is DialogState.WAITING_ACK and not self.finished:
            await asyncio.sleep(0.05)
        if self.finished or self.negotiated is None:  # no usable answer in the ACK
            return
        if self.policy.greeting_pcm:
            await self.rtp.play(self.policy.greeting_pcm)
        greeted = loop.time()
        detector = self.detector
        while not self.finished:
            await asyncio.sleep(WATCH_SECONDS)
            if self.takeover is not None:  # an operator has (or is getting) the call
                continue
            now = loop.time()
            silent = detector.silent_for
            last = self.rtp.last_received if self.rtp is not None else None
            if now - started >= self.policy.max_call_seconds:
                await self.hangup("max_duration")
            elif (
                detector.heard_speech
                and silent >= self.policy.silence_timeout
                or (not detector.heard_speech and now - greeted >= self.policy.no_speech_timeout)
            ):
                await self.hangup("silence")
            elif now - (last if last is not None else greeted) >= self.policy.media_timeout:
                await self.hangup("media_timeout")

    def _on_audio(self, pcm: bytes) -> None:
        # Not gated on `finished`: closing the RTP session delivers the frames its jitter
        # buffer still holds, and those are the caller's last words.
        if self.relay is not None:
            self.relay(pcm)
        recorder = self.recorder
        if recorder is None or recorder.closed:
            return
        try:
            recorder.write(pcm)
        except OSError as exc:  # volume full: keep what is on disk, end the call cleanly
            log.error(
                "call %s: writing the recording %s failed (%s): hanging up, the audio so far "
                "is kept",
                self.call_id,
                self.recording_path,
                exc,
            )
            if not self.finished:
                self._spawn(self.hangup("recording_failed"))
        # Everything from the answer on goes to speech detection and ASR, greeting time
        # included: callers often start talking over the greeting, and word times then
        # line up with the recording (the console seeks the audio by them).
        self.detector.feed(pcm)
        self.on_event(AudioReceived(self.call_id, pcm))

    def _on_dtmf(self, digit: str) -> None:
        if not self.finished:
            self.on_event(DtmfReceived(self.call_id, digit))

    # ---- SIP in the dialog -----------------------------------------------------------

    def on_request(self, request: Request, source: Peer) -> None:
        number, method = cseq_of(request)
        if method == "ACK":
            tx = self._pending_acks.pop(number, None)
            if tx is not None:
                tx.receive_ack(asyncio.get_running_loop().time())
                if self.negotiated is None and self.sdp is not None:
                    self._answer_in_ack(request, self.sdp)
                if self.dialog.can(DialogEvent.ACK_RECEIVED):
                    self.dialog.fire(DialogEvent.ACK_RECEIVED)
            return
        if not self.dialog.accept_remote_cseq(number, method):
            self.endpoint.respond(
                request,
                self.endpoint.make_response(request, 500, source, reason="CSeq out of order"),
                source,
            )
            return
        if method == "BYE":
            self.endpoint.respond(
                request, self.endpoint.make_response(request, 200, source), source
            )
            if self.dialog.can(DialogEvent.BYE_RECEIVED):
                self.dialog.fire(DialogEvent.BYE_RECEIVED)
            self._spawn(self.finish("caller_hangup"))
        elif method in ("INVITE", "UPDATE"):
            self._refresh(request, source)
        elif method == "INFO":
            digit = dtmf_from_info(request)
            self.endpoint.respond(
                request, self.endpoint.make_response(request, 200, source), source
            )
            if digit:
                self._on_dtmf(digit)
        elif method == "NOTIFY" and self.takeover is not None:  # RFC 3515: our REFER's news
            self.takeover.on_notify(request, source)
        elif method == "OPTIONS":
            response = self.endpoint.make_response(request, 200, source)
            response.add("Allow", ALLOW)
            self.endpoint.respond(request, response, source)
        else:
            response = self.endpoint.make_response(request, 405, source)
            response.add("Allow", ALLOW)
            self.endpoint.respond(request, response, source)

    def _answer_in_ack(self, ack: Request, sdp: SdpSession) -> None:
        """Delayed offer: the caller's answer to our offer arrives in the ACK."""
        try:
            self._apply_media(sdp.negotiate(ack.body))
        except SdpError as exc:
            log.warning("call %s: no usable answer in ACK (%s): hanging up", self.call_id, exc)
            self._spawn(self.hangup("we_hung_up"))

    def _refresh(self, request: Request, source: Peer) -> None:
        """re-INVITE / UPDATE: new remote target, new media direction (hold and back)."""
        invite = request.method == "INVITE"
        tx = self.endpoint.new_invite_server(request, source) if invite else None

        def reply(response: Response) -> None:
            if tx is not None:
                self.endpoint.send_invite_response(tx, request, response, source)
            else:
                self.endpoint.respond(request, response, source)

        if self.rtp is None or self.sdp is None or not self.dialog.can(DialogEvent.REFRESH):
            reply(self.endpoint.make_response(request, 491, source, to_tag=self.dialog.local_tag))
            return
        terms = uas_terms(request, min_se=self.policy.min_se, default_interval=None)
        if isinstance(terms, TooSmall):
            too_small = self.endpoint.make_response(request, 422, source)
            too_small.add("Min-SE", str(terms.min_se))
            reply(too_small)
            return
        sdp_answer: bytes | None
        if request.body:
            try:
                negotiated = self.sdp.negotiate(request.body)
            except SdpError as exc:
                reply(self.endpoint.make_response(request, 488, source, reason=str(exc)[:60]))
                return
            self._apply_media(negotiated)
            sdp_answer = self.sdp.answer(negotiated)
        elif invite:
            # No offer: ours goes in the 200 (same media), the answer will come in the ACK.
            sdp_answer = self.sdp.answer(self.negotiated) if self.negotiated else self.sdp.offer()
        else:  # an UPDATE without an offer (a session refresh) gets no SDP back
            sdp_answer = None
        contact = request.get_all("Contact")
        if contact:
            self.dialog.remote_target = str(parse_address(contact[0]).uri)
        self.dialog.fire(DialogEvent.REFRESH)
        if tx is not None:
            self._pending_acks[cseq_of(request)[0]] = tx
        response = self._ok(request, sdp_answer)
        if terms is not None:  # the session lives on (§10): a new interval from now
            terms.stamp(response)
            self.clock.negotiated(terms, asyncio.get_running_loop().time())
        reply(response)

    async def _keep_session(self) -> None:
        ep, dialog, update = self.endpoint, self.dialog, allows_update(self.invite)
        route = RefreshRoute(ep, dialog, self.destination(), self.contact(), update)
        sdp = self.sdp
        await keep_session(
            self.clock,
            route,
            lambda: sdp.answer(self.negotiated) if sdp and self.negotiated else None,
            lambda: self.finished,
            lambda: self.hangup("session_expired"),
        )

    def on_ack_timeout(self) -> None:
        if self.dialog.state is DialogState.WAITING_ACK:
            self._spawn(self.hangup("no_ack"))

    # ---- ending ----------------------------------------------------------------------

    def destination(self) -> Peer:
        return dialog_destination(self.dialog.route_set, self.dialog.remote_target, self.source)

    async def hangup(self, reason: str) -> None:
        """Send BYE (we end the call) and finish; does not wait long for the 200."""
        if self.finished:
            return
        if self.dialog.can(DialogEvent.BYE_SENT):
            self.dialog.fire(DialogEvent.BYE_SENT)
            bye = self.dialog.request(
                "BYE",
                self.endpoint.public_host,
                self.endpoint.port_for(self.source.transport),
                self.source.transport,
            )
            done = asyncio.get_running_loop().create_future()

            def on_response(response: Response | None) -> None:
                if (response is None or response.status >= 200) and not done.done():
                    done.set_result(None)

            self.endpoint.send_request(bye, self.destination(), on_response)
            await self.finish(reason)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(done, 5)
            if self.dialog.can(DialogEvent.BYE_DONE):
                self.dialog.fire(DialogEvent.BYE_DONE)
        else:
            await self.finish(reason)

    async def finish(self, reason: str) -> None:
        if self.finished:
            return
        self.finished = True
        try:
            if self.answered_at is None and self.tx.state is State.PROCEEDING:
                # Ended while ringing (shutdown, failure): the caller still gets a final answer.
                self._final_answer(503 if reason in _UNAVAILABLE else 500)
            if self.rtp is not None:
                await self.rtp.close()  # delivers held frames to _on_audio: before the recorder
            await self.stop_recording(reason)
        finally:  # whatever failed above, the call must not stay behind
            for task in list(self._tasks):
                if task is not asyncio.current_task():
                    task.cancel()
            self.on_done(self)

    def _final_answer(self, status: int) -> None:
        response = self.endpoint.make_response(
            self.invite, status, self.source, to_tag=self.dialog.local_tag
        )
        if status == 503:
            response.add("Retry-After", str(RETRY_AFTER_SECONDS))
        self.endpoint.send_invite_response(self.tx, self.invite, response, self.source)

    async def stop_recording(self, reason: str) -> None:
        """End the recording (a bridged call goes on without it): CallFinished(reason)."""
        recorder, path, self.recorder = self.recorder, self.recording_path, None
        if recorder is not None and path is not None:
            await self._close_recording(recorder, path, reason)

    async def _close_recording(self, recorder: CallRecorder, path: Path, reason: str) -> None:
        try:
            await asyncio.to_thread(recorder.close)
        except OSError as exc:  # the header is fixed at start-up (repair_recordings)
            log.error("call %s: closing the recording %s failed: %s", self.call_id, path, exc)
        if recorder.error is not None and reason != "recording_failed":
            log.error("call %s: recording %s lost its end: %s", self.call_id, path, recorder.error)
        self.on_event(
            CallFinished(
                call_id=self.call_id,
                ended_at=datetime.now(UTC),
                reason=reason,
                recording_path=path,
                duration_seconds=recorder.duration_seconds,
                heard_speech=bool(self.detector.heard_speech),
                quality=self._quality(),
            )
        )

    def _quality(self) -> CallQuality | None:
        if self.rtp is None:
            return None
        s = self.rtp.stats
        ptime = self.negotiated.ptime_ms if self.negotiated else 20
        return call_quality(s.received, s.lost, s.jitter_ms, s.rtt_ms, ptime)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def invite_key(self) -> tuple[str, str, str]:
        return tx_key(self.invite)
