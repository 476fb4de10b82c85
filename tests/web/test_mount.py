"""`web_app_for_service`: what `hotline serve` mounts — shared EventHub, routing for typed-in
requests, one /healthz check per part."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer
from hotline.ticketing.web import WEB_CONTEXT

from hotline.web_wiring import web_app_for_service
from tests.fixtures.web import csrf, login, service_context


async def test_service_mount_shares_hub_routes_and_reports_parts(database, catalog, tmp_path):
    ctx = service_context(database, catalog, tmp_path)
    app = web_app_for_service(ctx)
    assert app[WEB_CONTEXT].hub is ctx.event_hub  # the intake part publishes here
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        health = await client.get("/healthz")
        body = await health.json()
        assert "checks" not in body  # anonymous: status and counts only
        assert health.status == 503  # no SIP listener in this test: not ready for calls

        await login(client, "op1")
        body = await (await client.get("/healthz")).json()
        assert set(body["checks"]) == {
            "node",
            "database",
            "sip",
            "asr_engine",
            "asr_queue",
            "recordings_space",
            "outbound_route",
            "intake_journal",
        }
        assert body["checks"]["database"]["ok"] is True
        assert body["checks"]["sip"]["status"] == "failed"
        assert body["checks"]["sip"]["error"] == "SIP listener not started"

        resp = await client.post(
            "/api/v1/tickets",
            json={"text": "红海街道某小区物业不给修电梯，已经停了三天", "channel": "online"},
            headers=csrf(client),
        )
        assert resp.status == 201, await resp.text()
        ticket = await resp.json()
        suggestion = ticket["routing_suggestion"]
        assert suggestion["lead_unit"] == "housing"
        assert suggestion["explanation"]  # the reasons are shown to the operator
    finally:
        await client.close()
