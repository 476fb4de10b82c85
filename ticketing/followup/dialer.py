"""The only thing ticketing needs from telephony: place one survey call.

hotline/survey_call.py implements `Dialer` with telephony.dialer; tests may
substitute a counting dialer where the call itself is not under test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from hotline.ticketing.followup.policy import CallOutcome
from hotline.ticketing.followup.survey_script import SurveyPrompts
from hotline.ticketing.model import Satisfaction


@dataclass(frozen=True)
class SurveyRequest:
    job_id: int
    ticket_id: int
    phone: str  # digits to dial (user part of the request URI)
    summary: str  # names the request: 关于您反映的{summary}问题
    result_text: str | None  # what the unit reported; None → "已经办理完毕"
    attempt: int  # 1 for the first call
    opt_out_digit: str | None = "9"
    prompts: SurveyPrompts = field(default_factory=SurveyPrompts)


@dataclass(frozen=True)
class SurveyOutcome:
    outcome: CallOutcome
    answer: Satisfaction | None = None  # only when outcome == "answered"
    opted_out: bool = False
    # How an answered call ended without an answer: "no_response", "hung_up".
    ending: Literal["answer", "opted_out", "no_response", "hung_up"] | None = None
    heard: tuple[str, ...] = ()  # keys and words, in order
    detail: str = ""  # e.g. "486 Busy Here", "timeout after 60 s"
    recording_path: Path | None = None
    channel: Literal["dtmf", "speech", "manual"] | None = None


class Dialer(Protocol):
    async def run_survey(self, request: SurveyRequest) -> SurveyOutcome:
        """Dial, run the survey script, hang up; never raises for call failures."""
        ...
