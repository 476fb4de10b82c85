"""Browser fixtures: the real app on a free loopback port and Debian's Chromium driven by
Playwright (never `playwright install`: it downloads a browser, which these machines
cannot)."""

from __future__ import annotations

import socket
import wave
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from hotline.ticketing.deadlines import DeadlinePolicy, utc_now
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.events import EventHub

from hotline.catalog_loader import load_catalog
from hotline.migrations import upgrade
from hotline.settings import Settings
from tests.fixtures.browser import ARTIFACTS
from tests.fixtures.web import add_web_users, web_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class LiveServer:
    url: str
    database: Database
    hub: EventHub
    recordings: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_wav(path: Path, seconds: float = 6.0) -> None:
    """A quiet tone: enough for the player to have a duration to seek in."""
    import math

    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    for i in range(int(8000 * seconds)):
        value = int(800 * math.sin(2 * math.pi * 440 * i / 8000))
        frames += value.to_bytes(2, "little", signed=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(frames))


@pytest.fixture
async def live_server(tmp_path: Path) -> AsyncIterator[LiveServer]:
    async with serve_live(tmp_path) as server:
        yield server


@asynccontextmanager
async def serve_live(
    tmp_path: Path, settings: Settings | None = None, **app_options: Any
) -> AsyncIterator[LiveServer]:
    """The app on a free loopback port; `app_options` go to create_web_app (e.g. suggest)."""
    # The wall clock: the browser's countdowns run on the same time as the server.
    url = f"sqlite:///{tmp_path / 'var' / 'hotline.db'}"
    upgrade(url)
    database = Database.open(url, catalog=load_catalog(), policy=DeadlinePolicy(), clock=utc_now)
    add_web_users(database)
    hub = EventHub()
    settings = settings or web_settings(tmp_path, max_body_bytes=1024 * 1024)
    app = create_web_app(database, settings, hub=hub, data_dir=tmp_path / "data", **app_options)
    runner = web.AppRunner(app)
    await runner.setup()
    port = _free_port()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", database, hub, tmp_path / "recordings")
    finally:
        await runner.cleanup()
        database.close()


@pytest.fixture
async def browser() -> AsyncIterator[object]:
    from playwright.async_api import async_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    async with async_playwright() as p:
        # launch() gives every run a fresh temporary profile (user-data-dir).
        b = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            await b.close()
