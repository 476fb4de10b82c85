"""Session timers (RFC 4028): the sans-I/O negotiation and clock, sipp callers that refresh,
never refresh or ask the listener to refresh, 422 both ways, and the settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hotline.telephony.events import CallAnswered
from hotline.telephony.sip.message import Request, Response
from hotline.telephony.sip.session_timer import (
    SESSION_TIMER,
    SessionClock,
    SessionTerms,
    TimerState,
    TooSmall,
    min_se_of,
    uas_terms,
)

from hotline.intake_wiring import listener_options
from hotline.settings import ConfigError, load_settings
from tests.fixtures.sipp import (
    needs_sipp,
    scenario_file,
    sipp_ok,
)
from tests.telephony.dial_uas import dial_sipp_scenario

pytestmark = pytest.mark.timeout(120)


# ---- sans-I/O ----------------------------------------------------------------------------


def _invite(**headers: str) -> Request:
    request = Request(method="INVITE", uri="sip:12345@127.0.0.1")
    for name, value in headers.items():
        request.add(name.replace("_", "-"), value)
    return request


def test_uas_terms_follow_the_request() -> None:
    terms = uas_terms(_invite(), min_se=90, default_interval=1800)
    assert terms is None  # no timer asked, none supported
    offered = uas_terms(_invite(Supported="timer"), min_se=90, default_interval=1800)
    assert offered == SessionTerms(1800, "uac", True)
    assert uas_terms(_invite(Session_Expires="30"), min_se=90, default_interval=None) == TooSmall(
        90
    )
    # The caller's own Min-SE raises the floor.
    assert uas_terms(
        _invite(Session_Expires="100", Min_SE="120"), min_se=90, default_interval=None
    ) == TooSmall(120)
    # A proxy asked (the caller does not support timers): we refresh, no Require.
    assert uas_terms(
        _invite(Session_Expires="600"), min_se=90, default_interval=None
    ) == SessionTerms(600, "uas", False)
    asked = _invite(Supported="100rel, timer", Session_Expires="600;refresher=uas")
    assert uas_terms(asked, min_se=90, default_interval=None) == SessionTerms(600, "uas", True)
    garbage = _invite(Supported="timer", Session_Expires="soon")
    assert uas_terms(garbage, min_se=90, default_interval=None) is None


def test_clock_refreshes_at_half_and_gives_up_on_408() -> None:
    clock = SessionClock("uas")
    clock.negotiated(SessionTerms(100, "uas", True), now=0.0)
    assert clock.deadline == 50.0 and clock.on_timer(49.0) is None
    assert clock.on_timer(50.0) == "refresh" and clock.state is TimerState.REFRESHING
    ok = Response(status=200, reason="OK")
    ok.add("Session-Expires", "120;refresher=uas")
    assert clock.refresh_answered(ok, now=51.0) is None
    assert clock.state is TimerState.RUNNING and clock.deadline == 51.0 + 60
    assert clock.on_timer(111.0) == "refresh"
    assert clock.refresh_answered(Response(status=408, reason="Timeout"), now=112.0) == "bye"
    assert clock.state is TimerState.EXPIRED


def test_clock_hangs_up_when_the_peer_does_not_refresh() -> None:
    clock = SessionClock("uas")
    clock.negotiated(SessionTerms(90, "uac", True), now=0.0)
    assert clock.deadline == 90 - 30  # min(32, 90/3) before expiry
    clock.negotiated(SessionTerms(90, "uac", True), now=40.0)  # their refresh came
    assert clock.on_timer(60.0) is None
    assert clock.on_timer(100.0) == "bye" and clock.deadline is None


def test_clock_table_has_no_way_out_of_expired() -> None:
    assert not [key for key in SESSION_TIMER if key[0] is TimerState.EXPIRED]


def test_422_retry_headers() -> None:
    response = Response(status=422, reason="Session Interval Too Small")
    assert min_se_of(response) is None
    response.add("Min-SE", "300")
    assert min_se_of(response) == {"Session_Expires": "300", "Min_SE": "300"}


# ---- settings ----------------------------------------------------------------------------


def test_session_timer_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("HOTLINE_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no ./hotline.yaml: the packaged defaults
    settings = load_settings()
    assert settings.sip.session_expires_seconds == 1800 and settings.sip.min_se_seconds == 90
    options = listener_options(settings)
    assert options.session_expires == 1800 and options.min_se == 90
    monkeypatch.setenv("HOTLINE_SIP__MIN_SE_SECONDS", "30")  # below RFC 4028's floor
    with pytest.raises(ConfigError, match="min_se_seconds"):
        load_settings()


# ---- the listener against sipp -------------------------------------------------------------


async def _sipp(tmp_path: Path, harness, name: str) -> None:
    await sipp_ok(tmp_path, harness, scenario_file(name), name=name, timeout=40)


@needs_sipp
async def test_too_small_session_expires_gets_422_then_the_retry_is_answered(
    tmp_path: Path, listener_factory
) -> None:
    async with listener_factory() as harness:
        await _sipp(tmp_path, harness, "uac_timer_422")
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"
    assert len(harness.of_type(CallAnswered)) == 1


@needs_sipp
async def test_refreshed_session_outlives_its_interval(tmp_path: Path, listener_factory) -> None:
    async with listener_factory(min_se=1) as harness:
        await _sipp(tmp_path, harness, "uac_timer_refreshes")
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"


@needs_sipp
async def test_dead_session_is_ended_with_bye(tmp_path: Path, listener_factory) -> None:
    async with listener_factory(min_se=1) as harness:
        await _sipp(tmp_path, harness, "uac_timer_expires")
        (finished,) = await harness.finished()
    assert finished.reason == "session_expired"


@needs_sipp
@pytest.mark.parametrize("method", ["update", "invite"])
async def test_listener_refreshes_when_it_is_the_refresher(
    tmp_path: Path, listener_factory, method: str
) -> None:
    async with listener_factory(min_se=1) as harness:
        await _sipp(tmp_path, harness, f"uac_timer_uas_refreshes_{method}")
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"


# ---- the dialer ----------------------------------------------------------------------------


@needs_sipp
async def test_dialer_retries_a_422_with_the_min_se(tmp_path: Path) -> None:
    outcome, result = await dial_sipp_scenario(tmp_path, "uas_timer_422")
    assert outcome == "answered"
    assert result.returncode == 0, str(result)
