"""/healthz for load balancers and monitoring, /metrics for Prometheus.

Each part reports itself: the composition root injects one check per part
(hotline/health_checks.py: database writable, SIP listening, ASR model and its
language, recordings disk, outbound route, intake journal…). A check returns a mapping
with "status" ok / degraded / failed (or, older style, "ok": bool), may be async, and a
raised exception counts as failed. The overall status is the worst one; HTTP 200 for
ok and degraded (the node still takes calls: keep it in rotation), 503 for failed (so
Kamailio's probe and monitoring take it out).

`web.health_details` false (the default): an anonymous caller gets the status and how
many checks are in each state, nothing else; a logged-in staff member or an API token
sees every check's details and the operators' banners (the console shows them).
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from hotline.ticketing.model import State
from hotline.ticketing.persistence.tables import TicketRow
from hotline.ticketing.users import Role
from hotline.ticketing.web.auth import identify
from hotline.ticketing.web.context import HealthCheck, ctx
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.metrics import REGISTRY, TICKETS_BY_STATE, TICKETS_OVERDUE
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select

routes = web.RouteTableDef()
CHECK_TIMEOUT = 5.0
STATUSES = ("ok", "degraded", "failed")  # best to worst
DETAIL_ROLES = frozenset({Role.OPERATOR, Role.LEAD, Role.ADMIN})


async def _run_check(check: HealthCheck) -> dict[str, Any]:
    try:
        result = check()
        if inspect.isawaitable(result):
            result = await asyncio.wait_for(result, CHECK_TIMEOUT)
    except Exception as exc:
        return {"status": "failed", "ok": False, "error": f"{type(exc).__name__}: {exc}"}
    if isinstance(result, bool) or not isinstance(result, Mapping):
        result = {"ok": bool(result)}
    data = dict(result)
    status = data.get("status")
    if status not in STATUSES:  # an older check: {"ok": bool}
        status = "ok" if data.get("ok", False) else "failed"
    data["status"] = status
    data["ok"] = status != "failed"
    return data


def overall(checks: Mapping[str, Mapping[str, Any]]) -> str:
    """The worst status of all checks ("ok" when there are none)."""
    return max((c["status"] for c in checks.values()), key=STATUSES.index, default="ok")


async def _may_see_details(request: web.Request) -> bool:
    c = ctx(request)
    if c.settings.web.health_details:
        return True
    try:
        principal = await identify(
            request, c, c.now(), c.settings.web.session_minutes * 60, touch=False
        )
    except ApiError:
        return False
    return principal is not None and (principal.via == "token" or principal.role in DETAIL_ROLES)


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    c = ctx(request)
    checks = {name: await _run_check(check) for name, check in c.health_checks.items()}
    status = overall(checks)
    counts = {s: sum(1 for v in checks.values() if v["status"] == s) for s in STATUSES}
    body: dict[str, Any] = {"status": status, "counts": counts}
    if await _may_see_details(request):
        body["checks"] = checks
        body["banners"] = [v["banner_zh"] for v in checks.values() if v.get("banner_zh")]
    return web.json_response(
        body,
        status=503 if status == "failed" else 200,
        dumps=lambda o: json.dumps(o, ensure_ascii=False),
    )


def database_check(db: Any) -> HealthCheck:
    """The database part, for callers who have nothing better."""

    async def check() -> dict[str, Any]:
        await asyncio.to_thread(db.ping)
        return {"status": "ok", "ok": True}

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

        def open_tickets(*conditions: Any) -> int:
            query = select(func.count()).select_from(TicketRow)
            return int(
                session.scalar(query.where(TicketRow.state.in_(open_states), *conditions)) or 0
            )

        dispatch = open_tickets(
            TicketRow.first_dispatched_at.is_(None), TicketRow.dispatch_due_at < now
        )
        close = open_tickets(
            TicketRow.dispatched_at.is_not(None),
            TicketRow.closed_at.is_(None),
            TicketRow.close_due_at < now,
        )
    return by_state, {"dispatch": dispatch, "close": close}


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
