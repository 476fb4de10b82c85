"""The dashboard's 派单模型 card in Debian's Chromium: which routing model is live and how
scheduled retraining judged it, as the centre lead sees it."""

from __future__ import annotations

from hotline.ticketing.persistence import routing_models as runs

from tests.fixtures.browser import log_in, shot


async def test_the_lead_sees_the_packaged_model_then_the_retrained_one(live_server, browser):
    base, database = live_server.url, live_server.database
    ctx, lead = await log_in(browser, base, "lead")
    await lead.goto(base + "/dashboard")
    await lead.wait_for_selector("#live-model")
    assert "内置语料模型" in await lead.inner_text("#live-model")

    kept = runs.claim_run(database, "24h/1", "node-a")
    assert kept is not None
    runs.finish_run(database, kept, status=runs.KEPT, reason="近期历史工单不足，保留现用模型")
    won = runs.claim_run(database, "24h/2", "node-a")
    assert won is not None
    runs.finish_run(
        database,
        won,
        status=runs.REPLACED,
        examples=120,
        held_out=24,
        champion_accuracy=0.75,
        challenger_accuracy=0.958,
        reason="新模型 0.958 不低于现用模型 0.750（近期 24 件），已替换",
        model=b"stored",
    )
    await lead.reload()
    await lead.wait_for_selector("#live-accuracy")
    assert f"第 {won} 次训练" in await lead.inner_text("#live-model")
    assert await lead.inner_text("#live-accuracy") == "95.8%"
    rows = await lead.locator("#routing-model tbody tr").all_inner_texts()
    assert len(rows) == 2 and "已上线" in rows[0] and "未替换" in rows[1]
    await shot(lead, "dashboard-routing-model")
    await ctx.close()
