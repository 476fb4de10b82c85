"""Composition root of `hotline serve`: settings → database → web app → background parts.

Each part is wired in one small function so later parts plug in with a line:
- `_web_app(ctx)`: the aiohttp application — operator console and REST API (ticketing/web);
- `_background_parts(ctx)`: aiohttp cleanup contexts that start a part before the
  server accepts requests and stop it on shutdown (SIP listener + ASR + intake,
  follow-up scheduler).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click
from aiohttp import web

from config.settings import ConfigError, Settings, load_settings
from ticketing.catalog import Catalog, CatalogError
from ticketing.deadlines import DeadlinePolicy
from ticketing.persistence.database import Database

log = logging.getLogger("hotline.serve")

EXIT_CONFIG = 2  # bad settings or catalogue
EXIT_DATABASE = 3  # database unreachable or migration failed
EXIT_STARTUP = 4  # e.g. a port already in use

BackgroundPart = Callable[[web.Application], AsyncIterator[None]]


@dataclass
class ServiceContext:
    """What every part of the running service may use."""

    settings: Settings
    database: Database
    catalog: Catalog
    http_host: str
    http_port: int
    sip_port: int | None = None  # None: use settings.sip.port
    extras: dict[str, Any] = field(default_factory=dict)  # parts publish objects for each other


CONTEXT_KEY = web.AppKey("hotline_context", ServiceContext)


def fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def load_settings_or_exit(config_path: str | None) -> Settings:
    try:
        return load_settings(config_path)
    except ConfigError as exc:
        fail(f"配置错误 / configuration error: {exc}", EXIT_CONFIG)


def load_catalog_or_exit(settings: Settings) -> Catalog:
    from config.catalog_loader import load_catalog

    path = Path(settings.catalog_path)
    try:
        return load_catalog(path)
    except (OSError, CatalogError, ValueError) as exc:
        fail(f"配置错误 / configuration error: catalog_path {path}: {exc}", EXIT_CONFIG)


def open_database(settings: Settings, catalog: Catalog | None = None) -> Database:
    """The database named in the settings, with the deadline policy and catalogue."""
    catalog = catalog or load_catalog_or_exit(settings)
    return Database.open(
        settings.storage.database_url,
        catalog=catalog,
        policy=DeadlinePolicy.from_settings(settings.deadlines),
    )


def migrate_or_exit(settings: Settings) -> None:
    from hotline.migrations import upgrade

    try:
        upgrade(settings.storage.database_url)
    except Exception as exc:  # any driver/migration error: say which database and why
        fail(
            f"数据库错误 / database error ({masked_url(settings.storage.database_url)}): {exc}",
            EXIT_DATABASE,
        )


def masked_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def open_migrated_database(settings: Settings) -> Database:
    """For CLI commands: settings → catalogue → schema at the newest revision → Database."""
    catalog = load_catalog_or_exit(settings)
    migrate_or_exit(settings)
    return open_database(settings, catalog)


# --- the web application -------------------------------------------------------------------


async def healthz(request: web.Request) -> web.Response:
    ctx = request.app[CONTEXT_KEY]
    try:
        await asyncio.get_running_loop().run_in_executor(None, ctx.database.ping)
    except Exception as exc:
        log.warning("health check: database unreachable: %s", exc)
        return web.json_response({"status": "error", "database": str(exc)}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


def build_app(ctx: ServiceContext) -> web.Application:
    from ticketing.web.followup_api import followup_web_extension  # 回访 API + console panel

    ctx.extras.setdefault("web_extensions", []).append(followup_web_extension())
    app = _web_app(ctx)
    app[CONTEXT_KEY] = ctx
    app.cleanup_ctx.extend(_background_parts(ctx))
    app.on_cleanup.append(_close_database)
    return app


def _web_app(ctx: ServiceContext) -> web.Application:
    """The HTTP side: API, console, portal, dashboard, /healthz and /metrics."""
    from ticketing.web.mount import web_app_for_service

    return web_app_for_service(ctx)


def _background_parts(ctx: ServiceContext) -> list[BackgroundPart]:
    """Long-running parts, started in order and stopped in reverse.

    Each is an aiohttp cleanup context: `async def part(app): start; yield; stop`.
    The SIP listener + ASR + intake and the follow-up scheduler go here.
    """
    from hotline.survey_dialer import followup_part

    return [_intake_part(ctx), followup_part(ctx)]


def _intake_part(ctx: ServiceContext) -> BackgroundPart:
    """SIP listener → ASR → draft tickets (hotline/intake_wiring.py).

    On SIGTERM aiohttp runs this part's teardown: 503 to new INVITEs, calls in
    progress finish (up to the grace period), then everything stops.
    """

    async def part(app: web.Application) -> AsyncIterator[None]:
        from hotline.intake_wiring import build_intake_runtime, shutdown_grace_seconds

        hub = ctx.extras.get("event_hub") or _web_event_hub(app)
        runtime = build_intake_runtime(ctx.settings, ctx.database, hub=hub, sip_port=ctx.sip_port)
        try:
            await runtime.start()
        except OSError as exc:
            fail(f"启动失败 / cannot start: SIP port {ctx.sip_port}: {exc}", EXIT_STARTUP)
        ctx.extras["intake"] = runtime
        yield
        await runtime.shutdown(shutdown_grace_seconds(ctx.settings))

    return part


def _web_event_hub(app: web.Application) -> Any:
    """The console's live-update hub, when the web part's application is the one served."""
    from ticketing.web import WEB_CONTEXT

    return app[WEB_CONTEXT].hub if WEB_CONTEXT in app else None


async def _close_database(app: web.Application) -> None:
    app[CONTEXT_KEY].database.close()


# --- start --------------------------------------------------------------------------------


def build_context(
    settings: Settings, *, http_port: int | None = None, sip_port: int | None = None
) -> ServiceContext:
    catalog = load_catalog_or_exit(settings)
    migrate_or_exit(settings)  # creates the SQLite file (and ./var) on first start
    database = open_database(settings, catalog)
    return ServiceContext(
        settings=settings,
        database=database,
        catalog=catalog,
        http_host=settings.web.host,
        http_port=http_port if http_port is not None else settings.web.port,
        sip_port=sip_port,
    )


def serve(config_path: str | None, *, http_port: int | None, sip_port: int | None) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    settings = load_settings_or_exit(config_path)
    ctx = build_context(settings, http_port=http_port, sip_port=sip_port)
    app = build_app(ctx)
    log.info(
        "hotline serving http://%s:%d (database %s)",
        ctx.http_host,
        ctx.http_port,
        masked_url(settings.storage.database_url),
    )
    try:
        web.run_app(app, host=ctx.http_host, port=ctx.http_port, print=None)
    except OSError as exc:
        fail(f"启动失败 / cannot start: http {ctx.http_host}:{ctx.http_port}: {exc}", EXIT_STARTUP)
