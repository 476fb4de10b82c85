"""#14.7 through HTTP: the console sends a visitor to the login page saying 登录已过期 only
when a session actually ended (expired=1), not on a first visit or after logging out; the
catalogue tells the console which time zone to show times in."""

from __future__ import annotations

from tests.fixtures.web import csrf


async def test_first_visit_is_not_called_expired(web_env):
    c = await web_env.client()
    page = await c.get("/console", allow_redirects=False)
    assert page.status == 302 and page.headers["Location"] == "/login?next=/console"


async def test_an_ended_session_is_called_expired(web_env, clock):
    c = await web_env.client("op1")
    clock.advance(minutes=web_env.settings.web.session_minutes + 1)
    page = await c.get("/console", allow_redirects=False)
    assert page.status == 302
    assert page.headers["Location"] == "/login?expired=1&next=/console"


async def test_logging_out_is_not_called_expired(web_env):
    c = await web_env.client("op1")
    assert (await c.post("/api/v1/session/logout", json={}, headers=csrf(c))).status == 200
    page = await c.get("/console", allow_redirects=False)
    assert page.headers["Location"] == "/login?next=/console"


async def test_catalogue_names_the_time_zone(web_env):
    c = await web_env.client("op1")
    body = await (await c.get("/api/v1/catalog")).json()
    assert body["timezone"] == "Asia/Shanghai"


async def test_catalogue_gives_each_request_types_definition_and_examples(web_env):
    # The console shows them on the type choice, so operators type as the router does.
    c = await web_env.client("op1")
    body = await (await c.get("/api/v1/catalog")).json()
    for category in body["categories"]:
        assert "标志" in category["description"]
        assert len(category["examples"]) >= 5
