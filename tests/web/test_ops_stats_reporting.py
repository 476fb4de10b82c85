"""Dashboard figures and exports, report-up (上报) push against a real HTTP receiver,
/healthz, /metrics, the OpenAPI document, live events and the extension hook."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import timedelta

from aiohttp import web
from aiohttp.test_utils import TestServer
from hotline.ticketing import reporting, services
from hotline.ticketing.commands import Close, Dispatch, Register, Reply, Review
from hotline.ticketing.model import Satisfaction
from hotline.ticketing.users import Actor, Role
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.context import NavEntry, WebExtension
from hotline.ticketing.web.events import EventHub
from openpyxl import load_workbook

from tests.fixtures.certs import self_signed
from tests.fixtures.web import csrf, make_draft, web_settings

OP = Actor("op1", Role.OPERATOR)
UNIT = Actor("housing_liaison", Role.LIAISON, "housing")


def closed_ticket(database, clock, *, epidemic=False, minutes_to_dispatch=10):
    t = make_draft(database, epidemic=epidemic)
    uow = database.uow
    t = services.apply_command(uow(), t.id, Register(request_type="complaint"), OP)
    clock.advance(minutes=minutes_to_dispatch)
    t = services.apply_command(uow(), t.id, Dispatch(lead_unit="housing"), OP)
    clock.advance(hours=2)
    t = services.apply_command(uow(), t.id, Reply(text="已处理"), UNIT)
    t = services.apply_command(uow(), t.id, Review(), OP)
    return services.apply_command(uow(), t.id, Close(), OP)


async def test_stats_and_exports(web_env, clock):
    database = web_env.database
    closed_ticket(database, clock, epidemic=True, minutes_to_dispatch=10)
    closed_ticket(database, clock, minutes_to_dispatch=45)  # dispatched late
    make_draft(database)  # still a draft
    lead = await web_env.client("lead")
    day = clock().date().isoformat()
    resp = await lead.get(f"/api/v1/stats?start={day}&end={day}")
    assert resp.status == 200, await resp.text()
    data = await resp.json()
    assert data["total"] == 3
    assert data["by_day"] == {day: 3}
    assert data["by_unit"]["housing"] == 2
    assert data["epidemic"] == {"numerator": 1, "denominator": 3, "value": 1 / 3}
    assert data["dispatch_on_time"]["numerator"] == 1
    assert data["close_on_time"] == {"numerator": 2, "denominator": 2, "value": 1.0}
    # the draft has no lead unit yet; the closed ones are no backlog
    assert data["backlog_by_supervisor"] == {"(未分配)": {"open": 1, "overdue": 0}}

    csv_resp = await lead.get(f"/api/v1/stats/export.csv?start={day}&end={day}")
    assert csv_resp.status == 200
    text = (await csv_resp.read()).decode("utf-8-sig")
    assert "受理总量,3" in text and "区住房和城乡建设局,2" in text
    xlsx = await lead.get(f"/api/v1/stats/export.xlsx?start={day}&end={day}")
    assert xlsx.status == 200
    wb = load_workbook(io.BytesIO(await xlsx.read()))
    assert {"概览", "每日受理", "主办单位", "督办员积压"} <= set(wb.sheetnames)
    assert wb["概览"]["B3"].value == 3


async def test_satisfaction_rate_counts_answered_surveys_only(web_env, clock):
    from hotline.ticketing.stats import compute

    database = web_env.database
    tickets = [closed_ticket(database, clock) for _ in range(4)]
    for t, result in zip(
        tickets,
        [
            Satisfaction.SATISFIED,
            Satisfaction.BASICALLY_SATISFIED,
            Satisfaction.DISSATISFIED,
            Satisfaction.NO_ANSWER,
        ],
        strict=True,
    ):
        t.satisfaction = result
    figures = compute(
        tickets,
        start=clock().date() - timedelta(days=1),
        end=clock().date(),
        tz="Asia/Shanghai",
        policy=database.policy,
        now=clock(),
    )
    assert (figures.satisfaction.numerator, figures.satisfaction.denominator) == (2, 3)


async def test_upstream_push_signed_idempotent_and_retried(web_env, clock):
    database = web_env.database
    received: list[tuple[dict, dict]] = []
    fail_first = {"left": 1}

    async def receive(request: web.Request) -> web.Response:
        body = await request.read()
        if fail_first["left"]:
            fail_first["left"] -= 1
            return web.Response(status=503, text="busy")
        assert reporting.verify(
            "s3cret",
            request.headers[reporting.TIMESTAMP_HEADER],
            body,
            request.headers[reporting.SIGNATURE_HEADER],
        )
        received.append((dict(request.headers), json.loads(body)))
        return web.json_response({"id": f"UP-{len(received)}"}, status=201)

    upstream_app = web.Application()
    upstream_app.router.add_post("/tickets", receive)
    upstream = TestServer(upstream_app)
    await upstream.start_server()
    try:
        t = closed_ticket(database, clock)
        reporter = reporting.UpstreamReporter(
            database, str(upstream.make_url("/tickets")), "s3cret"
        )
        first = await reporter.run_once()
        assert (first.sent, first.failed) == (0, 1)
        box = reporting.outbox(database)
        assert box[0].status == "pending" and "503" in box[0].last_error
        assert box[0].next_attempt_at == clock() + reporting.backoff(1)
        assert (await reporter.run_once()).sent == 0  # not due yet: backoff respected
        clock.advance(seconds=31)
        assert (await reporter.run_once()).sent == 1
        headers, payload = received[0]
        assert headers["Idempotency-Key"] == f"bayuquan-ticket-{t.id}"
        assert payload["ticket_id"] == t.id and payload["reply"] == "已处理"
        after = services.get_ticket(database.uow(), t.id)
        assert after.state == "reported" and after.upstream_ref == "UP-1"
        clock.advance(hours=2)
        assert (await reporter.run_once()).sent == 0  # once per ticket
        assert len(received) == 1
    finally:
        await upstream.close()


async def test_manual_report_export_is_lead_only_and_audited(web_env, clock):
    closed_ticket(web_env.database, clock)
    lead = await web_env.client("lead")
    day = clock().date().isoformat()
    resp = await lead.get(f"/api/v1/reporting/export?start={day}&end={day}")
    assert resp.status == 200
    rows = json.loads(await resp.read())
    assert len(rows) == 1 and rows[0]["caller"]["number"] == "13812345678"
    csv_resp = await lead.get(f"/api/v1/reporting/export?start={day}&end={day}&format=csv")
    assert "工单编号" in (await csv_resp.read()).decode("utf-8-sig")
    audit = await (await lead.get("/api/v1/audit")).json()
    assert [a["action"] for a in audit] == ["export_report", "export_report"]
    resp = await lead.post("/api/v1/reporting/push", json={}, headers=csrf(lead))
    assert resp.status == 409 and "未配置上报地址" in (await resp.json())["message"]


async def test_healthz_reports_each_part(database, tmp_path):
    async def asr_queue():
        return {"ok": True, "length": 3}

    def sip():
        raise ConnectionError("listener not bound")

    app = create_web_app(
        database,
        web_settings(tmp_path, health_details=True),  # details for anonymous callers too
        health_checks={"sip": sip, "asr_engine": lambda: True, "asr_queue": asr_queue},
    )
    server = TestServer(app)
    await server.start_server()
    try:
        from aiohttp import ClientSession

        async with ClientSession() as s, s.get(server.make_url("/healthz")) as resp:
            assert resp.status == 503
            data = await resp.json()
        assert data["checks"]["database"] == {"status": "ok", "ok": True}
        assert data["checks"]["asr_queue"] == {"status": "ok", "ok": True, "length": 3}
        assert data["checks"]["sip"]["status"] == "failed" and data["status"] == "failed"
        assert data["checks"]["sip"]["ok"] is False
        assert "listener not bound" in data["checks"]["sip"]["error"]
    finally:
        await server.close()


async def test_metrics_exposes_ticket_and_call_gauges(web_env, draft, clock):
    from hotline.ticketing.web.metrics import CALLS_ACTIVE

    draft()
    clock.advance(minutes=31)
    CALLS_ACTIVE.set(2)
    c = await web_env.client()
    resp = await c.get("/metrics")
    assert resp.status == 200
    text = await resp.text()
    assert 'hotline_tickets{state="draft"} 1.0' in text
    assert 'hotline_tickets_overdue{deadline="dispatch"} 1.0' in text
    assert "hotline_calls_active 2.0" in text
    assert "hotline_asr_queue_length" in text and "hotline_survey_outcomes" in text


async def test_openapi_document_is_generated_from_handlers(web_env):
    c = await web_env.client()
    resp = await c.get("/api/v1/openapi.json")
    assert resp.status == 200
    spec = await resp.json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    assert "/api/v1/tickets/{ticket_id}/dispatch" in paths
    assert "/api/v1/session/login" in paths and "/api/v1/stats" in paths
    body = paths["/api/v1/tickets/{ticket_id}/dispatch"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(spec["components"]["schemas"][ref]["properties"]) >= {"version", "lead_unit"}
    assert "409" in paths["/api/v1/tickets/{ticket_id}/dispatch"]["post"]["responses"]


async def test_live_events_reach_centre_and_only_the_units_own(web_env, draft):
    op = await web_env.client("op1")
    market = await web_env.client("market_liaison")
    op_stream = await op.get("/api/v1/events")
    market_stream = await market.get("/api/v1/events")
    assert op_stream.status == 200 and market_stream.status == 200

    async def next_event(resp, kind):
        while True:
            line = (await resp.content.readline()).decode().strip()
            if line.startswith("data:") and '"kind": "hello"' not in line:
                data = json.loads(line[5:])
                if data["kind"] == kind:
                    return data

    t = draft()  # intake's publish (service layer + hub, as the composition root wires it)
    event = await asyncio.wait_for(next_event(op_stream, "ticket.created"), 30)
    assert event["ticket_id"] == t.id and event["state"] == "draft"
    resp = await op.post(
        f"/api/v1/tickets/{t.id}/register",
        json={"version": 1, "request_type": "complaint"},
        headers=csrf(op),
    )
    page = await resp.json()
    await op.post(
        f"/api/v1/tickets/{t.id}/dispatch",
        json={"version": page["version"], "lead_unit": "market_supervision"},
        headers=csrf(op),
    )
    event = await asyncio.wait_for(next_event(market_stream, "ticket.updated"), 30)
    assert event["ticket_id"] == t.id and event["state"] == "dispatched"
    op_stream.close()
    market_stream.close()


async def test_extension_adds_routes_and_console_nav(database, tmp_path):
    routes = web.RouteTableDef()

    @routes.get("/api/v1/followup/summary")
    async def summary(request: web.Request) -> web.Response:
        from hotline.ticketing.web.auth import require_role

        require_role(request, Role.OPERATOR, Role.LEAD)
        return web.json_response({"due": 0})

    ext = WebExtension(
        name="followup",
        routes=routes,
        nav=[NavEntry("回访", "#/followup", "followup")],
        console_scripts=["/ext/followup/panel.js"],
        static_dir=tmp_path,
    )
    (tmp_path / "panel.js").write_text("HL.panels.followup = async (el) => {};")
    from tests.fixtures.web import add_web_users, login

    add_web_users(database)
    app = create_web_app(database, web_settings(tmp_path), hub=EventHub(), extensions=[ext])
    server = TestServer(app)
    await server.start_server()
    from aiohttp.test_utils import TestClient

    client = TestClient(server)
    await client.start_server()
    try:
        assert (await client.get("/api/v1/followup/summary")).status == 401
        await login(client, "op1")
        assert (await (await client.get("/api/v1/followup/summary")).json()) == {"due": 0}
        me = await (await client.get("/api/v1/session")).json()
        assert {"label": "回访", "href": "#/followup", "view": "followup"} in me["user"]["nav"]
        assert me["user"]["console_scripts"] == ["/ext/followup/panel.js"]
        assert (await client.get("/ext/followup/panel.js")).status == 200
    finally:
        await client.close()
        await server.close()


def _self_signed(tmp_path):
    """TLS contexts for an HTTPS upstream on 127.0.0.1 and a client trusting only it."""
    import ssl

    cert_file, key_file = self_signed(tmp_path, "upstream.test", stem="up", ca=True)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert_file, key_file)
    client_ctx = ssl.create_default_context(cafile=str(cert_file))
    return server_ctx, client_ctx


async def test_upstream_push_over_https(web_env, clock, tmp_path):
    server_ctx, client_ctx = _self_signed(tmp_path)
    got: list[dict] = []

    async def receive(request: web.Request) -> web.Response:
        body = await request.read()
        ok = reporting.verify(
            "k",
            request.headers["X-Hotline-Timestamp"],
            body,
            request.headers["X-Hotline-Signature"],
        )
        if not ok:
            return web.Response(status=401)
        got.append(json.loads(body))
        return web.json_response({"ref": "S-1"})

    upstream_app = web.Application()
    upstream_app.router.add_post("/api/tickets", receive)
    runner = web.AppRunner(upstream_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_ctx)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        t = closed_ticket(web_env.database, clock)
        url = f"https://127.0.0.1:{port}/api/tickets"
        wrong_key = reporting.UpstreamReporter(
            web_env.database, url, "wrong", ssl_context=client_ctx
        )
        assert (await wrong_key.run_once()).failed == 1  # the platform refuses a bad signature
        clock.advance(minutes=5)
        untrusted = reporting.UpstreamReporter(web_env.database, url, "k")
        assert (await untrusted.run_once()).failed == 1  # unknown certificate: not sent
        assert got == []
        clock.advance(minutes=5)
        reporter = reporting.UpstreamReporter(web_env.database, url, "k", ssl_context=client_ctx)
        assert (await reporter.run_once()).sent == 1
        assert got[0]["ticket_id"] == t.id
        assert services.get_ticket(web_env.database.uow(), t.id).upstream_ref == "S-1"
    finally:
        await runner.cleanup()
