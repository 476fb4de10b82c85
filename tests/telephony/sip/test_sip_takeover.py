"""转人工 on the wire: the listener hands a live call to an operator's phone.

sipp is the caller. One accepts our REFER (202, NOTIFY 100 then 200 in message/sipfrag) and
expects our BYE; the Refer-To must name the operator's phone. The sans-I/O transfer table is
checked on its own as well."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered, CallFinished, CallTakenOver
from hotline.telephony.listener import TakeRefused
from hotline.telephony.sip.dialog import TRANSITIONS as DIALOG
from hotline.telephony.sip.dialog import DialogEvent, DialogState
from hotline.telephony.sip.message import Request
from hotline.telephony.sip.refer import (
    Transfer,
    TransferError,
    TransferEvent,
    TransferState,
    notify_event,
    refer_event,
)

from tests.fixtures.sipp import (
    ACCEPTS_REFER,
    ANSWERED,
    G711_PCAP,
    OPERATOR,
    invite,
    needs_sipp,
    notify,
    play,
    reply_to_last,
    request,
    scenario,
    sipp_ok,
)

pytestmark = pytest.mark.timeout(120)


@needs_sipp
async def test_refer_hands_the_caller_to_the_operator_phone(
    tmp_path: Path, listener_factory
) -> None:
    async with listener_factory() as harness:
        sipp = asyncio.create_task(sipp_ok(tmp_path, harness, ACCEPTS_REFER, name="refer"))
        await harness.wait_for(lambda: harness.of_type(CallAnswered))
        (answered,) = harness.of_type(CallAnswered)
        await asyncio.sleep(2.0)  # the caller speaks a little first
        harness.listener.take(answered.call_id, OPERATOR, "op1")
        with pytest.raises(TakeRefused) as again:  # a second 接听 on the same call
            harness.listener.take(answered.call_id, OPERATOR, "op2")
        assert again.value.reason == "taken"
        await sipp
        (finished,) = await harness.finished()
    (taken,) = harness.of_type(CallTakenOver)
    assert (taken.by, taken.target, taken.method) == ("op1", OPERATOR, "refer")
    assert finished.reason == "transferred"
    assert finished.recording_path.is_file() and finished.duration_seconds > 1.0
    with pytest.raises(TakeRefused) as gone:
        harness.listener.take(answered.call_id, OPERATOR, "op1")
    assert gone.value.reason == "gone"


# ---- sans-I/O -------------------------------------------------------------------------


def _notify(body: bytes, event: str = "refer") -> Request:
    request = Request(method="NOTIFY", uri="sip:x@127.0.0.1")
    request.add("Event", event)
    request.add("Content-Type", "message/sipfrag;version=2.0")
    request.body = body
    return request


def test_refused_refer_turns_into_a_bridge() -> None:
    t = Transfer(target=OPERATOR, by="op1")
    for status in (405, 501, 603):
        assert refer_event(status) is TransferEvent.REFER_REFUSED
    assert refer_event(100) is None and refer_event(202) is TransferEvent.REFER_ACCEPTED
    assert t.fire(TransferEvent.REFER_REFUSED) is TransferState.BRIDGING
    assert t.method == "bridge"
    assert t.fire(TransferEvent.BRIDGE_ANSWERED) is TransferState.BRIDGED
    assert t.fire(TransferEvent.HUNG_UP) is TransferState.ENDED
    with pytest.raises(TransferError):
        t.fire(TransferEvent.NOTIFY_OK)


def test_notify_sipfrag_drives_the_refer() -> None:
    assert notify_event(_notify(b"SIP/2.0 100 Trying\r\n")) is TransferEvent.NOTIFY_PROGRESS
    assert notify_event(_notify(b"SIP/2.0 200 OK\r\n")) is TransferEvent.NOTIFY_OK
    assert notify_event(_notify(b"SIP/2.0 486 Busy Here\r\n")) is TransferEvent.NOTIFY_FAILED
    assert notify_event(_notify(b"SIP/2.0 200 OK", event="presence")) is None
    assert notify_event(_notify(b"garbage")) is None
    t = Transfer(target=OPERATOR, by="caller")
    t.fire(TransferEvent.REFER_ACCEPTED)
    assert t.fire(TransferEvent.NOTIFY_FAILED) is TransferState.BRIDGING  # their call failed
    t = Transfer(target=OPERATOR, by="op1")
    t.fire(TransferEvent.REFER_ACCEPTED)
    assert t.fire(TransferEvent.NOTIFY_TIMEOUT) is TransferState.TRANSFERRED
    assert t.method == "refer"


def test_dialog_table_has_the_transfer_states() -> None:
    S, E = DialogState, DialogEvent
    assert DIALOG[(S.CONFIRMED, E.TRANSFER_STARTED)] is S.TRANSFERRING
    assert DIALOG[(S.TRANSFERRING, E.TRANSFER_FAILED)] is S.CONFIRMED
    assert DIALOG[(S.TRANSFERRING, E.BRIDGE_ANSWERED)] is S.BRIDGED
    assert DIALOG[(S.BRIDGED, E.REFRESH)] is S.BRIDGED  # the caller may refresh the session
    assert DIALOG[(S.BRIDGED, E.BYE_RECEIVED)] is S.TERMINATED
    assert (S.WAITING_ACK, E.TRANSFER_STARTED) not in DIALOG  # not before the call is up


# Accepts, reports progress, then leaves the call itself (its new call is up).
ACCEPTS_THEN_LEAVES = scenario(
    invite(),
    ANSWERED,
    request("ACK", 1),
    play(G711_PCAP),
    '  <recv request="REFER"/>\n',
    reply_to_last("202 Accepted"),
    notify(2, "SIP/2.0 100 Trying", "active;expires=60"),
    '  <pause milliseconds="500"/>\n',
    request("BYE", 3),
    '  <recv response="200"/>\n',
)


@needs_sipp
async def test_a_caller_that_accepts_and_leaves_counts_as_transferred(
    tmp_path: Path, listener_factory
) -> None:
    async with listener_factory() as harness:
        sipp = asyncio.create_task(sipp_ok(tmp_path, harness, ACCEPTS_THEN_LEAVES, name="leaves"))
        await harness.wait_for(harness.listener.live_call_ids)
        (call_id,) = harness.listener.live_call_ids()
        await asyncio.sleep(1.0)  # sipp is at its <recv REFER> once its audio started
        harness.listener.take(call_id, OPERATOR, "op1")
        await sipp
        await harness.wait_for(lambda: harness.of_type(CallTakenOver))
    (taken,) = harness.of_type(CallTakenOver)
    assert (taken.by, taken.method) == ("op1", "refer")
    (finished,) = harness.of_type(CallFinished)
    assert finished.reason == "caller_hangup"
