"""Session login/logout, who am I, the catalogue, live events (SSE), API tokens, audit log."""

from __future__ import annotations

import json

from aiohttp import web
from aiohttp.client_exceptions import ClientConnectionResetError
from aiohttp_pydantic.oas.typing import r200, r201, r401, r403, r404, r429
from aiohttp_sse import sse_response
from hotline.ticketing.users import ROLE_LABELS, Role
from hotline.ticketing.web import store
from hotline.ticketing.web.api_tickets import api
from hotline.ticketing.web.auth import (
    end_session,
    hash_token,
    new_api_token,
    require_role,
    start_session,
)
from hotline.ticketing.web.context import ctx
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.schemas import ErrorOut, LoginBody, SessionOut, TokenBody, TokenOut

routes = web.RouteTableDef()


def user_json(request: web.Request, user) -> dict:  # noqa: ANN001 - ticketing.users.User
    c = ctx(request)
    nav = [
        {"label": e.label, "href": e.href, "view": e.view} for ext in c.extensions for e in ext.nav
    ]
    nav.append({"label": "统计分析", "href": "/dashboard", "view": ""})
    return {
        "name": user.name,
        "display_name": user.display_name or user.name,
        "role": str(user.role),
        "role_label": ROLE_LABELS[user.role],
        "unit_id": user.unit_id,
        "unit_name": c.catalog.unit(user.unit_id).name if user.unit_id else None,
        "portfolio": list(user.portfolio),
        "nav": nav if user.role is not Role.LIAISON else [],
        "console_scripts": [s for ext in c.extensions for s in ext.console_scripts],
    }


@routes.post("/api/v1/session/login")
@api
async def login(
    request: web.Request, body: LoginBody
) -> r200[SessionOut] | r401[ErrorOut] | r429[ErrorOut]:
    """Console login: sets the session cookie and returns the CSRF token for later writes.

    At most 5 failed attempts per user name and per client address in 15 minutes.

    Tags: session
    """
    c = ctx(request)
    if not request.content_type.startswith("application/json"):
        # A cross-site form cannot send JSON without a CORS preflight: no login CSRF.
        raise ApiError(415, "unsupported_media_type", "请求格式有误", "login needs JSON")
    name = body.username.strip()
    address = request.remote or ""
    if c.limiter.blocked(name, address):
        raise ApiError(429, "too_many_attempts", "登录失败次数过多，请15分钟后再试", "rate limited")
    user = await c.authenticate(name, body.password)
    if user is None:
        c.limiter.failed(name, address)
        raise ApiError(401, "login_failed", "用户名或密码错误", "bad credentials")
    c.limiter.succeeded(name)
    csrf = await start_session(request, user, c.now())
    return web.json_response({"user": user_json(request, user), "csrf_token": csrf})


@routes.post("/api/v1/session/logout")
@api
async def logout(request: web.Request) -> r200[dict]:
    """End the console session.

    Tags: session
    """
    await end_session(request)
    return web.json_response({"ok": True})


@routes.get("/api/v1/session")
@api
async def whoami(request: web.Request) -> r200[SessionOut] | r401[ErrorOut]:
    """The logged-in user, the console navigation and the CSRF token.

    Tags: session
    """
    from aiohttp_session import get_session

    principal = require_role(request, *Role.__members__.values())
    csrf = None
    if principal.via == "session":
        csrf = (await get_session(request)).get("csrf")
    return web.json_response({"user": user_json(request, principal.user), "csrf_token": csrf})


@routes.get("/api/v1/catalog")
@api
async def catalog(request: web.Request) -> r200[dict] | r401[ErrorOut]:
    """Units, areas and request types (派单目录) for the forms.

    Tags: session
    """
    c = ctx(request)
    require_role(request, *Role.__members__.values())
    cat = c.catalog
    return web.json_response(
        {
            "district": {"id": cat.district_id, "name": cat.district_name},
            "units": [{"id": u.id, "name": u.name, "is_area": u.is_area} for u in cat.units],
            "areas": [{"id": a.id, "name": a.name} for a in cat.areas],
            "categories": [{"id": k.id, "name": k.name} for k in cat.categories],
        }
    )


@routes.get("/api/v1/events")
async def events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: `ticket` events as tickets are created and change.

    Liaisons only receive events of tickets dispatched to their unit.
    """
    c = ctx(request)
    principal = require_role(request, *Role.__members__.values())
    unit = principal.user.unit_id if principal.role is Role.LIAISON else None
    async with c.hub.subscribe(unit) as queue, sse_response(request) as resp:
        try:
            await resp.send(json.dumps({"kind": "hello"}), event="hello")
            while resp.is_connected():
                item = await queue.get()
                if item is None:  # server shutting down
                    break
                event_id, event = item
                await resp.send(
                    json.dumps(event.to_dict(), ensure_ascii=False, default=str),
                    id=str(event_id),
                    event="ticket",
                )
        except (ConnectionResetError, ClientConnectionResetError):
            pass  # the browser went away
    return resp


@routes.post("/api/v1/tokens")
@api
async def create_token(
    request: web.Request, body: TokenBody
) -> r201[TokenOut] | r403[ErrorOut] | r404[ErrorOut]:
    """Create an API token (Bearer) for an integration account. Admin only; shown once.

    Tags: admin
    """
    c = ctx(request)
    require_role(request, Role.ADMIN)
    user = await c.get_user(body.user_name)
    if user is None:
        raise ApiError(404, "not_found", f"用户不存在：{body.user_name}", "no such user")
    token = new_api_token()
    token_id = await c.run(store.add_token, c.db, user.name, hash_token(token), body.label, c.now())
    return web.json_response({"id": token_id, "token": token, "user_name": user.name}, status=201)


@routes.delete("/api/v1/tokens/{token_id}")
@api
async def revoke_token(
    request: web.Request, token_id: int, /
) -> r200[dict] | r403[ErrorOut] | r404[ErrorOut]:
    """Revoke an API token. Admin only.

    Tags: admin
    """
    c = ctx(request)
    require_role(request, Role.ADMIN)
    if not await c.run(store.revoke_token, c.db, token_id, c.now()):
        raise ApiError(404, "not_found", "令牌不存在或已停用", "no such token")
    return web.json_response({"ok": True})


@routes.get("/api/v1/audit")
@api
async def audit_log(
    request: web.Request, ticket_id: int | None = None, limit: int = 200
) -> r200[list[dict]] | r403[ErrorOut]:
    """Who read full caller numbers and exports. Centre lead and admin only.

    Tags: admin
    """
    c = ctx(request)
    require_role(request, Role.LEAD, Role.ADMIN)
    rows = await c.run(
        store.audit_entries, c.db, ticket_id=ticket_id, limit=max(1, min(limit, 1000))
    )
    return web.json_response(rows)
