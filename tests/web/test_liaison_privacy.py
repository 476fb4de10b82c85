"""A liaison never learns a caller's number: not through search wildcards, not through the
number columns, not through the dictated digits in texts, file names or live events.

The real app on SQLite and PostgreSQL (the web_env fixture); a liaison of the lead unit
reads what the portal reads.
"""

from __future__ import annotations

import asyncio
import json

from aiohttp import FormData
from hotline.ticketing.persistence.followup_queries import TicketBrief
from hotline.ticketing.web import store
from hotline.ticketing.web.events import TicketEvent
from hotline.ticketing.web.followup_views import ticket_brief_view

from tests.fixtures.web import csrf, post_json

NUMBER = "13812345678"
SPOKEN = "一 三 八 幺 二 三 四 五 六 七 八"


async def dispatched(web_env, draft, **fields):
    """A ticket dispatched to housing, as the operator left it."""
    t = draft(**fields)
    op = await web_env.client("op1")
    status, page = await post_json(
        op,
        f"/api/v1/tickets/{t.id}/register",
        {"version": 1, "request_type": "complaint", "summary": f"电梯停运，回电{NUMBER}"},
    )
    assert status == 200, page
    status, page = await post_json(
        op,
        f"/api/v1/tickets/{t.id}/dispatch",
        {"version": page["version"], "lead_unit": "housing", "reason": f"来电人留号 {NUMBER}"},
    )
    assert status == 200, page
    return op, t, page


async def total(client, query: str) -> int:
    resp = await client.get("/api/v1/tickets", params={"q": query})
    assert resp.status == 200, await resp.text()
    return int((await resp.json())["total"])


async def test_search_wildcards_do_not_probe_the_hidden_number(web_env, draft):
    # The text says nothing about the number; only the caller-number column has it.
    await dispatched(web_env, draft, machine_text="小区 物业 不 修 电梯")
    liaison = await web_env.client("housing_liaison")
    assert await total(liaison, "电梯") == 1
    # Each of these matched the caller-number column as a LIKE pattern before.
    for probe in ("138%", "%5678", "1_8", "_3812345678", "%"):
        assert await total(liaison, probe) == 0, probe


async def test_like_patterns_are_literal_for_everyone(web_env, draft):
    draft(machine_text="物业费 上涨 50% 不合理")
    draft(machine_text="物业费 上涨 5000 元")
    op = await web_env.client("op1")
    assert await total(op, "50%") == 1
    assert await total(op, "5_0") == 0
    assert await total(op, "%") == 1
    assert await total(op, "物业费") == 2


async def test_liaison_digit_search_sees_only_the_masked_text(web_env, draft):
    await dispatched(web_env, draft, machine_text=f"我的电话是{NUMBER}小区电梯坏了")
    liaison = await web_env.client("housing_liaison")
    op = await web_env.client("op1")
    assert await total(op, "电话是1381") == 1
    # Hits and misses on growing prefixes would spell the number out digit by digit.
    for probe in ("电话是1", "电话是13", "是1381", "8小区", "78小区"):
        assert await total(liaison, probe) == 0, probe
    assert await total(liaison, "电话是") == 1
    assert await total(liaison, "小区电梯") == 1


async def test_liaison_ticket_json_masks_dictated_numbers(web_env, draft):
    op, t, _ = await dispatched(
        web_env,
        draft,
        machine_text=f"我 的 电话 是 {SPOKEN} 谢谢",
        location_text=f"幸福小区 联系 {NUMBER}",
    )
    liaison = await web_env.client("housing_liaison")
    form = FormData()
    form.add_field("file", b"%PDF-1.4", filename=f"回访_{NUMBER}.pdf")
    resp = await liaison.post(
        f"/api/v1/tickets/{t.id}/attachments", data=form, headers=csrf(liaison)
    )
    assert resp.status == 201, await resp.text()
    uploaded = await resp.json()
    assert NUMBER not in uploaded["name"]

    page_resp = await liaison.get(f"/api/v1/tickets/{t.id}")
    raw = await page_resp.text()
    page = json.loads(raw)
    listed = await (await liaison.get("/api/v1/tickets?view=unit")).text()
    for body in (raw, listed):
        assert NUMBER not in body
        assert SPOKEN not in body and "一 三 八 幺" not in body
    assert page["machine_text"] == ""
    assert page["text"].startswith("我 的 电话 是 * * *")
    assert page["summary"] == "电梯停运，回电***********"
    assert "联系 ***********" in page["location_text"]
    assert any("***********" in (h["reason"] or "") for h in page["history"])
    assert page["attachments"][0]["name"] == "回访_***********.pdf"
    download = await liaison.get(page["attachments"][0]["url"])
    assert download.status == 200 and NUMBER not in download.headers["Content-Disposition"]

    # The centre still reads everything (it corrects the transcript).
    centre = await (await op.get(f"/api/v1/tickets/{t.id}")).json()
    assert SPOKEN in centre["text"] and NUMBER in centre["summary"]
    assert centre["attachments"][0]["name"] == f"回访_{NUMBER}.pdf"


async def test_liaison_live_events_are_masked(web_env, draft):
    op, t, _ = await dispatched(web_env, draft)
    liaison = await web_env.client("housing_liaison")
    op_stream = await op.get("/api/v1/events")
    stream = await liaison.get("/api/v1/events")
    assert stream.status == 200

    async def next_event(resp):
        while True:
            line = (await resp.content.readline()).decode().strip()
            if line.startswith("data:") and '"kind": "hello"' not in line:
                return json.loads(line[5:])

    # What intake publishes when a late transcript arrives (hotline.intake_wiring).
    web_env.hub.publish(
        TicketEvent(
            kind="ticket.updated",
            ticket_id=t.id,
            state="dispatched",
            units=("housing",),
            data={"machine_text": f"电话 {NUMBER}", "note": f"回拨 {SPOKEN}"},
        )
    )
    seen = await asyncio.wait_for(next_event(stream), 30)
    assert "machine_text" not in seen["data"]
    assert NUMBER not in json.dumps(seen, ensure_ascii=False)
    assert seen["data"]["note"] == "回拨 * * * * * * * * * * *"
    centre = await asyncio.wait_for(next_event(op_stream), 30)
    assert centre["data"]["machine_text"] == f"电话 {NUMBER}"
    stream.close()
    op_stream.close()


async def test_operator_number_search_is_audited_with_the_number_masked(web_env, draft):
    draft()
    op = await web_env.client("op1")
    assert (await op.get("/api/v1/tickets", params={"number": NUMBER})).status == 200
    assert await total(op, NUMBER) == 1
    assert await total(op, "电梯") == 1  # a plain text search is no number search
    assert await total(op, f"回电{NUMBER}") == 0  # a number inside a text search
    entries = store.audit_entries(web_env.database)
    searches = [e for e in entries if e["action"] == "search_caller_number"]
    assert len(searches) == 3
    assert all(e["actor"] == "op1" and e["at"] for e in searches)
    assert {e["details"]["number"] for e in searches} == {"138****5678", "回电***********"}
    assert NUMBER not in json.dumps(entries, ensure_ascii=False)


def test_followup_panel_summary_is_masked_next_to_the_masked_number():
    brief = TicketBrief(id=1, state="closed", summary=f"回电{NUMBER}电梯")
    assert ticket_brief_view(brief)["summary"] == "回电***********电梯"
