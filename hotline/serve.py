"""Composition root of `hotline serve`: settings → database → web app → background parts.

Each part is wired in one small function so later parts plug in with a line:
- `_web_app(ctx)`: the aiohttp application — operator console and REST API (ticketing/web);
- `_background_parts(ctx)`: aiohttp cleanup contexts that start a part before the
  server accepts requests and stop it on shutdown (SIP listener + ASR + intake,
  follow-up scheduler).

The database need not answer at start-up (hotline/database_gate.py): calls are still
answered and journaled, the parts that need the database start when it returns, and
until then the web side answers 503 (数据库暂时不可用，请稍后重试).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click
from aiohttp import web

from hotline.database_gate import UNAVAILABLE_ZH, Backoff, DatabaseGate, StartupError
from hotline.secret_key import ensure_secret_key
from hotline.settings import ConfigError, Settings, load_settings
from hotline.ticketing.catalog import Catalog, CatalogError
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.persistence.database import Database

log = logging.getLogger("hotline.serve")

EXIT_CONFIG = 2  # bad settings or catalogue
# CLI commands: database unreachable or migration failed. `hotline serve`: only a database
# that can never work (bad driver/URL, SQLite file, refused migration) — an unreachable
# database server is waited for (hotline/database_gate.py).
EXIT_DATABASE = 3
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
    # Ready unless the database was unreachable at start-up.
    database_gate: DatabaseGate = field(default_factory=lambda: DatabaseGate(""))


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
    from hotline.catalog_loader import load_catalog

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


def migrate(url: str) -> None:
    """Bring the schema up to date; a server that does not answer fails within ~10 s."""

    from hotline.migrations import upgrade
    from hotline.ticketing.persistence.database import make_engine

    upgrade(url, engine=make_engine(url))  # make_engine sets the connect timeout


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

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even a URL: say so without echoing a possible password
        return "unreadable database URL"


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
    from hotline.ticketing.web.followup_api import (
        followup_web_extension,  # 回访 API + console panel
    )

    ctx.extras.setdefault("web_extensions", []).append(followup_web_extension())
    app = _web_app(ctx)
    app[CONTEXT_KEY] = ctx
    _guard_web_app(app, ctx.database_gate)
    app.cleanup_ctx.extend(_background_parts(ctx))
    # Last: started after every part registered what waits for the database, stopped first.
    app.cleanup_ctx.append(_database_part(ctx))
    app.on_cleanup.append(_close_database)
    return app


# --- the database gate on the web side ------------------------------------------------------

# Served while the database is away: health, metrics and static files (the login page's).
_WITHOUT_DATABASE = ("/healthz", "/metrics", "/static/", "/ext/")


def _guard_web_app(app: web.Application, gate: DatabaseGate) -> None:
    """503 with a Chinese message instead of a 500 while the database is unavailable:
    before it was first reached (every page and API call), and whenever a request finds it
    unreachable later. /healthz reports the database check failing meanwhile."""
    from hotline.ticketing.web import WEB_CONTEXT
    from hotline.ticketing.web.errors import error_middleware

    middleware = _database_middleware(gate)
    middlewares = app.middlewares
    # Inside the web app's error middleware, which would turn the outage into a 500.
    at = middlewares.index(error_middleware) + 1 if error_middleware in middlewares else 0
    middlewares.insert(at, middleware)
    if WEB_CONTEXT in app:
        checks = app[WEB_CONTEXT].health_checks
        checks["database"] = _database_check(gate, checks.get("database"))


def _database_middleware(gate: DatabaseGate) -> Any:
    from hotline.ticketing.intake import is_outage

    @web.middleware
    async def middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        if not gate.ready and not request.path.startswith(_WITHOUT_DATABASE):
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


def _database_check(gate: DatabaseGate, check: Any) -> Any:
    async def database() -> Any:
        if not gate.ready:
            return gate.health()
        if check is None:
            return {"ok": True}
        result = check()
        return await result if asyncio.iscoroutine(result) else result

    return database


def _web_app(ctx: ServiceContext) -> web.Application:
    """The HTTP side: API, console, portal, dashboard, /healthz and /metrics."""
    from hotline.ticketing.web.mount import web_app_for_service

    return web_app_for_service(ctx)


def _background_parts(ctx: ServiceContext) -> list[BackgroundPart]:
    """Long-running parts, started in order and stopped in reverse.

    Each is an aiohttp cleanup context: `async def part(app): start; yield; stop`.
    The SIP listener + ASR + intake and the follow-up scheduler go here.
    """
    from hotline.survey_dialer import followup_part

    return [_intake_part(ctx), _after_database(ctx, "follow-up scheduler", followup_part(ctx))]


def _intake_part(ctx: ServiceContext) -> BackgroundPart:
    """SIP listener → ASR → draft tickets (hotline/intake_wiring.py).

    On SIGTERM aiohttp runs this part's teardown: 503 to new INVITEs, calls in
    progress finish (up to the grace period), then everything stops.
    """

    async def part(app: web.Application) -> AsyncIterator[None]:
        from hotline.intake_wiring import build_intake_runtime, shutdown_grace_seconds

        hub = ctx.extras.get("event_hub") or _web_event_hub(app)
        runtime = build_intake_runtime(ctx.settings, ctx.database, hub=hub, sip_port=ctx.sip_port)
        gate = ctx.database_gate
        try:
            await runtime.start(database_ready=gate.ready)
        except OSError as exc:
            fail(f"启动失败 / cannot start: SIP port {ctx.sip_port}: {exc}", EXIT_STARTUP)
        ctx.extras["intake"] = runtime
        if not gate.ready:
            await gate.when_ready("intake journal and ASR backlog", runtime.database_ready)
        yield
        await runtime.shutdown(shutdown_grace_seconds(ctx.settings))

    return part


def _web_event_hub(app: web.Application) -> Any:
    """The console's live-update hub, when the web part's application is the one served."""
    from hotline.ticketing.web import WEB_CONTEXT

    return app[WEB_CONTEXT].hub if WEB_CONTEXT in app else None


def _after_database(ctx: ServiceContext, name: str, part: BackgroundPart) -> BackgroundPart:
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


def _database_part(ctx: ServiceContext) -> BackgroundPart:
    """Waits for an unreachable database in the background (hotline/database_gate.py)."""

    async def part(app: web.Application) -> AsyncIterator[None]:
        gate = ctx.database_gate
        await gate.when_ready("start-up hints", lambda: _log_account_hint(ctx))
        task = None
        if not gate.ready:
            task = asyncio.create_task(gate.run(), name="database-gate")
        yield
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return part


# --- start-up hints ------------------------------------------------------------------------

# Roles that can log in to the console and act on tickets or accounts.
CONSOLE_ROLES = frozenset({"admin", "operator", "lead"})


def console_url(ctx: ServiceContext) -> str:
    if ctx.settings.web.base_url:
        return ctx.settings.web.base_url.rstrip("/") + "/console"
    host = ctx.http_host
    if host in ("", "0.0.0.0", "::"):  # listening everywhere: this machine answers too
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{ctx.http_port}/console"


def account_hint(users: Sequence[Any], url: str) -> str | None:
    """What to do when nobody can log in to the console yet (None when someone can)."""
    if any(u.active and str(u.role) in CONSOLE_ROLES for u in users):
        return None
    return (
        "尚无可登录控制台的账号（坐席 operator、班长 lead 或管理员 admin）。"
        f"请创建：hotline user add 姓名 --role operator，然后打开 {url}\n"
        "No operator, lead or admin account yet: nobody can log in to the console. "
        f"Create one with: hotline user add NAME --role operator (or lead, admin), then open {url}"
    )


async def _log_account_hint(ctx: ServiceContext) -> None:
    from hotline.ticketing import services

    try:
        users = await asyncio.to_thread(services.list_users, ctx.database.read_uow())
    except Exception as exc:  # a hint is not worth failing the start for
        log.warning("cannot list user accounts: %s", exc)
        return
    hint = account_hint(users, console_url(ctx))
    if hint is not None:
        log.warning("%s", hint)


async def _close_database(app: web.Application) -> None:
    app[CONTEXT_KEY].database.close()


# --- start --------------------------------------------------------------------------------


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
        from hotline.intake_wiring import JOURNAL_NAME, data_dir

        log.error(
            "数据库无法连接（%s），服务照常接听并录音，工单暂存于 %s，数据库恢复后自动写入。"
            " / database unreachable (%s): calls are answered and recorded, tickets are"
            " journaled to %s and written when it returns; retrying in the background",
            masked_url(url),
            data_dir(settings) / JOURNAL_NAME,
            problem,
            data_dir(settings) / JOURNAL_NAME,
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


def first_database_attempt(url: str) -> str | None:
    """None when migrated; the reason when the server is unreachable (raises StartupError
    when waiting cannot help)."""
    from hotline.database_gate import first_attempt

    return first_attempt(url, migrate)


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
    app = build_app(ctx)
    log.info(
        "hotline serving http://%s:%d (database %s)",
        ctx.http_host,
        ctx.http_port,
        masked_url(settings.storage.database_url),
    )
    log.info("控制台 / console: %s", console_url(ctx))
    try:
        web.run_app(app, host=ctx.http_host, port=ctx.http_port, print=None, loop=_new_loop())
    except OSError as exc:
        fail(f"启动失败 / cannot start: http {ctx.http_host}:{ctx.http_port}: {exc}", EXIT_STARTUP)
