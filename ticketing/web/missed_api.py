"""未接来电回拨 in the console: the call-back list, 已回拨, and its statistics.

A `WebExtension` (see ticketing/web/context.py) like the 回访 one: routes under
/api/v1/missed-calls, the 未接来电 nav entry and the panel script (static/missed.js).
Operators and centre leads only; the cookie API's CSRF check applies as everywhere;
每次已回拨 is audited. Numbers are shown masked: the full number is read (audited) on the
call's draft ticket, as for any ticket.

Composition: `create_web_app(..., extensions=[missed_web_extension()])`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from aiohttp_pydantic.oas.typing import r200, r400, r403, r404, r409
from hotline.ticketing.missed import store
from hotline.ticketing.missed.service import MAX_NOTE, MissedCallService
from hotline.ticketing.missed.states import (
    STATE_LABELS,
    MissedState,
    MissedStats,
    summarise,
    timeliness,
)
from hotline.ticketing.model import mask_number
from hotline.ticketing.web import params
from hotline.ticketing.web.auth import CENTRE_ROLES, require_role
from hotline.ticketing.web.context import (
    ServiceExtension,
    WebContext,
    ctx,
    extension_service,
)
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.followup_api import _json, api, audit
from hotline.ticketing.web.followup_schemas import ErrorBody
from hotline.ticketing.web.params import DbInt
from hotline.ticketing.web.schemas import Text
from pydantic import BaseModel, ConfigDict, Field

PANEL_SCRIPT = "/static/missed.js"
FILTERS: dict[str, str] = {
    "pending": "待回拨",
    "overdue": "已超时",
    "called_back": "已回拨",
    "not_callable": "无来电号码",
    "all": "全部",
}


@dataclass
class MissedExtension(ServiceExtension[MissedCallService]):
    def build(self, c: WebContext) -> MissedCallService:
        return MissedCallService(
            engine=c.db.engine,
            clock=c.db.clock,
            deadline=timedelta(minutes=c.settings.deadlines.missed_callback_minutes),
        )


routes = web.RouteTableDef()


def missed_web_extension(service: MissedCallService | None = None) -> MissedExtension:
    """The 未接来电 API and console panel, for create_web_app(extensions=...)."""
    return MissedExtension.panel("missed", "未接来电", routes, PANEL_SCRIPT, service)


def _service(c: WebContext) -> MissedCallService:
    return extension_service(
        c, MissedExtension, "未接来电功能未启用", "missed-call extension not installed"
    )


class CalledBackBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: Text = Field(
        default="", max_length=MAX_NOTE, description="回拨情况（如：已联系，来电人将重新来电）"
    )


class MissedStatsOut(BaseModel):
    missed: int
    callable: int
    called_back: int
    called_back_in_time: int
    called_back_late: int
    pending: int
    overdue: int
    in_time_rate: float | None = None
    deadline_minutes: int


def _local(value: datetime | None, zone: ZoneInfo) -> str | None:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else None


def _deadline_label(call: store.MissedCall, now: datetime) -> tuple[bool, str]:
    t = timeliness(call.state, call.due_at, call.called_back_at, now)
    if call.state is MissedState.CALLED_BACK:
        return t.overdue, "超时回拨" if t.overdue else "按时回拨"
    if call.state is MissedState.PENDING and t.minutes_left is not None:
        if t.overdue:
            return True, f"已超时{-t.minutes_left}分钟"
        return False, f"剩余{t.minutes_left}分钟"
    return False, "—"


def call_view(call: store.MissedCall, zone: ZoneInfo, now: datetime) -> dict[str, Any]:
    overdue, label = _deadline_label(call, now)
    return {
        "id": call.id,
        "ticket_id": call.ticket_id,
        "caller_masked": mask_number(call.caller),
        "received_at": call.received_at.isoformat(),
        "received_local": _local(call.received_at, zone),
        "due_at": call.due_at.isoformat(),
        "due_local": _local(call.due_at, zone),
        "reason": call.reason,
        "state": str(call.state),
        "state_label": STATE_LABELS[call.state],
        "overdue": overdue,
        "deadline_label": label,
        "called_back_local": _local(call.called_back_at, zone),
        "called_back_by": call.called_back_by,
        "note": call.note,
        "can_call_back": call.state is MissedState.PENDING,
    }


def _stats_view(stats: MissedStats, service: MissedCallService) -> dict[str, Any]:
    return {
        "missed": stats.missed,
        "callable": stats.callable,
        "called_back": stats.called_back,
        "called_back_in_time": stats.called_back_in_time,
        "called_back_late": stats.called_back_late,
        "pending": stats.pending,
        "overdue": stats.overdue,
        "in_time_rate": stats.in_time_rate,
        "deadline_minutes": int(service.deadline.total_seconds() // 60),
    }


@routes.get("/api/v1/missed-calls")
@api
async def list_missed(
    request: web.Request, state: str | None = None, days: DbInt = 7
) -> r200[dict] | r400[ErrorBody] | r403[ErrorBody]:
    """未接来电回拨: answered calls in which the caller never spoke (hung up during the
    greeting, or silent), oldest deadline first, with the statistics.

    `state`: pending, overdue (pending past the deadline), called_back, not_callable, all.

    Tags: missed
    """
    c = ctx(request)
    require_role(request, *CENTRE_ROLES)
    name = params.text_param(state, "state", "状态") or "all"
    if name not in FILTERS:
        choices = "、".join(f"{k}({v})" for k, v in FILTERS.items())
        raise ApiError(
            400, "invalid_input", f"状态无效：{name}；可选：{choices}", f"unknown filter {name!r}"
        )
    if not 1 <= days <= 366:
        raise ApiError(400, "invalid_input", "天数应为1到366", f"days={days} out of range")
    service = _service(c)
    zone = ZoneInfo(c.settings.followup.timezone)

    def load() -> dict[str, Any]:
        calls = service.list_calls(days=days)
        now = service.clock()
        items = [call_view(call, zone, now) for call in calls]
        counts = {k: 0 for k in FILTERS}
        for item in items:
            counts[item["state"]] += 1
            counts["overdue"] += int(item["state"] == "pending" and item["overdue"])
        counts["all"] = len(items)
        if name == "overdue":
            items = [i for i in items if i["state"] == "pending" and i["overdue"]]
        elif name != "all":
            items = [i for i in items if i["state"] == name]
        stats = summarise(calls, now)
        return {
            "items": items,
            "total": len(items),
            "counts": counts,
            "filters": FILTERS,
            "stats": _stats_view(stats, service),
            "timezone": str(zone),
        }

    return _json(await c.run(load))


@routes.get("/api/v1/missed-calls/stats")
@api
async def missed_stats(
    request: web.Request, days: DbInt = 30
) -> r200[MissedStatsOut] | r400[ErrorBody] | r403[ErrorBody]:
    """Missed calls of the last `days` days: called back in time, late, pending, overdue.

    Tags: missed
    """
    c = ctx(request)
    require_role(request, *CENTRE_ROLES)
    if not 1 <= days <= 366:
        raise ApiError(400, "invalid_input", "统计天数应为1到366", f"days={days} out of range")
    service = _service(c)
    stats = await c.run(service.stats, days)
    return _json(_stats_view(stats, service))


@routes.post("/api/v1/missed-calls/{missed_id}/called-back")
@api
async def called_back(
    request: web.Request, missed_id: DbInt, /, body: CalledBackBody
) -> r200[dict] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody] | r409[ErrorBody]:
    """已回拨: the operator called the caller back; `note` says how it went (≤ 500 chars).
    409 when it was already marked (by someone else, too).

    Tags: missed
    """
    c = ctx(request)
    principal = require_role(request, *CENTRE_ROLES)
    service = _service(c)
    call = await c.run(service.call_back, missed_id, principal.actor, body.note)
    await audit(request, principal, "missed_call_called_back", call.ticket_id, missed_id=call.id)
    zone = ZoneInfo(c.settings.followup.timezone)
    view = call_view(call, zone, service.clock())
    return _json({"item": view, "message": f"已标记为已回拨（{view['deadline_label']}）"})


__all__ = ["MissedExtension", "missed_web_extension", "routes"]
