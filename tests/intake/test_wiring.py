"""Settings → listener options, routing's duplicate search, EventHub publishing."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hotline.ticketing.intake.records import CallTranscribed
from hotline.ticketing.intake.store_port import AppliedChange
from hotline.ticketing.model import State, Ticket
from hotline.ticketing.web.events import EventHub

from hotline.catalog_loader import load_catalog
from hotline.intake_wiring import listener_options, publish_to_hub, shutdown_grace_seconds
from hotline.routing_wiring import build_route, routing_duplicates
from hotline.settings import DEFAULT_CONFIG_FILE, ConfigError, Settings, load_settings

T0 = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


def test_listener_options_follow_settings(tmp_path: Path) -> None:
    greeting = tmp_path / "g.wav"
    greeting.write_bytes(b"")
    settings = Settings(
        sip={"port": 5070, "greeting_wav": greeting, "silence_timeout_seconds": 7},
        storage={"recordings_dir": tmp_path / "rec"},
    )
    options = listener_options(settings, sip_port=5099)
    assert options.port == 5099 and options.greeting_wav == greeting
    assert options.silence_timeout == 7 and options.recordings_dir == tmp_path / "rec"
    assert listener_options(settings).port == 5070


def test_shutdown_grace_is_a_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name in list(os.environ):
        if name.startswith("HOTLINE_"):
            monkeypatch.delenv(name)
    assert shutdown_grace_seconds(load_settings(DEFAULT_CONFIG_FILE)) == 60
    config = tmp_path / "hotline.yaml"
    config.write_text("sip:\n  shutdown_grace_seconds: 20\n", encoding="utf-8")
    assert shutdown_grace_seconds(load_settings(config)) == 20
    monkeypatch.setenv("HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS", "12")  # environment wins
    assert shutdown_grace_seconds(load_settings(config)) == 12
    # A call cannot outlast sip.max_call_seconds, so neither does the wait.
    assert shutdown_grace_seconds(Settings(sip={"max_call_seconds": 5})) == 5
    monkeypatch.setenv("HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS", "soon")
    with pytest.raises(ConfigError, match="sip.shutdown_grace_seconds"):
        load_settings(config)
    monkeypatch.delenv("HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS")
    monkeypatch.setenv("HOTLINE_SHUTDOWN_GRACE_SECONDS", "12")  # the old name: said, not read
    assert shutdown_grace_seconds(load_settings(config)) == 20
    assert "HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS" in caplog.text


def _ticket(id_: int, text: str, caller: str, hours: float = 0) -> Ticket:
    t = Ticket(received_at=T0 + timedelta(hours=hours), caller_number=caller, machine_text=text)
    t.id = id_
    return t


def test_routing_duplicates_same_number_or_similar_content() -> None:
    route, router = build_route(Settings(), load_catalog())
    assert route is not None and router is not None
    find = routing_duplicates(router)
    old_same_text = _ticket(1, "鲅鱼圈区海星小区停水三天了一直没人管", "13800000001")
    old_same_number = _ticket(2, "路灯坏了", "13900000002")
    unrelated = _ticket(3, "我要咨询一下养老保险怎么交", "13700000003")
    closed = _ticket(4, "鲅鱼圈区海星小区停水三天了一直没人管", "13900000002")
    closed.state = State.CLOSED
    draft = _ticket(9, "海星小区停水三天了没人管", "13900000002", hours=2)
    found = find(draft, [old_same_text, old_same_number, unrelated, closed])
    assert set(found) == {1, 2}


async def test_publish_to_hub_reaches_a_console_subscriber() -> None:
    hub = EventHub()
    t = _ticket(5, "你好", "13800000001")
    change = AppliedChange("updated", t, CallTranscribed("c5", "你好", (), 1.0))
    async with hub.subscribe() as queue:
        publish_to_hub(hub)(change)
        _, event = queue.get_nowait()
    assert event.kind == "ticket.updated" and event.ticket_id == 5 and event.state == "draft"
    assert event.data["intake"] == "call_transcribed"
