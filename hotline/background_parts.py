"""The long-running parts of `hotline serve`, as aiohttp cleanup contexts
(`async def part(app): start; yield; stop`): started in order before the server accepts
requests, stopped in reverse on shutdown. Parts that need the database wait for it
(hotline/database_gate.py)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

from aiohttp import web

from hotline.intake_wiring import build_intake_runtime, shutdown_grace_seconds
from hotline.node_takeover import takeover_part
from hotline.routing_retrainer import retrain_part
from hotline.service_context import ServiceContext
from hotline.startup import EXIT_STARTUP, fail
from hotline.startup_hints import log_account_hint
from hotline.survey_dialer import followup_part
from hotline.ticketing.web.event_relay import PgEventRelay

BackgroundPart = Callable[[web.Application], AsyncIterator[None]]


def background_parts(ctx: ServiceContext) -> list[BackgroundPart]:
    """Live events across nodes, heartbeat + dead-node takeover, the SIP listener + ASR +
    intake, the follow-up scheduler, routing retraining. The takeover part comes before
    intake so that it stops after it: a node draining its calls on SIGTERM still
    heartbeats."""
    return [
        event_relay_part(ctx),
        after_database(ctx, "node heartbeat and takeover", takeover_part(ctx)),
        intake_part(ctx),
        after_database(ctx, "follow-up scheduler", followup_part(ctx)),
        after_database(ctx, "routing retraining", retrain_part(ctx)),
    ]


def event_relay_part(ctx: ServiceContext) -> BackgroundPart:
    """On PostgreSQL the console's live events reach every node (LISTEN/NOTIFY); on SQLite
    (one node) they stay in the process."""

    async def part(app: web.Application) -> AsyncIterator[None]:
        url = ctx.settings.storage.database_url
        if not url.startswith("postgresql"):
            yield
            return
        relay = PgEventRelay(
            url, ctx.event_hub, retry_max_seconds=ctx.settings.storage.database_retry_max_seconds
        )
        await relay.start()
        yield
        await relay.stop()

    return part


def intake_part(ctx: ServiceContext) -> BackgroundPart:
    """SIP listener → ASR → draft tickets (hotline/intake_wiring.py).

    On SIGTERM aiohttp runs this part's teardown: 503 to new INVITEs, calls in
    progress finish (up to the grace period), then everything stops.
    """

    async def part(app: web.Application) -> AsyncIterator[None]:
        runtime = build_intake_runtime(
            ctx.settings,
            ctx.database,
            hub=ctx.event_hub,
            sip_port=ctx.sip_port,
            routing=ctx.routing,
        )
        gate = ctx.database_gate
        try:
            await runtime.start(database_ready=gate.ready)
        except OSError as exc:
            fail(f"启动失败 / cannot start: SIP port {ctx.sip_port}: {exc}", EXIT_STARTUP)
        ctx.intake = runtime
        if not gate.ready:
            await gate.when_ready("intake journal and ASR backlog", runtime.database_ready)
        yield
        await runtime.shutdown(shutdown_grace_seconds(ctx.settings))

    return part


def after_database(ctx: ServiceContext, name: str, part: BackgroundPart) -> BackgroundPart:
    """`part`, entered once the database is ready (at once if it already is)."""

    async def wrapped(app: web.Application) -> AsyncIterator[None]:
        inner = part(app)
        entered = False

        async def enter() -> None:
            nonlocal entered
            await anext(inner)
            entered = True

        await ctx.database_gate.when_ready(name, enter)
        yield
        if entered:
            with contextlib.suppress(StopAsyncIteration):
                await anext(inner)
        else:
            await inner.aclose()  # type: ignore[attr-defined]

    return wrapped


def database_part(ctx: ServiceContext) -> BackgroundPart:
    """Waits for an unreachable database in the background (hotline/database_gate.py)."""

    async def part(app: web.Application) -> AsyncIterator[None]:
        gate = ctx.database_gate
        await gate.when_ready("start-up hints", lambda: log_account_hint(ctx))
        task = None
        if not gate.ready:
            task = asyncio.create_task(gate.run(), name="database-gate")
        yield
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return part
