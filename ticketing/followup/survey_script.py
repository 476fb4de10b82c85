"""What the survey call says and how it reacts to keys and speech (sans-I/O).

The dialer adapter feeds events (the call was answered, the opening prompt
finished, a key, a recognised word, silence, hang-up) and executes the actions
it gets back (play these sentences, listen for N seconds, hang up). All moves
are in SCRIPT_TABLE.

The opening prompt is kept short (about 14 s with espeak-ng at 150 wpm): callers
hang up on a long one before they hear the question. It names the request in a
few words (`spoken_summary`: place + topic, capped at SUMMARY_MAX_CHARS) and asks
at once; the unit's reply is not read out and the opt-out hint comes with the
re-prompt. A hang-up before the question ended is its own ending
("hung_up_prompt"), so completion can be measured.
"""

from __future__ import annotations

import re
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


# The request is named in at most this many characters (about 3 s of speech).
SUMMARY_MAX_CHARS = 10
PLACE_MAX_CHARS = 4
# Where a topic may be cut: clause punctuation, and digits (a number read out is slow
# and may be personal data).
_CLAUSE_END = re.compile(r"[，。,.;；:：！!？?、\s（(\d*＊]")


def _first_clause(text: str) -> str:
    return _CLAUSE_END.split(text.strip(), maxsplit=1)[0].strip()


def spoken_summary(topic: str, place: str = "", kind: str = "") -> str:
    """A few words naming the request: `place` + the first clause of `topic` (or the
    request type `kind` when there is no topic), at most SUMMARY_MAX_CHARS characters.
    It never grows with the ticket text."""
    place = _first_clause(place)[:PLACE_MAX_CHARS]
    what = _first_clause(topic).removesuffix("问题") or _first_clause(kind)
    if place and what.startswith(place):
        place = ""
    words = (place + what)[:SUMMARY_MAX_CHARS]
    return words.removesuffix("问题").strip("的，。,. ")


@dataclass(frozen=True)
class SurveyPrompts:
    """Sentences the caller hears (Chinese, synthesised by espeak-ng)."""

    greeting: str = "您好，热线回访。"
    request: str = "您反映的{summary}问题，"
    question: str = "满意请按1，基本满意请按2，不满意请按3。"
    opt_out: str = "不希望再接回访请按{digit}。"
    reprompt: str = "对不起，没有收到您的有效选择。"
    thanks: str = "感谢您的评价，再见。"
    opted_out: str = "好的，以后不再给您打回访电话，再见。"
    goodbye: str = "感谢您的接听，再见。"


class ScriptState(StrEnum):
    WAITING = "waiting"  # not answered yet
    INTRO = "intro"  # the opening prompt (request + question) is playing
    ASKING = "asking"  # intro and question played, listening
    REASKING = "reasking"  # the one re-prompt played, listening
    CLOSING = "closing"  # saying goodbye
    ENDED = "ended"


class Input(StrEnum):
    ANSWERED = "answered"
    PROMPT_PLAYED = "prompt_played"  # the opening prompt ended: the question was heard
    VALID = "valid"  # 1/2/3 or a recognised spoken answer
    OPT_OUT = "opt_out"
    INVALID = "invalid"  # another key, or speech that is not an answer
    SILENCE = "silence"  # listening time ran out
    FINISHED = "finished"  # goodbye played
    HANGUP = "hangup"  # the callee hung up


Say = Literal["intro", "reprompt", "thanks", "opted_out", "goodbye", "nothing"]
Ending = Literal["answer", "opted_out", "no_response", "hung_up", "hung_up_prompt"] | None
# Endings of an answered call that count as "reached the question" for completion.
REACHED_QUESTION: frozenset[str] = frozenset({"answer", "opted_out", "no_response", "hung_up"})

# Rule: every move of the call script. (state, input) → (new state, what to say, ending).
# After "intro"/"reprompt" the adapter listens; after the others it hangs up.
SCRIPT_TABLE: dict[tuple[ScriptState, Input], tuple[ScriptState, Say, Ending]] = {
    (ScriptState.WAITING, Input.ANSWERED): (ScriptState.INTRO, "intro", None),
    (ScriptState.INTRO, Input.PROMPT_PLAYED): (ScriptState.ASKING, "nothing", None),
    # A key or an answer during the opening prompt (barge-in) counts as heard.
    (ScriptState.INTRO, Input.VALID): (ScriptState.CLOSING, "thanks", "answer"),
    (ScriptState.INTRO, Input.OPT_OUT): (ScriptState.CLOSING, "opted_out", "opted_out"),
    (ScriptState.INTRO, Input.INVALID): (ScriptState.REASKING, "reprompt", None),
    (ScriptState.INTRO, Input.HANGUP): (ScriptState.ENDED, "nothing", "hung_up_prompt"),
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

    summary: str  # already short: see spoken_summary
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

    @property
    def reached_question(self) -> bool:
        return self.ending in REACHED_QUESTION

    def answered(self) -> list[Action]:
        return self._feed(Input.ANSWERED)

    def prompt_played(self) -> list[Action]:
        """The adapter finished playing the opening prompt (no-op afterwards)."""
        if self.state is not ScriptState.INTRO:
            return []
        return self._feed(Input.PROMPT_PLAYED)

    def key(self, digit: str) -> list[Action]:
        if not self.listening:
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
        if not words or not self.listening:
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
        return self.state in (ScriptState.INTRO, ScriptState.ASKING, ScriptState.REASKING)

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
        if say == "intro":
            summary = self.summary.strip().removesuffix("问题").strip("。，,. ")
            request = p.request.format(summary=summary) if summary else ""
            return tuple(s for s in (p.greeting, request + p.question) if s)
        if say == "reprompt":
            opt_out = (
                (p.opt_out.format(digit=self.opt_out_digit),)
                if self.opt_out_digit is not None
                else ()
            )
            return (p.reprompt, p.question, *opt_out)
        return ({"thanks": p.thanks, "opted_out": p.opted_out, "goodbye": p.goodbye}[say],)


def completion(endings: dict[str, int]) -> dict[str, float | int | None]:
    """Answered survey calls: how many reached the question, got an answer, or were hung
    up during the opening prompt (`endings`: store.ending_counts)."""
    answered_calls = sum(endings.values())
    reached = sum(n for e, n in endings.items() if e in REACHED_QUESTION)
    answers = endings.get("answer", 0)
    return {
        "answered_calls": answered_calls,
        "reached_question": reached,
        "answered": answers,
        "hung_up_prompt": endings.get("hung_up_prompt", 0),
        "hung_up_after_question": endings.get("hung_up", 0),
        "no_response": endings.get("no_response", 0),
        "opted_out": endings.get("opted_out", 0),
        "completion_rate": round(answers / answered_calls, 4) if answered_calls else None,
    }
