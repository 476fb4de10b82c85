"""The web application factory: REST API (/api/v1), console, unit portal, dashboard,
/healthz and /metrics. `hotline serve` builds one with `create_web_app(...)`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp_session
from aiohttp import web
from aiohttp.typedefs import Middleware
from aiohttp_pydantic.oas import pydantic_schema_to_oas
from aiohttp_pydantic.oas.view import generate_oas
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.reporting import UpstreamReporter
from hotline.ticketing.rerouting import DuplicateFn
from hotline.ticketing.users import Role
from hotline.ticketing.web import (
    api_dispatch,
    api_quality,
    api_routing,
    api_routing_model,
    api_session,
    api_stats,
    api_tickets,
    api_users,
    health,
)
from hotline.ticketing.web.auth import PUBLIC_API_PATHS, USER_KEY, cookie_storage, identify
from hotline.ticketing.web.context import (
    WEB_CONTEXT,
    HealthCheck,
    SuggestFn,
    WebContext,
    WebExtension,
    ctx,
)
from hotline.ticketing.web.errors import ApiError, error_middleware
from hotline.ticketing.web.events import EventHub
from hotline.ticketing.web.metrics import HTTP_REQUESTS

from hotline.settings import Settings

STATIC_DIR = Path(__file__).parent / "static"
OPENAPI_PATH = "/api/v1/openapi.json"
OPENAPI_KEY = web.AppKey("hotline.web.openapi", dict)
SESSION_ENDED = web.RequestKey("hotline.web.session_ended", bool)


def create_web_app(
    db: Database,
    settings: Settings,
    *,
    hub: EventHub | None = None,
    health_checks: Mapping[str, HealthCheck] | None = None,
    suggest: SuggestFn | None = None,
    find_duplicates: DuplicateFn | None = None,
    duplicate_window: timedelta | None = None,
    extensions: Iterable[WebExtension] = (),
    middlewares: Sequence[Middleware] = (),
    data_dir: Path | None = None,
    reporter: Any = None,
) -> web.Application:
    """Build the aiohttp application.

    - `db`: the foundation's Database (its clock is the app's clock).
    - `hub`: the EventHub intake publishes to (`hotline.intake_wiring.publish_to_hub`);
      one is made if not given (then `app[WEB_CONTEXT].hub`).
    - `health_checks`: name → callable, one per part (sip, asr, asr_queue…);
      "database" is added when missing.
    - `suggest`: routing `text -> suggestion dict` (`hotline.routing_wiring.build_route`).
    - `find_duplicates`, `duplicate_window`: routing's 并单 search and its window, used
      when a corrected text is re-routed (default: open tickets on the same number, 7 days).
    - `extensions`: extra API routes + console panels (回访).
    - `middlewares`: run right inside the error middleware, in order, before the body
      limit, sessions and authentication: what they answer is not turned into a 500,
      and they can refuse a request before anything reads the database (hotline serve's
      database gate answers 503 there while the database is away).
    - `data_dir`: where reply attachments go (default: beside the recordings dir).
    - `reporter`: a started or unstarted `ticketing.reporting.UpstreamReporter`;
      made from settings.upstream when a URL and secret are configured.
    """
    hub = hub or EventHub()
    checks: dict[str, HealthCheck] = dict(health_checks or {})
    checks.setdefault("database", health.database_check(db))
    recordings = Path(settings.storage.recordings_dir)
    attachments = (data_dir or recordings.parent) / "attachments"
    if reporter is None and settings.upstream.url and settings.upstream.secret:
        reporter = UpstreamReporter(
            db, settings.upstream.url, settings.upstream.secret.get_secret_value()
        )
    context = WebContext(
        settings=settings,
        db=db,
        hub=hub,
        attachments_dir=attachments,
        recordings_dir=recordings,
        suggest=suggest,
        find_duplicates=find_duplicates,
        duplicate_window=duplicate_window or timedelta(days=7),
        health_checks=checks,
        extensions=list(extensions),
        reporter=reporter,
        max_attachment_bytes=settings.web.max_body_bytes,
    )
    if settings.web.secret_key is None:  # `hotline serve` sets it (configured or generated)
        raise ValueError("web.secret_key is not set: the console cannot sign sessions")
    secure_cookie = bool(settings.web.base_url and settings.web.base_url.startswith("https://"))
    app = web.Application(
        client_max_size=settings.web.max_body_bytes,
        middlewares=[
            metrics_middleware,
            error_middleware,
            *middlewares,
            body_limit_middleware,
            aiohttp_session.session_middleware(
                cookie_storage(settings.web.secret_key.get_secret_value(), secure=secure_cookie)
            ),
            auth_middleware,
            security_headers_middleware,
        ],
    )
    app[WEB_CONTEXT] = context
    app.add_routes(api_session.routes)
    app.add_routes(api_tickets.routes)
    app.add_routes(api_dispatch.routes)
    app.add_routes(api_routing.routes)
    app.add_routes(api_routing_model.routes)
    app.add_routes(api_stats.routes)
    app.add_routes(api_users.routes)
    app.add_routes(api_quality.routes)
    app.add_routes(health.routes)
    for ext in context.extensions:
        app.add_routes(ext.routes)
        if ext.static_dir is not None:
            app.router.add_static(f"/ext/{ext.name}/", ext.static_dir)
        app.on_startup.extend(ext.on_startup)
        app.on_cleanup.extend(ext.on_cleanup)
    app.router.add_get(OPENAPI_PATH, openapi)
    _add_pages(app)
    app.router.add_static("/static/", STATIC_DIR)
    app.on_startup.append(_startup)
    app.on_shutdown.append(_shutdown)
    return app


async def _startup(app: web.Application) -> None:
    c = app[WEB_CONTEXT]
    c.hub.bind_loop(asyncio.get_running_loop())
    c.attachments_dir.mkdir(parents=True, exist_ok=True)
    if c.reporter is not None:
        c.reporter.start()


async def _shutdown(app: web.Application) -> None:
    c = app[WEB_CONTEXT]
    c.hub.close()  # open event streams end, so shutdown does not wait for them
    if c.reporter is not None:
        await c.reporter.stop()


# --- middlewares ----------------------------------------------------------------------------


@web.middleware
async def metrics_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        HTTP_REQUESTS.labels(f"{exc.status // 100}xx").inc()
        raise
    HTTP_REQUESTS.labels(f"{response.status // 100}xx").inc()
    return response


@web.middleware
async def body_limit_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    # Refuse before reading when the client announces too much; aiohttp's
    # client_max_size catches bodies without a length while they are read.
    limit = request.app[WEB_CONTEXT].settings.web.max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(
            413,
            "body_too_large",
            f"提交的内容过大，不能超过 {limit // (1024 * 1024) or 1} MB",
            f"{request.content_length} > {limit} bytes",
        )
    return await handler(request)


@web.middleware
async def auth_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    c = ctx(request)
    path = request.path
    principal = None
    if path.startswith("/api/") and path not in PUBLIC_API_PATHS or path in _PAGES:
        try:
            principal = await identify(
                request,
                c,
                c.now(),
                c.settings.web.session_minutes * 60,
                touch=path != "/api/v1/events",
            )
        except ApiError:
            if path in _PAGES:
                principal = None  # the page's script asks /api/v1/session and redirects
                request[SESSION_ENDED] = True  # a session cookie that no longer logs in
            else:
                raise
        if principal is None and path.startswith("/api/"):
            raise ApiError(401, "unauthenticated", "请先登录", "no credentials")
    request[USER_KEY] = principal
    return await handler(request)


@web.middleware
async def security_headers_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    response = await handler(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.content_type == "text/html":
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; "
            "connect-src 'self'; frame-ancestors 'none'",
        )
    return response


# --- pages ----------------------------------------------------------------------------------

_PAGES = {
    "/login": "login.html",
    "/console": "console.html",
    "/portal": "portal.html",
    "/dashboard": "dashboard.html",
    "/users": "users.html",
}


def _add_pages(app: web.Application) -> None:
    for path, file in _PAGES.items():
        app.router.add_get(path, _page(file))
    app.router.add_get("/", _home)


def _page(file: str) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        principal = request.get(USER_KEY)
        if file != "login.html" and principal is None:
            expired = "expired=1&" if request.get(SESSION_ENDED) else ""
            raise web.HTTPFound(f"/login?{expired}next=" + request.path)
        return web.FileResponse(STATIC_DIR / file, headers={"Cache-Control": "no-store"})

    return handler


async def _home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/console")


# --- OpenAPI --------------------------------------------------------------------------------


async def openapi(request: web.Request) -> web.Response:
    """The OpenAPI 3 document, generated from the handlers and their pydantic models."""
    spec = request.app.get(OPENAPI_KEY)
    if spec is None:
        spec = build_openapi(request.app)
    return web.json_response(spec, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def _schema_to_oas_3_0(schema: dict[str, Any]) -> None:
    """pydantic JSON schema → OpenAPI 3.0, also for `Model | None` (a $ref has no "type",
    which the library's own translator assumes), registered through its extension hook."""
    for value in (schema.get("properties") or {}).values():
        _schema_to_oas_3_0(value)
    if isinstance(schema.get("items"), dict):
        _schema_to_oas_3_0(schema["items"])
    any_of = schema.get("anyOf")
    if any_of is None:
        return
    rest = [e for e in any_of if e.get("type") != "null"]
    if len(rest) != len(any_of):
        schema["nullable"] = True
        if schema.get("default", ...) is None:
            del schema["default"]
        if len(rest) == 1:
            del schema["anyOf"]
            only = rest[0]
            if "$ref" in only:
                schema["allOf"] = [only]
            else:
                schema.update(only)
            return
        schema["anyOf"] = rest
    for element in schema.get("anyOf", []):
        if (const := element.pop("const", None)) is not None:
            element["enum"] = [const]


pydantic_schema_to_oas.add_or_replace_translater("3.0.0", _schema_to_oas_3_0)


def build_openapi(app: web.Application) -> dict[str, Any]:
    spec = generate_oas(
        [app],
        version_spec="1",
        title_spec="鲅鱼圈区市民投诉中心 工单系统 API",
        security={
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "hotline_session"},
        },
    )
    spec["security"] = [{"bearer": []}, {"session": []}]
    return spec


__all__ = [
    "WEB_CONTEXT",
    "EventHub",
    "Role",
    "WebContext",
    "WebExtension",
    "build_openapi",
    "create_web_app",
]
