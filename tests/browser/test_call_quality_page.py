"""The ticket page shows the call's audio figures (通话质量: 丢包, 抖动, 往返时延, MOS) and a
visible 音质差 when the audio was too poor to transcribe well (Chromium, Playwright)."""

from __future__ import annotations

from tests.fixtures.browser import ARTIFACTS, TIMEOUT, log_in
from tests.fixtures.web import make_draft

POOR = {"loss_percent": 9.5, "jitter_ms": 62.0, "rtt_ms": 410.0, "mos": 2.31, "poor": True}
GOOD = {"loss_percent": 0.0, "jitter_ms": 1.2, "rtt_ms": None, "mos": 4.41, "poor": False}


def _with_quality(database, call_id: str, quality: dict) -> int:
    t = make_draft(database, call_id=call_id)
    with database.uow() as uow:
        stored = uow.tickets.get(t.id)
        stored.call_quality = quality
        uow.tickets.save(stored)
        uow.commit()
    return int(t.id)


async def test_ticket_page_shows_quality_and_the_poor_audio_flag(live_server, browser) -> None:
    poor = _with_quality(live_server.database, "poor-call", POOR)
    good = _with_quality(live_server.database, "good-call", GOOD)
    ctx, page = await log_in(browser, live_server.url, "op1")
    await page.goto(f"{live_server.url}/console#/ticket/{poor}")
    box = page.locator("#call-quality")
    await box.wait_for(timeout=TIMEOUT)
    text = await box.inner_text()
    for label in ("通话质量", "丢包", "抖动", "往返时延", "MOS"):
        assert label in text, text
    assert "9.5%" in text and "62 毫秒" in text and "410 毫秒" in text and "2.31" in text
    assert await page.locator("#poor-audio").is_visible()
    assert await page.locator("#poor-audio").inner_text() == "音质差"
    await page.screenshot(path=str(ARTIFACTS / "call-quality-poor.png"), full_page=True)

    await page.goto(f"{live_server.url}/console#/ticket/{good}")
    # Same page, new hash: wait for the other ticket's figures, not the old box.
    await page.locator("#call-quality", has_text="4.41").wait_for(timeout=TIMEOUT)
    text = await page.locator("#call-quality").inner_text()
    assert "往返时延 未知" in text and "4.41" in text
    assert await page.locator("#poor-audio").count() == 0
    await ctx.close()
