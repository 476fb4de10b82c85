"""How `hotline serve` builds its web app: `web_app_for_service(ctx)`.

The console's EventHub is `ctx.event_hub` (the intake part publishes to it), routing gives
typed-in requests their suggestion, 回访 adds its API and panel, /healthz gets one check
per part, and the database gate's middleware answers 503 while the database is away.
"""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from hotline.database_guard import database_middleware
from hotline.health_checks import service_checks
from hotline.routing_wiring import build_live_routing, build_route, routing_duplicates
from hotline.service_context import ServiceContext
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.followup_api import followup_web_extension
from hotline.ticketing.web.missed_api import missed_web_extension
from hotline.ticketing.web.takeover_api import takeover_web_extension


def web_app_for_service(ctx: ServiceContext) -> web.Application:
    """The HTTP side: API, console, portal, dashboard, /healthz and /metrics."""
    ctx.routing = ctx.routing or build_live_routing(ctx.settings, ctx.catalog)
    suggest, router = build_route(ctx.settings, ctx.catalog, ctx.routing)
    gate = ctx.database_gate
    checks = service_checks(ctx.settings, ctx.database, gate, lambda: ctx.intake)
    return create_web_app(
        ctx.database,
        ctx.settings,
        hub=ctx.event_hub,
        health_checks=checks,
        suggest=suggest,
        # A corrected text is re-routed with the same 并单 search as a call.
        find_duplicates=routing_duplicates(router) if router is not None else None,
        duplicate_window=timedelta(days=router.rules.duplicates.window_days) if router else None,
        # 回访 and 未接来电回拨: API + console panels; 接听 (转人工) on the live queue
        extensions=[
            followup_web_extension(),
            missed_web_extension(),
            takeover_web_extension(lambda: ctx.intake),
        ],
        middlewares=[database_middleware(gate)],
    )
