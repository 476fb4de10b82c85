"""接听 on the console's queue (Chromium, Playwright) with a real call: the intake runtime
runs in-process on the page's database and sipp calls it, accepting our REFER. The live
call's draft shows 接听 to an operator with a phone; clicking it transfers the call and the
draft's history says 转人工."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hotline.ticketing.services import get_ticket
from hotline.ticketing.web.takeover_api import takeover_web_extension

from hotline.intake_wiring import build_intake_runtime
from tests.browser.conftest import serve_live
from tests.fixtures.browser import ARTIFACTS, TIMEOUT, log_in
from tests.fixtures.sipp import ACCEPTS_REFER, call_listener, needs_sipp
from tests.web.test_takeover_api import _settings

pytestmark = [needs_sipp, pytest.mark.timeout(180)]


async def test_operator_presses_jieting_on_a_live_call(tmp_path: Path, browser) -> None:
    runtime_box: list = []
    settings = _settings(tmp_path, f"sqlite:///{tmp_path / 'var' / 'hotline.db'}")
    port = takeover_web_extension(lambda: runtime_box[0] if runtime_box else None)
    async with serve_live(tmp_path, settings, extensions=[port]) as server:
        runtime = build_intake_runtime(settings, server.database, sip_port=0, hub=server.hub)
        await runtime.start()
        runtime_box.append(runtime)
        try:
            ctx, page = await log_in(browser, server.url, "op1")
            await page.wait_for_selector("#live.live:not(.off)")
            sipp = asyncio.create_task(
                call_listener(tmp_path, runtime.listener.port, ACCEPTS_REFER, name="ui")
            )
            button = page.locator("button.take-call")
            await button.wait_for(timeout=TIMEOUT)
            assert await button.inner_text() == "接听"
            await page.screenshot(path=str(ARTIFACTS / "takeover-queue.png"), full_page=True)
            await button.click()
            await page.locator("button.take-call", has_text="正在转接").wait_for(timeout=TIMEOUT)
            result = await sipp
            assert result.returncode == 0, str(result)
            ticket_id = int(
                await page.locator("#ticket-list tr.row").first.get_attribute("data-id")
            )
            for _ in range(100):
                t = await asyncio.to_thread(get_ticket, server.database.uow(), ticket_id)
                if any(h.command == "take_over" for h in t.history):
                    break
                await asyncio.sleep(0.2)
            (line,) = [h for h in t.history if h.command == "take_over"]
            assert line.actor == "op1"
            await page.goto(f"{server.url}/console#/ticket/{ticket_id}")
            await page.locator(".history", has_text="转人工").wait_for(timeout=TIMEOUT)
            await ctx.close()
        finally:
            await runtime.shutdown(5)
