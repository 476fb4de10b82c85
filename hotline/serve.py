"""Composition root of `hotline serve`: settings → database → web app → background parts.

- `build_context`: settings, catalogue, database and its gate (hotline/startup.py,
  hotline/database_gate.py) in a ServiceContext (hotline/service_context.py);
- `build_app`: the web app (hotline/web_wiring.py) with the background parts
  (hotline/background_parts.py: SIP listener + ASR + intake, follow-up scheduler).

The database need not answer at start-up (hotline/database_gate.py): calls are still
answered and journaled, the parts that need the database start when it returns, and
until then the web side answers 503 (数据库暂时不可用，请稍后重试, hotline/database_guard.py).
"""

from __future__ import annotations

import asyncio
import gc
import logging

from aiohttp import web

from hotline.background_parts import background_parts, database_part
from hotline.database_gate import Backoff, DatabaseGate, StartupError
from hotline.http_listener import reserve_http_port, run_http
from hotline.intake_wiring import journal_path
from hotline.secret_key import ensure_secret_key
from hotline.service_context import CONTEXT_KEY, ServiceContext
from hotline.settings import ConfigError, Settings
from hotline.startup import (
    EXIT_CONFIG,
    EXIT_DATABASE,
    EXIT_STARTUP,
    fail,
    first_database_attempt,
    load_catalog_or_exit,
    load_settings_or_exit,
    masked_url,
    migrate,
    open_database,
)
from hotline.startup_hints import console_url
from hotline.web_wiring import web_app_for_service

log = logging.getLogger("hotline.serve")


def build_app(ctx: ServiceContext) -> web.Application:
    app = web_app_for_service(ctx)
    app[CONTEXT_KEY] = ctx
    app.cleanup_ctx.extend(background_parts(ctx))
    # Last: started after every part registered what waits for the database, stopped first.
    app.cleanup_ctx.append(database_part(ctx))
    app.on_cleanup.append(_close_database)
    app.on_startup.append(_freeze_startup_heap)  # after the parts above have started
    app.on_cleanup.append(_unfreeze_heap)
    return app


async def _freeze_startup_heap(app: web.Application) -> None:
    """What start-up built (modules, the catalogue, the web app, the parts) lives as long
    as the process: out of the collector's generations with it. A full collection stops
    the event loop, and so the RTP of every call; over the ~160 000 objects that importing
    the service alone leaves, one took 230 ms on the shared 2-core test machine."""
    gc.collect()  # start-up garbage is freed, not frozen
    gc.freeze()


async def _unfreeze_heap(app: web.Application) -> None:
    gc.unfreeze()  # an app stopped inside a longer-lived process (tests) leaves no trace


async def _close_database(app: web.Application) -> None:
    app[CONTEXT_KEY].database.close()


def build_context(
    settings: Settings, *, http_port: int | None = None, sip_port: int | None = None
) -> ServiceContext:
    catalog = load_catalog_or_exit(settings)
    url = settings.storage.database_url
    try:
        database = open_database(settings, catalog)  # no connection yet: driver and URL
    except Exception as exc:  # e.g. an unknown driver: no retry can fix that
        fail(
            f"数据库错误 / database error ({masked_url(url)}): "
            f"数据库地址无法使用 / unusable database URL: {exc}",
            EXIT_DATABASE,
        )
    try:
        # Creates the SQLite file (and ./var) on first start.
        problem = first_database_attempt(url)
    except StartupError as exc:
        fail(f"数据库错误 / database error ({masked_url(url)}): {exc}", EXIT_DATABASE)
    gate = DatabaseGate(
        url,
        problem=problem,
        migrate=migrate,
        backoff=Backoff(maximum=settings.storage.database_retry_max_seconds),
    )
    if problem is not None:
        log.error(
            "数据库无法连接（%s），服务照常接听并录音，工单暂存于 %s，数据库恢复后自动写入。"
            " / database unreachable (%s): calls are answered and recorded, tickets are"
            " journaled to %s and written when it returns; retrying in the background",
            masked_url(url),
            journal_path(settings),
            problem,
            journal_path(settings),
        )
    return ServiceContext(
        settings=settings,
        database=database,
        catalog=catalog,
        http_host=settings.web.host,
        http_port=http_port if http_port is not None else settings.web.port,
        sip_port=sip_port,
        database_gate=gate,
    )


def _new_loop() -> asyncio.AbstractEventLoop:
    """uvloop when installed: the RTP of every call runs on this one loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def serve(config_path: str | None, *, http_port: int | None, sip_port: int | None) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    settings = load_settings_or_exit(config_path)
    try:  # no usable default key: configured, or generated once into the data directory
        ensure_secret_key(settings)
    except (ConfigError, OSError) as exc:
        fail(f"配置错误 / configuration error: {exc}", EXIT_CONFIG)
    log.info("数据目录 / data directory: %s", settings.storage.data_dir)
    ctx = build_context(settings, http_port=http_port, sip_port=sip_port)
    try:  # before the speech model loads: a taken port fails the start at once
        sockets = reserve_http_port(ctx.http_host, ctx.http_port)
    except OSError as exc:
        fail(f"启动失败 / cannot start: http {ctx.http_host}:{ctx.http_port}: {exc}", EXIT_STARTUP)
    app = build_app(ctx)
    log.info(
        "hotline serving http://%s:%d (database %s)",
        ctx.http_host,
        ctx.http_port,
        masked_url(settings.storage.database_url),
    )
    log.info("控制台 / console: %s", console_url(ctx))
    try:
        run_http(
            app,
            sockets=sockets,
            max_connections=settings.web.max_connections,
            max_connections_per_source=settings.web.max_connections_per_source,
            idle_timeout_seconds=settings.web.idle_timeout_seconds,
            loop=_new_loop(),
        )
    except OSError as exc:
        fail(f"启动失败 / cannot start: http {ctx.http_host}:{ctx.http_port}: {exc}", EXIT_STARTUP)
