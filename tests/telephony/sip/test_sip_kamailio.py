"""Kamailio in front of hotline: dispatcher with OPTIONS probing; registrar/proxy with digest."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hotline.telephony.dialer import Dialer, DialerOptions
from hotline.telephony.events import CallAnswered, DtmfReceived
from hotline.telephony.sip.registration import RegistrationOptions

from tests.fixtures.sip import free_port, needs_sipp, run_sipp, speechlike_pcm
from tests.telephony.sip.test_sip_scenarios import (
    ANSWERED,
    EXPECT_BYE_FROM_US,
    invite,
    request,
    scenario,
)

KAMAILIO = shutil.which("kamailio")
KAMCMD = shutil.which("kamcmd")
pytestmark = [
    pytest.mark.skipif(KAMAILIO is None or KAMCMD is None, reason="kamailio not installed"),
    pytest.mark.timeout(180),
]

COMMON = """#!KAMAILIO
debug=2
log_stderror=yes
children=2
tcp_children=1
auto_aliases=no
listen=udp:127.0.0.1:{port}
listen=tcp:127.0.0.1:{port}
loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "sl.so"
loadmodule "tm.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "ctl.so"
modparam("ctl", "binrpc", "unix:{ctl}")
"""

DISPATCHER = (
    COMMON
    + """
loadmodule "dispatcher.so"
modparam("dispatcher", "list_file", "{listfile}")
modparam("dispatcher", "ds_ping_interval", 1)
modparam("dispatcher", "ds_probing_mode", 1)
modparam("dispatcher", "ds_probing_threshold", 1)
modparam("dispatcher", "ds_inactive_threshold", 1)
modparam("dispatcher", "ds_ping_from", "sip:dispatcher@127.0.0.1")

request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (has_totag()) {{
        if (loose_route() || is_method("ACK")) {{ t_relay(); exit; }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{ if (t_check_trans()) t_relay(); exit; }}
    if (is_method("INVITE")) record_route();
    if (!ds_select_dst("1", "4")) {{ sl_send_reply("503", "No nodes"); exit; }}
    t_relay();
}}
"""
)

REGISTRAR = (
    COMMON
    + """
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"
modparam("registrar", "min_expires", 2)
modparam("auth", "nonce_expire", 300)

request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (has_totag()) {{
        if (loose_route() || is_method("ACK")) {{ t_relay(); exit; }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{ if (t_check_trans()) t_relay(); exit; }}
    if (is_method("REGISTER")) {{
        if (!pv_www_authenticate("$td", "{password}", "0")) {{
            www_challenge("$td", "1");
            exit;
        }}
        if (!save("location")) sl_reply_error();
        exit;
    }}
    if (!pv_proxy_authenticate("$fd", "{password}", "0")) {{
        proxy_challenge("$fd", "1");
        exit;
    }}
    consume_credentials();
    if (!lookup("location")) {{ sl_send_reply("404", "Not registered"); exit; }}
    record_route();
    t_relay();
}}
"""
)


class Kamailio:
    def __init__(self, workdir: Path, port: int, ctl: Path) -> None:
        self.workdir, self.port, self.ctl = workdir, port, ctl

    async def rpc(self, *command: str) -> str:
        assert KAMCMD is not None
        proc = await asyncio.create_subprocess_exec(
            KAMCMD,
            "-s",
            f"unix:{self.ctl}",
            *command,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await asyncio.wait_for(proc.communicate(), 20)
        return out.decode(errors="replace")


@contextlib.asynccontextmanager
async def kamailio(tmp_path: Path, template: str, **values: object) -> AsyncIterator[Kamailio]:
    assert KAMAILIO is not None
    workdir = tmp_path / "kamailio"
    workdir.mkdir()
    port = free_port()
    ctl = workdir / "ctl.sock"
    cfg = workdir / "kamailio.cfg"
    cfg.write_text(template.format(port=port, ctl=ctl, **values))
    # Output to a file, not a pipe: an unread pipe fills up and blocks Kamailio's
    # processes, and its forked children keep a pipe open after the main one exits.
    log = (workdir / "kamailio.log").open("wb")
    proc = await asyncio.create_subprocess_exec(
        KAMAILIO,
        "-f",
        str(cfg),
        "-DD",
        "-E",
        "-w",
        str(workdir),
        "-Y",
        str(workdir),
        "-P",
        str(workdir / "kamailio.pid"),
        "-m",
        "64",
        "-M",
        "8",
        stdout=log,
        stderr=log,
        start_new_session=True,  # its own process group: cleanup reaches the children
    )
    try:
        loop = asyncio.get_running_loop()
        end = loop.time() + 60
        while not ctl.exists():
            if proc.returncode is not None or loop.time() > end:
                out = (workdir / "kamailio.log").read_text(errors="replace")
                raise AssertionError(f"kamailio did not start:\n{out[-3000:]}")
            await asyncio.sleep(0.1)
        yield Kamailio(workdir, port, ctl)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 10)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(proc.wait(), 10)
        log.close()


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
        async with kamailio(tmp_path, DISPATCHER, listfile=listfile) as kam:
            await wait_flags(kam, [one.port, two.port], "AP")  # Active, Probing: OPTIONS 200
            xml = scenario(
                invite(),
                ANSWERED,
                request("ACK", 1),
                '  <pause milliseconds="300"/>\n',
                request("BYE", 2),
                '  <recv response="200"/>\n',
            )
            result = await run_sipp(
                tmp_path,
                xml,
                f"127.0.0.1:{kam.port}",
                "-i",
                "127.0.0.1",
                "-p",
                str(free_port()),
                "-mp",
                str(free_port()),
                "-m",
                "4",
                "-l",
                "1",
                name="dispatch",
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
    async with kamailio(tmp_path, REGISTRAR, password="s3cret") as kam:
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
        async with kamailio(tmp_path, DISPATCHER, listfile=listfile) as kam:
            await wait_flags(kam, [node.port], "AP")
            xml = scenario(invite(), ANSWERED, request("ACK", 1), EXPECT_BYE_FROM_US)
            result = await run_sipp(
                tmp_path,
                xml,
                f"127.0.0.1:{kam.port}",
                "-i",
                "127.0.0.1",
                "-p",
                str(free_port()),
                "-mp",
                str(free_port()),
                "-m",
                "1",
                name="rr",
            )
            assert result.returncode == 0, str(result)
            (finished,) = await node.finished()
    assert finished.reason == "max_duration"
    bye = result.messages[result.messages.index("BYE sip:") :]
    assert f"SIP/2.0/UDP 127.0.0.1:{kam.port}" in bye.split("\n\n")[0]  # came via Kamailio
