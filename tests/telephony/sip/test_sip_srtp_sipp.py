"""SRTP negotiation (SDES, RFC 4568) against sipp scenarios: the answer to an RTP/SAVP
offer, 488 for what the policy refuses, and our own RTP/SAVP offer in the 200 of a
delayed-offer INVITE (`sip.srtp: required`) with the caller's answer in the ACK."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered, CallFinished

from tests.fixtures.sipp import (
    ACK_REFUSED,
    HANG_UP,
    SDP,
    invite,
    needs_sipp,
    request,
    scenario,
    sipp_ok,
)

pytestmark = [needs_sipp, pytest.mark.timeout(120)]
KEY = "inline:VE6JADW6uniTLNXHW0mfLXr0scP6sBdAUlcsX3sz"  # 30 bytes, base64
SAVP_SDP = (
    SDP.format(direction="sendrecv", session_c="c=IN IP4 [media_ip]\n      ", media_c="")
    .replace("RTP/AVP", "RTP/SAVP")
    .replace(
        "a=rtpmap:101 telephone-event/8000\n",
        "a=rtpmap:101 telephone-event/8000\n"
        f"      a=crypto:1 AES_CM_128_HMAC_SHA1_80 {KEY}\n"
        f"      a=crypto:2 AES_CM_128_HMAC_SHA1_32 {KEY}\n",
    )
)


def body_must_match(*checks: tuple[str, str]) -> str:
    """One <action> with an ereg per (regexp, variable): sipp keeps one action per recv."""
    eregs = "".join(
        f'      <ereg regexp="{regexp}" search_in="msg" check_it="true" assign_to="{var}"/>\n'
        for regexp, var in checks
    )
    return f"    <action>\n{eregs}    </action>\n"


async def test_savp_offer_answered_with_our_key(tmp_path: Path, listener_factory) -> None:
    answered = (
        '  <recv response="100" optional="true"/>\n  <recv response="180" optional="true"/>\n'
        '  <recv response="200" rrs="true">\n'
        + body_must_match(
            (r"m=audio [0-9]+ RTP/SAVP 8 101", "profile"),
            (r"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[A-Za-z0-9+/]{40}", "key"),
        )
        + "  </recv>\n"
    )
    xml = scenario(invite(SAVP_SDP), answered, request("ACK", 1), HANG_UP)
    async with listener_factory(greeting_pcm=b"") as harness:
        result = await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"
    ok = result.messages.split("SIP/2.0 200 OK", 1)[1]
    (answered_key,) = re.findall(r"a=crypto:1 AES_CM_128_HMAC_SHA1_80 (inline:\S+)", ok)[:1]
    assert answered_key != KEY  # its own key, not ours echoed


@pytest.mark.parametrize(("policy", "body"), [("required", None), ("off", SAVP_SDP)])
async def test_refused_by_policy_with_488(
    tmp_path: Path, listener_factory, policy: str, body: str | None
) -> None:
    refused = '  <recv response="100" optional="true"/>\n  <recv response="488"/>\n'
    xml = scenario(invite(body), refused, ACK_REFUSED)
    async with listener_factory(greeting_pcm=b"", srtp=policy) as harness:
        await sipp_ok(tmp_path, harness, xml)
        assert harness.listener.active_calls == 0
    assert not harness.of_type(CallAnswered)


async def test_delayed_offer_gets_our_savp_offer(tmp_path: Path, listener_factory) -> None:
    """No SDP in the INVITE: with SRTP required our offer in the 200 is RTP/SAVP with an
    _80 and an _32 key; the caller's answer in the ACK takes tag 2."""
    empty_invite = invite("").replace("Content-Type: application/sdp\n      ", "")
    offer_in_200 = (
        '  <recv response="100" optional="true"/>\n  <recv response="180" optional="true"/>\n'
        '  <recv response="200" rrs="true">\n'
        + body_must_match(
            (r"m=audio [0-9]+ RTP/SAVP 8 0 101", "profile"),
            (r"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:", "first"),
            (r"a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:", "second"),
        )
        + "  </recv>\n"
    )
    answer = (
        SAVP_SDP.replace(" 8 0 101", " 8 101")
        .replace("      a=rtpmap:0 PCMU/8000\n", "")
        .replace(f"      a=crypto:1 AES_CM_128_HMAC_SHA1_80 {KEY}\n", "")
    )
    ack = (
        request("ACK", 1)
        .replace("Content-Length: 0", "Content-Type: application/sdp\n      Content-Length: [len]")
        .replace("  ]]></send>", f"      {answer}\n  ]]></send>")
    )
    xml = scenario(empty_invite, offer_in_200, ack, '  <pause milliseconds="1500"/>\n', HANG_UP)
    async with listener_factory(greeting_pcm=b"", srtp="required") as harness:
        await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert isinstance(finished, CallFinished)
    assert finished.reason == "caller_hangup"  # the answer in the ACK was taken, not refused
