"""Issue #13 (authentication): the login limiter, server-side sessions, API tokens, the
post-login redirect, the password policy — over HTTP against the real app, on SQLite and
PostgreSQL. Different client addresses are real: the client binds 127.0.0.x."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from hotline.ticketing import services
from hotline.ticketing.errors import InvalidInputError
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.events import EventHub
from yarl import URL

from tests.fixtures.web import PASSWORD, add_web_users, web_settings

LOGIN = "/api/v1/session/login"


class Client:
    """An HTTP client on its own source address (127.0.0.x) and cookie jar."""

    def __init__(self, server: TestServer, address: str = "127.0.0.1") -> None:
        self.base = str(server.make_url(""))
        self.session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(address, 0), force_close=True),
            cookie_jar=aiohttp.CookieJar(unsafe=True),
        )
        self.csrf = ""

    async def call(self, method: str, path: str, **kw: Any) -> tuple[int, Any]:
        headers = dict(kw.pop("headers", {}))
        if self.csrf and method != "GET":
            headers["X-CSRF-Token"] = self.csrf
        async with self.session.request(method, self.base + path, headers=headers, **kw) as r:
            body = await r.json(content_type=None) if r.content_type == "application/json" else None
            return r.status, body

    async def login(self, name: str, password: str = PASSWORD, **extra: Any) -> tuple[int, Any]:
        status, body = await self.call(
            "POST", LOGIN, json={"username": name, "password": password, **extra}
        )
        if status == 200:
            self.csrf = body["csrf_token"]
        return status, body

    def cookie(self) -> str:
        return self.session.cookie_jar.filter_cookies(URL(self.base))["hotline_session"].value

    async def close(self) -> None:
        await self.session.close()


class Env:
    def __init__(self, database: Database, tmp_path: Path) -> None:
        self.database = database
        self.tmp_path = tmp_path
        self.servers: list[TestServer] = []
        self.clients: list[Client] = []

    async def node(self, **web_overrides: Any) -> TestServer:
        """One more `hotline` node on the same database (its own app, limiter, sessions)."""
        settings = web_settings(self.tmp_path, **web_overrides)
        app = create_web_app(self.database, settings, hub=EventHub(), data_dir=self.tmp_path)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        self.servers.append(server)
        return server

    def client(self, server: TestServer, address: str = "127.0.0.1") -> Client:
        c = Client(server, address)
        self.clients.append(c)
        return c


@pytest.fixture
async def env(database: Database, tmp_path: Path) -> AsyncIterator[Env]:
    add_web_users(database)
    e = Env(database, tmp_path)
    try:
        yield e
    finally:
        for c in e.clients:
            await c.close()
        for s in e.servers:
            await s.close()


def make_integration(database: Database, name: str) -> None:
    with database.uow() as uow:
        user = uow.users.get(name)
        user.integration = True
        uow.users.save(user)
        uow.commit()


def audit_actions(database: Database) -> list[dict[str, Any]]:
    from hotline.ticketing.web import store

    return store.audit_entries(database, limit=1000)


# --- 5. login limiter ------------------------------------------------------------------------


async def test_parallel_wrong_passwords_are_counted_before_they_are_checked(env):
    server = await env.node()
    attacker = env.client(server)
    results = await asyncio.gather(*(attacker.login("op1", f"guess-{i}") for i in range(40)))
    statuses = sorted(status for status, _ in results)
    assert statuses.count(401) == 5  # only five passwords were ever checked
    assert statuses.count(429) == 35
    assert all(b["message"] == "登录失败次数过多，请15分钟后再试" for s, b in results if s == 429)


async def test_failures_from_one_address_do_not_lock_the_user_out_elsewhere(env):
    server = await env.node()
    attacker = env.client(server, "127.0.0.2")
    for _ in range(6):
        await attacker.login("op1", "wrong-password")
    assert (await attacker.login("op1"))[0] == 429  # this address is blocked for op1 …
    status, _ = await env.client(server, "127.0.0.3").login("op1")
    assert status == 200  # … the operator at her own desk is not


async def test_the_account_ceiling_locks_until_an_admin_unlocks(env, clock):
    server = await env.node(login_max_failures=3, login_lock_failures=7)
    for address in ("127.0.0.2", "127.0.0.3", "127.0.0.4"):  # a spread-out attack
        attacker = env.client(server, address)
        for _ in range(3):
            await attacker.login("op2", "wrong-password")
    victim = env.client(server, "127.0.0.5")
    status, body = await victim.login("op2")
    assert status == 403
    assert body["code"] == "account_locked"
    assert body["message"] == "账号已锁定，请联系管理员解锁"
    clock.advance(hours=2)  # a lock does not wear off by itself
    assert (await victim.login("op2"))[0] == 403

    operator = env.client(server)
    await operator.login("op1")
    assert (await operator.call("POST", "/api/v1/users/op2/unlock"))[0] == 403  # admins only
    admin = env.client(server)
    await admin.login("admin")
    status, _ = await admin.call("POST", "/api/v1/users/op2/unlock")
    assert status == 200
    assert (await victim.login("op2"))[0] == 200
    actions = [e["action"] for e in audit_actions(env.database)]
    assert "account_locked" in actions and "account_unlocked" in actions


async def test_the_limiter_is_shared_by_every_node(env):
    node_a, node_b = await env.node(), await env.node()
    for _ in range(5):
        await env.client(node_a).login("lead", "wrong-password")
    assert (await env.client(node_b).login("lead"))[0] == 429


# --- 6. sessions ------------------------------------------------------------------------------


async def replay(env: Env, server: TestServer, cookie: str) -> int:
    """A fresh client presenting a stolen/kept cookie."""
    thief = env.client(server)
    thief.session.cookie_jar.update_cookies({"hotline_session": cookie})
    return (await thief.call("GET", "/api/v1/session"))[0]


async def test_the_cookie_is_only_a_random_id_with_safe_attributes(env):
    server = await env.node(base_url="https://hotline.example.gov.cn")
    c = env.client(server)
    async with c.session.post(
        c.base + LOGIN, json={"username": "op1", "password": PASSWORD}
    ) as resp:
        header = resp.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" in header
    value = header.split(";")[0].split("=", 1)[1]
    assert 40 <= len(value) <= 50 and "op1" not in value  # 32 random bytes, nothing else


async def test_an_old_cookie_is_dead_after_logout_on_every_node(env):
    node_a, node_b = await env.node(), await env.node()
    c = env.client(node_a)
    await c.login("op1")
    cookie = c.cookie()
    assert await replay(env, node_b, cookie) == 200  # one session, valid on every node
    assert (await c.call("POST", "/api/v1/session/logout", json={}))[0] == 200
    assert await replay(env, node_a, cookie) == 401
    assert await replay(env, node_b, cookie) == 401


async def test_a_password_change_ends_older_sessions(env):
    server = await env.node()
    c = env.client(server)
    await c.login("op1")
    services.set_password(env.database.uow(), "op1", "a-new-Secret-42")
    status, body = await c.call("GET", "/api/v1/tickets")
    assert status == 401 and body["message"] == "密码已更改，请重新登录"
    assert (await env.client(server).login("op1", "a-new-Secret-42"))[0] == 200


async def test_sessions_have_an_absolute_lifetime(env, clock):
    server = await env.node(session_max_hours=12, session_minutes=30)
    c = env.client(server)
    await c.login("op1")
    for _ in range(35):  # busy all day: used every 20 minutes, up to 11 h 40 min
        clock.advance(minutes=20)
        assert (await c.call("GET", "/api/v1/session"))[0] == 200
    clock.advance(minutes=25)  # 12 h 05 min: not idle, but too old
    status, body = await c.call("GET", "/api/v1/session")
    assert status == 401 and body["code"] == "session_expired"


async def test_a_disabled_user_loses_sessions_logins_and_tokens(env, hotline_cli):
    server = await env.node()
    make_integration(env.database, "op2")
    admin = env.client(server)
    await admin.login("admin")
    _, made = await admin.call("POST", "/api/v1/tokens", json={"user_name": "op2"})
    c = env.client(server)
    await c.login("op2")

    url = env.database.engine.url.render_as_string(hide_password=False)
    hotline_cli.env["HOTLINE_DATABASE_URL"] = url
    result = hotline_cli("user", "disable", "op2")
    assert result.exit_code == 0, result.stdout + result.stderr

    status, body = await c.call("GET", "/api/v1/tickets")
    assert status == 401 and body["message"] == "账号已停用，请联系管理员"
    bearer = {"Authorization": f"Bearer {made['token']}"}
    assert (await env.client(server).call("GET", "/api/v1/tickets", headers=bearer))[0] == 401
    assert (await env.client(server).login("op2"))[0] == 401

    assert hotline_cli("user", "enable", "op2").exit_code == 0
    assert (await env.client(server).login("op2"))[0] == 200


# --- 7. API tokens ----------------------------------------------------------------------------


async def test_an_admin_cannot_mint_tokens_for_people(env):
    server = await env.node()
    admin = env.client(server)
    await admin.login("admin")
    status, body = await admin.call("POST", "/api/v1/tokens", json={"user_name": "op1"})
    assert status == 403 and body["message"] == "管理员只能为集成账号创建 API 令牌"
    make_integration(env.database, "op2")
    assert (await admin.call("POST", "/api/v1/tokens", json={"user_name": "op2"}))[0] == 201
    me = env.client(server)
    await me.login("op1")
    status, own = await me.call("POST", "/api/v1/tokens", json={"label": "我的脚本"})
    assert status == 201 and own["user_name"] == "op1" and own["scopes"] == ["read"]


async def test_tokens_are_scoped_expire_and_refusals_are_audited(env, clock, draft_for):
    server = await env.node(token_default_days=30, token_max_days=60)
    me = env.client(server)
    await me.login("op1")
    assert (await me.call("POST", "/api/v1/tokens", json={"expires_days": 61}))[0] == 400
    assert (await me.call("POST", "/api/v1/tokens", json={"scopes": ["root"]}))[0] == 400
    _, made = await me.call("POST", "/api/v1/tokens", json={"scopes": ["read"]})
    bot = env.client(server)
    bearer = {"Authorization": f"Bearer {made['token']}"}
    assert (await bot.call("GET", "/api/v1/tickets", headers=bearer))[0] == 200
    t = draft_for()
    status, body = await bot.call(
        "POST", f"/api/v1/tickets/{t.id}/claim", json={"version": t.version}, headers=bearer
    )
    assert status == 403 and body["code"] == "token_scope"
    status, _ = await bot.call("POST", "/api/v1/tokens", json={}, headers=bearer)
    assert status == 403  # a token cannot mint tokens

    clock.advance(days=31)
    status, body = await bot.call("GET", "/api/v1/tickets", headers=bearer)
    assert status == 401 and body["message"] == "API 令牌已过期"
    denied = [e for e in audit_actions(env.database) if e["action"] == "token_denied"]
    assert {e["details"]["reason"] for e in denied} == {"scope", "token_management", "expired"}
    assert all(e["actor"] == "op1" for e in denied)


async def test_tokens_are_listed_without_secrets_and_revocation_is_audited(env):
    server = await env.node()
    make_integration(env.database, "op2")
    admin = env.client(server)
    await admin.login("admin")
    _, made = await admin.call(
        "POST", "/api/v1/tokens", json={"user_name": "op2", "scopes": ["intake"], "label": "信箱"}
    )
    owner = env.client(server)
    await owner.login("op2")
    status, listed = await owner.call("GET", "/api/v1/tokens")
    assert status == 200 and [t["id"] for t in listed] == [made["id"]]
    entry = listed[0]
    assert entry["prefix"] == made["token"][:10] and entry["scopes"] == ["intake"]
    assert made["token"] not in str(listed) and "token_hash" not in entry
    other = env.client(server)
    await other.login("op1")
    assert (await other.call("GET", "/api/v1/tokens"))[1] == []  # not someone else's
    assert (await other.call("DELETE", f"/api/v1/tokens/{made['id']}"))[0] == 404
    assert (await owner.call("DELETE", f"/api/v1/tokens/{made['id']}"))[0] == 200
    actions = [(e["action"], e["actor"]) for e in audit_actions(env.database)]
    assert ("token_created", "admin") in actions and ("token_revoked", "op2") in actions


# --- 9. redirect after login ------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "/%5Cevil.example/",
        "/%09/evil.example/",
        "/\\evil.example/",
        "//evil.example/",
        "https://evil.example/",
        "/%2F/evil.example/",
        "javascript:alert(1)",
        "/%0d%0aSet-Cookie:x",
        "console",
    ],
)
async def test_login_redirect_only_to_paths_on_this_site(env, target):
    server = await env.node()
    status, body = await env.client(server).login("op1", next=target)
    assert status == 200 and body["redirect"] is None


async def test_login_redirect_keeps_a_local_page(env):
    server = await env.node()
    status, body = await env.client(server).login("op1", next="/dashboard?range=7d")
    assert body["redirect"] == "/dashboard?range=7d"


# --- password policy --------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["password123", "Qwertyuiop", "woaini1314", "zhaoliu-7"])
def test_common_passwords_and_the_user_name_are_refused(database, password):
    with pytest.raises(InvalidInputError) as caught:
        services.add_user(database.uow(), "zhaoliu-7", "operator", password)
    assert caught.value.code == "weak_password"
    assert caught.value.message_zh in (
        "密码过于常见，请换一个不易猜到的密码",
        "密码不能与用户名相同",
    )


@pytest.fixture
def draft_for(database: Database) -> Callable[..., Any]:
    from tests.fixtures.web import make_draft

    return lambda **fields: make_draft(database, **fields)


def test_migration_web_0002_creates_exactly_the_auth_tables(migrated_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from hotline.ticketing.web.tables import metadata
    from sqlalchemy import create_engine

    engine = create_engine(migrated_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": False})
            mine = {"web_sessions", "login_throttle", "api_tokens", "users"}
            diff = [d for d in compare_metadata(context, metadata) if mine & set(str(d).split("'"))]
        assert diff == []
    finally:
        engine.dispose()
