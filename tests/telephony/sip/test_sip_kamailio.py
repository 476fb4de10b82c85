"""Kamailio in front of hotline: dispatcher with OPTIONS probing; registrar/proxy with digest."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.telephony.dialer import Dialer, DialerOptions
from hotline.telephony.events import CallAnswered, DtmfReceived
from hotline.telephony.sip.registration import RegistrationOptions

from tests.fixtures.kamailio import DISPATCHER, REGISTRAR, Kamailio, kamailio, needs_kamailio
from tests.fixtures.sip import speechlike_pcm
from tests.fixtures.sipp import (
    ANSWERED,
    EXPECT_BYE_FROM_US,
    call_listener,
    invite,
    needs_sipp,
    request,
    scenario,
)

pytestmark = [needs_kamailio, pytest.mark.timeout(180)]


async def wait_flags(kam: Kamailio, ports: list[int], flag: str, timeout: float = 30) -> str:
    """Until dispatcher.list shows every node with FLAGS starting with `flag`."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    listing = ""
    while loop.time() < end:
        listing = await kam.rpc("dispatcher.list")
        blocks = listing.split("DEST:")[1:]
        states = {port: next((b for b in blocks if f":{port}" in b), "") for port in ports}
        if all(f"FLAGS: {flag}" in block for block in states.values()):
            return listing
        await asyncio.sleep(0.5)
    raise AssertionError(f"nodes {ports} not {flag}:\n{listing}")


@needs_sipp
async def test_dispatcher_probes_both_nodes_and_spreads_calls(
    tmp_path: Path, listener_factory
) -> None:
    async with listener_factory() as one, listener_factory() as two:
        listfile = tmp_path / "dispatcher.list"
        listfile.write_text(f"1 sip:127.0.0.1:{one.port}\n1 sip:127.0.0.1:{two.port}\n")
        async with kamailio(tmp_path / "kamailio", DISPATCHER, listfile=listfile) as kam:
            await wait_flags(kam, [one.port, two.port], "AP")  # Active, Probing: OPTIONS 200
            xml = scenario(
                invite(),
                ANSWERED,
                request("ACK", 1),
                '  <pause milliseconds="300"/>\n',
                request("BYE", 2),
                '  <recv response="200"/>\n',
            )
            result = await call_listener(
                tmp_path, kam.port, xml, "-l", "1", calls=4, name="dispatch"
            )
            assert result.returncode == 0, str(result)
            await one.wait_for(lambda: len(one.of_type(CallAnswered)) >= 1)
            await two.wait_for(lambda: len(two.of_type(CallAnswered)) >= 1)
            assert len(one.of_type(CallAnswered)) + len(two.of_type(CallAnswered)) == 4
            # A draining node answers OPTIONS with 503 and is taken out of rotation.
            await two.listener.stop_accepting()
            await wait_flags(kam, [two.port], "I")
            await wait_flags(kam, [one.port], "AP")


async def test_register_with_digest_and_call_through_proxy_with_407(
    tmp_path: Path, listener_factory
) -> None:
    async with kamailio(tmp_path / "kamailio", REGISTRAR, password="s3cret") as kam:
        registration = RegistrationOptions(
            registrar=f"sip:127.0.0.1:{kam.port}",
            username="hotline",
            password="s3cret",
            expires_seconds=4,
        )
        async with listener_factory(registration=registration, greeting_pcm=b"") as harness:
            reg = harness.listener.registration
            assert reg is not None and reg.registered, reg.last_status if reg else None
            contacts = await kam.rpc("ul.dump")
            assert f":{harness.port}" in contacts
            await harness.wait_for(lambda: reg.refreshes >= 3, timeout=30)  # re-registered
            dialer = Dialer(
                DialerOptions(
                    proxy=f"sip:127.0.0.1:{kam.port}",
                    username="survey",
                    password="s3cret",
                    from_user="survey",
                )
            )
            await dialer.start()
            try:
                call = await dialer.dial(f"sip:hotline@127.0.0.1:{kam.port}")
                assert call.outcome == "answered", call.status
                assert call.dialog is not None and call.dialog.route_set  # Record-Route seen
                await call.play(speechlike_pcm(0.6))
                await call.send_dtmf("7")
                await call.hangup()
            finally:
                await dialer.close()
            await harness.finished()
            assert [e.digit for e in harness.of_type(DtmfReceived)] == ["7"]
        bad = Dialer(
            DialerOptions(proxy=f"sip:127.0.0.1:{kam.port}", username="survey", password="wrong")
        )
        await bad.start()
        try:
            refused = await bad.dial(f"sip:hotline@127.0.0.1:{kam.port}")
        finally:
            await bad.close()
        assert refused.outcome == "failed"


@needs_sipp
async def test_our_bye_follows_record_route_through_kamailio(
    tmp_path: Path, listener_factory
) -> None:
    async with listener_factory(max_call_seconds=2) as node:
        listfile = tmp_path / "dispatcher.list"
        listfile.write_text(f"1 sip:127.0.0.1:{node.port}\n")
        async with kamailio(tmp_path / "kamailio", DISPATCHER, listfile=listfile) as kam:
            await wait_flags(kam, [node.port], "AP")
            xml = scenario(invite(), ANSWERED, request("ACK", 1), EXPECT_BYE_FROM_US)
            result = await call_listener(tmp_path, kam.port, xml, name="rr")
            assert result.returncode == 0, str(result)
            (finished,) = await node.finished()
    assert finished.reason == "max_duration"
    bye = result.messages[result.messages.index("BYE sip:") :]
    assert f"SIP/2.0/UDP 127.0.0.1:{kam.port}" in bye.split("\n\n")[0]  # came via Kamailio
