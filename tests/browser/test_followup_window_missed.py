"""Issue #14 items 4, 5 and 7 in Debian's Chromium, as an operator: the 回访 panel says
when the calling window is closed and when the next call goes out, shows survey
completion, shortens summaries with an ellipsis (numbers masked, never cut), takes a
manual result; the 未接来电 panel lists a silent call with its deadline and takes 已回拨.

The web app is real (SQLite file, both extensions). The follow-up service the panel
uses runs on a clock fixed at 22:14 Shanghai time (outside 08:00–20:00), whatever the
wall clock says; sessions and missed calls use the wall clock. Screenshots go to
test-artifacts/.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from hotline.ticketing import commands as cmd
from hotline.ticketing import services
from hotline.ticketing.deadlines import DeadlinePolicy, utc_now
from hotline.ticketing.followup.dialer import SurveyOutcome
from hotline.ticketing.followup.policy import FollowupPolicy
from hotline.ticketing.missed.service import MissedCallService
from hotline.ticketing.model import Satisfaction, State, Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.users import SYSTEM_ACTOR
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.events import EventHub
from hotline.ticketing.web.followup_api import followup_web_extension
from hotline.ticketing.web.missed_api import missed_web_extension

from hotline.catalog_loader import load_catalog
from hotline.migrations import upgrade
from tests.browser.conftest import _free_port
from tests.browser.test_followup_panel import _closed_ticket, _service
from tests.fixtures.browser import log_in_watched, shot
from tests.fixtures.db import SettableClock
from tests.fixtures.web import add_web_users, make_draft, web_settings


def _evening(days: int = 2) -> datetime:
    """22:14 in Shanghai (14:14 UTC), `days` days from now: inside the survey lookback."""
    day = (utc_now() + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, 14, 14, tzinfo=UTC)


LONG_SUMMARY = "海星街道小区暖气一直不热室温只有十二度找过物业好几次请联系我13912345678谢谢"


@dataclass
class Server:
    url: str
    database: Database
    planned: Ticket
    missed_ticket: Ticket


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[Server]:
    url = f"sqlite:///{tmp_path / 'var' / 'hotline.db'}"
    upgrade(url)
    database = Database.open(url, catalog=load_catalog(), policy=DeadlinePolicy(), clock=utc_now)
    add_web_users(database)
    planned = _closed_ticket(database, "13800000002", LONG_SUMMARY)
    answered = _closed_ticket(database, "13800000003", "路灯不亮")
    evening = SettableClock(_evening())
    followup = _service(database, evening, FollowupPolicy())
    followup.sweep()
    # One survey call was answered and hung up during the opening prompt (completion).
    evening.now = _evening(3).replace(hour=2, minute=0)  # 10:00 in Shanghai: window open
    requests = {r.ticket_id: r for r in followup.claim(5)}
    followup.complete(requests[answered.id], SurveyOutcome("answered", ending="hung_up_prompt"))
    followup.complete(
        requests[planned.id],
        SurveyOutcome("answered", answer=Satisfaction.SATISFIED, ending="answer"),
    )
    evening.now = _evening(3)  # 22:14 again: window closed
    # A silent call, as intake leaves it: an invalid draft by the system.
    draft = make_draft(database, caller_number="13700000007", machine_text="", call_id="silent-1")
    assert draft.id is not None
    missed_ticket = services.apply_command(
        database.uow(),
        draft.id,
        cmd.MarkInvalid(reason="来电人未说话即挂机（问候语中或问候后）"),
        SYSTEM_ACTOR,
    )
    app = create_web_app(
        database,
        web_settings(tmp_path),
        hub=EventHub(),
        data_dir=tmp_path / "data",
        extensions=[
            followup_web_extension(followup),
            missed_web_extension(MissedCallService(engine=database.engine, clock=utc_now)),
        ],
    )
    async with serving(app) as base:
        yield Server(base, database, planned, missed_ticket)
    database.close()


@asynccontextmanager
async def serving(app: web.Application) -> AsyncIterator[str]:
    """`app` on a free loopback port: its base URL."""
    runner = web.AppRunner(app)
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def test_operator_sees_the_window_completion_and_records_a_result(server, browser):
    srv = server
    context, page, errors = await log_in_watched(browser, srv.url, "op1")
    try:
        await page.click("#nav a[data-view=followup]")
        await page.click("button.fu-tab[data-filter=all]")
        window = page.locator("#fu-window")
        await window.wait_for()
        assert "呼叫时段外，明天08:00开始" in await window.inner_text()
        # Completion: one answer, one hang-up during the opening prompt.
        await page.locator("#fu-stats").wait_for()
        assert await page.inner_text("#fu-stat-answered") == "1"
        assert await page.inner_text("#fu-stat-hung-up-prompt") == "1"
        assert await page.inner_text("#fu-stat-rate") == "50.0%"
        row = page.locator(f'#fu-jobs tr[data-ticket="{srv.planned.id}"]')
        await row.wait_for()
        summary = await row.locator("td.excerpt").inner_text()
        assert summary.endswith("…") and not any(c.isdigit() for c in summary), summary
        await shot(page, "followup-window-01-panel")
        assert errors == []
    finally:
        await context.close()


async def test_operator_calls_back_a_missed_call(server, browser):
    srv = server
    context, page, errors = await log_in_watched(browser, srv.url, "op1")
    try:
        await page.click("#nav a[data-view=missed]")
        row = page.locator(f'#mc-list tr.mc-row:has(a[href="#/ticket/{srv.missed_ticket.id}"])')
        await row.wait_for()
        text = await row.inner_text()
        assert "137****0007" in text and "来电人未说话即挂机" in text
        assert "剩余" in text and "待回拨" in text
        assert await page.inner_text("#mc-stat-pending") == "1"
        await shot(page, "missed-01-list")
        await row.locator("button[data-act=back]").click()
        await page.fill(
            "#mc-form textarea[name=note]", "已回拨，来电人说信号不好，已重新反映停水问题"
        )
        await shot(page, "missed-02-form")
        await page.click("#mc-form button[type=submit]")
        await page.locator("#mc-msg", has_text="已标记为已回拨（按时回拨）").wait_for()
        assert await page.inner_text("#mc-stat-in-time") == "1"
        assert await page.inner_text("#mc-stat-pending") == "0"
        await page.click("button.fu-tab[data-filter=called_back]")
        done = page.locator("#mc-list tr.mc-row")
        await done.wait_for()
        assert "已回拨" in await done.inner_text() and "信号不好" in await done.inner_text()
        await shot(page, "missed-03-called-back")
        assert errors == []
    finally:
        await context.close()


async def test_operator_records_a_manual_result_outside_the_window(tmp_path: Path, browser):
    """手工录入结果 in the panel (无法联系 with a note) while the window is closed."""
    url = f"sqlite:///{tmp_path / 'var' / 'hotline.db'}"
    upgrade(url)
    database = Database.open(url, catalog=load_catalog(), policy=DeadlinePolicy(), clock=utc_now)
    add_web_users(database)
    ticket = _closed_ticket(database, "13800000005", "红海街道楼道灯不亮")
    evening = SettableClock(_evening())
    followup = _service(database, evening, FollowupPolicy())
    followup.sweep()
    app = create_web_app(
        database,
        web_settings(tmp_path),
        hub=EventHub(),
        data_dir=tmp_path / "data",
        extensions=[followup_web_extension(followup)],
    )
    async with serving(app) as base:
        context, page, errors = await log_in_watched(browser, base, "op1")
        try:
            await _record_no_answer(page, ticket.id)
        finally:
            await context.close()
    stored = services.get_ticket(database.uow(), ticket.id)
    database.close()
    assert stored.satisfaction is Satisfaction.NO_ANSWER and stored.state is State.CLOSED
    assert errors == []


async def _record_no_answer(page, ticket_id: int) -> None:  # type: ignore[no-untyped-def]
    """手工录入结果 in the 回访 panel: 无法联系 with a note, the window being closed."""
    await page.click("#nav a[data-view=followup]")
    row = page.locator(f'#fu-jobs tr[data-ticket="{ticket_id}"]')
    await row.wait_for()
    text = await row.inner_text()
    assert "呼叫时段外" in text and "08:00" in text, text
    await row.locator("button[data-act=record]").click()
    await page.check("#fu-record-form input[value=no_answer]")
    choice = page.locator("#fu-record-form label.fu-choice", has_text="无法联系")
    assert await choice.count() == 1
    await page.fill("#fu-record-form textarea[name=note]", "白天晚上各打一次均无人接听")
    await shot(page, "followup-window-02-manual-form")
    await page.click("#fu-record-form button[type=submit]")
    await page.locator("#fu-msg", has_text="已记录回访结果").wait_for()
    await shot(page, "followup-window-03-recorded")
