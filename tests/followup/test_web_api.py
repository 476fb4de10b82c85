"""回访 API (/api/v1/followup) on the real web app, SQLite and PostgreSQL.

Jobs are made by the real FollowupService (sweep/claim/complete) on the test
database; call outcomes are handed to `complete()` as the dialer reports them
(the calls themselves are tested with sipp in test_real_peers.py). The clock
is the database's SettableClock (2026-01-05 08:00 UTC = 16:00 Asia/Shanghai).
Sessions expire against the same clock, so clients log in after moving it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hotline.ticketing import services
from hotline.ticketing.followup.dialer import SurveyOutcome
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import JobState
from hotline.ticketing.model import Satisfaction, State
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.followup_api import followup_web_extension

from tests.fixtures.db import SettableClock
from tests.fixtures.followup import FOLLOWUP_API, CloseTicket
from tests.fixtures.web import WebEnv, csrf, json_body, served_web


def _exhaust(service: FollowupService, clock: SettableClock) -> int:
    """Three unanswered calls (the policy's max_attempts): the job goes to the manual list."""
    [job] = service.sweep()
    for _ in range(3):
        clock.advance(hours=24)
        [request] = service.claim(5)
        job = service.complete(request, SurveyOutcome("no_answer", detail="SIP 408"))
    assert job.state is JobState.EXHAUSTED
    return job.ticket_id


async def test_lists_a_planned_job_with_local_time_and_counts(
    env: WebEnv, followup_service: FollowupService, close_ticket: CloseTicket
) -> None:
    ticket = close_ticket(summary="小区停水三天")
    [job] = followup_service.sweep()
    op = await env.client("op1")
    data = await json_body(await op.get(f"{FOLLOWUP_API}/jobs"))
    assert data["total"] == 1 and data["timezone"] == "Asia/Shanghai"
    [item] = data["items"]
    assert item["id"] == job.id and item["ticket_id"] == ticket.id
    assert item["state"] == "planned" and item["status_label"] == "待回访"
    assert item["phone_masked"] == "138****0000"
    # Closed 2026-01-05 08:00 UTC + 24 h = 16:00 in Shanghai the next day.
    assert item["next_attempt_local"] == "2026-01-06 16:00"
    assert item["attempts"] == 0 and item["max_attempts"] == 3
    assert item["can_call_now"] and item["can_record"]
    assert item["ticket"]["summary"] == "小区停水三天"
    assert item["ticket"]["state"] == "follow_up" and item["ticket"]["state_label"] == "回访中"
    assert data["counts"]["planned"] == 1 and data["counts"]["open"] == 1
    assert data["counts"]["done"] == 0 and data["counts"]["all"] == 1

    assert (await json_body(await op.get(f"{FOLLOWUP_API}/jobs?state=done")))["total"] == 0
    assert (await json_body(await op.get(f"{FOLLOWUP_API}/jobs?state=open,done")))["total"] == 1
    assert (await json_body(await op.get(f"{FOLLOWUP_API}/jobs?ticket_id={ticket.id}")))[
        "total"
    ] == 1
    assert (await json_body(await op.get(f"{FOLLOWUP_API}/jobs?ticket_id={ticket.id + 99}")))[
        "total"
    ] == 0


async def test_retry_pending_and_the_manual_call_list(
    env: WebEnv,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
) -> None:
    busy_ticket = close_ticket(number="13800000001")
    close_ticket(number="13800000002")
    followup_service.sweep()
    clock.advance(hours=24)
    requests = {r.phone: r for r in followup_service.claim(5)}
    followup_service.complete(requests["13800000001"], SurveyOutcome("busy", detail="486"))
    # The other one is still being dialled.
    lead = await env.client("lead")
    retry = await json_body(await lead.get(f"{FOLLOWUP_API}/jobs?state=retry"))
    [item] = retry["items"]
    assert item["ticket_id"] == busy_ticket.id and item["state"] == "planned"
    assert item["status"] == "retry" and item["status_label"] == "待重拨（上次占线）"
    assert item["attempts"] == 1 and item["last_outcome_label"] == "占线"
    assert item["next_attempt_local"] == "2026-01-06 18:00"  # busy: +120 min
    dialling = await json_body(await lead.get(f"{FOLLOWUP_API}/jobs?state=dialling"))
    assert [i["status_label"] for i in dialling["items"]] == ["呼叫中"]
    assert not dialling["items"][0]["can_call_now"]
    assert retry["counts"]["retry"] == 1 and retry["counts"]["in_call"] == 1
    assert retry["counts"]["planned"] == 1 and retry["counts"]["dialling"] == 1
    everything = await json_body(await lead.get(f"{FOLLOWUP_API}/jobs?state=all"))
    assert everything["total"] == 2 == everything["counts"]["all"]


async def test_exhausted_job_is_on_the_manual_call_list_with_its_attempts(
    env: WebEnv, followup_service: FollowupService, close_ticket: CloseTicket, clock: SettableClock
) -> None:
    close_ticket()
    ticket_id = _exhaust(followup_service, clock)
    op = await env.client("op1")
    manual = await json_body(await op.get(f"{FOLLOWUP_API}/manual-calls"))
    [item] = manual["items"]
    assert item["ticket_id"] == ticket_id and item["state"] == "exhausted"
    assert item["status_label"] == "多次未接通，需人工回访"
    assert item["next_attempt_local"] is None and item["attempts"] == 3
    assert item["can_call_now"] and item["can_record"]
    assert (await json_body(await op.get(f"{FOLLOWUP_API}/jobs?state=manual")))["total"] == 1
    assert (await json_body(await op.get(f"{FOLLOWUP_API}/jobs?state=exhausted")))["total"] == 1

    history = await json_body(await op.get(f"{FOLLOWUP_API}/jobs/{item['id']}/attempts"))
    assert history["job"]["id"] == item["id"]
    assert [a["attempt"] for a in history["attempts"]] == [1, 2, 3]
    assert {a["outcome_label"] for a in history["attempts"]} == {"无人接听"}
    assert history["attempts"][0]["channel_label"] == "自动呼叫"
    assert history["attempts"][0]["detail"] == "SIP 408"

    page = await json_body(await op.get(f"{FOLLOWUP_API}/tickets/{ticket_id}"))
    assert page["ticket_state"] == "follow_up" and page["can_record"] and page["can_call_now"]
    assert len(page["jobs"]) == 1 and len(page["jobs"][0]["attempts"]) == 3
    assert page["manual_results"]["dissatisfied"] == "不满意"


async def test_call_now_replans_an_exhausted_job_and_the_scheduler_takes_it(
    env: WebEnv, followup_service: FollowupService, close_ticket: CloseTicket, clock: SettableClock
) -> None:
    close_ticket()
    ticket_id = _exhaust(followup_service, clock)
    op = await env.client("op1")
    resp = await op.post(f"{FOLLOWUP_API}/tickets/{ticket_id}/call-now", headers=csrf(op))
    data = await json_body(resp)
    assert data["job"]["state"] == "planned" and data["message"] == "已安排立即呼叫，稍后自动拨出"
    assert data["job"]["next_attempt_at"] == clock.now.isoformat()
    [request] = followup_service.claim(5)  # inside the window: dialled at the next pass
    assert request.ticket_id == ticket_id
    # While dialling, neither call-now nor a manual result: 409 in Chinese.
    resp = await op.post(f"{FOLLOWUP_API}/tickets/{ticket_id}/call-now", headers=csrf(op))
    body = await json_body(resp, 409)
    assert "呼叫中" in body["message"]
    resp = await op.post(
        f"{FOLLOWUP_API}/tickets/{ticket_id}/manual-result",
        json={"result": "satisfied"},
        headers=csrf(op),
    )
    assert "呼叫中" in (await json_body(resp, 409))["message"]


async def test_call_now_outside_the_window_says_when(
    env: WebEnv, followup_service: FollowupService, close_ticket: CloseTicket, clock: SettableClock
) -> None:
    close_ticket()
    followup_service.sweep()
    clock.now = datetime(2026, 1, 5, 14, 0, tzinfo=UTC)  # 22:00 in Shanghai
    ticket_id = followup_service.list_jobs()[0].ticket_id
    op = await env.client("op1")
    data = await json_body(
        await op.post(f"{FOLLOWUP_API}/tickets/{ticket_id}/call-now", headers=csrf(op))
    )
    assert data["message"] == "呼叫时段外，明天08:00开始（回访时段08:00–20:00），届时自动呼叫"
    # The job shows when the call can really be placed, and that the window is closed.
    assert data["job"]["next_attempt_local"] == "2026-01-06 08:00"
    assert data["job"]["window_notice"] == "呼叫时段外，明天08:00开始"
    assert followup_service.claim(5) == []


async def test_call_now_without_a_waiting_survey_is_404(
    env: WebEnv, close_ticket: CloseTicket
) -> None:
    ticket = close_ticket(until="reviewed")  # not swept: no job yet
    op = await env.client("op1")
    resp = await op.post(f"{FOLLOWUP_API}/tickets/{ticket.id}/call-now", headers=csrf(op))
    body = await json_body(resp, 404)
    assert body["message"] == f"该工单的待回访任务不存在：{ticket.id}"


@pytest.mark.parametrize(
    ("result", "stored"),
    [("satisfied", Satisfaction.SATISFIED), ("basic", Satisfaction.BASICALLY_SATISFIED)],
)
async def test_manual_result_closes_the_ticket(
    env: WebEnv,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
    database: Database,
    result: str,
    stored: Satisfaction,
) -> None:
    close_ticket()
    ticket_id = _exhaust(followup_service, clock)
    op = await env.client("op1")
    resp = await op.post(
        f"{FOLLOWUP_API}/tickets/{ticket_id}/manual-result",
        json={"result": result, "note": "电话回访，来电人表示问题已解决"},
        headers=csrf(op),
    )
    data = await json_body(resp)
    assert data["job"]["state"] == "done" and data["job"]["satisfaction"] == str(stored)
    assert data["ticket"]["state"] == "closed"
    assert data["message"].startswith("已记录回访结果：")
    ticket = services.get_ticket(database.uow(), ticket_id)
    assert ticket.state is State.CLOSED and ticket.satisfaction is stored
    assert ticket.history[-1].actor == "op1"
    history = await json_body(await op.get(f"{FOLLOWUP_API}/jobs/{data['job']['id']}/attempts"))
    last = history["attempts"][-1]
    assert last["channel_label"] == "人工回访" and last["actor"] == "op1"
    assert last["detail"] == "电话回访，来电人表示问题已解决"
    assert (await json_body(await op.get(f"{FOLLOWUP_API}/manual-calls")))["total"] == 0
    # The survey is finished: a second entry is refused in Chinese, nothing changes.
    resp = await op.post(
        f"{FOLLOWUP_API}/tickets/{ticket_id}/manual-result",
        json={"result": "dissatisfied"},
        headers=csrf(op),
    )
    assert resp.status == 409 and "不能记录回访结果" in (await resp.json())["message"]
    assert services.get_ticket(database.uow(), ticket_id).satisfaction is stored


async def test_manual_dissatisfied_reopens_the_ticket_with_history(
    env: WebEnv, followup_service: FollowupService, close_ticket: CloseTicket, database: Database
) -> None:
    ticket = close_ticket()
    followup_service.sweep()  # planned, before any automatic call
    lead = await env.client("lead")
    resp = await lead.post(
        f"{FOLLOWUP_API}/tickets/{ticket.id}/manual-result",
        json={"result": "dissatisfied", "note": "仍未恢复供水"},
        headers=csrf(lead),
    )
    data = await json_body(resp)
    assert data["message"] == "已记录回访结果：不满意，工单已退回重新审核"
    assert data["ticket"]["state"] == "replied"
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.state is State.REPLIED and stored.satisfaction is Satisfaction.DISSATISFIED
    record, reopen = stored.history[-2:]
    assert record.command == "record_satisfaction" and record.actor == "lead"
    assert reopen.command == "reopen" and "回访不满意" in reopen.reason
    assert reopen.to_state is State.REPLIED


async def test_manual_result_for_a_ticket_in_follow_up_without_a_job(
    env: WebEnv, close_ticket: CloseTicket, database: Database
) -> None:
    ticket = close_ticket()  # closed, not swept yet: the operator called first
    op = await env.client("op1")
    resp = await op.post(
        f"{FOLLOWUP_API}/tickets/{ticket.id}/manual-result",
        json={"result": "declined"},
        headers=csrf(op),
    )
    data = await json_body(resp)
    assert data["job"]["state"] == "done" and data["job"]["satisfaction_label"] == "拒绝回访"
    assert services.get_ticket(database.uow(), ticket.id).satisfaction is Satisfaction.DECLINED


async def test_only_operators_and_leads(
    env: WebEnv, followup_service: FollowupService, close_ticket: CloseTicket
) -> None:
    ticket = close_ticket()
    [job] = followup_service.sweep()
    reads = [
        f"{FOLLOWUP_API}/jobs",
        f"{FOLLOWUP_API}/manual-calls",
        f"{FOLLOWUP_API}/jobs/{job.id}/attempts",
        f"{FOLLOWUP_API}/tickets/{ticket.id}",
    ]
    writes = [
        (f"{FOLLOWUP_API}/tickets/{ticket.id}/call-now", None),
        (f"{FOLLOWUP_API}/tickets/{ticket.id}/manual-result", {"result": "satisfied"}),
    ]
    anonymous = await env.client()
    for path in reads:
        assert (await anonymous.get(path)).status == 401, path
    for name in ("housing_liaison", "admin"):
        client = await env.client(name)
        for path in reads:
            resp = await client.get(path)
            body = await json_body(resp, 403)
            assert body["message"] == "您的角色无权执行此操作", path
        for path, payload in writes:
            resp = await client.post(path, json=payload, headers=csrf(client))
            assert (await json_body(resp, 403))["code"] == "forbidden", path
    # Cookie sessions need the CSRF token on writes, as everywhere in the API.
    op = await env.client("op1")
    for path, payload in writes:
        resp = await op.post(path, json=payload)
        body = await json_body(resp, 403)
        assert body["code"] == "csrf_failed" and "刷新页面" in body["message"]
    assert followup_service.list_jobs()[0].state is JobState.PLANNED  # nothing changed


async def test_bad_input_is_400_or_404_in_chinese_never_500(
    env: WebEnv, followup_service: FollowupService, close_ticket: CloseTicket, database: Database
) -> None:
    ticket = close_ticket()
    followup_service.sweep()
    draft = services.create_draft(
        database.uow(), services.NewTicket(received_at=database.clock(), caller_number="1390000")
    )
    op = await env.client("op1")
    path = f"{FOLLOWUP_API}/tickets/{ticket.id}/manual-result"
    for payload in (
        {"result": "great"},
        {"result": 3},
        {},
        {"result": "satisfied", "extra": 1},
        {"result": "satisfied", "note": "长" * 501},
    ):
        resp = await op.post(path, json=payload, headers=csrf(op))
        body = await json_body(resp, 400)
        assert body["code"] == "invalid_input", payload
    resp = await op.post(path, json={"result": "great"}, headers=csrf(op))
    assert (await resp.json())["message"].startswith("回访结果无效，应为：满意(satisfied)")
    resp = await op.post(path, json={"result": "satisfied", "note": "长" * 501}, headers=csrf(op))
    assert (await resp.json())["message"] == "提交的数据不符合要求：备注"
    for raw in (b"{not json", b"", b"[1]"):
        resp = await op.post(
            path, data=raw, headers={**csrf(op), "Content-Type": "application/json"}
        )
        assert resp.status == 400, raw
    resp = await op.get(f"{FOLLOWUP_API}/jobs?state=nonsense")
    assert (await json_body(resp, 400))["message"].startswith("回访状态无效：nonsense")
    resp = await op.get(f"{FOLLOWUP_API}/jobs?limit=many")
    assert (await json_body(resp, 400))["message"] == "提交的数据不符合要求：条数"
    resp = await op.get(f"{FOLLOWUP_API}/jobs/abc/attempts")
    assert (await json_body(resp, 400))["message"] == "提交的数据不符合要求：任务编号"
    resp = await op.post(f"{FOLLOWUP_API}/tickets/abc/call-now", headers=csrf(op))
    assert (await json_body(resp, 400))["code"] == "invalid_input"
    resp = await op.get(f"{FOLLOWUP_API}/jobs/999999/attempts")
    assert (await json_body(resp, 404))["message"] == "回访任务不存在：999999"
    resp = await op.get(f"{FOLLOWUP_API}/tickets/999999")
    assert (await json_body(resp, 404))["code"] == "not_found"
    resp = await op.post(
        f"{FOLLOWUP_API}/tickets/999999/manual-result",
        json={"result": "satisfied"},
        headers=csrf(op),
    )
    assert (await json_body(resp, 404))["code"] == "not_found"
    # A ticket that is not waiting for a survey (a draft) takes no result.
    resp = await op.post(
        f"{FOLLOWUP_API}/tickets/{draft.id}/manual-result",
        json={"result": "satisfied"},
        headers=csrf(op),
    )
    body = await json_body(resp, 409)
    assert "不能记录回访结果" in body["message"]
    assert services.get_ticket(database.uow(), draft.id).state is State.DRAFT


async def test_extension_builds_its_service_serves_the_panel_and_the_openapi(
    database: Database, close_ticket: CloseTicket, tmp_path: Path
) -> None:
    """Without a service the extension builds one from the app's database and settings."""
    ticket = close_ticket()
    async with served_web(database, tmp_path, extensions=[followup_web_extension()]) as env:
        client = await env.client("op1")
        me = await json_body(await client.get("/api/v1/session"))
        assert {"label": "回访", "href": "#/followup", "view": "followup"} in me["user"]["nav"]
        assert "/static/followup.js" in me["user"]["console_scripts"]
        script = await client.get("/static/followup.js")
        assert script.status == 200 and "HL.panels.followup" in await script.text()
        resp = await client.post(
            f"{FOLLOWUP_API}/tickets/{ticket.id}/manual-result",
            json={"result": "satisfied"},
            headers=csrf(client),
        )
        assert (await json_body(resp))["job"]["state"] == "done"

        spec = await json_body(await client.get("/api/v1/openapi.json"))
        paths = spec["paths"]
        for path in (
            "/api/v1/followup/jobs",
            "/api/v1/followup/manual-calls",
            "/api/v1/followup/jobs/{job_id}/attempts",
            "/api/v1/followup/tickets/{ticket_id}",
            "/api/v1/followup/tickets/{ticket_id}/call-now",
        ):
            assert path in paths, path
        post = paths["/api/v1/followup/tickets/{ticket_id}/manual-result"]["post"]
        ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert {"satisfied", "basic", "dissatisfied"} <= set(schema["properties"]["result"]["enum"])
        assert {"403", "409"} <= set(post["responses"])
