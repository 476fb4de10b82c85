"""The sans-I/O parts: job state table, calling window and retries, call script, grammar."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from hotline.asr.grammar import GrammarError, grammar_for, model_vocabulary
from hotline.ticketing.errors import WorkflowError
from hotline.ticketing.followup.policy import CallingWindow, FollowupPolicy, normalise_number
from hotline.ticketing.followup.states import TRANSITIONS, JobEvent, JobState, next_state
from hotline.ticketing.followup.survey_script import HangUp, Listen, Play, SurveyScript
from hotline.ticketing.model import Satisfaction


def test_state_table_moves_and_refusals() -> None:
    assert next_state(JobState.PLANNED, JobEvent.CLAIM) is JobState.DIALLING
    assert next_state(JobState.BUSY, JobEvent.RETRY) is JobState.PLANNED
    assert next_state(JobState.NO_ANSWER, JobEvent.EXHAUST) is JobState.EXHAUSTED
    with pytest.raises(WorkflowError) as err:
        next_state(JobState.DONE, JobEvent.CLAIM)
    assert "已回访" in err.value.message_zh
    # Every final state is a dead end except by a new job.
    finals = {JobState.DONE, JobState.OPTED_OUT, JobState.NOT_CALLABLE, JobState.CANCELLED}
    assert not [key for key in TRANSITIONS if key[0] in finals]


def test_window_in_shanghai_time() -> None:
    window = CallingWindow(time(8), time(20), "Asia/Shanghai")
    assert window.contains(datetime(2026, 1, 5, 0, 0, tzinfo=UTC))  # 08:00 local
    assert not window.contains(datetime(2026, 1, 5, 12, 0, tzinfo=UTC))  # 20:00 local
    assert window.next_open(datetime(2026, 1, 5, 12, 0, tzinfo=UTC)) == datetime(
        2026, 1, 6, 0, 0, tzinfo=UTC
    )
    assert window.next_open(datetime(2026, 1, 4, 20, 0, tzinfo=UTC)) == datetime(
        2026, 1, 5, 0, 0, tzinfo=UTC
    )  # 04:00 local → 08:00 the same day
    overnight = CallingWindow(time(22), time(6), "Asia/Shanghai")
    assert overnight.contains(datetime(2026, 1, 5, 15, 0, tzinfo=UTC))  # 23:00 local
    with pytest.raises(ValueError):
        window.contains(datetime(2026, 1, 5, 0, 0))


def test_retry_delays_and_exhaustion() -> None:
    policy = FollowupPolicy(
        max_attempts=2,
        retry_delays={"busy": timedelta(minutes=5)}
        | {"no_answer": timedelta(hours=2), "failed": timedelta(hours=2)},
    )
    noon = datetime(2026, 1, 5, 4, 0, tzinfo=UTC)  # 12:00 local
    decision = policy.after_failed_attempt("busy", 1, noon)
    assert decision.event is JobEvent.RETRY and decision.due_at == noon + timedelta(minutes=5)
    late = datetime(2026, 1, 5, 11, 0, tzinfo=UTC)  # 19:00 local: +2 h is outside
    assert policy.after_failed_attempt("no_answer", 1, late).due_at == datetime(
        2026, 1, 6, 0, 0, tzinfo=UTC
    )
    assert policy.after_failed_attempt("failed", 2, noon).event is JobEvent.EXHAUST


def test_numbers_compare_without_country_prefix() -> None:
    assert normalise_number("+86 138-0000-0000") == "13800000000"
    assert normalise_number("008613800000000") == "13800000000"
    assert FollowupPolicy(do_not_call=frozenset({"13800000000"})).is_do_not_call("+8613800000000")


def _texts(actions: list) -> str:  # type: ignore[type-arg]
    return "".join(s for a in actions if isinstance(a, Play) for s in a.sentences)


def test_script_names_the_request_and_asks() -> None:
    script = SurveyScript(summary="小区停水问题", opt_out_digit="9")
    actions = script.answered()
    said = _texts(actions)
    assert "您反映的小区停水问题" in said and "问题问题" not in said
    assert "满意请按1，基本满意请按2，不满意请按3" in said
    assert "请按9" not in said  # the opt-out hint comes with the re-prompt (short opening)
    assert isinstance(actions[-1], Listen)
    closing = script.key("1")
    assert script.answer is Satisfaction.SATISFIED and isinstance(closing[-1], HangUp)
    assert "感谢" in _texts(closing)
    assert script.finished_speaking() == [] and script.ending == "answer"


def test_one_reprompt_then_a_polite_goodbye() -> None:
    script = SurveyScript(summary="路灯不亮")
    script.answered()
    again = script.key("7")
    assert "对不起" in _texts(again) and isinstance(again[-1], Listen)
    bye = script.silence()
    assert "再见" in _texts(bye) and isinstance(bye[-1], HangUp)
    assert script.ending == "no_response" and script.answer is None
    assert script.heard == ["7"]


def test_opt_out_speech_and_hangup() -> None:
    script = SurveyScript(summary="噪音扰民", opt_out_digit="9")
    script.answered()
    script.key("9")
    assert script.opted_out
    spoken = SurveyScript(summary="噪音扰民")
    spoken.answered()
    assert spoken.spoken("") == []
    spoken.spoken("基本 满意")
    assert spoken.answer is Satisfaction.BASICALLY_SATISFIED
    gone = SurveyScript(summary="噪音扰民")
    gone.answered()
    gone.prompt_played()
    gone.hung_up()
    assert gone.ending == "hung_up"


def test_grammar_check_names_missing_words(tmp_path: Path) -> None:
    graph = tmp_path / "model" / "graph"
    graph.mkdir(parents=True)
    (graph / "words.txt").write_text("<eps> 0\n满意 1\n基本 2\n", encoding="utf-8")
    phrases, missing = grammar_for(model_vocabulary(tmp_path / "model"))
    assert phrases == {"满意": "满意", "基本 满意": "基本满意"}
    assert missing == ["不", "不满意"]
    with pytest.raises(GrammarError):
        model_vocabulary(tmp_path / "nothing")


def test_vocabulary_of_a_real_runtime_grammar_model(vosk_model_dir: Path) -> None:
    # The Korean test model has no words.txt: the words come from graph/Gr.fst.
    vocabulary = model_vocabulary(vosk_model_dir)
    assert len(vocabulary) > 100_000 and "<UNK>" in vocabulary
    _phrases, missing = grammar_for(vocabulary)
    assert "满意" in missing
