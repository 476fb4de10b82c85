"""自动派单 in the console: 收回 (take an automatic dispatch back to the operators' queue).

The window and the "only an automatic dispatch" rule live in the workflow (TAKE_BACK);
this endpoint adds the role check, and tells the unit it was withdrawn: the ticket has
no unit any more, so the event names the unit it had.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp_pydantic.oas.typing import r200, r403, r404, r409
from hotline.ticketing import services
from hotline.ticketing.commands import TakeBack
from hotline.ticketing.web.api_tickets import api, detail, load_visible, publish
from hotline.ticketing.web.auth import CENTRE_ROLES, require_role
from hotline.ticketing.web.context import ctx
from hotline.ticketing.web.events import TicketEvent
from hotline.ticketing.web.params import DbInt
from hotline.ticketing.web.schemas import ErrorOut, TakeBackBody, TicketOut

routes = web.RouteTableDef()


@routes.post("/api/v1/tickets/{ticket_id}/take-back")
@api
async def take_back(
    request: web.Request, ticket_id: DbInt, /, body: TakeBackBody
) -> r200[TicketOut] | r403[ErrorOut] | r404[ErrorOut] | r409[ErrorOut]:
    """收回自动派单: an automatic dispatch goes back to the operators' queue as a draft,
    within `auto_dispatch.take_back_minutes` of it (later, or a person's dispatch: 409).
    Operators and the centre lead only.

    Tags: workflow
    """
    c = ctx(request)
    principal = require_role(request, *CENTRE_ROLES)
    before = await load_visible(c, principal, ticket_id)
    updated = await c.run(
        services.apply_command,
        c.db.uow(),
        ticket_id,
        TakeBack(reason=body.reason),
        principal.actor,
        body.version,
    )
    publish(c, "ticket.updated", updated, command="take_back", actor=principal.user.name)
    # The unit's portal drops it: an event addressed to the unit that had it.
    c.hub.publish(
        TicketEvent(
            kind="ticket.withdrawn",
            ticket_id=updated.id,
            state=str(updated.state),
            units=before.units(),
            data={"message": f"工单 #{updated.id} 的自动派单已被中心收回"},
        )
    )
    return web.json_response(await detail(c, principal, updated))
