"""Follow-up calls never ring the service itself (issue #15, item 3).

Without `sip.outbound.proxy` a survey went to sip:<caller>@<our own host>: the
service's own listener answered it (a junk draft) and the attempt counted as
answered. Now dialling is off without an outbound route (config check warns, the
follow-up API carries a notice for the panel), and the dialer refuses its own
listener in any configuration.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hotline.telephony.events import CallEvent
from hotline.telephony.listener import ListenerOptions, SipListener
from hotline.telephony.own_address import is_local_address, own_listener_hit
from hotline.ticketing.followup.policy import NO_OUTBOUND_ROUTE, policy_from_settings
from hotline.ticketing.followup.scheduler import FollowupScheduler
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import JobState
from hotline.ticketing.routing import Router

from hotline.settings import Settings
from hotline.survey_dialer import build_survey_dialer
from tests.fixtures.cli import HotlineCli
from tests.fixtures.db import SettableClock
from tests.fixtures.followup import CloseTicket, surveyable_database, surveying_server
from tests.fixtures.service import HotlineServer

# --- configuration --------------------------------------------------------------------------


def test_config_check_warns_without_an_outbound_route(hotline_cli: HotlineCli) -> None:
    result = hotline_cli("config", "check")
    assert result.exit_code == 0, result.stderr  # a warning, not an error
    assert "warning" in result.stderr and "sip.outbound.proxy" in result.stderr
    assert NO_OUTBOUND_ROUTE in result.stderr

    hotline_cli.env["HOTLINE_SIP__OUTBOUND__PROXY"] = "sip:pbx.example.test:5060"
    configured = hotline_cli("config", "check")
    assert configured.exit_code == 0, configured.stderr
    assert "sip.outbound.proxy" not in configured.stderr


def test_the_policy_says_why_dialling_is_off(tmp_path: Path) -> None:
    bare = Settings(storage={"recordings_dir": tmp_path, "database_url": "sqlite:///unused"})
    assert policy_from_settings(bare).dialling_off == NO_OUTBOUND_ROUTE
    assert not policy_from_settings(bare).dialling
    routed = bare.model_copy(
        update={
            "sip": bare.sip.model_copy(
                update={"outbound": bare.sip.outbound.model_copy(update={"proxy": "sip:pbx"})}
            )
        }
    )
    assert policy_from_settings(routed).dialling_off is None


# --- the dialer refuses its own listener ----------------------------------------------------


def test_own_listener_compares_host_and_port() -> None:
    assert own_listener_hit("127.0.0.1", 5070, [("127.0.0.1", 5070)]) == ("127.0.0.1", 5070)
    assert own_listener_hit("127.0.0.1", 5070, [("0.0.0.0", 5070)]) == ("0.0.0.0", 5070)
    assert own_listener_hit("127.0.0.1", 5070, [("localhost", 5070)]) == ("localhost", 5070)
    assert own_listener_hit("0.0.0.0", 5070, [("127.0.0.1", 5070)]) == ("127.0.0.1", 5070)
    # A peer on the same host at another port, or at another loopback address
    # when the listener is bound to one address only, is someone else (test callees).
    assert own_listener_hit("127.0.0.1", 5071, [("127.0.0.1", 5070)]) is None
    assert own_listener_hit("127.0.0.2", 5070, [("127.0.0.1", 5070)]) is None
    assert is_local_address("127.0.0.1") and is_local_address("::1")
    assert not is_local_address("192.0.2.1")  # TEST-NET-1: not this machine (bind only)


@pytest.fixture
async def listener(tmp_path: Path) -> tuple[SipListener, list[CallEvent]]:
    events: list[CallEvent] = []
    sip = SipListener(
        ListenerOptions(
            host="127.0.0.1", port=0, transports=("udp",), recordings_dir=tmp_path / "rec"
        ),
        events.append,
    )
    await sip.start()
    yield sip, events  # type: ignore[misc]
    await sip.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("route", ["target", "proxy"])
async def test_the_dialer_refuses_to_call_its_own_listener(
    route: str,
    tmp_path: Path,
    listener: tuple[SipListener, list[CallEvent]],
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
) -> None:
    sip_listener, events = listener
    port = sip_listener.port
    settings = Settings(
        storage={
            "recordings_dir": tmp_path / "recordings",
            "prompts_dir": tmp_path / "prompts",
            "database_url": "sqlite:///unused",
        },
        sip={
            "host": "127.0.0.1",
            "port": port,
            # "proxy": an outbound route misconfigured to point at ourselves.
            "outbound": {"proxy": f"sip:127.0.0.1:{port}" if route == "proxy" else None},
        },
    )
    dialer = await build_survey_dialer(settings)
    if route == "target":  # no route: sip:<caller>@<our host>:<our port>
        dialer.target_for = lambda number: f"sip:{number}@127.0.0.1:{port}"
    try:
        close_ticket(summary="路灯不亮")
        [job] = await asyncio.to_thread(followup_service.sweep)
        clock.now = job.due_at
        [done] = await FollowupScheduler(followup_service, dialer).run_once()
    finally:
        await dialer.sip.close()
    [attempt] = followup_service.attempts(job.id)
    assert attempt.outcome == "failed"  # not answered
    assert attempt.detail.startswith("未拨出") and "own SIP listener" in attempt.detail
    assert done.state is not JobState.DONE and done.last_outcome == "failed"
    assert events == [] and sip_listener.active_calls == 0  # no INVITE reached it


# --- hotline serve: no outbound proxy, nothing dialled ------------------------------------


def _jobs(server: HotlineServer) -> list[dict[str, Any]]:
    out = server.cli("followup", "list", "--json")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _planned(server: HotlineServer, ticket_id: int, timeout: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = [j for j in _jobs(server) if j["ticket_id"] == ticket_id]
        if jobs:
            return jobs[0]
        time.sleep(0.5)
    raise AssertionError(f"no follow-up job planned in {timeout} s:\n{server.log_text()[-3000:]}")


@pytest.mark.slow
@pytest.mark.timeout(600)
async def test_serve_without_outbound_proxy_dials_nothing(
    tmp_path: Path, vosk_model_dir: Path, router: Router
) -> None:
    url, ticket_id = surveyable_database(tmp_path)
    server = surveying_server(tmp_path / "node", url, vosk_model_dir, router)
    try:
        await asyncio.to_thread(server.start, 280)  # the first start loads the models
        log = await asyncio.to_thread(server.wait_log, "follow-up scheduler running", 60)
        assert "follow-up dialling off" in log and "dialling off" in log, log
        # The first pass plans the survey (due now, window open) and, in that same pass,
        # would have claimed and dialled it; the shutdown waits for the pass's calls.
        await asyncio.to_thread(_planned, server, ticket_id)
        server.add_user("wang", "operator", "pass-word-1")
        status, body = await asyncio.to_thread(
            server.http_json, "/api/v1/followup/jobs", login=("wang", "pass-word-1")
        )
        assert status == 200 and body["notice"] == NO_OUTBOUND_ROUTE, body
    finally:
        assert await asyncio.to_thread(server.terminate) == 0
    [job] = [j for j in _jobs(server) if j["ticket_id"] == ticket_id]
    assert job["state"] == "planned" and job["attempts"] == 0, job
    assert [t["id"] for t in server.tickets()] == [ticket_id]  # no junk draft from a self-call
