"""What the web app is given by the composition root, and how handlers reach it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Generic, ParamSpec, Self, TypeVar

from aiohttp import web
from hotline.ticketing import services
from hotline.ticketing.intake.store_port import same_number_duplicates
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.rerouting import DuplicateFn, TextRouting
from hotline.ticketing.users import User
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.events import EventHub

from hotline.settings import Settings

P = ParamSpec("P")
T = TypeVar("T")
S = TypeVar("S")

# A part's health: returns {"ok": bool, ...details}; may be sync or async; raising = not ok.
HealthCheck = Callable[[], Mapping[str, Any] | Awaitable[Mapping[str, Any]] | bool]
SuggestFn = Callable[[str], dict[str, Any]]


@dataclass(frozen=True)
class NavEntry:
    label: str  # Chinese, shown in the console's top bar
    href: str  # "#/followup" for a console panel, or a page URL
    view: str = ""  # the panel name the console routes to (HL.panels[view])


@dataclass
class WebExtension:
    """A part that adds API routes and a console panel (e.g. 回访 by the follow-up helper).

    `routes` are added to the main app (put them under /api/v1/<name>/...); the
    handlers find everything through `request.app[WEB_CONTEXT]` and check roles
    with `ticketing.web.auth.require_role`. `static_dir` is served at
    /ext/<name>/, and `console_scripts` (URLs) are loaded by the console, where
    they register `HL.panels[view] = async (el) => {...}`.
    """

    name: str
    routes: web.RouteTableDef | Sequence[web.RouteDef] = ()
    nav: Sequence[NavEntry] = ()
    console_scripts: Sequence[str] = ()
    static_dir: Path | None = None
    on_startup: Sequence[Callable[[web.Application], Awaitable[None]]] = ()
    on_cleanup: Sequence[Callable[[web.Application], Awaitable[None]]] = ()


@dataclass
class ServiceExtension(WebExtension, Generic[S]):
    """An extension whose handlers share one service: the one given, else one `build`
    makes from the app's context on first use."""

    service: S | None = None
    _built: S | None = field(default=None, repr=False)

    @classmethod
    def panel(
        cls, name: str, label: str, routes: web.RouteTableDef, script: str, service: S | None
    ) -> Self:
        """The extension as a console panel: its routes, 「label」 in the top bar opening
        the panel `name` (#/name), and the panel's script."""
        return cls(
            name=name,
            routes=routes,
            nav=[NavEntry(label, f"#/{name}", name)],
            console_scripts=[script],
            service=service,
        )

    def build(self, c: WebContext) -> S:
        raise NotImplementedError

    def service_for(self, c: WebContext) -> S:
        if self.service is not None:
            return self.service
        if self._built is None:
            self._built = self.build(c)
        return self._built


def extension_service(
    c: WebContext, kind: type[ServiceExtension[S]], missing_zh: str, missing_en: str
) -> S:
    """The service of the installed extension of `kind`; 404 with the messages if none."""
    for ext in c.extensions:
        if isinstance(ext, kind):
            return ext.service_for(c)
    raise ApiError(404, "not_found", missing_zh, missing_en)


@dataclass
class WebContext:
    settings: Settings
    db: Database
    hub: EventHub
    attachments_dir: Path
    recordings_dir: Path
    suggest: SuggestFn | None = None
    # 并单 search for re-routing a corrected text (default: same number only) and how far
    # back it looks.
    find_duplicates: DuplicateFn | None = None
    duplicate_window: timedelta = timedelta(days=7)
    health_checks: dict[str, HealthCheck] = field(default_factory=dict)
    extensions: list[WebExtension] = field(default_factory=list)
    reporter: Any = None  # ticketing.reporting.UpstreamReporter when upstream.url is set
    max_attachment_bytes: int = 10 * 1024 * 1024

    @property
    def catalog(self):  # noqa: ANN201 - the foundation's Catalog
        return self.db.catalog

    @property
    def policy(self):  # noqa: ANN201
        return self.db.policy

    def now(self):  # noqa: ANN201
        return self.db.clock()

    def text_routing(self) -> TextRouting | None:
        """What a correction is re-routed with; None when routing is not loaded."""
        if self.suggest is None:
            return None
        duplicates = self.find_duplicates or same_number_duplicates
        return TextRouting(self.suggest, duplicates, self.duplicate_window)

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking (database, file) call off the event loop."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    # --- UserDirectory for auth -------------------------------------------------------------
    async def authenticate(self, name: str, password: str) -> User | None:
        return await self.run(services.authenticate, self.db.uow(), name, password)

    async def get_user(self, name: str) -> User | None:
        def load() -> User | None:
            with self.db.uow() as uow:
                return uow.users.get(name)

        return await self.run(load)


WEB_CONTEXT = web.AppKey("hotline.web.context", WebContext)


def ctx(request: web.Request) -> WebContext:
    return request.app[WEB_CONTEXT]
