"""Two schedulers on one PostgreSQL never dial the same job twice.

Each scheduler runs in its own process with its own engine and node name; both
sweep and claim the same 30 due jobs at once. The dialer here is a counting
fake that records which job it was asked to call: the claim (SELECT … FOR
UPDATE SKIP LOCKED), not the call, is under test — the calls themselves are
tested against sipp in test_real_peers.py.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections import Counter
from datetime import datetime

import pytest
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.followup.dialer import SurveyOutcome, SurveyRequest
from hotline.ticketing.followup.policy import CallingWindow, FollowupPolicy
from hotline.ticketing.followup.scheduler import FollowupScheduler
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import JobState
from hotline.ticketing.followup.ticket_port import DatabaseTicketPort
from hotline.ticketing.model import Satisfaction
from hotline.ticketing.persistence.database import Database

from hotline.catalog_loader import load_catalog
from tests.fixtures.db import SettableClock
from tests.fixtures.followup import CloseTicket

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(240)]

JOBS = 30


class CountingDialer:
    """Answers every call with 'satisfied' after yielding, and remembers the job ids."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    async def run_survey(self, request: SurveyRequest) -> SurveyOutcome:
        self.calls.append(request.job_id)
        await asyncio.sleep(0.01)  # let the other node run its claim meanwhile
        return SurveyOutcome("answered", answer=Satisfaction.SATISFIED, heard=("1",))


def _node(url: str, now: datetime, name: str, start, results) -> None:  # type: ignore[no-untyped-def]
    database = Database.open(url, catalog=load_catalog(), clock=lambda: now)
    service = FollowupService(
        engine=database.engine,
        tickets=DatabaseTicketPort(database),
        policy=FollowupPolicy(window=CallingWindow()),
        clock=lambda: now,
        node=name,
        deadlines=DeadlinePolicy(),
    )
    dialer = CountingDialer()
    scheduler = FollowupScheduler(service, dialer, max_concurrent_calls=3)
    start.wait()
    for _ in range(40):  # several passes each, racing the other node
        asyncio.run(scheduler.run_once())
    results.put((name, dialer.calls))
    database.close()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_two_nodes_never_dial_the_same_job(
    migrated_url: str,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
) -> None:
    for i in range(JOBS):
        close_ticket(number=f"1380000{i:04d}")
    followup_service.sweep()
    clock.advance(hours=24)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    nodes = [
        ctx.Process(target=_node, args=(migrated_url, clock.now, f"node-{n}", start, results))
        for n in (1, 2)
    ]
    for node in nodes:
        node.start()
    start.set()
    calls = dict(results.get(timeout=200) for _ in nodes)
    for node in nodes:
        node.join(60)
        assert node.exitcode == 0
    dialled = Counter(calls["node-1"] + calls["node-2"])
    assert len(dialled) == JOBS  # every job called ...
    assert set(dialled.values()) == {1}  # ... exactly once
    jobs = followup_service.list_jobs()
    assert {j.state for j in jobs} == {JobState.DONE}
    assert all(j.attempts == 1 for j in jobs)
    # Both nodes took part (otherwise the race was not tested).
    assert calls["node-1"] and calls["node-2"], calls
