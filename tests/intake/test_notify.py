"""Robot webhook notices against a local aiohttp server (the real robots are unreachable)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp import web
from hotline.ticketing.notify import (
    DraftNotice,
    DraftNotifier,
    build_payload,
    notifier_from_settings,
)

NOTICE = DraftNotice(
    ticket_id=42,
    received_at=datetime(2026, 1, 5, 1, 30, tzinfo=UTC),
    caller_number="13800001234",
    text="小区停水三天了没人管",
    suggested_unit="自来水公司",
)


class Robot:
    """A webhook that fails the first `failures` posts, then answers errcode 0."""

    def __init__(self, failures: int = 0, mode: str = "http500") -> None:
        self.failures = failures
        self.mode = mode
        self.received: list[dict[str, Any]] = []
        self.attempts = 0

    async def handle(self, request: web.Request) -> web.Response:
        self.attempts += 1
        body = await request.json()
        if self.attempts <= self.failures:
            if self.mode == "http500":
                return web.Response(status=500)
            return web.json_response({"errcode": 45009, "errmsg": "api freq out of limit"})
        self.received.append(body)
        return web.json_response({"errcode": 0, "errmsg": "ok"})


async def _serve(robot: Robot, aiohttp_port: int) -> web.AppRunner:
    app = web.Application()
    app.router.add_post("/robot", robot.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", aiohttp_port).start()
    return runner


@pytest.fixture
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_wecom_payload_has_link_and_masked_number() -> None:
    payload = build_payload("wecom", NOTICE, "http://h/tickets/42")
    content = payload["markdown"]["content"]
    assert payload["msgtype"] == "markdown"
    assert "http://h/tickets/42" in content
    assert "138****1234" in content and "13800001234" not in content
    assert "小区停水三天了没人管" in content and "自来水公司" in content


def test_dingtalk_payload_has_title_and_text() -> None:
    payload = build_payload("dingtalk", NOTICE, "http://h/tickets/42")
    assert payload["msgtype"] == "markdown"
    assert "#42" in payload["markdown"]["title"]
    assert "http://h/tickets/42" in payload["markdown"]["text"]


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="wecom or dingtalk"):
        build_payload("slack", NOTICE, "x")  # type: ignore[arg-type]


def test_off_by_default() -> None:
    assert notifier_from_settings(None, "wecom", "http://h") is None


@pytest.mark.parametrize("fmt", ["wecom", "dingtalk"])
@pytest.mark.parametrize("mode", ["http500", "errcode"])
async def test_failures_are_retried_until_delivered(fmt: str, mode: str, free_port: int) -> None:
    robot = Robot(failures=2, mode=mode)
    runner = await _serve(robot, free_port)
    notifier = DraftNotifier(
        f"http://127.0.0.1:{free_port}/robot", fmt, "http://console", first_delay=0.01
    )  # type: ignore[arg-type]
    await notifier.start()
    try:
        notifier.submit(NOTICE)
        await asyncio.wait_for(notifier.drain(), 30)
    finally:
        await notifier.close()
        await runner.cleanup()
    assert robot.attempts == 3
    assert len(robot.received) == 1 and notifier.sent == 1
    assert "http://console/console#/ticket/42" in str(robot.received[0])


async def test_unreachable_webhook_gives_up_without_blocking(free_port: int) -> None:
    # Nothing listens on free_port: every attempt fails with a connection error.
    notifier = DraftNotifier(
        f"http://127.0.0.1:{free_port}/robot", "wecom", "http://c", max_attempts=3, first_delay=0.01
    )
    await notifier.start()
    try:
        notifier.submit(NOTICE)  # returns at once
        notifier.submit(NOTICE)
        await asyncio.wait_for(notifier.drain(), 30)
    finally:
        await notifier.close()
    assert notifier.failed == 2 and notifier.sent == 0
