"""The survey's short opening (≤ 15 s), its completion statistic, the calling window's
state in the console and the panel's excerpts (issue #14 items 4 and 7)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from hotline.telephony.prompts import PromptCache
from hotline.ticketing.followup.policy import CallingWindow
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.survey_script import (
    SUMMARY_MAX_CHARS,
    Play,
    SurveyScript,
    completion,
    spoken_summary,
)
from hotline.ticketing.model import Ticket
from hotline.ticketing.privacy import mask_phone_numbers
from hotline.ticketing.web.followup_views import excerpt

MAX_OPENING_SECONDS = 15.0
# A long, realistic complaint: the summary an operator left is the whole story.
LONG_TEXT = (
    "望海街道海东小区十二号楼从上个月开始暖气一直不热室温只有十二度家里有老人和孩子"
    "多次找物业和供热公司都没有人来处理我的电话是13912345678希望尽快派人来看看" * 5
)


def _opening(summary: str) -> str:
    actions = SurveyScript(summary=summary, opt_out_digit="9").answered()
    return "".join(s for a in actions if isinstance(a, Play) for s in a.sentences)


def test_summary_names_place_and_topic_and_never_grows() -> None:
    assert spoken_summary("暖气不热，室温只有十二度", "熊岳镇") == "熊岳镇暖气不热"
    assert spoken_summary("", "望海街道", "投诉") == "望海街道投诉"
    assert spoken_summary("路灯不亮问题") == "路灯不亮"
    # The topic stops at a digit: no house or phone number is read out.
    assert spoken_summary("13912345678打不通") == ""
    assert spoken_summary("楼道灯坏了3个月") == "楼道灯坏了"
    for n in (1, 10, 100, 1000):
        assert len(spoken_summary(LONG_TEXT * n, "鲅鱼圈区红海街道办事处")) <= SUMMARY_MAX_CHARS


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_opening_prompt_of_the_longest_ticket_lasts_at_most_15_seconds(tmp_path: Path) -> None:
    """Synthesised as the survey call does (PromptCache: espeak-ng Mandarin, 8 kHz)."""
    ticket = Ticket(
        received_at=datetime(2026, 1, 5, tzinfo=UTC),
        summary=LONG_TEXT,
        location_text="望海街道海东小区十二号楼",
        area_id="wanghai",
        request_type="complaint",
    )
    service = FollowupService(
        engine=None,  # type: ignore[arg-type]  # only the summary is used here
        tickets=None,  # type: ignore[arg-type]
        policy=None,  # type: ignore[arg-type]
        clock=lambda: datetime.now(UTC),
        area_names={"wanghai": "望海街道"},
        type_names={"complaint": "投诉"},
    )
    summary = service.spoken_summary(ticket)
    assert summary.startswith("望海街道") and len(summary) <= SUMMARY_MAX_CHARS
    text = _opening(summary)
    assert text.endswith("满意请按1，基本满意请按2，不满意请按3。")
    seconds = len(PromptCache(tmp_path).render_pcm(text)) / (8000 * 2)
    assert seconds <= MAX_OPENING_SECONDS, (seconds, text)
    # The old opening (greeting, whole summary, the unit's reply, opt-out) took ~44 s;
    # the short one names the request and asks.
    assert "您反映的望海街道" in text


def test_hang_up_during_the_opening_is_counted_apart() -> None:
    early = SurveyScript(summary="路灯不亮")
    early.answered()
    early.hung_up()
    assert early.ending == "hung_up_prompt" and not early.reached_question

    late = SurveyScript(summary="路灯不亮")
    late.answered()
    assert late.prompt_played() == [] and late.prompt_played() == []
    late.hung_up()
    assert late.ending == "hung_up" and late.reached_question

    barge_in = SurveyScript(summary="路灯不亮")
    barge_in.answered()
    barge_in.key("2")  # pressed while the question was still being read
    assert barge_in.ending == "answer" and barge_in.reached_question

    reask = SurveyScript(summary="路灯不亮", opt_out_digit="9")
    reask.answered()
    reprompt = reask.key("7")
    said = "".join(s for a in reprompt if isinstance(a, Play) for s in a.sentences)
    assert "请按9" in said and "满意请按1" in said

    stats = completion({"answer": 6, "hung_up_prompt": 3, "hung_up": 1})
    assert stats["answered_calls"] == 10 and stats["reached_question"] == 7
    assert stats["answered"] == 6 and stats["hung_up_prompt"] == 3
    assert stats["completion_rate"] == 0.6
    assert completion({})["completion_rate"] is None


SHANGHAI_WINDOW = CallingWindow(time(8, 0), time(20, 0), "Asia/Shanghai")


def test_window_notice_and_next_attempt_inside_the_window() -> None:
    evening = datetime(2026, 1, 5, 14, 14, tzinfo=UTC)  # 22:14 in Shanghai
    assert SHANGHAI_WINDOW.closed_notice(evening) == "呼叫时段外，明天08:00开始"
    early = datetime(2026, 1, 5, 22, 30, tzinfo=UTC)  # 06:30 on the 6th
    assert SHANGHAI_WINDOW.closed_notice(early) == "呼叫时段外，今天08:00开始"
    assert SHANGHAI_WINDOW.closed_notice(datetime(2026, 1, 5, 4, tzinfo=UTC)) is None
    # A job due in the past while the window is closed: next attempt at 08:00 tomorrow.
    past_due = datetime(2026, 1, 5, 13, 0, tzinfo=UTC)
    nxt = SHANGHAI_WINDOW.next_attempt(past_due, evening)
    assert nxt == datetime(2026, 1, 6, 0, 0, tzinfo=UTC)
    assert SHANGHAI_WINDOW.hours == "08:00–20:00"


def test_excerpt_cuts_at_a_boundary_with_an_ellipsis_and_never_mid_number() -> None:
    text = "家里暖气不热已经三天了，物业不管，请联系我13912345678或者我爱人13800001111谢谢"
    masked = mask_phone_numbers(text)
    for limit in range(8, len(masked)):
        cut = excerpt(masked, limit)
        assert cut.endswith("…") and len(cut) <= limit + 1
        assert not any(ch.isdigit() for ch in cut)  # the numbers stay masked
        body = cut.removesuffix("…")
        # No number is cut into pieces: a masked run is whole or absent.
        assert body.count("*") in (0, 11, 22)
    assert excerpt("短文本") == "短文本"
    story = "小区停水三天，物业说是管道破裂，已经报修了两次还没有修好，居民生活很不方便"
    assert excerpt(story, 30) == "小区停水三天，物业说是管道破裂，已经报修了两次还没有修好…"
