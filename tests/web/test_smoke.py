from tests.fixtures.web import csrf


async def test_smoke(web_env, draft):
    t = draft()
    c = await web_env.client("op1")
    r = await c.get("/api/v1/tickets?view=queue")
    assert r.status == 200, await r.text()
    data = await r.json()
    assert data["total"] == 1
    r = await c.get(f"/api/v1/tickets/{t.id}")
    assert r.status == 200, await r.text()
    r = await c.post(
        f"/api/v1/tickets/{t.id}/register",
        json={"version": 1, "request_type": "complaint", "summary": "电梯坏了"},
        headers=csrf(c),
    )
    assert r.status == 200, await r.text()
    r = await c.get("/api/v1/openapi.json")
    assert r.status == 200, await r.text()
