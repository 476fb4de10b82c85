"""How `hotline serve` mounts the web app: `web_app_for_service(ctx)` in
hotline/serve.py's `_web_app` hook.

It creates the EventHub and leaves it in `ctx.extras["event_hub"]` (the intake
part passes it to `build_intake_runtime(..., hub=...)`), takes the routing
suggestion from the routing helper, web extensions from
`ctx.extras["web_extensions"]` (e.g. 回访), and gives /healthz one check per part
(hotline/health_checks.py).
The checks look the parts up when asked, because the intake part starts after
the app is built.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.context import HealthCheck
from hotline.ticketing.web.events import EventHub

from hotline.health_checks import service_checks


def web_app_for_service(ctx: Any) -> web.Application:
    """`ctx` is hotline.serve.ServiceContext (settings, database, catalog, extras)."""
    hub = ctx.extras.setdefault("event_hub", EventHub())
    suggest = None
    try:
        from hotline.intake_wiring import build_route

        suggest, _rules = build_route(ctx.settings, ctx.catalog)
    except ImportError:  # routing not installed: typed-in tickets get no suggestion
        suggest = None
    checks: dict[str, HealthCheck] = service_checks(ctx.settings, ctx.database, ctx.extras)
    return create_web_app(
        ctx.database,
        ctx.settings,
        hub=hub,
        health_checks=checks,
        suggest=suggest,
        extensions=ctx.extras.get("web_extensions", ()),
    )
