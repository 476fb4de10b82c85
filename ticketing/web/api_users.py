"""User management for admins (用户管理): list, add, disable/enable, unlock, reset password,
change role and unit. The same code paths as `hotline user …` (ticketing.web.accounts);
every change is audited. Console sessions only: an API token cannot manage accounts.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiohttp import web
from aiohttp_pydantic.oas.typing import r200, r201, r400, r403, r404
from hotline.ticketing.users import HUMAN_ROLES, Role
from hotline.ticketing.web import accounts
from hotline.ticketing.web.api_tickets import api
from hotline.ticketing.web.auth import Principal, require_role
from hotline.ticketing.web.context import WebContext, ctx
from hotline.ticketing.web.errors import ApiError
from hotline.ticketing.web.schemas import ErrorOut, Text
from pydantic import BaseModel, ConfigDict, Field

routes = web.RouteTableDef()
T = TypeVar("T")

# Login names: letters (also Chinese), digits and . _ @ - ; nothing a URL path would split.
NAME_PATTERN = r"^[\w.@-]+$"
ROLE_PATTERN = "^(" + "|".join(str(r) for r in HUMAN_ROLES) + ")$"


class NewUserBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100, pattern=NAME_PATTERN)
    role: str = Field(pattern=ROLE_PATTERN, description="operator|lead|liaison|admin")
    password: Text = Field(min_length=1, max_length=200)
    unit_id: str | None = Field(default=None, max_length=60, description="liaisons only")
    display_name: Text = Field(default="", max_length=100)
    integration: bool = False


class PasswordBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: Text = Field(min_length=1, max_length=200)


class RoleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str = Field(pattern=ROLE_PATTERN)
    unit_id: str | None = Field(default=None, max_length=60)


def _admin(request: web.Request) -> Principal:
    principal = require_role(request, Role.ADMIN)
    if principal.via != "session":
        raise ApiError(403, "forbidden", "管理用户需要登录控制台", "session only")
    return principal


def admin_only(handler: Callable[..., Awaitable[web.StreamResponse]]) -> Any:
    """Check the role before aiohttp-pydantic reads the body: anyone else gets 403, never
    a hint about what the body should look like."""

    @functools.wraps(handler)
    async def checked(request: web.Request, *args: Any, **kwargs: Any) -> web.StreamResponse:
        _admin(request)
        return await handler(request, *args, **kwargs)

    return checked


def _unit_name(c: WebContext, unit_id: str | None) -> str | None:
    return c.catalog.unit(unit_id).name if unit_id and c.catalog.has_unit(unit_id) else None


async def _change(request: web.Request, fn: Callable[..., T], *args: Any) -> T:
    """Run accounts.fn(db, *args, by=the admin, remote=…) off the loop."""
    c = ctx(request)
    principal = _admin(request)
    by = (principal.user.name, str(principal.role))
    return await c.run(lambda: fn(c.db, *args, by=by, remote=request.remote or ""))


def _check_name(user_name: str) -> str:
    if not user_name or len(user_name) > 100:
        raise ApiError(404, "not_found", "用户不存在", "no such user")
    return user_name


async def _change_user(request: web.Request, fn: Callable[..., T], user_name: str, *args: Any) -> T:
    """_change on the account named in the path (404 for a name no account can have)."""
    return await _change(request, fn, _check_name(user_name), *args)


def _done(user_name: str, **details: Any) -> web.Response:
    return web.json_response({"ok": True, "user_name": user_name, **details})


def _admin_post(path: str) -> Callable[[Callable[..., Awaitable[web.StreamResponse]]], Any]:
    """POST `path`: admin only (checked before the body is read), parameters by pydantic."""

    def register(handler: Callable[..., Awaitable[web.StreamResponse]]) -> Any:
        return routes.post(path)(admin_only(api(handler)))

    return register


@routes.get("/api/v1/users")
@admin_only
@api
async def list_users(request: web.Request) -> r200[list[dict]] | r403[ErrorOut]:
    """Every account: role, unit, disabled, locked by failed logins, integration flag,
    last console login (kept while its session row is). Admin only.

    Tags: admin
    """
    c = ctx(request)
    _admin(request)
    rows = await c.run(accounts.list_accounts, c.db)
    return web.json_response([a.to_json(_unit_name(c, a.user.unit_id)) for a in rows])


@_admin_post("/api/v1/users")
async def add_user(
    request: web.Request, body: NewUserBody
) -> r201[dict] | r400[ErrorOut] | r403[ErrorOut]:
    """Add an account. The password must be 8+ characters, not the name and not on the
    common-password list. Admin only; audited.

    Tags: admin
    """
    c = ctx(request)
    created = await _change(
        request,
        lambda db, **kw: accounts.add_account(
            db,
            body.name,
            body.role,
            body.password,
            unit_id=body.unit_id,
            display_name=body.display_name,
            integration=body.integration,
            **kw,
        ),
    )
    row = accounts.Account(created, locked=False, last_login_at=None)
    return web.json_response(row.to_json(_unit_name(c, created.unit_id)), status=201)


@_admin_post("/api/v1/users/{user_name}/disable")
async def disable_user(
    request: web.Request, user_name: str, /
) -> r200[dict] | r400[ErrorOut] | r403[ErrorOut] | r404[ErrorOut]:
    """Disable an account: no login, its API tokens stop working, its console sessions end
    at once. Admin only (not your own account); audited.

    Tags: admin
    """
    ended = await _change_user(request, accounts.set_active, user_name, False)
    return _done(user_name, sessions_ended=ended)


@_admin_post("/api/v1/users/{user_name}/enable")
async def enable_user(
    request: web.Request, user_name: str, /
) -> r200[dict] | r403[ErrorOut] | r404[ErrorOut]:
    """Enable a disabled account again. Admin only; audited.

    Tags: admin
    """
    await _change_user(request, accounts.set_active, user_name, True)
    return _done(user_name)


@_admin_post("/api/v1/users/{user_name}/unlock")
async def unlock_user(
    request: web.Request, user_name: str, /
) -> r200[dict] | r403[ErrorOut] | r404[ErrorOut]:
    """Unlock an account locked by failed logins (and clear its failure counts). Admin only;
    audited.

    Tags: admin
    """
    held = await _change_user(request, accounts.unlock_account, user_name)
    return _done(user_name, was_locked=held)


@_admin_post("/api/v1/users/{user_name}/password")
async def reset_password(
    request: web.Request, user_name: str, /, body: PasswordBody
) -> r200[dict] | r400[ErrorOut] | r403[ErrorOut] | r404[ErrorOut]:
    """Set a new password (same policy as adding); the user's console sessions end. Admin
    only; audited (never the password).

    Tags: admin
    """
    ended = await _change_user(request, accounts.reset_password, user_name, body.password)
    return _done(user_name, sessions_ended=ended)


@_admin_post("/api/v1/users/{user_name}/role")
async def change_role(
    request: web.Request, user_name: str, /, body: RoleBody
) -> r200[dict] | r400[ErrorOut] | r403[ErrorOut] | r404[ErrorOut]:
    """Change an account's role and unit (a liaison needs a unit from the catalogue; other
    roles have none). The user's sessions end. Admin only (not your own); audited.

    Tags: admin
    """
    changed = await _change_user(request, accounts.change_role, user_name, body.role, body.unit_id)
    return _done(user_name, role=str(changed.role), unit_id=changed.unit_id)
