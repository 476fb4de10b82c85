"""sipp scenarios against the listener: the SIP behaviour a PBX or Kamailio relies on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered, CallCancelled, CallFinished

from tests.fixtures.common import free_port
from tests.fixtures.sipp import (
    ACK_REFUSED,
    ANSWERED,
    CANCEL,
    EXPECT_BYE_FROM_US,
    FROM,
    HANG_UP,
    body_must_match,
    invite,
    needs_sipp,
    request,
    run_sipp,
    scenario,
    sdp,
    sipp_ok,
)

pytestmark = [needs_sipp, pytest.mark.timeout(180)]


async def test_options_answered_200_with_allow(tmp_path: Path, listener_factory) -> None:
    xml = scenario(
        request("OPTIONS", 1, uri="sip:[remote_ip]:[remote_port]").replace("[peer_tag_param]", ""),
        '  <recv response="200">\n' + body_must_match("Allow:.*INVITE", "a") + "  </recv>\n",
    )
    async with listener_factory() as harness:
        await sipp_ok(tmp_path, harness, xml)


async def test_cancel_before_answer_gives_487_and_no_recording(
    tmp_path: Path, listener_factory
) -> None:
    xml = scenario(
        invite(),
        '  <recv response="100" optional="true"/>\n  <recv response="180"/>\n',
        CANCEL,
        '  <recv response="200"/>\n  <recv response="487"/>\n',
        ACK_REFUSED,
    )
    async with listener_factory(ring_seconds=3.0) as harness:
        await sipp_ok(tmp_path, harness, xml)
        await harness.wait_for(lambda: harness.of_type(CallCancelled))
        assert harness.listener.active_calls == 0
    assert not harness.of_type(CallAnswered)
    assert not harness.of_type(CallFinished)
    recordings = tmp_path / "recordings"
    assert not recordings.exists() or not any(recordings.rglob("*.wav"))


async def test_missing_ack_retransmits_200_then_byes(tmp_path: Path, listener_factory) -> None:
    xml = scenario(
        invite(),
        '  <recv response="100" optional="true"/>\n',
        '  <recv response="200"/>\n',
        EXPECT_BYE_FROM_US,
    )
    async with listener_factory(sip_t1=0.1) as harness:
        result = await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert finished.reason == "no_ack"
    # sipp absorbs the retransmissions itself; its message log shows them.
    received_200 = re.findall(r"message received[^\n]*\n+SIP/2.0 200 OK", result.messages)
    assert len(received_200) >= 4


async def test_reinvite_to_sendonly_and_back(tmp_path: Path, listener_factory) -> None:
    xml = scenario(
        invite(),
        ANSWERED,
        request("ACK", 1),
        '  <pause milliseconds="500"/>\n',
        invite(sdp("sendonly"), cseq=2, in_dialog=True),
        '  <recv response="100" optional="true"/>\n  <recv response="200">\n'
        + body_must_match("a=recvonly", "h")
        + "  </recv>\n",
        request("ACK", 2),
        invite(sdp("sendrecv"), cseq=3, in_dialog=True),
        '  <recv response="100" optional="true"/>\n  <recv response="200">\n'
        + body_must_match("a=sendrecv", "r")
        + "  </recv>\n",
        request("ACK", 3),
        request("BYE", 4),
        '  <recv response="200"/>\n',
    )
    async with listener_factory() as harness:
        await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"


async def test_we_send_bye_at_max_duration(tmp_path: Path, listener_factory) -> None:
    xml = scenario(invite(), ANSWERED, request("ACK", 1), EXPECT_BYE_FROM_US)
    async with listener_factory(max_call_seconds=2) as harness:
        await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert finished.reason == "max_duration"
    assert finished.recording_path.exists()


async def test_compact_headers(tmp_path: Path, listener_factory) -> None:
    compact = """  <send retrans="500"><![CDATA[

      INVITE sip:12345@[remote_ip]:[remote_port] SIP/2.0
      v: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      f: {FROM}
      t: <sip:12345@[remote_ip]:[remote_port]>
      i: [call_id]
      CSeq: 1 INVITE
      m: <sip:13800138000@[local_ip]:[local_port]>
      k:
      Max-Forwards: 70
      c: application/sdp
      l: [len]

      {SDP}
  ]]></send>
""".replace("{FROM}", FROM).replace("{SDP}", sdp())
    xml = scenario(compact, ANSWERED, request("ACK", 1), HANG_UP)
    async with listener_factory() as harness:
        await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"


@pytest.mark.parametrize("level", ["session", "media"])
async def test_session_or_media_level_connection_line(
    tmp_path: Path, listener_factory, level: str
) -> None:
    body = sdp(session_c=level == "session", media_c=level == "media")
    xml = scenario(invite(body), ANSWERED, request("ACK", 1), HANG_UP)
    async with listener_factory() as harness:
        await sipp_ok(tmp_path, harness, xml)
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"


async def test_untrusted_source_gets_403(tmp_path: Path, listener_factory) -> None:
    xml = scenario(
        invite(),
        '  <recv response="100" optional="true"/>\n  <recv response="403"/>\n',
        request("ACK", 1, uri="sip:12345@[remote_ip]:[remote_port]"),
    )
    async with listener_factory(trusted_peers=["127.0.0.1/32"]) as harness:
        result = await run_sipp(
            tmp_path,
            xml,
            f"127.0.0.1:{harness.port}",
            "-i",
            "127.0.0.2",
            "-m",
            "1",
            "-mi",
            "127.0.0.2",
            "-mp",
            str(free_port(host="127.0.0.2", span=4)),
            name="untrusted",
        )
        assert result.returncode == 0, str(result)
        assert harness.listener.active_calls == 0
    assert not harness.events
