"""Which routing model is live and how it was judged: the dashboard's 派单模型 card.

Scheduled retraining (hotline/routing_retrainer.py) records every run in
`routing_models`; a model goes live only when it routed the newest dispatches at least as
well as the one before it (champion/challenger)."""

from __future__ import annotations

from aiohttp import web
from aiohttp_pydantic.oas.typing import r200, r403
from hotline.ticketing.persistence import routing_models
from hotline.ticketing.web.api_tickets import api
from hotline.ticketing.web.auth import STAFF_ROLES, require_role
from hotline.ticketing.web.context import ctx
from hotline.ticketing.web.schemas import ErrorOut

routes = web.RouteTableDef()


@routes.get("/api/v1/routing/model")
@api
async def routing_model(request: web.Request) -> r200[dict] | r403[ErrorOut]:
    """The live routing model (null: the packaged seed-corpus model, never retrained here)
    with its accuracy on the newest dispatches, and the last ten retraining runs.
    Centre staff and admins.

    Tags: routing
    """
    c = ctx(request)
    require_role(request, *STAFF_ROLES)
    live = await c.run(routing_models.live_run, c.db)
    recent = await c.run(routing_models.recent_runs, c.db, 10)
    return web.json_response(
        {
            "live": live.to_dict() if live is not None else None,
            "runs": [r.to_dict() for r in recent],
        }
    )
