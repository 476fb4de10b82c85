"""收回 on an automatically dispatched ticket, and the dashboard's 自动派单 figures, in
Debian's Chromium (headless, Playwright). Screenshots go to test-artifacts/."""

from __future__ import annotations

from tests.fixtures.browser import log_in, shot
from tests.fixtures.web import make_draft
from tests.web.test_take_back_api import auto_dispatched, dispatched_by_hand


async def test_operator_takes_an_automatic_dispatch_back_and_the_dashboard_counts_it(
    live_server, browser
):
    base, database = live_server.url, live_server.database
    ticket_id = auto_dispatched(database).id
    expired = auto_dispatched(database, minutes=0).id  # the window has closed already
    dispatched_by_hand(database)
    why = {"dispatch": False, "reason": "涉及协办单位，须人工派单", "source": "rules"}
    held = make_draft(database, routing_suggestion={"lead": "housing", "auto_dispatch": why}).id

    ctx_op, op = await log_in(browser, base, "op1")
    await op.goto(f"{base}/console#/ticket/{held}")
    await op.wait_for_selector("#auto-note")
    assert "未自动派单：涉及协办单位" in await op.inner_text("#auto-note")

    await op.goto(f"{base}/console#/ticket/{expired}")
    await op.wait_for_selector("#auto-badge")
    assert await op.locator("#take-back").count() == 0  # too late: 改派 is the way now

    await op.goto(f"{base}/console#/ticket/{ticket_id}")
    await op.wait_for_selector("#take-back")
    assert "自动派单" in await op.inner_text(".history")
    assert "置信度 0.95" in await op.inner_text(".history")
    await shot(op, "take-back-before")
    await op.click("#take-back")
    await op.wait_for_selector("#ticket-msg .msg.ok")
    assert "已收回" in await op.inner_text("#ticket-msg")
    assert await op.inner_text("#ticket-state") == "草稿"
    assert "收回自动派单" in await op.inner_text(".history")
    assert await op.locator("#take-back").count() == 0
    await shot(op, "take-back-after")

    await op.goto(f"{base}/dashboard")
    await op.wait_for_selector("#auto-dispatch .kpi")
    figures = await op.inner_text("#kpis")
    assert "自动派单率" in figures and "66.7%" in figures  # 2 of 3 dispatches
    assert "2 / 1" in figures  # automatic / by people
    assert "自动派单被收回" in figures
    kpis = await op.locator("#auto-dispatch .kpi").all_inner_texts()
    assert any(k.startswith("1") and "被收回" in k for k in kpis)
    await shot(op, "dashboard-auto-dispatch")
    await ctx_op.close()
