"""Session login/logout, who am I, the catalogue, live events (SSE), API tokens, audit log."""

from __future__ import annotations

import json
from datetime import timedelta

from aiohttp import web
from aiohttp.client_exceptions import ClientConnectionResetError
from aiohttp_pydantic.oas.typing import r200, r201, r400, r401, r403, r404, r429
from aiohttp_sse import sse_response
from hotline.ticketing.users import ROLE_LABELS, Role
from hotline.ticketing.web import auth_store, store
from hotline.ticketing.web.api_tickets import api
from hotline.ticketing.web.auth import (
    end_session,
    hash_token,
    login_limits,
    new_api_token,
    require_role,
    safe_next,
    start_session,
)
from hotline.ticketing.web.auth_store import SCOPES, Verdict
from hotline.ticketing.web.context import ctx
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.schemas import ErrorOut, SessionOut, TokenOut
from pydantic import BaseModel, ConfigDict, Field

routes = web.RouteTableDef()


def user_json(request: web.Request, user) -> dict:  # noqa: ANN001 - ticketing.users.User
    c = ctx(request)
    nav = [
        {"label": e.label, "href": e.href, "view": e.view} for ext in c.extensions for e in ext.nav
    ]
    nav.append({"label": "统计分析", "href": "/dashboard", "view": ""})
    if user.role is Role.ADMIN:
        nav.append({"label": "用户管理", "href": "/users", "view": ""})
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


class LoginBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)
    next: str | None = Field(default=None, max_length=2000, description="page to return to")


@routes.post("/api/v1/session/login")
@api
async def login(
    request: web.Request, body: LoginBody
) -> r200[SessionOut] | r401[ErrorOut] | r403[ErrorOut] | r429[ErrorOut]:
    """Console login: sets the session cookie and returns the CSRF token for later writes.

    Each attempt is counted before the password is checked. Too many failures for one
    name from one address, or from one address, → 429 for the rest of the window; too
    many for one name from everywhere lock the account until an admin unlocks it (403
    `account_locked`). `redirect` is `next` when it is a path on this site, else null.

    Tags: session
    """
    c = ctx(request)
    if not request.content_type.startswith("application/json"):
        # A cross-site form cannot send JSON without a CORS preflight: no login CSRF.
        raise ApiError(415, "unsupported_media_type", "请求格式有误", "login needs JSON")
    name = body.username.strip()
    address = request.remote or ""
    limits = login_limits(c.settings.web)
    verdict = await c.run(auth_store.reserve_login, c.db, name, address, c.now(), limits)
    if verdict is Verdict.LOCKED:
        raise ApiError(403, "account_locked", "账号已锁定，请联系管理员解锁", "account locked")
    if verdict is not Verdict.GO:
        minutes = c.settings.web.login_window_minutes
        raise ApiError(
            429, "too_many_attempts", f"登录失败次数过多，请{minutes}分钟后再试", str(verdict)
        )
    user = await c.authenticate(name, body.password)
    if user is None:
        if await c.run(auth_store.login_failed, c.db, name, address, limits):
            await c.run(auth_store.audit_now, c.db, name, "", "account_locked", remote=address)
        raise ApiError(401, "login_failed", "用户名或密码错误", "bad credentials")
    await c.run(auth_store.login_succeeded, c.db, name, address, c.now(), limits)
    csrf = await start_session(request, user, c.now())
    return web.json_response(
        {"user": user_json(request, user), "csrf_token": csrf, "redirect": safe_next(body.next)}
    )


@routes.post("/api/v1/session/logout")
@api
async def logout(request: web.Request) -> r200[dict]:
    """End the console session (on every node: it is deleted server-side).

    Tags: session
    """
    await end_session(request, "logout")
    return web.json_response({"ok": True})


@routes.get("/api/v1/session")
@api
async def whoami(request: web.Request) -> r200[SessionOut] | r401[ErrorOut]:
    """The logged-in user, the console navigation and the CSRF token.

    Tags: session
    """
    principal = require_role(request, *Role.__members__.values())
    return web.json_response(
        {"user": user_json(request, principal.user), "csrf_token": principal.csrf}
    )


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
            "timezone": cat.timezone,  # the console shows every time in this zone
            "units": [{"id": u.id, "name": u.name, "is_area": u.is_area} for u in cat.units],
            "areas": [{"id": a.id, "name": a.name} for a in cat.areas],
            # The definition and examples: the console shows them on the type choice.
            "categories": [
                {
                    "id": k.id,
                    "name": k.name,
                    "description": k.description,
                    "examples": list(k.examples),
                }
                for k in cat.categories
            ],
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


class TokenBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_name: str | None = Field(
        default=None, max_length=100, description="owner; default: yourself"
    )
    label: str = Field(default="", max_length=200)
    scopes: list[str] = Field(default=["read"], min_length=1, description="read|intake|commands")
    expires_days: int | None = Field(
        default=None, gt=0, description="default web.token_default_days"
    )


@routes.post("/api/v1/tokens")
@api
async def create_token(
    request: web.Request, body: TokenBody
) -> r201[TokenOut] | r400[ErrorOut] | r403[ErrorOut] | r404[ErrorOut]:
    """Create an API token (Bearer); the secret is shown once, only its hash is stored.

    Anyone logged in may make one for themselves; an admin may also make one for an
    integration account. Tokens carry scopes and expire. Audited.

    Tags: admin
    """
    c = ctx(request)
    principal = require_role(request, *Role.__members__.values())
    if principal.via != "session":
        raise ApiError(403, "forbidden", "管理 API 令牌需要登录控制台", "session only")
    owner_name = (body.user_name or principal.user.name).strip()
    owner = await c.get_user(owner_name)
    if owner is None:
        raise ApiError(404, "not_found", f"用户不存在：{owner_name}", "no such user")
    if owner.name != principal.user.name:
        if principal.role is not Role.ADMIN:
            raise ApiError(403, "forbidden", "只能为自己创建 API 令牌", "not your account")
        if not owner.integration:
            raise ApiError(
                403, "forbidden", "管理员只能为集成账号创建 API 令牌", "not an integration account"
            )
    if not owner.active:
        raise ApiError(403, "forbidden", "账号已停用", "account disabled")
    bad = sorted(set(body.scopes) - set(SCOPES))
    if bad:
        raise ApiError(
            400,
            "invalid_input",
            f"令牌权限无效：{'、'.join(bad)}（可选 read、intake、commands）",
            f"unknown scopes {bad}",
        )
    days = body.expires_days or c.settings.web.token_default_days
    if days > c.settings.web.token_max_days:
        raise ApiError(
            400,
            "invalid_input",
            f"令牌有效期不能超过{c.settings.web.token_max_days}天",
            "expires_days above web.token_max_days",
        )
    token = new_api_token()
    record = await c.run(
        lambda: auth_store.add_token(
            c.db,
            user_name=owner.name,
            token_hash=hash_token(token),
            prefix=token[:10],
            label=body.label,
            scopes=tuple(s for s in SCOPES if s in body.scopes),
            lifetime=timedelta(days=days),
            created_by=(principal.user.name, str(principal.role)),
            remote=request.remote or "",
        )
    )
    return web.json_response({**record.to_json(c.now()), "token": token}, status=201)


@routes.get("/api/v1/tokens")
@api
async def list_tokens(
    request: web.Request, user_name: str | None = None
) -> r200[list[dict]] | r403[ErrorOut]:
    """API tokens (prefix only, never the secret): your own; an admin sees everyone's.

    Tags: admin
    """
    c = ctx(request)
    principal = require_role(request, *Role.__members__.values())
    if principal.role is not Role.ADMIN:
        user_name = principal.user.name
    records = await c.run(auth_store.list_tokens, c.db, user_name)
    now = c.now()
    return web.json_response([r.to_json(now) for r in records])


@routes.delete("/api/v1/tokens/{token_id}")
@api
async def revoke_token(
    request: web.Request, token_id: int, /
) -> r200[dict] | r403[ErrorOut] | r404[ErrorOut]:
    """Revoke an API token: its owner or an admin. Audited.

    Tags: admin
    """
    c = ctx(request)
    principal = require_role(request, *Role.__members__.values())
    record = await c.run(auth_store.token_by_id, c.db, token_id)
    mine = record is not None and record.user_name == principal.user.name
    if (
        record is None
        or record.revoked_at is not None
        or not (mine or principal.role is Role.ADMIN)
    ):
        raise ApiError(404, "not_found", "令牌不存在或已停用", "no such token")
    by = (principal.user.name, str(principal.role))
    if await c.run(auth_store.revoke_token, c.db, token_id, by, request.remote or "") is None:
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
