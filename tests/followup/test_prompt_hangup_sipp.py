"""Survey completion with a real SIP callee (sipp): a callee who hangs up while the
opening prompt plays is stored as "hung_up_prompt" (did not reach the question), one who
answers after the question as "answer"; /api/v1/followup/stats counts them apart.
Uses the real SurveyCallDialer and espeak-ng prompts of tests/fixtures/survey.py."""

from __future__ import annotations

import pytest
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import JobState
from hotline.ticketing.followup.store import ending_counts
from hotline.ticketing.followup.survey_script import completion
from hotline.ticketing.web.metrics import SURVEY_OUTCOMES

from tests.fixtures.sipp import _HEAD, _TAG, answer_then_keys, needs_sipp, reply
from tests.fixtures.survey import Survey

pytestmark = [
    needs_sipp,
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
    pytest.mark.timeout(240),
]


def answer_then_hang_up(after_ms: int) -> str:
    """Answer, wait `after_ms` (the opening prompt is still playing), send BYE."""
    xml = _HEAD.format(name="answer and hang up")
    xml += (  # the dialer's Contact (in the INVITE) is where the BYE goes
        '  <recv request="INVITE" crlf="true"><action><ereg regexp="&lt;([^&gt;]*)&gt;" '
        'search_in="hdr" header="Contact:" assign_to="whole,contact"/></action></recv>\n'
    )
    xml += reply("180 Ringing") + reply("200 OK", sdp=True, record_route=True)
    xml += (
        '  <recv request="ACK" crlf="true"><action><ereg regexp=".*" search_in="hdr" '
        'header="From:" assign_to="caller"/></action></recv>\n'
    )
    xml += f'  <pause milliseconds="{after_ms}"/>\n'
    xml += f"""  <send retrans="500"><![CDATA[

      BYE [$contact] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:callee@[local_ip]:[local_port]>{_TAG}
      To: [$caller]
      Call-ID: [call_id]
      CSeq: 1 BYE
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
  <recv response="200"/>
  <Reference variables="whole"/>
"""
    return xml + "</scenario>\n"


async def test_hang_up_during_the_opening_prompt_is_counted_apart(
    survey: Survey,
    followup_service: FollowupService,
) -> None:
    # First a callee who answers after the question (the job is done: one claim later on).
    await survey.due()
    [answered], sipp = await survey.call(answer_then_keys("2"), "answer-2")
    assert sipp.returncode == 0, str(sipp)
    assert answered.state is JobState.DONE
    [attempt] = followup_service.attempts(answered.id)
    assert attempt.ending == "answer"

    before = SURVEY_OUTCOMES.labels(outcome="hung_up_prompt")._value.get()
    await survey.due()
    [early], sipp = await survey.call(answer_then_hang_up(1500), "hangup-in-prompt")
    assert sipp.returncode == 0, str(sipp)
    [attempt] = followup_service.attempts(early.id)
    assert attempt.outcome == "answered" and attempt.ending == "hung_up_prompt", attempt
    assert attempt.detail == "提问前对方挂机"
    assert early.state is JobState.PLANNED and early.last_outcome == "no_answer"  # retried
    # /metrics counts it too.
    assert SURVEY_OUTCOMES.labels(outcome="hung_up_prompt")._value.get() == before + 1
    with followup_service.engine.connect() as conn:
        stats = completion(ending_counts(conn))
    assert stats["hung_up_prompt"] == 1 and stats["answered"] == 1
    assert stats["reached_question"] == 1 and stats["completion_rate"] == 0.5
