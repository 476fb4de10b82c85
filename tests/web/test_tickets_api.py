"""Ticket endpoints through the real app and database: the whole workflow, what each role
may not do, the liaison's view, numbers masked and audited, recordings and attachments."""

from __future__ import annotations

import asyncio
import wave

from aiohttp import FormData

from tests.fixtures.web import csrf, post_json


async def walk_to_dispatched(op, ticket_id, lead="housing", assisting=()):
    current = await (await op.get(f"/api/v1/tickets/{ticket_id}")).json()
    status, t = await post_json(
        op,
        f"/api/v1/tickets/{ticket_id}/register",
        {"version": current["version"], "request_type": "complaint", "summary": "电梯停运三天"},
    )
    assert status == 200, t
    status, t = await post_json(
        op,
        f"/api/v1/tickets/{ticket_id}/dispatch",
        {"version": t["version"], "lead_unit": lead, "assisting_units": list(assisting)},
    )
    assert status == 200, t
    return t


async def test_full_workflow_operator_liaison_operator(web_env, draft):
    t = draft()
    op = await web_env.client("op1")
    liaison = await web_env.client("housing_liaison")

    status, data = await post_json(op, f"/api/v1/tickets/{t.id}/claim", {"version": 1})
    assert status == 200 and data["claimed_by"] == "op1"
    status, data = await post_json(
        op,
        f"/api/v1/tickets/{t.id}/correct",
        {"version": data["version"], "corrected_text": "小区物业不修电梯", "area_id": "honghai"},
    )
    assert status == 200 and data["text"] == "小区物业不修电梯"
    data = await walk_to_dispatched(op, t.id, assisting=["urban_management"])
    assert data["state"] == "dispatched" and data["assisting_units"] == ["urban_management"]
    assert data["clocks"]["dispatch"]["status"] == "met"

    listed = await (await liaison.get("/api/v1/tickets?view=unit")).json()
    assert [i["id"] for i in listed["items"]] == [t.id]
    page = await (await liaison.get(f"/api/v1/tickets/{t.id}")).json()
    assert set(page["allowed_commands"]) >= {"accept", "return", "reply"}
    assert page["caller_number_masked"] == "138****5678"
    assert "13812345678" not in str(page)

    status, data = await post_json(
        liaison, f"/api/v1/tickets/{t.id}/accept", {"version": page["version"]}
    )
    assert status == 200 and data["state"] == "accepted"
    status, data = await post_json(
        liaison,
        f"/api/v1/tickets/{t.id}/reply",
        {"version": data["version"], "text": "已督促物业公司维修，电梯恢复运行"},
    )
    assert status == 200 and data["state"] == "replied"

    page = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    status, data = await post_json(
        op, f"/api/v1/tickets/{t.id}/review", {"version": page["version"]}
    )
    assert status == 200 and data["state"] == "reviewed"
    status, data = await post_json(
        op, f"/api/v1/tickets/{t.id}/close", {"version": data["version"]}
    )
    assert status == 200 and data["state"] == "closed"
    commands = [h["command"] for h in data["history"]]
    assert commands == [
        "create",
        "claim",
        "correct",
        "register",
        "dispatch",
        "accept",
        "reply",
        "review",
        "close",
    ]


async def test_liaison_cannot_read_other_units_ticket(web_env, draft):
    t = draft()
    op = await web_env.client("op1")
    await walk_to_dispatched(op, t.id, lead="housing")
    market = await web_env.client("market_liaison")
    resp = await market.get(f"/api/v1/tickets/{t.id}")
    assert resp.status == 403
    assert (await resp.json())["message"] == "无权查看其他单位的工单"
    listed = await (await market.get("/api/v1/tickets?view=unit")).json()
    assert listed["total"] == 0
    everything = await (await market.get("/api/v1/tickets?view=all")).json()
    assert everything["total"] == 0  # view=all is still only their unit
    resp = await market.get("/api/v1/tickets?unit=housing")
    assert resp.status == 403
    status, body = await post_json(market, f"/api/v1/tickets/{t.id}/accept", {"version": 3})
    assert status == 403


async def test_liaison_cannot_read_full_number_or_recording(web_env, draft):
    t = draft(recording_ref="call.wav")
    op = await web_env.client("op1")
    await walk_to_dispatched(op, t.id)
    liaison = await web_env.client("housing_liaison")
    resp = await liaison.get(f"/api/v1/tickets/{t.id}/caller")
    assert resp.status == 403
    resp = await liaison.get(f"/api/v1/tickets/{t.id}/recording")
    assert resp.status == 403
    resp = await liaison.get("/api/v1/tickets?number=13812345678")
    assert resp.status == 403
    resp = await liaison.get("/api/v1/tickets?q=13812345678")
    assert resp.status == 403
    page = await (await liaison.get(f"/api/v1/tickets/{t.id}")).json()
    assert page["transcript_words"] == [] and page["recording_url"] is None


async def test_assisting_unit_reads_but_cannot_act(web_env, draft):
    t = draft()
    op = await web_env.client("op1")
    await walk_to_dispatched(op, t.id, lead="housing", assisting=["market_supervision"])
    market = await web_env.client("market_liaison")
    page = await (await market.get(f"/api/v1/tickets/{t.id}")).json()
    assert page["allowed_commands"] == []
    status, body = await post_json(
        market, f"/api/v1/tickets/{t.id}/reply", {"version": page["version"], "text": "x"}
    )
    assert status == 403 and body["code"] == "forbidden_unit"


async def test_full_number_read_is_audited(web_env, draft):
    t = draft()
    op = await web_env.client("op1")
    resp = await op.get(f"/api/v1/tickets/{t.id}/caller")
    assert resp.status == 200
    assert (await resp.json())["caller_number"] == "13812345678"
    lead = await web_env.client("lead")
    audit = await (await lead.get(f"/api/v1/audit?ticket_id={t.id}")).json()
    assert [(a["actor"], a["action"]) for a in audit] == [("op1", "read_caller_number")]
    assert (await op.get("/api/v1/audit")).status == 403


async def test_operator_cannot_act_outside_the_workflow_table(web_env, draft):
    t = draft()
    op = await web_env.client("op1")
    # dispatch from draft: not in the table
    status, body = await post_json(
        op, f"/api/v1/tickets/{t.id}/dispatch", {"version": 1, "lead_unit": "housing"}
    )
    assert status == 409 and body["code"] == "invalid_state"
    assert "不能执行「派单」" in body["message"]
    await walk_to_dispatched(op, t.id)
    # report is the lead's (and the system's) step, and only once closed
    page = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    assert "reply" in page["allowed_commands"]  # on the unit's behalf
    assert "report" not in page["allowed_commands"]
    status, body = await post_json(
        op, f"/api/v1/tickets/{t.id}/close", {"version": page["version"]}
    )
    assert status == 409
    status, body = await post_json(
        op, f"/api/v1/tickets/{t.id}/return", {"version": page["version"]}
    )
    assert status == 400 and body["code"] == "reason_required"


async def test_admin_and_liaison_role_limits(web_env, draft):
    t = draft()
    admin = await web_env.client("admin")
    status, body = await post_json(admin, f"/api/v1/tickets/{t.id}/claim", {"version": 1})
    assert status == 403
    assert (await admin.get(f"/api/v1/tickets/{t.id}/caller")).status == 403
    liaison = await web_env.client("housing_liaison")
    status, body = await post_json(liaison, "/api/v1/tickets", {"text": "x"})
    assert status == 403
    assert (await liaison.get("/api/v1/stats")).status == 403
    assert (await liaison.get("/api/v1/reporting/outbox")).status == 403
    op = await web_env.client("op1")
    assert (await op.get("/api/v1/reporting/outbox")).status == 403
    assert (await op.get("/api/v1/reporting/export")).status == 403


async def test_stale_version_is_409_in_chinese(web_env, draft):
    t = draft()
    a = await web_env.client("op1")
    b = await web_env.client("op2")
    status, body = await post_json(a, f"/api/v1/tickets/{t.id}/claim", {"version": 1})
    assert status == 200
    status, body = await post_json(b, f"/api/v1/tickets/{t.id}/claim", {"version": 1})
    assert status == 409
    assert body["code"] == "conflict" and body["message"].startswith("该工单已被他人修改")


async def test_two_operators_dispatch_at_once_one_wins(web_env, draft):
    t = draft()
    a = await web_env.client("op1")
    b = await web_env.client("op2")
    status, reg = await post_json(
        a, f"/api/v1/tickets/{t.id}/register", {"version": 1, "request_type": "complaint"}
    )
    assert status == 200
    results = await asyncio.gather(
        post_json(
            a,
            f"/api/v1/tickets/{t.id}/dispatch",
            {"version": reg["version"], "lead_unit": "housing"},
        ),
        post_json(
            b,
            f"/api/v1/tickets/{t.id}/dispatch",
            {"version": reg["version"], "lead_unit": "health"},
        ),
    )
    statuses = sorted(s for s, _ in results)
    assert statuses == [200, 409]
    loser = next(body for s, body in results if s == 409)
    assert loser["message"] == "该工单已被他人修改，请刷新后重试"


async def test_lists_queue_mine_overdue_and_search(web_env, draft, clock):
    t1 = draft(caller_number="13900001111", machine_text="噪音 扰民")
    t2 = draft(caller_number="13700002222", machine_text="路灯 不亮")
    op = await web_env.client("op1")
    queue = await (await op.get("/api/v1/tickets?view=queue")).json()
    assert {i["id"] for i in queue["items"]} == {t1.id, t2.id}
    assert queue["items"][0]["caller_number_masked"].count("*") == 4
    await walk_to_dispatched(op, t1.id, lead="housing")
    mine = await (await op.get("/api/v1/tickets?view=mine")).json()
    assert [i["id"] for i in mine["items"]] == [t1.id]  # housing is in op1's portfolio
    other = await web_env.client("op2")
    assert (await (await other.get("/api/v1/tickets?view=mine")).json())["total"] == 0
    clock.advance(minutes=31)
    overdue = await (await op.get("/api/v1/tickets?view=overdue")).json()
    assert [i["id"] for i in overdue["items"]] == [t2.id]  # t1 was dispatched in time
    assert overdue["items"][0]["clocks"]["dispatch"]["status"] == "overdue"
    found = await (await op.get("/api/v1/tickets?number=139-0000-1111")).json()
    assert [i["id"] for i in found["items"]] == [t1.id]
    found = await (await op.get("/api/v1/tickets?q=路灯")).json()
    assert [i["id"] for i in found["items"]] == [t2.id]
    found = await (await op.get("/api/v1/tickets?state=dispatched&unit=housing")).json()
    assert [i["id"] for i in found["items"]] == [t1.id]
    day = clock().date().isoformat()
    found = await (await op.get(f"/api/v1/tickets?date_from={day}&date_to={day}")).json()
    assert found["total"] == 2
    found = await (await op.get("/api/v1/tickets?date_from=2020-01-01&date_to=2020-01-02")).json()
    assert found["total"] == 0


async def test_merge_duplicates(web_env, draft):
    first = draft()
    dup = draft(duplicate_candidates=(first.id,))
    op = await web_env.client("op1")
    page = await (await op.get(f"/api/v1/tickets/{dup.id}")).json()
    assert page["duplicate_candidates"] == [first.id] and "merge" in page["allowed_commands"]
    status, body = await post_json(
        op, f"/api/v1/tickets/{dup.id}/merge", {"version": 1, "into_ticket_id": first.id}
    )
    assert status == 200 and body["state"] == "merged" and body["merged_into"] == first.id
    status, body = await post_json(
        op, f"/api/v1/tickets/{first.id}/merge", {"version": 1, "into_ticket_id": 999999}
    )
    assert status == 400 and "不存在" in body["message"]


async def test_recording_served_with_range_to_centre_only(web_env, draft):
    rec_dir = web_env.tmp_path / "recordings"
    rec_dir.mkdir(parents=True, exist_ok=True)
    with wave.open(str(rec_dir / "c1.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x01\x00" * 8000)
    t = draft(recording_ref="c1.wav")
    op = await web_env.client("op1")
    full = await op.get(f"/api/v1/tickets/{t.id}/recording")
    assert full.status == 200 and len(await full.read()) == 44 + 16000
    part = await op.get(f"/api/v1/tickets/{t.id}/recording", headers={"Range": "bytes=100-199"})
    assert part.status == 206 and len(await part.read()) == 100
    assert part.headers["Content-Range"] == f"bytes 100-199/{44 + 16000}"
    escape = draft(recording_ref="../../etc/passwd")
    assert (await op.get(f"/api/v1/tickets/{escape.id}/recording")).status == 404


async def test_reply_attachment_roundtrip_and_size_limit(web_env, draft):
    t = draft()
    op = await web_env.client("op1")
    await walk_to_dispatched(op, t.id)
    liaison = await web_env.client("housing_liaison")
    form = FormData()
    form.add_field(
        "file", b"%PDF-1.4 result", filename="整改报告.pdf", content_type="application/pdf"
    )
    resp = await liaison.post(
        f"/api/v1/tickets/{t.id}/attachments", data=form, headers=csrf(liaison)
    )
    assert resp.status == 201, await resp.text()
    att = await resp.json()
    got = await op.get(att["url"])
    assert got.status == 200 and await got.read() == b"%PDF-1.4 result"
    assert "attachment" in got.headers["Content-Disposition"]
    page = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    assert [a["name"] for a in page["attachments"]] == ["整改报告.pdf"]
    stored = list((web_env.tmp_path / "data" / "attachments" / str(t.id)).iterdir())
    assert len(stored) == 1

    big = FormData()
    big.add_field("file", b"x" * (web_env.settings.web.max_body_bytes + 10), filename="big.bin")
    resp = await liaison.post(
        f"/api/v1/tickets/{t.id}/attachments", data=big, headers=csrf(liaison)
    )
    assert resp.status == 413
    assert "过大" in (await resp.json())["message"]
    assert len(list((web_env.tmp_path / "data" / "attachments" / str(t.id)).iterdir())) == 1

    market = await web_env.client("market_liaison")
    assert (await market.get(att["url"])).status == 403


async def test_intake_from_other_channels(web_env):
    op = await web_env.client("op1")
    body = {
        "text": "市长信箱来信：海星街道某小区供暖温度不达标",
        "channel": "online",
        "caller_number": "13600000000",
        "caller_name": "刘女士",
        "external_ref": "mailbox-2026-001",
    }
    status, t = await post_json(op, "/api/v1/tickets", body)
    assert status == 201, t
    assert t["state"] == "draft" and t["channel"] == "online" and t["caller_name"] == "刘女士"
    status, again = await post_json(op, "/api/v1/tickets", body)
    assert status == 201 and again["id"] == t["id"]  # idempotent per external_ref
    status, bad = await post_json(op, "/api/v1/tickets", {"text": "x", "channel": "phone"})
    assert status == 400
    status, bad = await post_json(op, "/api/v1/tickets", {"text": ""})
    assert status == 400 and bad["message"].startswith("提交的数据不符合要求")


async def test_unit_returns_with_reason_and_centre_reassigns(web_env, draft):
    t = draft()
    op = await web_env.client("op1")
    data = await walk_to_dispatched(op, t.id, lead="market_supervision")
    market = await web_env.client("market_liaison")
    status, body = await post_json(
        market, f"/api/v1/tickets/{t.id}/return", {"version": data["version"]}
    )
    assert status == 400 and body["message"] == "执行「退单」必须填写原因"
    status, body = await post_json(
        market,
        f"/api/v1/tickets/{t.id}/return",
        {"version": data["version"], "reason": "属物业管理，请转住建局"},
    )
    assert status == 200 and body["state"] == "returned"
    assert body["history"][-1]["reason"] == "属物业管理，请转住建局"
    # the returned ticket is back in the centre's queue; the unit still sees it, inert
    queue = await (await op.get("/api/v1/tickets?view=queue")).json()
    assert t.id in [i["id"] for i in queue["items"]]
    page = await (await market.get(f"/api/v1/tickets/{t.id}")).json()
    assert page["state"] == "returned" and page["allowed_commands"] == []
    status, body = await post_json(
        op, f"/api/v1/tickets/{t.id}/reassign", {"version": body["version"], "lead_unit": "housing"}
    )
    assert status == 200 and body["state"] == "dispatched" and body["lead_unit"] == "housing"
    assert (await market.get(f"/api/v1/tickets/{t.id}")).status == 403
