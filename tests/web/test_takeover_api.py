"""接听 through the API with a real call: the intake runtime runs in-process (SipListener, SQL
store, no speech model) and sipp calls it, accepting our REFER. GET /api/v1/calls/live shows
the call with its draft; POST /api/v1/calls/{call_id}/take is for operators with a phone
set (sip.takeover.operator_phones), needs the CSRF token, and answers 409 when the call is
already being taken or is gone; the draft's history then says 转人工 by that operator."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.takeover_api import takeover_web_extension

from hotline.intake_wiring import build_intake_runtime
from hotline.settings import Settings
from tests.fixtures.runtime import database_url, runtime_settings
from tests.fixtures.sipp import ACCEPTS_REFER, OPERATOR, call_listener, needs_sipp
from tests.fixtures.web import add_web_users, csrf, login

pytestmark = [needs_sipp, pytest.mark.timeout(180)]


def _settings(tmp_path: Path, url: str) -> Settings:
    return runtime_settings(tmp_path, url, takeover={"operator_phones": {"op1": OPERATOR}})


def _url(database: Database) -> str:
    return database_url(database)


async def _client(server: TestServer, name: str) -> TestClient:
    client = TestClient(server)
    await client.start_server()
    await login(client, name)
    return client


async def test_operator_takes_a_live_call(tmp_path: Path, database: Database) -> None:
    settings = _settings(tmp_path, _url(database))
    runtime = build_intake_runtime(settings, database, sip_port=0)
    await runtime.start()
    add_web_users(database)
    app = create_web_app(
        database,
        settings,
        data_dir=tmp_path / "data",
        extensions=[takeover_web_extension(lambda: runtime)],
    )
    server = TestServer(app)
    await server.start_server()
    clients: list[TestClient] = []
    try:
        op1, op2, lead, liaison = [
            await _client(server, n) for n in ("op1", "op2", "lead", "housing_liaison")
        ]
        clients += [op1, op2, lead, liaison]
        sipp = asyncio.create_task(
            call_listener(tmp_path, runtime.listener.port, ACCEPTS_REFER, name="take")
        )
        live: dict = {"items": []}
        for _ in range(100):
            live = await (await op1.get("/api/v1/calls/live")).json()
            if live["items"] and live["items"][0]["ticket_id"]:
                break
            await asyncio.sleep(0.2)
        (call,) = live["items"]
        assert live["can_take"] is True and live["phone"] == OPERATOR
        assert (await (await lead.get("/api/v1/calls/live")).json())["can_take"] is False
        assert (await liaison.get("/api/v1/calls/live")).status == 403
        take = f"/api/v1/calls/{call['call_id']}/take"

        assert (await op1.post(take, json={})).status == 403  # no CSRF token
        assert (await lead.post(take, json={}, headers=csrf(lead))).status == 403
        assert (await liaison.post(take, json={}, headers=csrf(liaison))).status == 403
        resp = await op2.post(take, json={}, headers=csrf(op2))
        assert resp.status == 409 and (await resp.json())["code"] == "no_phone"

        resp = await op1.post(take, json={}, headers=csrf(op1))
        assert resp.status == 202, await resp.text()
        resp = await op1.post(take, json={}, headers=csrf(op1))
        assert resp.status == 409 and (await resp.json())["code"] == "taken"

        result = await sipp  # the REFER named op1's phone; our BYE followed the NOTIFY 200
        assert result.returncode == 0, str(result)
        for _ in range(100):
            page = await (await op1.get(f"/api/v1/tickets/{call['ticket_id']}")).json()
            lines = [h for h in page["history"] if h["command"] == "take_over"]
            if lines:
                break
            await asyncio.sleep(0.2)
        (line,) = lines
        assert line["actor"] == "op1" and line["command_label"] == "转人工"
        assert "转接至 " + OPERATOR in line["reason"]
        resp = await op1.post(take, json={}, headers=csrf(op1))
        assert resp.status == 409 and (await resp.json())["code"] == "gone"
        assert (await (await op1.get("/api/v1/calls/live")).json())["items"] == []
    finally:
        for client in clients:
            await client.close()
        await server.close()
        await runtime.shutdown(5)


async def test_take_while_the_sip_side_is_down_is_503(database: Database, tmp_path: Path) -> None:
    add_web_users(database)
    app = create_web_app(
        database,
        _settings(tmp_path, _url(database)),
        data_dir=tmp_path / "data",
        extensions=[takeover_web_extension(lambda: None)],
    )
    async with TestClient(TestServer(app)) as op:
        await login(op, "op1")
        resp = await op.post("/api/v1/calls/x/take", json={}, headers=csrf(op))
        assert resp.status == 503 and "来电服务未运行" in (await resp.json())["message"]
        resp = await op.post("/api/v1/calls/" + "x" * 300 + "/take", json={}, headers=csrf(op))
        assert resp.status == 400
        paths = (await (await op.get("/api/v1/openapi.json")).json())["paths"]
        assert "409" in paths["/api/v1/calls/{call_id}/take"]["post"]["responses"]
        assert "/api/v1/calls/live" in paths
