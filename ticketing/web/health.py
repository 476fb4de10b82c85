"""/healthz for load balancers and /metrics for Prometheus.

Each part reports itself: the composition root injects one check per part
(database, SIP listener, ASR engine, ASR queue…); a check returns a mapping
with "ok" (and any details), may be async, and a raised exception counts as
not ok. 200 when every check is ok, 503 otherwise.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from hotline.ticketing.model import State
from hotline.ticketing.persistence.tables import TicketRow
from hotline.ticketing.web.context import HealthCheck, ctx
from hotline.ticketing.web.metrics import REGISTRY, TICKETS_BY_STATE, TICKETS_OVERDUE
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select

routes = web.RouteTableDef()
CHECK_TIMEOUT = 5.0


async def _run_check(check: HealthCheck) -> dict[str, Any]:
    try:
        result = check()
        if inspect.isawaitable(result):
            result = await asyncio.wait_for(result, CHECK_TIMEOUT)
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    if isinstance(result, bool):
        return {"ok": result}
    data = dict(result) if isinstance(result, Mapping) else {"ok": bool(result)}
    data["ok"] = bool(data.get("ok", False))
    return data


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    c = ctx(request)
    checks = {name: await _run_check(check) for name, check in c.health_checks.items()}
    healthy = all(v["ok"] for v in checks.values())
    return web.json_response(
        {"status": "ok" if healthy else "unhealthy", "checks": checks},
        status=200 if healthy else 503,
    )


def database_check(db: Any) -> HealthCheck:
    """The database part, for callers who have nothing better."""

    async def check() -> dict[str, Any]:
        await asyncio.to_thread(db.ping)
        return {"ok": True}

    return check


def _ticket_gauges(db: Any) -> tuple[dict[str, int], dict[str, int]]:
    now = db.clock()
    with db.uow() as uow:
        session = uow.session
        by_state = dict(
            session.execute(select(TicketRow.state, func.count()).group_by(TicketRow.state)).all()
        )
        open_states = [
            str(s)
            for s in State
            if s not in (State.CLOSED, State.REPORTED, State.MERGED, State.INVALID)
        ]
        dispatch = session.scalar(
            select(func.count())
            .select_from(TicketRow)
            .where(
                TicketRow.state.in_(open_states),
                TicketRow.first_dispatched_at.is_(None),
                TicketRow.dispatch_due_at < now,
            )
        )
        close = session.scalar(
            select(func.count())
            .select_from(TicketRow)
            .where(
                TicketRow.state.in_(open_states),
                TicketRow.dispatched_at.is_not(None),
                TicketRow.closed_at.is_(None),
                TicketRow.close_due_at < now,
            )
        )
    return by_state, {"dispatch": int(dispatch or 0), "close": int(close or 0)}


@routes.get("/metrics")
async def metrics(request: web.Request) -> web.Response:
    c = ctx(request)
    try:
        by_state, overdue = await asyncio.to_thread(_ticket_gauges, c.db)
    except Exception:  # the database being down must not hide the call metrics
        by_state, overdue = {}, {}
    for state in State:
        TICKETS_BY_STATE.labels(str(state)).set(by_state.get(str(state), 0))
    for kind, n in overdue.items():
        TICKETS_OVERDUE.labels(kind).set(n)
    return web.Response(
        body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )
