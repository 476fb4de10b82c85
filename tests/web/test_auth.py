"""Login, sessions, CSRF, API tokens, rate limiting, expiry — on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.fixtures.web import PASSWORD, csrf, login


async def test_login_sets_session_and_returns_csrf(web_env):
    c = await web_env.client()
    resp = await c.post("/api/v1/session/login", json={"username": "op1", "password": PASSWORD})
    assert resp.status == 200
    data = await resp.json()
    assert data["user"]["role"] == "operator"
    assert data["csrf_token"]
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    me = await (await c.get("/api/v1/session")).json()
    assert me["user"]["name"] == "op1" and me["csrf_token"] == data["csrf_token"]


async def test_wrong_password_is_401_in_chinese(web_env):
    c = await web_env.client()
    resp = await c.post("/api/v1/session/login", json={"username": "op1", "password": "nope-nope"})
    assert resp.status == 401
    assert (await resp.json())["message"] == "用户名或密码错误"


async def test_login_rate_limited_after_five_failures(web_env):
    c = await web_env.client()
    for _ in range(5):
        resp = await c.post("/api/v1/session/login", json={"username": "op2", "password": "x"})
        assert resp.status == 401
    resp = await c.post("/api/v1/session/login", json={"username": "op2", "password": PASSWORD})
    assert resp.status == 429
    assert "登录失败次数过多" in (await resp.json())["message"]


async def test_login_needs_json_not_a_form(web_env):
    c = await web_env.client()
    resp = await c.post("/api/v1/session/login", data={"username": "op1", "password": PASSWORD})
    assert resp.status in (400, 415)
    assert "message" in await resp.json()


async def test_api_without_credentials_is_401(web_env):
    c = await web_env.client()
    for path in ("/api/v1/tickets", "/api/v1/session", "/api/v1/stats", "/api/v1/catalog"):
        resp = await c.get(path)
        assert resp.status == 401, path
        assert (await resp.json())["message"]


async def test_pages_redirect_to_login_without_session(web_env):
    c = await web_env.client()
    resp = await c.get("/console", allow_redirects=False)
    assert resp.status == 302 and resp.headers["Location"].startswith("/login")
    assert (await c.get("/login")).status == 200


async def test_write_without_csrf_token_is_refused(web_env, draft):
    t = draft()
    c = await web_env.client("op1")
    resp = await c.post(f"/api/v1/tickets/{t.id}/claim", json={"version": t.version})
    assert resp.status == 403
    assert (await resp.json())["code"] == "csrf_failed"
    resp = await c.post(
        f"/api/v1/tickets/{t.id}/claim",
        json={"version": t.version},
        headers={"X-CSRF-Token": "forged"},
    )
    assert resp.status == 403
    resp = await c.post(
        f"/api/v1/tickets/{t.id}/claim", json={"version": t.version}, headers=csrf(c)
    )
    assert resp.status == 200


async def test_session_expires_after_inactivity(web_env, clock):
    c = await web_env.client("op1")
    assert (await c.get("/api/v1/session")).status == 200
    clock.advance(minutes=web_env.settings.web.session_minutes - 1)
    assert (await c.get("/api/v1/session")).status == 200  # use keeps it alive
    clock.advance(minutes=web_env.settings.web.session_minutes + 1)
    resp = await c.get("/api/v1/tickets")
    assert resp.status == 401
    body = await resp.json()
    assert body["code"] == "session_expired" and body["message"] == "登录已过期，请重新登录"
    page = await c.get("/console", allow_redirects=False)
    assert page.status == 302


async def test_logout_ends_session(web_env):
    c = await web_env.client("op1")
    assert (await c.post("/api/v1/session/logout", json={}, headers=csrf(c))).status == 200
    assert (await c.get("/api/v1/session")).status == 401


async def test_tampered_cookie_is_401(web_env):
    c = await web_env.client()
    c.session.cookie_jar.update_cookies({"hotline_session": "garbage"})
    resp = await c.get("/api/v1/tickets")
    assert resp.status == 401


async def test_api_token_for_integrations(web_env, draft):
    with web_env.database.uow() as uow:  # an integration account (`hotline user add --integration`)
        bot_user = uow.users.get("op2")
        bot_user.integration = True
        uow.users.save(bot_user)
        uow.commit()
    admin = await web_env.client("admin")
    resp = await admin.post(
        "/api/v1/tokens",
        json={"user_name": "op2", "label": "市长信箱", "scopes": ["read", "intake"]},
        headers=csrf(admin),
    )
    assert resp.status == 201
    token = (await resp.json())["token"]
    token_id = (await resp.json())["id"]

    bot = await web_env.client()
    auth = {"Authorization": f"Bearer {token}"}
    created = await bot.post(
        "/api/v1/tickets", json={"text": "路灯不亮", "channel": "online"}, headers=auth
    )
    assert created.status == 201, await created.text()  # no CSRF for Bearer
    assert (await bot.get("/api/v1/tickets", headers=auth)).status == 200
    bad = await bot.get("/api/v1/tickets", headers={"Authorization": "Bearer nope"})
    assert bad.status == 401

    assert (await admin.delete(f"/api/v1/tokens/{token_id}", headers=csrf(admin))).status == 200
    assert (await bot.get("/api/v1/tickets", headers=auth)).status == 401


async def test_only_admin_creates_tokens_for_others(web_env):
    for name in ("op1", "lead", "housing_liaison"):
        c = await web_env.client(name)
        resp = await c.post("/api/v1/tokens", json={"user_name": "op2"}, headers=csrf(c))
        assert resp.status == 403, name


async def test_login_helper_roundtrip(web_env):
    c = await web_env.client()
    token = await login(c, "lead")
    assert token


async def test_address_limit_is_looser_than_the_name_limit(web_env):
    c = await web_env.client()
    limit = web_env.settings.web.login_max_failures_per_address
    for i in range(limit - 1):  # many people behind one address, each mistyping once
        resp = await c.post(
            "/api/v1/session/login", json={"username": f"someone{i}", "password": "x"}
        )
        assert resp.status == 401
    resp = await c.post("/api/v1/session/login", json={"username": "op1", "password": PASSWORD})
    assert resp.status == 200  # one more colleague still gets in
    resp = await c.post("/api/v1/session/login", json={"username": "stranger", "password": "x"})
    assert resp.status == 401
    resp = await c.post("/api/v1/session/login", json={"username": "op2", "password": PASSWORD})
    assert resp.status == 429
