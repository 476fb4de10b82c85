"""The web side of the database gate (hotline/database_gate.py): 503 with a Chinese message
instead of a 500 while the database is unavailable — before it was first reached (every
page and API call), and whenever a request finds it unreachable later. /healthz reports
the database check failing meanwhile."""

from __future__ import annotations

import json
import logging

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from hotline.database_gate import UNAVAILABLE_ZH, DatabaseGate
from hotline.ticketing.persistence.outage import is_outage

log = logging.getLogger("hotline.serve")

# Served while the database is away: health, metrics and static files (the login page's).
WITHOUT_DATABASE = ("/healthz", "/metrics", "/static/", "/ext/")


def database_middleware(gate: DatabaseGate) -> Middleware:
    """Goes inside the web app's error middleware, which would turn the outage into a 500."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not gate.ready and not request.path.startswith(WITHOUT_DATABASE):
            return _unavailable(request, gate.problem or "not migrated yet")
        try:
            return await handler(request)
        except Exception as exc:
            if not is_outage(exc):
                raise
            log.warning("%s %s: database unreachable: %s", request.method, request.path, exc)
            return _unavailable(request, type(exc).__name__)

    return middleware


def _unavailable(request: web.Request, detail: str) -> web.Response:
    headers = {"Retry-After": "10"}
    if request.path.startswith("/api/"):
        body = {"code": "database_unavailable", "message": UNAVAILABLE_ZH, "detail": detail}
        return web.json_response(
            body, status=503, headers=headers, dumps=lambda o: json.dumps(o, ensure_ascii=False)
        )
    text = f"{UNAVAILABLE_ZH}\nDatabase temporarily unavailable, please retry later.\n"
    return web.Response(status=503, text=text, charset="utf-8", headers=headers)
