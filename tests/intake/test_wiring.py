"""Settings → listener options, routing's duplicate search, EventHub publishing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from config.catalog_loader import load_catalog
from config.settings import Settings
from hotline.intake_wiring import (
    build_route,
    listener_options,
    publish_to_hub,
    routing_duplicates,
    shutdown_grace_seconds,
)
from ticketing.intake import AppliedChange, CallTranscribed
from ticketing.model import State, Ticket
from ticketing.web.events import EventHub

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


def test_shutdown_grace_from_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOTLINE_SHUTDOWN_GRACE_SECONDS", "12")
    assert shutdown_grace_seconds(Settings()) == 12
    monkeypatch.setenv("HOTLINE_SHUTDOWN_GRACE_SECONDS", "soon")
    assert shutdown_grace_seconds(Settings()) == 60


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
