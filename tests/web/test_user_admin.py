"""用户管理 through /api/v1 (admins only): list, add with the password policy, disable /
enable (sessions end), unlock, reset password (sessions end), role and unit — audited,
CSRF-checked, size-limited, Chinese errors; 403 for every other role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hotline.ticketing.web import auth_store, store

from tests.fixtures.web import PASSWORD, csrf, login

NEW_PASSWORD = "Zhao-Unit-2026"

# Every new endpoint with a body that would be accepted from an admin.
ENDPOINTS: list[tuple[str, str, dict | None]] = [
    ("GET", "/api/v1/users", None),
    ("POST", "/api/v1/users", {"name": "x1", "role": "operator", "password": NEW_PASSWORD}),
    ("POST", "/api/v1/users/op2/disable", {}),
    ("POST", "/api/v1/users/op2/enable", {}),
    ("POST", "/api/v1/users/op2/unlock", {}),
    ("POST", "/api/v1/users/op2/password", {"password": NEW_PASSWORD}),
    ("POST", "/api/v1/users/op2/role", {"role": "lead"}),
]


async def call(client, method: str, path: str, body: dict | None = None, **kw):
    headers = csrf(client) if method != "GET" else {}
    resp = await client.request(method, path, json=body, headers=headers, **kw)
    return resp.status, await resp.json()


def users_by_name(rows: list[dict]) -> dict[str, dict]:
    return {r["name"]: r for r in rows}


@pytest.mark.parametrize("name", ["op1", "lead", "housing_liaison"])
async def test_every_user_endpoint_is_admin_only(web_env, name):
    client = await web_env.client(name)
    for method, path, body in ENDPOINTS:
        status, data = await call(client, method, path, body)
        assert status == 403, (name, path, data)
        assert data["code"] == "forbidden" and data["message"] == "您的角色无权执行此操作"
        if method == "POST":  # the role is checked before the body is read
            status, data = await call(client, method, path, {"bogus": "x" * 300})
            assert status == 403 and data["code"] == "forbidden", (name, path, data)
    # nothing changed
    with web_env.database.uow() as uow:
        assert uow.users.get("x1") is None
        assert uow.users.get("op2").role == "operator" and uow.users.get("op2").active


async def test_user_management_needs_a_console_session_not_a_token(web_env):
    admin = await web_env.client("admin")
    status, token = await call(admin, "POST", "/api/v1/tokens", {"scopes": ["read", "commands"]})
    assert status == 201, token
    bearer = await web_env.client()
    for method, path, body in ENDPOINTS:
        resp = await bearer.request(
            method, path, json=body, headers={"Authorization": f"Bearer {token['token']}"}
        )
        assert resp.status == 403, path
        assert (await resp.json())["message"] == "管理用户需要登录控制台"


async def test_writes_need_the_csrf_token(web_env):
    admin = await web_env.client("admin")
    for _, path, body in ENDPOINTS[1:]:
        resp = await admin.post(path, json=body)
        assert resp.status == 403 and (await resp.json())["code"] == "csrf_failed", path


async def test_admin_lists_and_adds_users_with_the_password_policy(web_env):
    admin = await web_env.client("admin")
    await web_env.client("lead")  # gives lead a last login
    status, rows = await call(admin, "GET", "/api/v1/users")
    assert status == 200
    listed = users_by_name(rows)
    assert set(listed) == {"op1", "op2", "lead", "admin", "housing_liaison", "market_liaison"}
    liaison = listed["housing_liaison"]
    assert liaison["role"] == "liaison" and liaison["unit_id"] == "housing"
    assert liaison["unit_name"] == "区住房和城乡建设局"
    assert liaison["active"] is True and liaison["locked"] is False
    assert liaison["integration"] is False and liaison["last_login_at"] is None
    assert listed["lead"]["last_login_at"] is not None

    bad = [
        ({"password": "short1"}, 400, "weak_password", "密码至少需要8个字符"),
        ({"password": "password123"}, 400, "weak_password", "密码过于常见"),
        ({"password": "zhao12345", "name": "zhao12345"}, 400, "weak_password", "用户名"),
        ({"unit_id": None}, 400, "unit_required", "联络员必须绑定"),
        ({"unit_id": "no_such_unit"}, 422, "unknown_unit", "单位不存在"),
        ({"name": "op1"}, 400, "user_exists", "用户已存在"),
        ({"name": "z" * 101}, 400, "invalid_input", "用户名"),
        ({"name": "a/b"}, 400, "invalid_input", "用户名"),
        ({"role": "system"}, 400, "invalid_input", "角色"),
        ({"display_name": "x" * 101}, 400, "invalid_input", "显示名称"),
        ({"password": "p" * 201}, 400, "invalid_input", "密码"),
        ({"extra": 1}, 400, "invalid_input", "提交的数据不符合要求"),
    ]
    good = {"name": "zhao", "role": "liaison", "unit_id": "housing", "password": NEW_PASSWORD}
    for change, want_status, want_code, want_text in bad:
        status, data = await call(admin, "POST", "/api/v1/users", {**good, **change})
        assert (status, data["code"]) == (want_status, want_code), (change, data)
        assert want_text in data["message"], data
    with web_env.database.uow() as uow:
        assert uow.users.get("zhao") is None

    status, made = await call(
        admin, "POST", "/api/v1/users", {**good, "display_name": "赵联络", "integration": True}
    )
    assert status == 201, made
    assert made["unit_name"] == "区住房和城乡建设局" and made["integration"] is True
    zhao = await web_env.client()
    await login(zhao, "zhao", NEW_PASSWORD)
    status, me = await call(zhao, "GET", "/api/v1/session")
    assert me["user"]["role"] == "liaison" and me["user"]["display_name"] == "赵联络"
    actions = [a for a in store.audit_entries(web_env.database) if a["action"] == "user_added"]
    assert len(actions) == 1 and actions[0]["actor"] == "admin"


async def test_disable_enable_reset_role_and_unlock_end_sessions_and_are_audited(web_env):
    database = web_env.database
    admin = await web_env.client("admin")
    op2 = await web_env.client("op2")
    assert (await op2.get("/api/v1/tickets")).status == 200

    status, data = await call(admin, "POST", "/api/v1/users/op2/disable", {})
    assert status == 200 and data["sessions_ended"] == 1
    resp = await op2.get("/api/v1/tickets")
    assert resp.status == 401 and (await resp.json())["code"] == "session_expired"
    refused = await op2.post(
        "/api/v1/session/login", json={"username": "op2", "password": PASSWORD}
    )
    assert refused.status == 401
    assert users_by_name((await call(admin, "GET", "/api/v1/users"))[1])["op2"]["active"] is False
    assert (await call(admin, "POST", "/api/v1/users/op2/enable", {}))[0] == 200
    await login(op2, "op2")

    status, data = await call(admin, "POST", "/api/v1/users/op2/password", {"password": "1234"})
    assert status == 400 and data["code"] == "weak_password" and "至少" in data["message"]
    status, data = await call(
        admin, "POST", "/api/v1/users/op2/password", {"password": NEW_PASSWORD}
    )
    assert status == 200 and data["sessions_ended"] == 1
    assert (await op2.get("/api/v1/tickets")).status == 401
    old = await op2.post("/api/v1/session/login", json={"username": "op2", "password": PASSWORD})
    assert old.status == 401
    await login(op2, "op2", NEW_PASSWORD)

    status, data = await call(admin, "POST", "/api/v1/users/op2/role", {"role": "liaison"})
    assert status == 400 and data["code"] == "unit_required"
    status, data = await call(
        admin, "POST", "/api/v1/users/op2/role", {"role": "liaison", "unit_id": "housing"}
    )
    assert status == 200 and data["unit_id"] == "housing", data
    assert (await op2.get("/api/v1/tickets")).status == 401  # pages follow the role: log in again
    await login(op2, "op2", NEW_PASSWORD)
    status, me = await call(op2, "GET", "/api/v1/session")
    assert me["user"]["role"] == "liaison" and me["user"]["unit_id"] == "housing"
    status, data = await call(
        admin, "POST", "/api/v1/users/op2/role", {"role": "lead", "unit_id": "housing"}
    )
    assert status == 200 and data["unit_id"] is None  # only liaisons have a unit
    with database.uow() as uow:
        assert uow.users.get("op2").portfolio == ()

    limits = auth_store.Limits(timedelta(minutes=15), per_pair=5, per_address=30, lock_at=2)
    for address in ("10.0.0.1", "10.0.0.2"):
        auth_store.reserve_login(database, "op1", address, database.clock(), limits)
        auth_store.login_failed(database, "op1", address, limits)
    assert users_by_name((await call(admin, "GET", "/api/v1/users"))[1])["op1"]["locked"] is True
    status, data = await call(admin, "POST", "/api/v1/users/op1/unlock", {})
    assert status == 200 and data["was_locked"] is True
    assert users_by_name((await call(admin, "GET", "/api/v1/users"))[1])["op1"]["locked"] is False

    for path in ("disable", "role"):
        status, data = await call(admin, "POST", f"/api/v1/users/admin/{path}", {"role": "lead"})
        assert status == 400 and data["code"] == "own_account" and "自己" in data["message"]
    for path, body in (("disable", {}), ("password", {"password": NEW_PASSWORD})):
        status, data = await call(admin, "POST", f"/api/v1/users/nobody/{path}", body)
        assert status == 404 and data["message"] == "用户不存在：nobody"
    status, data = await call(admin, "POST", "/api/v1/users/" + "n" * 101 + "/unlock", {})
    assert status == 404

    entries = [e for e in store.audit_entries(database, limit=100) if e["actor"] == "admin"]
    assert {e["action"] for e in entries} >= {
        "user_disabled",
        "user_enabled",
        "password_changed",
        "user_role_changed",
        "account_unlocked",
    }
    assert all(NEW_PASSWORD not in str(e["details"]) for e in entries)


async def test_admin_navigation_has_user_management(web_env):
    admin = await web_env.client("admin")
    lead = await web_env.client("lead")
    nav = (await call(admin, "GET", "/api/v1/session"))[1]["user"]["nav"]
    assert {"label": "用户管理", "href": "/users", "view": ""} in nav
    assert all(
        n["href"] != "/users"
        for n in (await call(lead, "GET", "/api/v1/session"))[1]["user"]["nav"]
    )
    page = await admin.get("/users", allow_redirects=False)
    assert page.status == 200 and "用户管理" in await page.text()
    anonymous = await web_env.client()
    assert (await anonymous.get("/users", allow_redirects=False)).status == 302
