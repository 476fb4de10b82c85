"""Our Dialer calls a sipp callee playing one of tests/fixtures/sipp/*.xml, then hangs up."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hotline.telephony.dialer import Dialer, DialerOptions

from tests.fixtures.common import free_port
from tests.fixtures.sipp import (
    SippResult,
    answer_one_call,
    scenario_file,
    wait_for_udp_listener,
)


async def dial_sipp_scenario(tmp_path: Path, scenario: str) -> tuple[str, SippResult]:
    """(the call's outcome, sipp's result) for SCENARIOS/`scenario`.xml."""
    port = free_port()
    xml = scenario_file(scenario)
    sipp = asyncio.create_task(answer_one_call(tmp_path, xml, port, name=scenario))
    await wait_for_udp_listener(port)
    dialer = Dialer(DialerOptions())
    await dialer.start()
    try:
        call = await dialer.dial(f"sip:13800000000@127.0.0.1:{port}")
        if call.outcome == "answered":
            await call.hangup()
    finally:
        await dialer.close()
    return call.outcome, await sipp
