"""Dashboard figures (JSON, CSV, Excel) and report-up (上报) operations."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from aiohttp import web
from aiohttp_pydantic.oas.typing import r200, r400, r403
from hotline.ticketing import reporting, services, stats
from hotline.ticketing.model import STATE_LABELS
from hotline.ticketing.persistence.dispatch_queries import auto_dispatch_figures
from hotline.ticketing.persistence.repository import TicketQuery
from hotline.ticketing.users import Role
from hotline.ticketing.web import exports, params, store
from hotline.ticketing.web.api_tickets import api
from hotline.ticketing.web.auth import Principal, require_role
from hotline.ticketing.web.context import WebContext, ctx
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.schemas import ErrorOut

routes = web.RouteTableDef()
STATS_ROLES = (Role.OPERATOR, Role.LEAD, Role.ADMIN)
MAX_DAYS = 366


def _period(c: WebContext, start: str | None, end: str | None) -> tuple[date, date]:
    today = c.now().astimezone(stats.ZoneInfo(c.catalog.timezone)).date()
    try:
        end_day = date.fromisoformat(end) if end else today
        start_day = date.fromisoformat(start) if start else end_day - timedelta(days=29)
    except ValueError:
        raise ApiError(400, "invalid_input", "日期格式应为 YYYY-MM-DD", "bad date") from None
    params.check_day(start_day, "start")
    params.check_day(end_day, "end")
    if start_day > end_day:
        raise ApiError(400, "invalid_input", "开始日期不能晚于结束日期", "start after end")
    if (end_day - start_day).days >= MAX_DAYS:
        raise ApiError(400, "invalid_input", "统计区间不能超过一年", "period too long")
    return start_day, end_day


def compute(c: WebContext, start: date, end: date) -> stats.DashboardStats:
    """The dashboard's figures, counted by the database (only the groups are read)."""
    lo, hi = stats.period_bounds(start, end, c.catalog.timezone)
    counts = services.period_counts(c.db.uow(), lo, hi, tz=c.catalog.timezone, now=c.now())
    users = services.list_users(c.db.uow())
    supervisors = stats.supervisor_map(u for u in users if u.role in (Role.OPERATOR, Role.LEAD))
    return stats.assemble(counts, start=start, end=end, supervisors=supervisors)


@routes.get("/api/v1/stats")
@api
async def get_stats(
    request: web.Request, start: str | None = None, end: str | None = None
) -> r200[dict] | r400[ErrorOut] | r403[ErrorOut]:
    """Dashboard figures for [start, end] (local dates; default the last 30 days).

    Tags: stats
    """
    c = ctx(request)
    require_role(request, *STATS_ROLES)
    start_day, end_day = _period(c, start, end)
    figures = await c.run(compute, c, start_day, end_day)
    lo, hi = stats.period_bounds(start_day, end_day, c.catalog.timezone)
    auto = await c.run(auto_dispatch_figures, c.db, lo, hi)
    return web.json_response({**figures.to_dict(), "auto_dispatch": auto.to_dict()})


# Only these roles get the per-ticket list in the exports (operators get the figures).
TICKET_LIST_ROLES = (Role.LEAD, Role.ADMIN)


def _tables(c: WebContext, start: date, end: date, with_tickets: bool) -> list[exports.Table]:
    cat = c.catalog
    names = {k.id: k.name for k in cat.categories}
    areas = {a.id: a.name for a in cat.areas}

    def unit(u: str) -> str:
        return cat.unit(u).name if cat.has_unit(u) else u

    def area(a: str) -> str:
        return areas.get(a, a)

    def kind(k: str) -> str:
        return names.get(k, k)

    tables = exports.sections(compute(c, start, end), unit, area, kind)
    if with_tickets:
        lo, hi = stats.period_bounds(start, end, c.catalog.timezone)
        tickets = services.ticket_figures(
            c.db.uow(), TicketQuery(received_from=lo, received_before=hi)
        )
        state = {str(k): v for k, v in STATE_LABELS.items()}
        tables.append(
            exports.ticket_table(
                tickets,
                tz=cat.timezone,
                policy=c.policy,
                unit=unit,
                area=area,
                kind=kind,
                state=lambda s: state.get(s, s),
            )
        )
    return tables


def _download(body: bytes, filename: str, content_type: str) -> web.Response:
    return web.Response(
        body=body,
        content_type=content_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )


async def _audit_export(
    request: web.Request, principal: Principal, action: str, start: date, end: date, **extra: Any
) -> None:
    c = ctx(request)
    details = {"start": start.isoformat(), "end": end.isoformat(), **extra}
    await c.run(
        store.audit, c.db, principal.actor, action, remote=request.remote or "", details=details
    )


async def _export(
    request: web.Request, start: str | None, end: str | None, kind: str
) -> web.Response:
    c = ctx(request)
    principal = require_role(request, *STATS_ROLES)
    s, e = _period(c, start, end)
    with_tickets = principal.role in TICKET_LIST_ROLES
    tables = await c.run(_tables, c, s, e, with_tickets)
    if with_tickets:
        await _audit_export(request, principal, "export_stats", s, e, format=kind)
    if kind == "csv":
        return _download(exports.to_csv(tables), f"统计_{s}_{e}.csv", "text/csv")
    return _download(
        exports.to_xlsx(tables),
        f"统计_{s}_{e}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@routes.get("/api/v1/stats/export.csv")
@api
async def export_csv(
    request: web.Request, start: str | None = None, end: str | None = None
) -> r200[str] | r400[ErrorOut] | r403[ErrorOut]:
    """The dashboard as CSV (UTF-8 with BOM); for the centre lead and admins also the
    period's ticket list (no caller numbers; audited).

    Tags: stats
    """
    return await _export(request, start, end, "csv")


@routes.get("/api/v1/stats/export.xlsx")
@api
async def export_xlsx(
    request: web.Request, start: str | None = None, end: str | None = None
) -> r200[str] | r400[ErrorOut] | r403[ErrorOut]:
    """The dashboard as an Excel workbook, one sheet per table, with typed cells (local
    times as dates, rates as % numbers); for the centre lead and admins also the period's
    ticket list (sheet 工单列表; audited).

    Tags: stats
    """
    return await _export(request, start, end, "xlsx")


@routes.get("/api/v1/reporting/export")
@api
async def reporting_export(
    request: web.Request, start: str | None = None, end: str | None = None, format: str = "json"
) -> r200[list[dict]] | r400[ErrorOut] | r403[ErrorOut]:
    """Manual report-up export: tickets closed in the period, as the upstream push sends them
    (JSON or CSV). Centre lead only; audited, since it carries callers' numbers.

    Tags: reporting
    """
    c = ctx(request)
    principal = require_role(request, Role.LEAD)
    if format not in ("json", "csv"):
        raise ApiError(400, "invalid_input", "导出格式只能是 json 或 csv", "bad format")
    s, e = _period(c, start, end)
    lo, hi = stats.period_bounds(s, e, c.catalog.timezone)
    rows = await c.run(reporting.export_closed, c.db, lo, hi)
    await _audit_export(request, principal, "export_report", s, e, count=len(rows))
    if format == "json":
        body = json.dumps(rows, ensure_ascii=False, indent=1).encode()
        return _download(body, f"上报_{s}_{e}.json", "application/json")
    return _download(exports.report_csv(rows), f"上报_{s}_{e}.csv", "text/csv")


@routes.get("/api/v1/reporting/outbox")
@api
async def reporting_outbox(request: web.Request) -> r200[list[dict]] | r403[ErrorOut]:
    """The report-up outbox: pending, sent and failed pushes. Centre lead only.

    Tags: reporting
    """
    c = ctx(request)
    require_role(request, Role.LEAD)
    entries = await c.run(reporting.outbox, c.db)
    return web.json_response([e.to_dict() for e in entries])


@routes.post("/api/v1/reporting/push")
@api
async def reporting_push(request: web.Request) -> r200[dict] | r403[ErrorOut]:
    """Push closed tickets now (and retry the failed ones). Centre lead only.

    Tags: reporting
    """
    c = ctx(request)
    require_role(request, Role.LEAD)
    if c.reporter is None:
        raise ApiError(409, "not_configured", "未配置上报地址（upstream.url）", "no upstream url")
    retried = await c.run(reporting.retry_failed, c.db)
    result = await c.reporter.run_once()
    return web.json_response({"sent": result.sent, "failed": result.failed, "retried": retried})
