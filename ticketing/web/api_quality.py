"""ASR quality on the dashboard (CER per day and model, most corrected runs) and the
review of the correction lexicon (admin: approve / revert / delete, each audited)."""

from __future__ import annotations

from aiohttp import web
from aiohttp_pydantic.oas.typing import r200, r400, r403, r404
from hotline.ticketing import quality_store, stats
from hotline.ticketing.users import Role
from hotline.ticketing.web import store
from hotline.ticketing.web.api_stats import _period as period  # same period rules
from hotline.ticketing.web.api_tickets import api
from hotline.ticketing.web.auth import require_role
from hotline.ticketing.web.context import ctx
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.params import DbInt
from hotline.ticketing.web.schemas import ErrorOut

routes = web.RouteTableDef()
QUALITY_ROLES = (Role.LEAD, Role.ADMIN)
STATUSES = (quality_store.PROPOSED, quality_store.APPROVED, quality_store.REVERTED)


@routes.get("/api/v1/quality/asr")
@api
async def asr_quality(
    request: web.Request, start: str | None = None, end: str | None = None
) -> r200[dict] | r400[ErrorOut] | r403[ErrorOut]:
    """Character error rate of the machine transcripts against operators' corrections,
    per local day and model and per model, with the most often corrected runs, over
    corrections made in [start, end] (default the last 30 days). Leads and admins.

    Tags: quality
    """
    c = ctx(request)
    require_role(request, *QUALITY_ROLES)
    start_day, end_day = period(c, start, end)
    lo, hi = stats.period_bounds(start_day, end_day, c.catalog.timezone)
    report = await c.run(quality_store.quality_report, c.db, lo, hi, c.catalog.timezone)
    return web.json_response(
        {"start": start_day.isoformat(), "end": end_day.isoformat(), **report.to_dict()}
    )


@routes.get("/api/v1/quality/tickets/{ticket_id}")
@api
async def ticket_quality(
    request: web.Request, ticket_id: DbInt, /
) -> r200[dict] | r403[ErrorOut] | r404[ErrorOut]:
    """The stored CER of one corrected ticket (model, edits, corrected runs).

    Tags: quality
    """
    c = ctx(request)
    require_role(request, *QUALITY_ROLES)
    found = await c.run(quality_store.ticket_quality, c.db, ticket_id)
    if found is None:
        raise ApiError(404, "not_found", "该工单没有识别质量记录", "no correction measured")
    return web.json_response(found)


@routes.get("/api/v1/quality/lexicon")
@api
async def lexicon(
    request: web.Request, status: str | None = None
) -> r200[list[dict]] | r400[ErrorOut] | r403[ErrorOut]:
    """Correction lexicon entries (heard → meant), most seen first; `status` filters
    (proposed | approved | reverted). Leads and admins read; admins decide.

    Tags: quality
    """
    c = ctx(request)
    require_role(request, *QUALITY_ROLES)
    if status is not None and status not in STATUSES:
        raise ApiError(400, "invalid_input", "状态应为 proposed、approved 或 reverted", "status")
    entries = await c.run(quality_store.lexicon_entries, c.db, status)
    return web.json_response({"entries": entries, "auto_apply": c.settings.asr.lexicon_auto_apply})


async def _decide(request: web.Request, entry_id: int, action: str) -> web.Response:
    c = ctx(request)
    principal = require_role(request, Role.ADMIN)
    if action == "delete":
        entry = await c.run(quality_store.delete, c.db, entry_id)
    else:
        status = quality_store.APPROVED if action == "approve" else quality_store.REVERTED
        entry = await c.run(quality_store.decide, c.db, entry_id, status, principal.user.name)
    if entry is None:
        raise ApiError(404, "not_found", "词条不存在", "no such lexicon entry")
    await c.run(
        store.audit,
        c.db,
        principal.actor,
        f"lexicon.{action}",
        remote=request.remote or "",
        details={"id": entry_id, "heard": entry["heard"], "meant": entry["meant"]},
    )
    return web.json_response(entry)


def _decision(method: str, suffix: str, action: str, doc: str) -> None:
    """Route one admin decision on a lexicon entry (same roles, answers and audit)."""

    async def handler(
        request: web.Request, entry_id: DbInt, /
    ) -> r200[dict] | r403[ErrorOut] | r404[ErrorOut]:
        return await _decide(request, entry_id, action)

    handler.__name__ = handler.__qualname__ = action
    handler.__doc__ = f"{doc} Admin; audited.\n\n    Tags: quality\n    "
    routes.route(method, f"/api/v1/quality/lexicon/{{entry_id}}{suffix}")(api(handler))


_decision(
    "POST",
    "/approve",
    "approve",
    "Approve an entry: new transcripts get it applied before routing.",
)
_decision("POST", "/revert", "revert", "Stop applying an entry (kept, and not proposed again).")
_decision(
    "DELETE", "", "delete", "Forget an entry (proposed again if the correction keeps coming)."
)
