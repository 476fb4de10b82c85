"""What the survey call says and how it reacts to keys and speech (sans-I/O).

The dialer adapter feeds events (the call was answered, a key, a recognised
word, silence, hang-up) and executes the actions it gets back (play these
sentences, listen for N seconds, hang up). All moves are in SCRIPT_TABLE.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from hotline.ticketing.model import Satisfaction

DIGIT_ANSWERS: dict[str, Satisfaction] = {
    "1": Satisfaction.SATISFIED,
    "2": Satisfaction.BASICALLY_SATISFIED,
    "3": Satisfaction.DISSATISFIED,
}
# Spoken answers (Vosk grammar); 基本满意 and 不满意 must be tried before 满意.
SPOKEN_ANSWERS: dict[str, Satisfaction] = {
    "基本满意": Satisfaction.BASICALLY_SATISFIED,
    "不满意": Satisfaction.DISSATISFIED,
    "满意": Satisfaction.SATISFIED,
}


@dataclass(frozen=True)
class SurveyPrompts:
    """Sentences the caller hears (Chinese, synthesised by espeak-ng)."""

    greeting: str = "您好，这里是鲅鱼圈区政务服务热线，现在对您反映的问题进行回访。"
    request: str = "关于您反映的{summary}问题，"
    result: str = "承办单位的办理结果是：{result}。"
    handled: str = "已经办理完毕。"
    question: str = "满意请按1，基本满意请按2，不满意请按3。"
    opt_out: str = "如果您不希望再接到回访电话，请按{digit}。"
    reprompt: str = "对不起，没有收到您的有效选择。"
    thanks: str = "感谢您的评价，再见。"
    opted_out: str = "好的，以后不再给您打回访电话，再见。"
    goodbye: str = "感谢您的接听，再见。"


class ScriptState(StrEnum):
    WAITING = "waiting"  # not answered yet
    ASKING = "asking"  # intro and question played, listening
    REASKING = "reasking"  # the one re-prompt played, listening
    CLOSING = "closing"  # saying goodbye
    ENDED = "ended"


class Input(StrEnum):
    ANSWERED = "answered"
    VALID = "valid"  # 1/2/3 or a recognised spoken answer
    OPT_OUT = "opt_out"
    INVALID = "invalid"  # another key, or speech that is not an answer
    SILENCE = "silence"  # listening time ran out
    FINISHED = "finished"  # goodbye played
    HANGUP = "hangup"  # the callee hung up


Say = Literal["intro", "reprompt", "thanks", "opted_out", "goodbye", "nothing"]
Ending = Literal["answer", "opted_out", "no_response", "hung_up"] | None

# Rule: every move of the call script. (state, input) → (new state, what to say, ending).
# After "intro"/"reprompt" the adapter listens; after the others it hangs up.
SCRIPT_TABLE: dict[tuple[ScriptState, Input], tuple[ScriptState, Say, Ending]] = {
    (ScriptState.WAITING, Input.ANSWERED): (ScriptState.ASKING, "intro", None),
    (ScriptState.ASKING, Input.VALID): (ScriptState.CLOSING, "thanks", "answer"),
    (ScriptState.ASKING, Input.OPT_OUT): (ScriptState.CLOSING, "opted_out", "opted_out"),
    (ScriptState.ASKING, Input.INVALID): (ScriptState.REASKING, "reprompt", None),
    (ScriptState.ASKING, Input.SILENCE): (ScriptState.REASKING, "reprompt", None),
    (ScriptState.REASKING, Input.VALID): (ScriptState.CLOSING, "thanks", "answer"),
    (ScriptState.REASKING, Input.OPT_OUT): (ScriptState.CLOSING, "opted_out", "opted_out"),
    (ScriptState.REASKING, Input.INVALID): (ScriptState.CLOSING, "goodbye", "no_response"),
    (ScriptState.REASKING, Input.SILENCE): (ScriptState.CLOSING, "goodbye", "no_response"),
    (ScriptState.CLOSING, Input.FINISHED): (ScriptState.ENDED, "nothing", None),
    **{
        (state, Input.HANGUP): (ScriptState.ENDED, "nothing", "hung_up")
        for state in (ScriptState.WAITING, ScriptState.ASKING, ScriptState.REASKING)
    },
    (ScriptState.CLOSING, Input.HANGUP): (ScriptState.ENDED, "nothing", None),
}


@dataclass(frozen=True)
class Play:
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Listen:
    seconds: float


@dataclass(frozen=True)
class HangUp:
    pass


Action = Play | Listen | HangUp


@dataclass
class SurveyScript:
    """One survey call. Feed events with `answered()`, `key()`, `spoken()`, ..."""

    summary: str
    result_text: str | None = None
    opt_out_digit: str | None = "9"
    prompts: SurveyPrompts = field(default_factory=SurveyPrompts)
    listen_seconds: float = 8.0
    state: ScriptState = ScriptState.WAITING
    answer: Satisfaction | None = None
    ending: Ending = None
    # Every key and word heard, in order (kept with the attempt for the record).
    heard: list[str] = field(default_factory=list)

    @property
    def opted_out(self) -> bool:
        return self.ending == "opted_out"

    def answered(self) -> list[Action]:
        return self._feed(Input.ANSWERED)

    def key(self, digit: str) -> list[Action]:
        if self.state not in (ScriptState.ASKING, ScriptState.REASKING):
            return []  # keys during goodbye or before answer change nothing
        self.heard.append(digit)
        if self.opt_out_digit is not None and digit == self.opt_out_digit:
            return self._feed(Input.OPT_OUT)
        if digit in DIGIT_ANSWERS:
            self.answer = DIGIT_ANSWERS[digit]
            return self._feed(Input.VALID)
        return self._feed(Input.INVALID)

    def spoken(self, text: str) -> list[Action]:
        """A final recognition result; empty text counts as nothing heard yet."""
        words = "".join(text.split())
        if not words or self.state not in (ScriptState.ASKING, ScriptState.REASKING):
            return []
        self.heard.append(words)
        for phrase, answer in SPOKEN_ANSWERS.items():
            if phrase in words:
                self.answer = answer
                return self._feed(Input.VALID)
        return self._feed(Input.INVALID)

    def silence(self) -> list[Action]:
        return self._feed(Input.SILENCE)

    def finished_speaking(self) -> list[Action]:
        return self._feed(Input.FINISHED)

    def hung_up(self) -> list[Action]:
        if self.state is ScriptState.ENDED:
            return []
        return self._feed(Input.HANGUP)

    @property
    def listening(self) -> bool:
        return self.state in (ScriptState.ASKING, ScriptState.REASKING)

    def _feed(self, event: Input) -> list[Action]:
        try:
            new_state, say, ending = SCRIPT_TABLE[(self.state, event)]
        except KeyError:
            raise RuntimeError(f"survey script: {event} not expected in {self.state}") from None
        self.state = new_state
        if ending is not None:
            self.ending = ending
        if say == "nothing":
            return []
        sentences = self._sentences(say)
        if say in ("intro", "reprompt"):
            return [Play(sentences), Listen(self.listen_seconds)]
        return [Play(sentences), HangUp()]

    def _sentences(self, say: Say) -> tuple[str, ...]:
        p = self.prompts
        question = [p.question]
        if self.opt_out_digit is not None:
            question.append(p.opt_out.format(digit=self.opt_out_digit))
        if say == "intro":
            summary = self.summary.strip().removesuffix("问题").strip("。，,. ")
            request = p.request.format(summary=summary) if summary else ""
            outcome = (
                p.result.format(result=self.result_text.strip().rstrip("。"))
                if self.result_text and self.result_text.strip()
                else p.handled
            )
            return tuple(s for s in (p.greeting, request + outcome, *question) if s)
        if say == "reprompt":
            return (p.reprompt, *question)
        return ({"thanks": p.thanks, "opted_out": p.opted_out, "goodbye": p.goodbye}[say],)
