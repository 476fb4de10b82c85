"""转人工 in the console: live calls an operator may take over (接听) and the take itself.

A `WebExtension` (see ticketing/web/context.py): GET /api/v1/calls/live lists the calls the
listener is answering right now with their draft ticket; POST /api/v1/calls/{call_id}/take
transfers one to the operator's own phone (`sip.takeover.operator_phones`, set by the
admin). Operators only may take a call (leads and admins see the list); the cookie API's
CSRF check applies as everywhere. The transfer itself is the telephony's (REFER, else a
bridge); the ticket's history says 转人工 once the operator's phone has the caller.

Composition: `create_web_app(..., extensions=[takeover_web_extension(port)])`, where `port()`
gives the running intake (None while the SIP side is not up).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiohttp import web
from aiohttp_pydantic.oas.typing import r200, r202, r400, r403, r409, r503
from hotline.ticketing.model import mask_number
from hotline.ticketing.users import Role
from hotline.ticketing.web.auth import require_role
from hotline.ticketing.web.context import WebContext, WebExtension, ctx
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.followup_api import api
from hotline.ticketing.web.followup_schemas import ErrorBody

PANEL_SCRIPT = "/static/takeover.js"
MAX_CALL_ID = 255
REFUSALS: dict[str, tuple[int, str]] = {
    "gone": (409, "该来电已结束"),
    "taken": (409, "该来电已转人工"),
    "not_answered": (409, "该来电尚未接通"),
}


class TakeoverPort(Protocol):
    """The running intake as the console needs it (hotline.runtime.IntakeRuntime)."""

    def live_call_ids(self) -> list[str]: ...

    def take_call(self, call_id: str, by: str, phone: str) -> str | None:
        """None: under way; else why not ("gone", "taken", "not_answered")."""
        ...


def _no_port() -> TakeoverPort | None:
    return None


@dataclass
class TakeoverExtension(WebExtension):
    port: Callable[[], TakeoverPort | None] = field(default=_no_port)


routes = web.RouteTableDef()


def takeover_web_extension(port: Callable[[], TakeoverPort | None]) -> TakeoverExtension:
    """接听 on the live queue, for create_web_app(extensions=...)."""
    return TakeoverExtension(
        name="takeover", routes=routes, console_scripts=[PANEL_SCRIPT], port=port
    )


def _port(c: WebContext) -> TakeoverPort:
    for ext in c.extensions:
        if isinstance(ext, TakeoverExtension) and (port := ext.port()) is not None:
            return port
    raise ApiError(503, "no_telephony", "来电服务未运行，无法转人工", "SIP listener not running")


def _tickets_of(c: WebContext, call_ids: list[str]) -> list[dict[str, Any]]:
    out = []
    with c.db.uow() as uow:
        for call_id in call_ids:
            t = uow.tickets.get_by_call_id(call_id)
            out.append(
                {
                    "call_id": call_id,
                    "ticket_id": t.id if t else None,
                    "caller_number_masked": mask_number(t.caller_number) if t else None,
                    "received_at": t.received_at.isoformat() if t else None,
                }
            )
    return out


@routes.get("/api/v1/calls/live")
@api
async def live_calls(request: web.Request) -> r200[dict] | r403[ErrorBody] | r503[ErrorBody]:
    """Calls the listener is answering now, with their draft; `can_take`: this user may
    press 接听 (an operator with a phone in sip.takeover.operator_phones).

    Tags: calls
    """
    principal = require_role(request, Role.OPERATOR, Role.LEAD, Role.ADMIN)
    c = ctx(request)
    port = _port(c)
    items = await c.run(_tickets_of, c, port.live_call_ids())
    phone = c.settings.sip.takeover.operator_phones.get(principal.user.name)
    can_take = principal.role is Role.OPERATOR and phone is not None
    return web.json_response({"items": items, "can_take": can_take, "phone": phone})


@routes.post("/api/v1/calls/{call_id}/take")
@api
async def take_call(
    request: web.Request, call_id: str, /
) -> r202[dict] | r400[ErrorBody] | r403[ErrorBody] | r409[ErrorBody] | r503[ErrorBody]:
    """接听: transfer the live call to the operator's own phone (REFER, else a bridge).
    409 when the call is gone, already being taken, or the operator has no phone set.

    Tags: calls
    """
    principal = require_role(request, Role.OPERATOR)
    if not call_id or len(call_id) > MAX_CALL_ID:
        raise ApiError(400, "bad_call_id", "来电编号无效")
    c = ctx(request)
    phone = c.settings.sip.takeover.operator_phones.get(principal.user.name)
    if phone is None:
        raise ApiError(
            409, "no_phone", "您的座席电话未设置，请联系管理员（sip.takeover.operator_phones）"
        )
    refusal = _port(c).take_call(call_id, principal.user.name, phone)
    if refusal is not None:
        status, message = REFUSALS.get(refusal, (409, "无法转人工"))
        raise ApiError(status, refusal, message)
    return web.json_response(
        {"call_id": call_id, "phone": phone, "status": "transferring"}, status=202
    )
