"""#14.1, #14.2, #14.7 as an operator in Debian's Chromium: routing follows the corrected
text while typing and after saving, the caller fields complete a phone ticket (the number
the text dictates fills with one click), 确认派单 registers and dispatches in one step, the
first visit to the login page does not say the session expired, times are shown in the
catalogue's zone whatever the browser's, and the live indicator is visible in both states.

The app runs with the shipped router (rules + cached seed classifier) as `hotline serve`
wires it. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hotline.ticketing.routing import Router

from hotline.routing_wiring import routing_duplicates
from tests.browser.conftest import LiveServer, serve_live
from tests.fixtures.browser import TIMEOUT, log_in, shot
from tests.fixtures.web import make_draft

# A cold radiator after repairs that never came is a complaint (the catalogue's definitions).
HEATING = "我家暖气不热，报修三次了也没人来，室温只有十二度，我的电话是13912345678。"
GARBLED = "我家 那 起 不 热 是 温 只有 十二 度"


@pytest.fixture
async def routed_live(tmp_path: Path, router: Router) -> AsyncIterator[LiveServer]:
    async with serve_live(
        tmp_path,
        suggest=lambda text: router.suggest(text).to_dict(),
        find_duplicates=routing_duplicates(router),
    ) as server:
        yield server


def garbled_draft(server: LiveServer, **fields):
    return make_draft(
        server.database,
        server.hub,
        machine_text=GARBLED,
        caller_number=None,
        routing_suggestion={"explanation": "未匹配到承办单位规则"},
        **fields,
    )


async def test_correction_reroutes_live_and_on_save_and_completes_the_caller(routed_live, browser):
    ticket = garbled_draft(routed_live)
    ctx, page = await log_in(browser, routed_live.url, "op1")
    await page.goto(f"{routed_live.url}/console#/ticket/{ticket.id}")
    await page.wait_for_selector("#corrected-text")
    assert "未匹配" in await page.inner_text("#suggestion")

    # Typing: the suggestion follows the text before anything is saved.
    await page.fill("#corrected-text", HEATING)
    await page.wait_for_selector("#suggestion:has-text('热力公司')")
    assert await page.input_value("#lead-unit") == "heating"
    assert await page.input_value("#request-type") == "complaint"
    fill = page.locator("#fill-callback")
    assert "13912345678" in await fill.inner_text()
    await shot(page, "14-1-live-suggestion-while-typing")

    # Completing the phone ticket: one click fills the dictated number.
    await fill.click()
    assert await page.input_value("#callback-number") == "13912345678"
    await page.fill("#caller-name", "刘女士")
    await page.check("#caller-confidential")
    await page.click("button[data-cmd=correct]")
    await page.wait_for_selector("#ticket-msg .msg.ok")
    await page.reload()
    await page.wait_for_selector("#suggestion:has-text('热力公司')")  # stored, not only shown
    assert await page.input_value("#caller-name") == "刘女士"
    assert await page.is_checked("#caller-confidential")
    assert await page.get_attribute("#callback-number", "placeholder") == "139****5678"
    await shot(page, "14-2-caller-fields-after-save")

    # A bad number is refused in Chinese and nothing is lost.
    await page.fill("#callback-number", "打我手机")
    await page.click("button[data-cmd=correct]")
    alert = page.locator("#ticket-msg .msg.error")
    await alert.wait_for()
    assert "回拨号码格式有误" in await alert.inner_text()
    assert await page.input_value("#caller-name") == "刘女士"
    await shot(page, "14-2-bad-callback-number")
    await page.fill("#callback-number", "")

    # 确认派单: registered and dispatched to the suggested unit in one click.
    await page.click("#confirm-dispatch")
    await page.wait_for_selector("#ticket-state:has-text('已派单')")
    assert "鲅鱼圈区热力公司" in await page.inner_text("#view")
    await shot(page, "14-1-confirm-dispatch")
    await ctx.close()


async def test_hand_set_type_is_kept_when_the_text_changes(routed_live, browser):
    ticket = garbled_draft(routed_live)
    ctx, page = await log_in(browser, routed_live.url, "op1")
    await page.goto(f"{routed_live.url}/console#/ticket/{ticket.id}")
    await page.wait_for_selector("#corrected-text")
    await page.select_option("#request-type", "help")
    await page.fill("#corrected-text", HEATING)
    await page.wait_for_selector("#suggestion:has-text('热力公司')")
    assert await page.input_value("#request-type") == "help"  # the operator's, not routing's
    await page.click("button[data-cmd=correct]")
    await page.wait_for_selector("#ticket-msg .msg.ok")
    assert await page.input_value("#request-type") == "help"
    await ctx.close()


async def test_first_visit_is_not_an_expired_session(routed_live, browser):
    context = await browser.new_context(locale="zh-CN")
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT)
    await page.goto(routed_live.url + "/console")
    await page.wait_for_url(re.compile(r"/login\?next="))
    await page.wait_for_selector("#login-form")
    assert not await page.is_visible("#expired-hint")
    await shot(page, "14-7-login-first-visit")
    await context.close()


async def test_times_in_the_catalogue_zone_and_a_visible_live_indicator(routed_live, browser):
    received = datetime(2026, 12, 2, 12, 5, tzinfo=UTC)  # 20:05 in Asia/Shanghai
    ticket = garbled_draft(routed_live, received_at=received)
    context = await browser.new_context(
        locale="zh-CN", timezone_id="America/New_York", viewport={"width": 1400, "height": 900}
    )
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT)
    await page.goto(routed_live.url + "/login")
    await page.fill("#username", "op1")
    await page.fill("#password", "correct-horse-9")
    await page.click("#login-button")
    await page.wait_for_selector("#live.live:not(.off)")
    row = page.locator(f'tr[data-id="{ticket.id}"]')
    assert "2026-12-02 20:05" in await row.inner_text()
    live = await page.evaluate(
        """() => { const s = getComputedStyle(document.getElementById('live'));
                   return [s.backgroundColor, s.color, parseFloat(s.fontSize)]; }"""
    )
    assert live[0] == "rgb(220, 252, 231)" and live[1] == "rgb(20, 83, 45)" and live[2] >= 14
    await shot(page, "14-7-local-times-and-live-indicator")
    await row.click()
    await page.wait_for_selector("#corrected-text")
    assert "受理：2026-12-02 20:05" in await page.inner_text("#view")
    # The stream drops and cannot come back (server side ended, reconnects refused).
    await context.route("**/api/v1/events", lambda route: route.abort())
    routed_live.hub.close()
    await page.wait_for_selector("#live.live.off")
    assert "中断" in await page.inner_text("#live")
    await shot(page, "14-7-live-indicator-disconnected")
    await context.close()


async def test_a_runner_up_unit_is_one_click_away(routed_live, browser, router: Router):
    text = "我们小区的暖气管道在楼道里漏水了，物业一直不来修，电话13812345678。"
    routed = router.suggest(text).to_dict()
    assert routed["department"] == "heating"
    assert "housing" in [a["department"] for a in routed["alternatives"]]
    ticket = make_draft(
        routed_live.database,
        routed_live.hub,
        machine_text=text,
        routing_suggestion={
            "lead": "heating",
            "alternatives": routed["alternatives"],
            "type": "complaint",
        },
    )
    ctx, page = await log_in(browser, routed_live.url, "op1")
    await page.goto(f"{routed_live.url}/console#/ticket/{ticket.id}")
    await page.click('#suggestion .alt-unit[data-unit="housing"]')
    assert await page.input_value("#lead-unit") == "housing"
    await shot(page, "14-1-runner-up-unit")
    await page.click("#confirm-dispatch")
    await page.wait_for_selector("#ticket-state:has-text('已派单')")
    assert "主办：区住房和城乡建设局" in await page.inner_text("#view")
    await ctx.close()
