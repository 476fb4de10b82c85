"""The 回访 panel in Debian's Chromium: the job list, the manual-call list, 手工录入结果,
and the 回访 card on the ticket page.

The server is the real web app with the follow-up extension on a SQLite file and the
wall clock. The jobs are made by the real FollowupService: one survey is planned, the
other has used up its three automatic calls (outcomes handed to `complete()` as the
dialer reports them, on a service whose clock is two days ahead, because the
wall clock may be outside the calling window; the calls themselves are
tested with sipp in tests/followup/test_real_peers.py). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from hotline.ticketing import services
from hotline.ticketing.deadlines import DeadlinePolicy, utc_now
from hotline.ticketing.followup.dialer import SurveyOutcome
from hotline.ticketing.followup.policy import CallingWindow, FollowupPolicy
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import JobState
from hotline.ticketing.followup.ticket_port import DatabaseTicketPort
from hotline.ticketing.model import State, Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.users import Actor, Role
from hotline.ticketing.web.app import create_web_app
from hotline.ticketing.web.events import EventHub
from hotline.ticketing.web.followup_api import followup_web_extension

from hotline.catalog_loader import load_catalog
from hotline.migrations import upgrade
from tests.browser.conftest import _free_port
from tests.fixtures.browser import TIMEOUT, log_in_watched, shot
from tests.fixtures.db import SettableClock
from tests.fixtures.followup import closed_ticket
from tests.fixtures.web import add_web_users, web_settings

OPERATOR = Actor(name="op2", role=Role.OPERATOR)


@dataclass
class FollowupServer:
    url: str
    database: Database
    exhausted: Ticket
    planned: Ticket


def _closed_ticket(database: Database, number: str, summary: str) -> Ticket:
    return closed_ticket(database, number, summary, "已协调处理", by=OPERATOR)


def _service(database: Database, clock, policy: FollowupPolicy) -> FollowupService:  # type: ignore[no-untyped-def]
    return FollowupService(
        engine=database.engine,
        tickets=DatabaseTicketPort(database),
        policy=policy,
        clock=clock,
        node="browser-test",
        trigger="closed",
        deadlines=database.policy,
    )


@pytest.fixture
async def followup_server(tmp_path: Path) -> AsyncIterator[FollowupServer]:
    url = f"sqlite:///{tmp_path / 'var' / 'hotline.db'}"
    upgrade(url)
    database = Database.open(url, catalog=load_catalog(), policy=DeadlinePolicy(), clock=utc_now)
    add_web_users(database)
    exhausted = _closed_ticket(database, "13800000001", "红海街道小区停水三天")
    # Two days ahead, a calling window around the clock, no retry delay: three calls in a row.
    ahead = SettableClock(utc_now() + timedelta(days=2))
    always = FollowupPolicy(
        window=CallingWindow(time(0, 0), time(0, 0)),
        retry_delays={k: timedelta(0) for k in ("busy", "no_answer", "failed")},
    )
    setup = _service(database, ahead, always)
    setup.sweep()
    for _ in range(3):
        [request] = setup.claim(5)
        job = setup.complete(request, SurveyOutcome("no_answer", detail="SIP 480"))
    assert job.state is JobState.EXHAUSTED
    planned = _closed_ticket(database, "13800000002", "海星小区供暖温度不达标")
    _service(database, utc_now, FollowupPolicy()).sweep()

    web_service = _service(database, utc_now, FollowupPolicy())
    app = create_web_app(
        database,
        web_settings(tmp_path),
        hub=EventHub(),
        data_dir=tmp_path / "data",
        extensions=[followup_web_extension(web_service)],
    )
    runner = web.AppRunner(app)
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield FollowupServer(f"http://127.0.0.1:{port}", database, exhausted, planned)
    finally:
        await runner.cleanup()
        database.close()


async def test_panel_lists_jobs_and_records_a_manual_result(followup_server, browser):
    srv = followup_server
    context, page, errors = await log_in_watched(browser, srv.url, "op1")
    try:
        await page.click("#nav a[data-view=followup]")
        manual = page.locator(f'#fu-manual tr[data-ticket="{srv.exhausted.id}"]')
        await manual.wait_for()
        row_text = await manual.inner_text()
        assert "多次未接通，需人工回访" in row_text and "3 / 3" in row_text
        assert "138****0001" in row_text and "红海街道小区停水三天" in row_text
        jobs = page.locator(f'#fu-jobs tr[data-ticket="{srv.planned.id}"]')
        await jobs.wait_for()
        planned_text = await jobs.inner_text()
        assert "待回访" in planned_text and "0 / 3" in planned_text
        assert "海星小区供暖温度不达标" in planned_text
        await page.locator("button.fu-tab[data-filter=open]", has_text="2").wait_for()
        # The call history of the exhausted job.
        await manual.locator("button[data-act=attempts]").click()
        await page.locator("tr.fu-detail", has_text="SIP 480").wait_for()
        assert await page.locator("tr.fu-detail tbody tr").count() == 3
        await shot(page, "followup-01-panel")

        # The operator phoned the caller by hand: 不满意.
        await manual.locator("button[data-act=record]").click()
        await page.check("#fu-record-form input[value=dissatisfied]")
        await page.fill("#fu-record-form textarea[name=note]", "来电人反映仍未恢复供水")
        await shot(page, "followup-02-manual-form")
        await page.click("#fu-record-form button[type=submit]")
        await page.locator(
            "#fu-msg", has_text="已记录回访结果：不满意，工单已退回重新审核"
        ).wait_for()
        await page.locator("#fu-manual").wait_for(state="detached")
        assert "暂无需要人工回访的工单" in await page.inner_text("#view")
        await page.click("button.fu-tab[data-filter=done]")
        done = page.locator(f'#fu-jobs tr[data-ticket="{srv.exhausted.id}"]')
        await done.wait_for()
        assert "已回访" in await done.inner_text() and "不满意" in await done.inner_text()
        await shot(page, "followup-03-recorded")

        stored = services.get_ticket(srv.database.uow(), srv.exhausted.id)
        assert stored.state is State.REPLIED
        assert stored.history[-1].command == "reopen" and stored.history[-1].actor == "op1"

        # The ticket page of the planned survey shows its 回访 card.
        await page.goto(f"{srv.url}/console#/ticket/{srv.planned.id}")
        card = page.locator("#followup-card")
        await card.wait_for(timeout=TIMEOUT)
        assert "待回访" in await card.inner_text()
        assert await card.locator("#fu-ticket-record").count() == 1
        await shot(page, "followup-04-ticket-card")
        assert errors == []  # no script errors in the console page
    finally:
        await context.close()
