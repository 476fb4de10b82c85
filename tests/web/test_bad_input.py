"""Bad input never gives a 500: oversized bodies, invalid JSON, unknown ids, wrong types."""

from __future__ import annotations

from tests.fixtures.web import csrf, registered


async def test_oversized_body_is_413_in_chinese(web_env, draft):
    op, t, version = await registered(web_env, draft)
    huge = b'{"version": 2, "reason": "' + b"x" * (web_env.settings.web.max_body_bytes + 1) + b'"}'
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/supervise",
        data=huge,
        headers={**csrf(op), "Content-Type": "application/json"},
    )
    assert resp.status == 413
    body = await resp.json()
    assert body["code"] == "body_too_large" and "过大" in body["message"]


async def test_oversized_chunked_body_without_length_is_413(web_env, draft):
    op, t, version = await registered(web_env, draft)
    limit = web_env.settings.web.max_body_bytes

    async def chunks():
        yield b'{"version": 2, "reason": "'
        for _ in range(limit // 4096 + 2):
            yield b"x" * 4096
        yield b'"}'

    resp = await op.post(
        f"/api/v1/tickets/{t.id}/supervise",
        data=chunks(),
        headers={**csrf(op), "Content-Type": "application/json"},
    )
    assert resp.status == 413
    assert "过大" in (await resp.json())["message"]


async def test_invalid_json_is_400_in_chinese(web_env, draft):
    op, t, version = await registered(web_env, draft)
    for raw in (b"{not json", b"", b"[1, 2]", b'"text"'):
        resp = await op.post(
            f"/api/v1/tickets/{t.id}/dispatch",
            data=raw,
            headers={**csrf(op), "Content-Type": "application/json"},
        )
        assert resp.status == 400, raw
        body = await resp.json()
        assert body["message"] in ("请求内容不是有效的 JSON", "提交的数据不符合要求"), body


async def test_unknown_unit_is_422(web_env, draft):
    op, t, version = await registered(web_env, draft)
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/dispatch",
        json={"version": version, "lead_unit": "no_such_bureau"},
        headers=csrf(op),
    )
    assert resp.status == 422
    body = await resp.json()
    assert body["code"] == "unknown_unit" and body["message"] == "单位不存在：no_such_bureau"
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/dispatch",
        json={"version": version, "lead_unit": "housing", "assisting_units": ["nope"]},
        headers=csrf(op),
    )
    assert resp.status == 422
    assert (await op.get("/api/v1/tickets?unit=nope")).status == 422
    # nothing was changed by the refused commands
    page = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    assert page["version"] == version and page["state"] == "registered"


async def test_wrong_types_missing_and_unknown_fields_are_400(web_env, draft):
    op, t, version = await registered(web_env, draft)
    cases = [
        {"lead_unit": "housing"},  # no version
        {"version": "two", "lead_unit": "housing"},
        {"version": version, "lead_unit": "housing", "colour": "red"},
        {"version": version, "lead_unit": ["housing"]},
        {"version": 0, "lead_unit": "housing"},
    ]
    for body in cases:
        resp = await op.post(f"/api/v1/tickets/{t.id}/dispatch", json=body, headers=csrf(op))
        assert resp.status == 400, body
        assert (await resp.json())["message"].startswith("提交的数据不符合要求")


async def test_bad_ids_and_unknown_tickets(web_env):
    op = await web_env.client("op1")
    assert (await op.get("/api/v1/tickets/abc")).status in (400, 404)
    resp = await op.get("/api/v1/tickets/999999")
    assert resp.status == 404 and (await resp.json())["message"] == "工单不存在：999999"
    resp = await op.post("/api/v1/tickets/999999/claim", json={"version": 1}, headers=csrf(op))
    assert resp.status == 404
    assert (await op.get("/api/v1/tickets/999999/recording")).status == 404
    assert (await op.get("/api/v1/tickets/1/attachments/x")).status in (400, 404)


async def test_bad_query_parameters(web_env):
    op = await web_env.client("op1")
    for qs in (
        "view=everything",
        "state=lost",
        "date_from=yesterday",
        "limit=lots",
    ):
        resp = await op.get(f"/api/v1/tickets?{qs}")
        assert resp.status == 400, qs
        assert (await resp.json())["message"]
    for qs in ("start=2026-02-01&end=2026-01-01", "start=nope", "start=2020-01-01&end=2026-01-01"):
        resp = await op.get(f"/api/v1/stats?{qs}")
        assert resp.status == 400, qs


async def test_unknown_api_path_and_method(web_env):
    op = await web_env.client("op1")
    resp = await op.get("/api/v1/nothing-here")
    assert resp.status == 404 and (await resp.json())["message"] == "请求的资源不存在"
    resp = await op.put("/api/v1/tickets", json={}, headers=csrf(op))
    assert resp.status == 405 and "message" in await resp.json()


async def test_reason_and_reply_text_required(web_env, draft):
    op, t, version = await registered(web_env, draft)
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/mark_invalid", json={"version": version}, headers=csrf(op)
    )
    assert resp.status == 400 and (await resp.json())["message"] == "执行「标记无效」必须填写原因"
