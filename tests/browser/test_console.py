"""The console, portal and dashboard in Debian's Chromium (headless, Playwright).

A new draft is created during the test the way the SIP intake does it: through the
service layer, then published on the EventHub (hotline.intake_wiring.publish_to_hub is
what the composition root gives the intake runtime). A real SIP call is the intake
helper's end-to-end test; here the console only has to show what intake publishes.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re

from hotline.ticketing.model import TranscriptWord

from tests.browser.conftest import write_wav
from tests.fixtures.browser import log_in, shot
from tests.fixtures.web import make_draft

WORDS = [
    TranscriptWord("鲅鱼圈", 0.2, 0.8, 0.95),
    TranscriptWord("红海街道", 0.8, 1.6, 0.9),
    TranscriptWord("小区", 1.6, 2.0, 0.93),
    TranscriptWord("物业", 2.0, 2.4, 0.91),
    TranscriptWord("不修", 2.4, 2.9, 0.42),  # low confidence: highlighted
    TranscriptWord("电梯", 3.0, 3.6, 0.88),
    TranscriptWord("已经", 3.6, 4.0, 0.35),
    TranscriptWord("三天", 4.0, 4.6, 0.97),
]


async def test_call_to_closure_through_the_ui(live_server, browser):
    base = live_server.url
    ctx_op, op = await log_in(browser, base, "op1")
    await op.wait_for_selector("#live.live:not(.off)")  # the event stream is connected
    await op.wait_for_selector("text=暂无工单")

    # A call arrives while the operator watches the queue.
    write_wav(live_server.recordings / "call-1.wav")
    ticket = make_draft(
        live_server.database,
        live_server.hub,
        transcript_words=WORDS,
        machine_text=" ".join(w.word for w in WORDS),
        recording_ref="call-1.wav",
        routing_suggestion={
            "lead": "housing",
            "type": "complaint",
            "area": "honghai",
            "confidence": 0.82,
            "explanation": "命中「物业」「电梯」→ 区住房和城乡建设局（物业管理）",
        },
    )
    row = op.locator(f'tr[data-id="{ticket.id}"]')
    await row.wait_for()  # appeared without a reload
    await shot(op, "01-queue-live-draft")
    assert "138****5678" in await row.inner_text()

    await row.click()
    await op.wait_for_selector("#transcript .w")
    low = op.locator("#transcript .w.low")
    assert await low.count() == 2
    await op.locator("#transcript .w", has_text="电梯").click()
    current = await op.eval_on_selector("#player", "p => p.currentTime")
    assert 2.9 <= current <= 3.2  # the click seeked to the word
    assert "区住房和城乡建设局" in await op.inner_text("#suggestion")

    await op.fill("#corrected-text", "红海街道某小区物业不修电梯，已经停运三天")
    await op.select_option("#request-type", "complaint")
    await op.click("#apply-suggestion")
    await op.click("button[data-cmd=register]")
    await op.wait_for_selector("#ticket-state:has-text('已登记')")
    assert await op.input_value("#lead-unit") == "housing"
    await op.select_option("#assisting-units", ["urban_management"])
    await shot(op, "02-ticket-corrected-registered")
    await op.click("#dispatch-button")
    await op.wait_for_selector("#ticket-state:has-text('已派单')")
    await shot(op, "03-ticket-dispatched")

    # The housing bureau's liaison replies from the portal.
    ctx_unit, unit = await log_in(browser, base, "housing_liaison")
    assert unit.url.endswith("/portal")
    unit_row = unit.locator(f'tr[data-id="{ticket.id}"]')
    await unit_row.wait_for()
    assert "138****5678" in await unit_row.inner_text()
    await shot(unit, "04-portal-list")
    await unit_row.click()
    await unit.click("#accept")
    await unit.wait_for_selector("#ticket-state:has-text('办理中')")
    await unit.fill("#reply-input", "已约谈物业公司，电梯于今日恢复运行。")
    await unit.set_input_files(
        "#attachment",
        files=[{"name": "整改照片.txt", "mimeType": "text/plain", "buffer": "维修记录".encode()}],
    )
    await unit.click("#reply")
    await unit.wait_for_selector("#ticket-state:has-text('已答复')")
    assert "13812345678" not in await unit.content()
    await shot(unit, "05-portal-replied")

    # The operator reviews and closes.
    await op.reload()
    await op.wait_for_selector("#ticket-state:has-text('已答复')")
    assert "电梯于今日恢复运行" in await op.inner_text("#reply-text")
    assert await op.locator("text=整改照片.txt").count() == 1
    await op.click("button[data-cmd=review]")
    await op.wait_for_selector("#ticket-state:has-text('已审核')")
    await op.click("button[data-cmd=close]")
    await op.wait_for_selector("#ticket-state:has-text('已办结')")
    await op.click("#reveal")
    await op.wait_for_selector("#caller-number:has-text('13812345678')")
    await shot(op, "06-ticket-closed")

    # The dashboard draws its charts.
    await op.goto(base + "/dashboard")
    await op.wait_for_selector(".chart svg")
    await shot(op, "07-dashboard")
    await op.wait_for_selector(".chart svg rect.bar:not([height='0'])")  # today's column
    assert await op.locator(".chart").count() >= 6
    assert "受理总量" in await op.inner_text("#kpis")
    await shot(op, "07-dashboard")
    await ctx_unit.close()
    await ctx_op.close()


async def test_two_operators_dispatch_the_same_ticket(live_server, browser):
    from hotline.ticketing import services
    from hotline.ticketing.commands import Register
    from hotline.ticketing.users import Actor, Role

    ticket = make_draft(live_server.database, live_server.hub, machine_text="路灯 不亮")
    services.apply_command(
        live_server.database.uow(),
        ticket.id,
        Register(request_type="help", summary="路灯不亮"),
        Actor("op1", Role.OPERATOR),
    )
    base = live_server.url
    ctx_a, a = await log_in(browser, base, "op1")
    ctx_b, b = await log_in(browser, base, "op2")
    for page in (a, b):
        await page.goto(f"{base}/console#/ticket/{ticket.id}")
        await page.wait_for_selector("#dispatch-button")
    await a.select_option("#lead-unit", "urban_management")
    await b.select_option("#lead-unit", "housing")
    await a.click("#dispatch-button")
    await a.wait_for_selector("#ticket-state:has-text('已派单')")
    await b.click("#dispatch-button")
    alert = b.locator("#ticket-msg .msg.error")
    await alert.wait_for()
    assert await alert.inner_text() == "该工单已被他人修改，请刷新后重试"
    await shot(b, "08-conflict-second-operator")
    await ctx_a.close()
    await ctx_b.close()


async def test_lost_session_sends_the_console_to_login(live_server, browser):
    ctx, page = await log_in(browser, live_server.url, "op1")
    await page.wait_for_selector("#ticket-list, .empty")
    await ctx.clear_cookies()  # as after expiry: the server no longer knows the session
    await page.click("a[data-view=overdue]")
    await page.wait_for_url(re.compile(r"/login\?expired=1&next="))
    assert await page.is_visible("#expired-hint")
    await shot(page, "09-session-expired-login")
    await ctx.close()
