"""Reliable provisional responses (RFC 3262): the sans-I/O table, sipp as a caller that
requires 100rel and as a callee that rings reliably, and a raw caller that never PRACKs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered, CallFinished
from hotline.telephony.sip.message import Response
from hotline.telephony.sip.prack import (
    RELIABLE_UAS,
    PrackTracker,
    RelEvent,
    ReliableProvisional,
    RelState,
    parse_rack,
)

from tests.fixtures.common import free_port
from tests.fixtures.sipp import (
    needs_sipp,
    scenario_file,
    sipp_ok,
)
from tests.telephony.dial_uas import dial_sipp_scenario
from tests.telephony.raw_uac import RawUac

pytestmark = pytest.mark.timeout(120)


# ---- sans-I/O ----------------------------------------------------------------------------


def test_reliable_provisional_retransmits_doubling_until_its_prack() -> None:
    rel = ReliableProvisional(invite_cseq=7, t1=0.5)
    rseq = rel.next_rseq()
    assert rseq is not None and 1 <= rseq < 2**31
    assert rel.send(b"180", now=0.0) == [b"180"]
    assert rel.next_rseq() is None  # one unacknowledged reliable 1xx at a time
    assert rel.on_timer(0.4) == []
    assert rel.on_timer(0.5) == [b"180"]  # T1
    assert rel.deadline == pytest.approx(1.5)  # then 2*T1
    assert not rel.on_prack((rseq, 6, "INVITE"))  # another INVITE's
    assert not rel.on_prack((rseq + 1, 7, "INVITE"))  # a response never sent
    assert not rel.on_prack(parse_rack("garbage"))
    assert rel.on_prack(parse_rack(f"{rseq} 7 INVITE"))
    assert rel.state is RelState.ACKNOWLEDGED and rel.deadline is None
    assert rel.on_timer(100.0) == []
    assert rel.next_rseq() == rseq + 1


def test_reliable_provisional_fails_after_64_t1_without_prack() -> None:
    rel = ReliableProvisional(invite_cseq=1, t1=0.5)
    rel.send(b"180", now=0.0)
    sent, now = 0, 0.0
    while rel.deadline is not None:
        now = rel.deadline
        sent += len(rel.on_timer(now))
    assert rel.failed and now == pytest.approx(32.0)
    assert sent == 6  # 0.5, 1.5, 3.5, 7.5, 15.5, 31.5
    assert not rel.on_prack((rel.rseq, 1, "INVITE"))  # too late


def test_reliable_table_has_no_way_out_of_failed() -> None:
    assert not [key for key in RELIABLE_UAS if key[0] is RelState.FAILED]
    assert (RelState.PENDING, RelEvent.SEND) not in RELIABLE_UAS


def _provisional(rseq: str | None, require: str = "100rel") -> Response:
    response = Response(status=180, reason="Ringing")
    if require:
        response.add("Require", require)
    if rseq is not None:
        response.add("RSeq", rseq)
    return response


def test_prack_tracker_pracks_in_order_and_skips_retransmissions() -> None:
    tracker = PrackTracker()
    assert tracker.accept(_provisional("5", require="")) is None  # not reliable
    assert tracker.accept(_provisional(None)) is None  # no RSeq
    assert tracker.accept(_provisional("5")) == 5
    assert tracker.accept(_provisional("5")) is None  # retransmission
    assert tracker.accept(_provisional("7")) is None  # a gap: wait for 6
    assert tracker.accept(_provisional("6")) == 6


# ---- the listener as UAS -----------------------------------------------------------------


@needs_sipp
async def test_sipp_requiring_100rel_gets_a_reliable_180_and_the_call(
    tmp_path: Path, listener_factory
) -> None:
    xml = scenario_file("uac_100rel")
    async with listener_factory(ring_seconds=0.2) as harness:
        result = await sipp_ok(tmp_path, harness, xml, name="prack")
        (finished,) = await harness.finished()
    assert harness.of_type(CallAnswered)
    assert finished.reason == "caller_hangup"
    assert "SIP/2.0 420" not in result.messages


async def test_no_prack_for_the_reliable_180_ends_in_500(listener_factory) -> None:
    """A caller that requires 100rel and never PRACKs: the 180 is retransmitted, then the
    INVITE is rejected with a 5xx (RFC 3262 §3) and no call is answered."""
    async with listener_factory(ring_seconds=0.1, sip_t1=0.05) as harness:
        uac = await RawUac(("127.0.0.1", harness.port)).open()
        try:
            uac.send_invite(("127.0.0.1", free_port()), extra="Require: 100rel\n")
            final = await uac.final_response(timeout=20)
        finally:
            uac.close()
        assert final is not None and final.status == 500, final
        ringing = [m for m in uac.received if m.status == 180]
        assert len(ringing) >= 3  # retransmitted while no PRACK came
        rseqs = {m.get("RSeq") for m in ringing}
        assert len(rseqs) == 1 and all(m.get("Require") == "100rel" for m in ringing)
        await asyncio.sleep(0.2)
        assert not harness.of_type(CallAnswered) and not harness.of_type(CallFinished)
        assert harness.listener.active_calls == 0


async def test_prack_with_wrong_rack_gets_481(listener_factory) -> None:
    async with listener_factory(ring_seconds=0.1, sip_t1=0.05) as harness:
        uac = await RawUac(("127.0.0.1", harness.port)).open()
        try:
            uac.send_invite(("127.0.0.1", free_port()), extra="Require: 100rel\n")
            while (ringing := await uac.next_message()).status != 180:
                pass
            rseq = int(ringing.get("RSeq") or "0")
            uac._ok = ringing  # the early dialog: its To-tag and Contact
            uac._cseq = 1
            for rack, expected in ((f"{rseq + 5} 1 INVITE", 481), (f"{rseq} 1 INVITE", 200)):
                uac._cseq += 1
                uac._send(
                    f"PRACK {uac._target()} SIP/2.0\n"
                    + uac._common("PRACK", uac._cseq, uac._dialog_to())
                    + f"RAck: {rack}\nContent-Length: 0\n"
                )
                while (reply := await uac.next_message()).get("CSeq") != f"{uac._cseq} PRACK":
                    pass
                assert reply.status == expected
            final = await uac.final_response()
            assert final is not None and final.status == 200
            uac._ok = final
            uac.ack()
            uac.bye()
            await harness.finished()
        finally:
            uac.close()


# ---- the dialer as UAC -------------------------------------------------------------------


@needs_sipp
async def test_dialer_pracks_a_reliable_180(tmp_path: Path) -> None:
    outcome, result = await dial_sipp_scenario(tmp_path, "uas_100rel")
    assert outcome == "answered"
    assert result.returncode == 0, str(result)
    assert "CSeq: 3 BYE" in result.messages  # above the PRACK's CSeq 2
