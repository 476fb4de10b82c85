"""Routing preview for a draft being corrected: what the ticket page shows while the
operator types (nothing is stored; saving the text re-routes for real, see
`services.apply_command(routing=...)`)."""

from __future__ import annotations

from aiohttp import web
from aiohttp_pydantic.oas.typing import r200, r400, r403, r404, r413
from hotline.ticketing import services
from hotline.ticketing.commands import TEXT_LIMITS
from hotline.ticketing.errors import DomainError
from hotline.ticketing.model import mask_number
from hotline.ticketing.web import presenter
from hotline.ticketing.web.api_tickets import api, load_visible
from hotline.ticketing.web.auth import CENTRE_ROLES, require_role
from hotline.ticketing.web.context import ctx
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.params import DbInt
from hotline.ticketing.web.schemas import ErrorOut, Text
from pydantic import BaseModel, ConfigDict, Field

routes = web.RouteTableDef()


class RoutePreviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Text = Field(max_length=TEXT_LIMITS["corrected_text"], description="诉求内容（草稿）")


class RoutePreviewOut(BaseModel):
    routing_suggestion: dict = Field(description="派单建议（与工单页相同的形状）")
    request_type: str | None
    area_id: str | None
    epidemic: bool
    callback_number: str | None = Field(description="回拨号码（人工填写的优先）")
    callback_number_masked: str | None
    duplicate_candidates: list[int]
    manual_fields: list[str] = Field(description="督办员手工设定、不随文本变化的字段")


@routes.post("/api/v1/tickets/{ticket_id}/route-preview")
@api
async def route_preview(
    request: web.Request, ticket_id: DbInt, /, body: RoutePreviewBody
) -> r200[RoutePreviewOut] | r400[ErrorOut] | r403[ErrorOut] | r404[ErrorOut] | r413[ErrorOut]:
    """The routing suggestion and derived fields the ticket would get with this text.

    Fields the operator set by hand (`manual_fields`) keep their value. Centre staff only;
    nothing is stored.

    Tags: tickets
    """
    c = ctx(request)
    principal = require_role(request, *CENTRE_ROLES)
    await load_visible(c, principal, ticket_id)
    routing = c.text_routing()
    if routing is None:
        raise ApiError(503, "routing_unavailable", "派单建议暂不可用", "routing is not loaded")
    try:
        shown = await c.run(services.preview_routing, c.db.uow(), ticket_id, body.text, routing)
    except DomainError:
        raise
    except Exception as exc:  # the router failing is not the operator's fault
        raise ApiError(503, "routing_unavailable", "派单建议暂不可用", str(exc)[:200]) from None
    return web.json_response(
        {
            "routing_suggestion": presenter.routing_view(shown.routing_suggestion),
            "request_type": shown.request_type,
            "area_id": shown.area_id,
            "epidemic": shown.epidemic,
            "callback_number": shown.callback_number,
            "callback_number_masked": mask_number(shown.callback_number),
            "duplicate_candidates": list(shown.duplicate_candidates),
            "manual_fields": list(shown.manual_fields),
        }
    )
