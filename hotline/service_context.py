"""`ServiceContext`: what the parts of a running `hotline serve` share, each by a typed field."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from hotline.database_gate import DatabaseGate
from hotline.routing_wiring import LiveRouting
from hotline.runtime import IntakeRuntime
from hotline.settings import Settings
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.events import EventHub


@dataclass
class ServiceContext:
    """What every part of the running service may use."""

    settings: Settings
    database: Database
    catalog: Catalog
    http_host: str
    http_port: int
    sip_port: int | None = None  # None: use settings.sip.port
    # Ready unless the database was unreachable at start-up.
    database_gate: DatabaseGate = field(default_factory=lambda: DatabaseGate(""))
    # The console's live updates: the web app serves it, the intake part publishes to it.
    event_hub: EventHub = field(default_factory=EventHub)
    # Set by the intake part once the SIP listener runs (the health checks read it).
    intake: IntakeRuntime | None = None
    # The node's router, built with the web app; intake and retraining share it.
    routing: LiveRouting | None = None


CONTEXT_KEY = web.AppKey("hotline_context", ServiceContext)
