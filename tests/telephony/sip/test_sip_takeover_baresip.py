"""REFER with real phones: the caller is baresip, which follows our REFER by calling the
operator's phone itself (through Kamailio, with digest auth) and reports back in NOTIFY
sipfrag; the operator's phone is another baresip registered to Kamailio, which must hear
the caller. We leave the call with BYE once the NOTIFY says 200."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered, CallTakenOver

from tests.fixtures.baresip import (
    PHONE_PASSWORD,
    baresip_dialing,
    needs_baresip,
    operator_phone,
    wav_rms,
)
from tests.fixtures.kamailio import REGISTRAR, kamailio, needs_kamailio
from tests.fixtures.media import sine_wav

pytestmark = [needs_baresip, needs_kamailio, pytest.mark.timeout(180)]
# The registrar without the proxy challenge: the caller's baresip (the shared fixture's
# account) has no password for the call it places to the operator.
_CHALLENGE = """    if (!pv_proxy_authenticate("$fd", "{password}", "0")) {{
        proxy_challenge("$fd", "1");
        exit;
    }}
    consume_credentials();
"""
assert _CHALLENGE in REGISTRAR
OPEN_REGISTRAR = REGISTRAR.replace(_CHALLENGE, "")


@pytest.fixture
def caller_voice(tmp_path: Path) -> Path:
    wav = tmp_path / "caller.wav"
    return sine_wav(wav, 25, 300, vol=0.4)


async def test_baresip_caller_follows_our_refer_to_the_operator(
    tmp_path: Path, listener_factory, caller_voice: Path
) -> None:
    async with (
        kamailio(tmp_path / "kamailio", OPEN_REGISTRAR, password=PHONE_PASSWORD) as kam,
        operator_phone(tmp_path / "operator", kam, "op1") as heard,
        listener_factory(trusted_media=["127.0.0.0/8"]) as harness,
    ):
        confdir = tmp_path / "caller"
        async with baresip_dialing(confdir, caller_voice, harness.port, user="caller") as phone:
            await harness.wait_for(harness.listener.live_call_ids, timeout=30)  # ACKed
            (answered,) = harness.of_type(CallAnswered)
            target = f"sip:op1@127.0.0.1:{kam.port}"
            harness.listener.take(answered.call_id, target, "op1")
            (finished,) = await harness.finished(timeout=60)
            await asyncio.sleep(6)  # the caller now talks to the operator
        dumps = sorted(heard.glob("dump-*-dec.wav"))
    assert finished.reason == "transferred", phone.output[-3000:]
    (taken,) = harness.of_type(CallTakenOver)
    assert (taken.method, taken.target) == ("refer", target)
    assert dumps and max(wav_rms(d) for d in dumps) > 200, phone.output[-3000:]
