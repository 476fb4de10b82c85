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
    summary: str  # a few words naming the request (survey_script.spoken_summary)
    attempt: int  # 1 for the first call
    opt_out_digit: str | None = "9"
    prompts: SurveyPrompts = field(default_factory=SurveyPrompts)


@dataclass(frozen=True)
class SurveyOutcome:
    outcome: CallOutcome
    answer: Satisfaction | None = None  # only when outcome == "answered"
    opted_out: bool = False
    # How an answered call ended without an answer: "no_response", "hung_up".
    # "hung_up_prompt": hung up before the opening prompt reached the question.
    ending: Literal["answer", "opted_out", "no_response", "hung_up", "hung_up_prompt"] | None = None
    heard: tuple[str, ...] = ()  # keys and words, in order
    detail: str = ""  # e.g. "486 Busy Here", "timeout after 60 s"
    recording_path: Path | None = None
    channel: Literal["dtmf", "speech", "manual"] | None = None


class Dialer(Protocol):
    async def run_survey(self, request: SurveyRequest) -> SurveyOutcome:
        """Dial, run the survey script, hang up; never raises for call failures."""
        ...
