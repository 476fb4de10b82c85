"""Survey calls against real peers: sipp as the caller's phone (UAS), Kamailio as an
authenticating proxy. The whole chain runs: ticket closed → job → scheduler pass
with a fixed clock → telephony.dialer INVITE → prompts (espeak-ng) → RFC 2833 key
from Debian's sipp captures → result on the ticket. SQLite only here; the
PostgreSQL claim is tested in test_concurrent_claim.py.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hotline.telephony.sip.dialog import DialogState
from hotline.ticketing import services
from hotline.ticketing.followup.scheduler import FollowupScheduler
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import JobState
from hotline.ticketing.model import Satisfaction, State
from hotline.ticketing.persistence.database import Database

from tests.fixtures.common import free_port
from tests.fixtures.db import SettableClock
from tests.fixtures.followup import CloseTicket
from tests.fixtures.kamailio import auth_proxy_cfg, kamailio, needs_kamailio
from tests.fixtures.sipp import (
    answer_then_keys,
    needs_sipp,
    reject,
    ring_until_cancel,
)
from tests.fixtures.survey import Survey, dialled

pytestmark = [
    needs_sipp,
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
    pytest.mark.timeout(240),
]


async def test_digit_1_records_satisfied(
    survey: Survey, followup_service: FollowupService, database: Database
) -> None:
    ticket = await survey.due()
    [job], sipp = await survey.call(answer_then_keys("1", speak=True), "digit1")
    assert sipp.returncode == 0, str(sipp)
    assert job.state is JobState.DONE and job.satisfaction == "satisfied"
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.state is State.CLOSED and stored.satisfaction is Satisfaction.SATISFIED
    [attempt] = followup_service.attempts(job.id)
    assert attempt.heard == ["1"] and attempt.recording_path
    assert Path(attempt.recording_path).stat().st_size > 44


async def test_digit_3_reopens_the_ticket(
    survey: Survey, followup_service: FollowupService, database: Database
) -> None:
    ticket = await survey.due()
    [job], sipp = await survey.call(answer_then_keys("3"), "digit3")
    assert sipp.returncode == 0, str(sipp)
    assert job.satisfaction == "dissatisfied"
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.state is State.REPLIED
    assert stored.satisfaction is Satisfaction.DISSATISFIED
    assert stored.history[-1].command == "reopen"


async def test_invalid_key_then_2_after_the_reprompt(
    survey: Survey, followup_service: FollowupService, database: Database
) -> None:
    ticket = await survey.due()
    [job], sipp = await survey.call(answer_then_keys("5", "2"), "invalid2")
    assert sipp.returncode == 0, str(sipp)
    assert job.satisfaction == "basically_satisfied"
    [attempt] = followup_service.attempts(job.id)
    assert attempt.heard == ["5", "2"]
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.satisfaction is Satisfaction.BASICALLY_SATISFIED


async def test_busy_is_retried_after_the_configured_delay(
    survey: Survey, followup_service: FollowupService, clock: SettableClock
) -> None:
    await survey.due()
    [job], sipp = await survey.call(reject(), "busy")
    assert sipp.returncode == 0, str(sipp)
    assert job.state is JobState.PLANNED and job.last_outcome == "busy"
    assert job.attempts == 1
    assert job.due_at == clock.now + timedelta(minutes=120)  # busy: 120 min (fixture policy)
    clock.advance(minutes=119)
    scheduler = FollowupScheduler(followup_service, await survey.dialer())
    assert await scheduler.run_once() == []  # not yet
    clock.advance(minutes=1)
    [job], sipp = await survey.call(answer_then_keys("1"), "busy-retry")
    assert job.state is JobState.DONE and job.attempts == 2


async def test_no_answer_counts_an_attempt(
    survey: Survey, followup_service: FollowupService, clock: SettableClock
) -> None:
    await survey.due()
    [job], sipp = await survey.call(ring_until_cancel(), "noanswer")
    # The phone rang until our ring timeout; we CANCELled and ACKed the 487: sipp's
    # scenario (INVITE, 180, CANCEL, 200, 487, ACK) completed.
    assert sipp.returncode == 0, str(sipp)
    assert "CANCEL sip:13800000000@" in sipp.messages, str(sipp)
    assert job.state is JobState.PLANNED and job.last_outcome == "no_answer"
    assert job.attempts == 1
    assert job.due_at == clock.now + timedelta(minutes=60)


async def test_outside_the_window_nothing_is_dialled_until_it_opens(
    survey: Survey,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
) -> None:
    clock.now = datetime(2026, 1, 5, 13, 0, tzinfo=UTC)  # 21:00 Shanghai
    close_ticket()
    [planned] = await asyncio.to_thread(followup_service.sweep)
    scheduler = FollowupScheduler(followup_service, await survey.dialer())
    for hour in range(24, 35):  # 21:00 the next day .. 07:00: nothing due inside the window
        clock.now = datetime(2026, 1, 5, 13, 0, tzinfo=UTC) + timedelta(hours=hour)
        assert await scheduler.run_once() == []
    assert followup_service.list_jobs()[0].attempts == 0
    clock.now = planned.due_at  # 08:00 Shanghai
    assert planned.due_at == datetime(2026, 1, 7, 0, 0, tzinfo=UTC)
    [job], sipp = await survey.call(answer_then_keys("1"), "window")
    assert sipp.returncode == 0, str(sipp)
    assert job.state is JobState.DONE


@needs_kamailio
async def test_407_from_kamailio_is_answered_and_the_call_goes_through(
    tmp_path: Path, survey: Survey, database: Database
) -> None:
    ticket = await survey.due()
    uas_port = free_port()
    cfg = auth_proxy_cfg(uas_port, user="hotline", password="s3cret", realm="hotline.test")
    async with kamailio(tmp_path / "kamailio", cfg) as kam:
        await survey.dialer(
            kam.port,
            proxy=f"sip:127.0.0.1:{kam.port}",
            username="hotline",
            password="s3cret",
        )
        [job], sipp = await survey.call(answer_then_keys("1"), "auth", uas_port=uas_port)
        text = kam.log_text()
    assert sipp.returncode == 0, f"{sipp}\n{text[-3000:]}"
    assert "challenging INVITE" in text and "authenticated hotline" in text
    assert job.state is JobState.DONE
    # Our BYE followed the route set Kamailio record-routed, and its 200, relayed back by
    # Kamailio, completed the BYE transaction (before: no route set, BYE straight to sipp,
    # whose 200 went to Kamailio and was dropped; hang-up waited out timer F).
    [call] = dialled
    assert call.dialog is not None and call.dialog.route_set
    assert "in-dialog BYE" in text
    assert call.bye_status == 200 and call.dialog.state is DialogState.TERMINATED
    stored = services.get_ticket(database.uow(), ticket.id)
    assert stored.satisfaction is Satisfaction.SATISFIED
