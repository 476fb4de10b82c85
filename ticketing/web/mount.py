"""How `hotline serve` mounts the web app: `web_app_for_service(ctx)` in
hotline/serve.py's `_web_app` hook.

It creates the EventHub and leaves it in `ctx.extras["event_hub"]` (the intake
part passes it to `build_intake_runtime(..., hub=...)`), takes the routing
suggestion from the routing helper, web extensions from
`ctx.extras["web_extensions"]` (e.g. 回访), and gives /healthz one check per part.
The checks look the parts up when asked, because the intake part starts after
the app is built.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.context import HealthCheck
from hotline.ticketing.web.events import EventHub
from hotline.ticketing.web.metrics import ASR_QUEUE_LENGTH


def _sip_check(extras: dict[str, Any]) -> HealthCheck:
    def check() -> dict[str, Any]:
        intake = extras.get("intake")
        if intake is None:
            return {"ok": False, "error": "SIP listener not started"}
        listener = intake.listener
        return {"ok": bool(listener.port), "port": listener.port, "calls": listener.active_calls}

    return check


def _asr_engine_check(extras: dict[str, Any]) -> HealthCheck:
    def check() -> dict[str, Any]:
        intake = extras.get("intake")
        asr = getattr(intake, "asr", None)
        if asr is None:
            return {"ok": False, "error": "ASR engine not started"}
        engine = asr.engine
        # A node without a model still answers and records calls (transcription waits in
        # the backlog), so it stays in the load balancer's rotation: ok, but not ready.
        return {
            "ok": True,
            "ready": bool(engine.ready),
            "engine": getattr(engine, "name", type(engine).__name__),
        }

    return check


def _asr_queue_check(database: Any) -> HealthCheck:
    async def check() -> dict[str, Any]:
        from hotline.asr.backlog import BacklogQueue

        queue = BacklogQueue(database.engine)
        jobs = await asyncio.to_thread(queue.list, ("queued", "running"))
        ASR_QUEUE_LENGTH.set(len(jobs))
        return {"ok": True, "length": len(jobs)}

    return check


def web_app_for_service(ctx: Any) -> web.Application:
    """`ctx` is hotline.serve.ServiceContext (settings, database, catalog, extras)."""
    hub = ctx.extras.setdefault("event_hub", EventHub())
    suggest = None
    try:
        from hotline.intake_wiring import build_route

        suggest, _rules = build_route(ctx.settings, ctx.catalog)
    except ImportError:  # routing not installed: typed-in tickets get no suggestion
        suggest = None
    checks: dict[str, HealthCheck] = {
        "sip": _sip_check(ctx.extras),
        "asr_engine": _asr_engine_check(ctx.extras),
        "asr_queue": _asr_queue_check(ctx.database),
    }
    return create_web_app(
        ctx.database,
        ctx.settings,
        hub=hub,
        health_checks=checks,
        suggest=suggest,
        extensions=ctx.extras.get("web_extensions", ()),
    )
