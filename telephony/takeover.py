"""转人工: an operator takes over a live call (or the caller asks for a person).

The listener answers calls operators could not; an operator may take one over from the
console (or the caller presses 0 / says 人工). We first ask the caller's side to call the
operator's phone itself (RFC 3515 REFER, Refer-To the phone); when it refuses REFER we
place the call to the phone ourselves (through the outbound proxy, e.g. Kamailio) and relay
the audio both ways until either side hangs up. Either way the recording stops at the
transfer (CallFinished reason "transferred"): the draft is finished with what was said up
to then. The steps are the sans-I/O table in telephony/sip/refer.py; this module does the
I/O.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

from hotline.telephony.dialer import OutboundCall
from hotline.telephony.events import CallEvent, CallTakenOver
from hotline.telephony.rtp.session import RtpSession
from hotline.telephony.sip.dialog import Dialog, DialogEvent
from hotline.telephony.sip.endpoint import SipEndpoint
from hotline.telephony.sip.headers import sip_host
from hotline.telephony.sip.message import Request, Response
from hotline.telephony.sip.refer import (
    DONE,
    Transfer,
    TransferEvent,
    TransferState,
    notify_event,
    refer_event,
    refer_request,
)
from hotline.telephony.sip.transport import Peer

log = logging.getLogger(__name__)
NOTIFY_TIMEOUT = 60.0  # after 202, how long we wait for the caller's side to report
BridgeDial = Callable[[str], Awaitable[OutboundCall]]


class TakenCall(Protocol):
    """What a takeover needs of the answered call (telephony.call.InboundCall)."""

    call_id: str
    endpoint: SipEndpoint
    source: Peer
    dialog: Dialog
    finished: bool
    rtp: RtpSession | None
    relay: Callable[[bytes], None] | None  # the caller's audio goes here while bridged
    takeover: Takeover | None

    def on_event(self, event: CallEvent) -> None: ...

    def contact(self) -> str: ...

    def destination(self) -> Peer: ...

    async def hangup(self, reason: str) -> None: ...

    async def stop_recording(self, reason: str) -> None: ...


class Takeover:
    def __init__(self, call: TakenCall, transfer: Transfer, dial: BridgeDial | None) -> None:
        self.call = call
        self.transfer = transfer
        self.dial = dial  # None: no outbound route, REFER only
        self._news = asyncio.Event()
        self._operator: OutboundCall | None = None
        self.relayed = {"to_operator": 0, "to_caller": 0}  # 20 ms frames, for the log

    # ---- REFER ------------------------------------------------------------------------

    def _fire(self, event: TransferEvent) -> None:
        if self.transfer.can(event):
            self.transfer.fire(event)
            self._news.set()

    def on_notify(self, request: Request, source: Peer) -> None:
        """A NOTIFY in the call's dialog (the refer subscription's sipfrag)."""
        ep = self.call.endpoint
        event = notify_event(request)
        status = 200 if event is not None else 489  # 489 Bad Event: not our subscription
        ep.respond(request, ep.make_response(request, status, source), source)
        if event is not None:
            self._fire(event)

    async def _wait(self, until: Callable[[], bool], timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while not until():
            self._news.clear()
            left = end - loop.time()
            if left <= 0 or self.call.finished:
                return until()
            with contextlib.suppress(TimeoutError):  # short: a hang-up sets no news
                await asyncio.wait_for(self._news.wait(), min(left, 0.5))
        return True

    def _send_refer(self) -> None:
        call, ep = self.call, self.call.endpoint
        transport = call.source.transport
        referred_by = f"sip:{self.transfer.by}@{sip_host(ep.public_host)}"
        via = (ep.public_host, ep.port_for(transport), transport)
        refer = refer_request(call.dialog, self.transfer.target, referred_by, call.contact(), via)

        def on_response(response: Response | None) -> None:
            if response is None:  # no answer at all: as good as refused
                self._fire(TransferEvent.REFER_REFUSED)
            elif (event := refer_event(response.status)) is not None:
                self._fire(event)

        ep.send_request(refer, call.destination(), on_response)

    # ---- the whole transfer ---------------------------------------------------------------

    async def run(self) -> TransferState:
        call, transfer = self.call, self.transfer
        call.dialog.fire(DialogEvent.TRANSFER_STARTED)
        self._send_refer()
        await self._wait(lambda: transfer.state is not TransferState.REFERRING, 40)
        accepted = transfer.state is TransferState.REFER_ACCEPTED
        if accepted and not await self._wait(lambda: transfer.state in DONE, NOTIFY_TIMEOUT):
            self._fire(TransferEvent.NOTIFY_TIMEOUT)
        # A caller's side that accepted and then left the call itself has transferred too.
        left = call.finished and transfer.state is TransferState.REFER_ACCEPTED
        if transfer.state is TransferState.TRANSFERRED or left:
            log.info("call %s transferred (REFER) to %s", call.call_id, transfer.target)
            self._taken_over()
            await call.hangup("transferred")  # ends the recording: the draft is finished
        if call.finished:
            self._fire(TransferEvent.HUNG_UP)
        elif transfer.state is TransferState.BRIDGING:
            await self._bridge()
        if transfer.state is TransferState.FAILED and not call.finished:
            call.dialog.fire(DialogEvent.TRANSFER_FAILED)
            call.takeover = None  # the listener keeps the call (and its recording)
        return transfer.state

    async def _bridge(self) -> None:
        call, transfer = self.call, self.transfer
        operator = await self.dial(transfer.target) if self.dial is not None else None
        if operator is None or operator.outcome != "answered" or operator.rtp is None:
            log.warning("call %s: operator phone %s did not answer", call.call_id, transfer.target)
            self._fire(TransferEvent.BRIDGE_FAILED)
            return
        self._operator = operator
        if call.finished or call.rtp is None:
            await operator.hangup()
            self._fire(TransferEvent.HUNG_UP)
            return
        self._fire(TransferEvent.BRIDGE_ANSWERED)
        call.dialog.fire(DialogEvent.BRIDGE_ANSWERED)
        log.info("call %s bridged to %s", call.call_id, transfer.target)
        await call.stop_recording("transferred")
        self._taken_over()
        await self._relay(call.rtp, operator)

    async def _relay(self, caller_rtp: RtpSession, operator: OutboundCall) -> None:
        """Audio both ways until one side hangs up, then the other is hung up."""
        assert operator.rtp is not None
        to_operator: asyncio.Queue[bytes] = asyncio.Queue(maxsize=50)
        to_caller: asyncio.Queue[bytes] = asyncio.Queue(maxsize=50)
        self.call.relay = self._offer(to_operator, "to_operator")
        operator.audio_sink = self._offer(to_caller, "to_caller")
        pumps = [
            asyncio.create_task(_pump(to_operator, operator.rtp)),
            asyncio.create_task(_pump(to_caller, caller_rtp)),
        ]
        try:
            while not self.call.finished and not operator.hung_up_by_peer.is_set():
                await asyncio.sleep(0.2)
        finally:
            for pump in pumps:
                pump.cancel()
            self.call.relay = None
            operator.audio_sink = None
            self._fire(TransferEvent.HUNG_UP)
            log.info("call %s bridge ended: frames relayed %s", self.call.call_id, self.relayed)
            if operator.hung_up_by_peer.is_set():
                await self.call.hangup("transferred")
                await operator.close()
            else:
                await operator.hangup()

    def _offer(self, queue: asyncio.Queue[bytes], way: str) -> Callable[[bytes], None]:
        def put(pcm: bytes) -> None:
            self.relayed[way] += len(pcm) // 320
            with contextlib.suppress(asyncio.QueueFull):  # a stalled side drops, never blocks
                queue.put_nowait(pcm)

        return put

    def _taken_over(self) -> None:
        self.call.on_event(
            CallTakenOver(
                call_id=self.call.call_id,
                by=self.transfer.by,
                target=self.transfer.target,
                method=self.transfer.method,
                at=datetime.now(UTC),
            )
        )


async def _pump(queue: asyncio.Queue[bytes], rtp: RtpSession) -> None:
    while True:
        await rtp.play(await queue.get())
