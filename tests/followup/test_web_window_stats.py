"""/api/v1/followup: the calling window's state, survey completion and the masked, shortened
summary (issue #14 items 4 and 7). Same app and clock as test_web_api.py
(2026-01-05 08:00 UTC = 16:00 Asia/Shanghai)."""

from __future__ import annotations

from datetime import UTC, datetime

from hotline.ticketing.followup.dialer import SurveyOutcome
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.model import Satisfaction

from tests.fixtures.db import SettableClock
from tests.fixtures.followup import FOLLOWUP_API, CloseTicket
from tests.fixtures.web import WebEnv, json_body


async def test_list_says_when_the_calling_window_is_closed(
    env: WebEnv,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
) -> None:
    close_ticket()
    followup_service.sweep()
    op = await env.client("op1")
    inside = await json_body(await op.get(f"{FOLLOWUP_API}/jobs"))
    assert inside["window"] == {"hours": "08:00–20:00", "open": True, "notice": None}
    assert inside["items"][0]["window_notice"] is None

    # 22:14 in Shanghai, a day and a half later: the job is overdue but cannot be dialled.
    clock.now = datetime(2026, 1, 6, 14, 14, tzinfo=UTC)
    op = await env.client("op1")  # a new login: the first session expired with the clock
    outside = await json_body(await op.get(f"{FOLLOWUP_API}/jobs"))
    assert outside["window"]["open"] is False
    assert outside["window"]["notice"] == "呼叫时段外，明天08:00开始"
    [item] = outside["items"]
    assert item["window_notice"] == "呼叫时段外，明天08:00开始"
    # Not "22:14" or a time in the past: the next call is when the window opens.
    assert item["next_attempt_local"] == "2026-01-07 08:00"
    page = await json_body(await op.get(f"{FOLLOWUP_API}/tickets/{item['ticket_id']}"))
    assert page["jobs"][0]["job"]["window_notice"] == "呼叫时段外，明天08:00开始"


async def test_completion_statistics_count_hang_ups_during_the_opening(
    env: WebEnv,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
    clock: SettableClock,
) -> None:
    for n in range(3):
        close_ticket(number=f"1380000000{n}")
    followup_service.sweep()
    clock.advance(hours=24)
    requests = followup_service.claim(5)
    assert len(requests) == 3
    outcomes = [
        SurveyOutcome("answered", answer=Satisfaction.SATISFIED, ending="answer"),
        SurveyOutcome("answered", ending="hung_up_prompt", detail="提问前对方挂机"),
        SurveyOutcome("answered", ending="hung_up", detail="对方挂机"),
    ]
    for request, outcome in zip(requests, outcomes, strict=True):
        followup_service.complete(request, outcome)
    lead = await env.client("lead")
    stats = await json_body(await lead.get(f"{FOLLOWUP_API}/stats"))
    assert stats["answered_calls"] == 3 and stats["reached_question"] == 2
    assert stats["answered"] == 1 and stats["hung_up_prompt"] == 1
    assert stats["hung_up_after_question"] == 1
    assert stats["completion_rate"] == round(1 / 3, 4)
    assert stats["satisfaction"] == {"satisfied": 1}
    # The per-call record says how the call ended.
    job_id = followup_service.list_jobs(ticket_id=requests[1].ticket_id)[0].id
    history = await json_body(await lead.get(f"{FOLLOWUP_API}/jobs/{job_id}/attempts"))
    assert history["attempts"][0]["ending"] == "hung_up_prompt"
    assert history["attempts"][0]["ending_label"] == "提问前挂机"

    bad = await json_body(await lead.get(f"{FOLLOWUP_API}/stats?days=0"), 400)
    assert bad["message"] == "统计天数应为1到366"
    liaison = await env.client("housing_liaison")
    assert (await liaison.get(f"{FOLLOWUP_API}/stats")).status == 403


async def test_summary_is_masked_then_shortened_with_an_ellipsis(
    env: WebEnv,
    followup_service: FollowupService,
    close_ticket: CloseTicket,
) -> None:
    # The number sits across the old 40-character cut (which left 6 digits unmasked).
    text = "家里暖气一直不热，已经找过物业好几次了，物业说是供热公司的问题，联系我13912345678谢谢您"
    close_ticket(summary=text)
    followup_service.sweep()
    op = await env.client("op1")
    [item] = (await json_body(await op.get(f"{FOLLOWUP_API}/jobs")))["items"]
    summary = item["ticket"]["summary"]
    assert summary.endswith("…") and not any(c.isdigit() for c in summary)
    assert summary.removesuffix("…") in text.replace("13912345678", "*" * 11)
