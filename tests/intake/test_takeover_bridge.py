"""转人工 end to end with real parts: the caller (sipp) presses 0 — no menu is read out — and
the service transfers the call to the person phone, an operator's baresip registered to
Kamailio. This caller answers our REFER with 501, so the service calls the phone itself
through Kamailio (digest-authenticated outbound proxy) and relays the audio: the phone's
recording must hold the caller's audio. The draft's recording ends at the transfer and its
history says 转人工.

The intake runtime runs in-process (SipListener, SQL store; no speech model)."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path

import pytest
from hotline.ticketing.persistence.database import Database

from hotline.intake_wiring import build_intake_runtime
from hotline.settings import Settings
from tests.fixtures.baresip import PHONE_PASSWORD, needs_baresip, operator_phone, wav_rms
from tests.fixtures.kamailio import REGISTRAR, Kamailio, kamailio, needs_kamailio
from tests.fixtures.runtime import database_url, runtime_settings, wait_ticket
from tests.fixtures.sipp import (
    ANSWERED,
    G711_PCAP,
    HANG_UP,
    call_listener,
    dtmf_pcap,
    invite,
    needs_sipp,
    play,
    reply_to_last,
    request,
    scenario,
)

pytestmark = [needs_sipp, needs_baresip, needs_kamailio, pytest.mark.timeout(240)]

# Talks (the draft's recording), presses 0, refuses the REFER that follows, talks to the
# operator, hangs up.
PRESSES_ZERO_REFUSES_REFER = scenario(
    invite(),
    ANSWERED,
    request("ACK", 1),
    '  <pause milliseconds="500"/>\n',
    play(G711_PCAP),  # 6.8 s
    '  <pause milliseconds="7500"/>\n',
    play(dtmf_pcap("0")),
    '  <recv request="REFER"/>\n',
    reply_to_last("501 Not Implemented"),
    '  <pause milliseconds="3000"/>\n',  # we dial the operator through Kamailio
    play(G711_PCAP),
    '  <pause milliseconds="9000"/>\n',
    HANG_UP,
)


def _settings(tmp_path: Path, database: Database, kam: Kamailio) -> Settings:
    return runtime_settings(
        tmp_path,
        database_url(database),
        outbound={
            "proxy": f"sip:127.0.0.1:{kam.port}",
            "username": "hl",
            "password": PHONE_PASSWORD,
        },
        takeover={"person_phone": f"sip:op1@127.0.0.1:{kam.port}"},
    )


async def test_zero_bridges_the_caller_to_the_operator_phone(
    tmp_path: Path, database: Database
) -> None:
    async with kamailio(tmp_path / "kamailio", REGISTRAR, password=PHONE_PASSWORD) as kam:
        async with operator_phone(tmp_path / "operator", kam, "op1") as heard:
            runtime = build_intake_runtime(_settings(tmp_path, database, kam), database, sip_port=0)
            await runtime.start()
            takeovers = []
            take = runtime.listener.take

            def keep(*args: str) -> object:
                takeovers.append(take(*args))
                return takeovers[-1]

            runtime.listener.take = keep  # type: ignore[method-assign]
            try:
                result = await call_listener(
                    tmp_path, runtime.listener.port, PRESSES_ZERO_REFUSES_REFER, name="zero"
                )
                assert result.returncode == 0, str(result) + kam.log_text()[-3000:]
                ticket = await wait_ticket(
                    database, lambda t: any(h.command == "take_over" for h in t.history)
                )
                await asyncio.sleep(1.0)  # the operator leg is hung up after the caller's BYE
            finally:
                await runtime.shutdown(5)
        # baresip's dump of what it decoded: the caller's relayed voice.
        dumps = sorted(heard.glob("dump-*-dec.wav"))
        assert dumps, f"the operator phone got no call: {sorted(heard.iterdir())}"
        assert max(wav_rms(d) for d in dumps) > 200, "the operator phone heard silence"

    # And the other way: the operator's voice went to the caller (RTP from baresip relayed).
    (takeover,) = takeovers
    assert takeover.relayed["to_caller"] > 100 and takeover.relayed["to_operator"] > 100
    (line,) = [h for h in ticket.history if h.command == "take_over"]
    assert line.actor == "caller" and "桥接" in line.reason and "sip:op1@" in line.reason
    assert line.details["method"] == "bridge"
    recording = tmp_path / "var" / "recordings" / str(ticket.recording_ref)
    with wave.open(str(recording)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert 5.0 < seconds < 12.0, seconds  # up to the transfer, not the whole 28 s call
