"""Transcript value objects. Built by chinese.build_transcript (display text, numbers) from
the words vosk_json.py parses out of Vosk's results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Word:
    word: str
    start: float  # seconds from the start of the stream
    end: float
    conf: float

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "start": self.start, "end": self.end, "conf": self.conf}


@dataclass(frozen=True)
class Utterance:
    """One endpointed stretch of speech (Vosk's `Result()`)."""

    words: tuple[Word, ...]
    text: str  # display text (CJK joined without spaces)

    @property
    def start(self) -> float:
        return self.words[0].start if self.words else 0.0

    @property
    def end(self) -> float:
        return self.words[-1].end if self.words else 0.0


@dataclass(frozen=True)
class NumberSpan:
    """A number said in the audio, normalised to digits next to the raw words."""

    value: str  # "13812345678", "26"
    raw: str  # the words as recognised: "一三八一二三四五六七八"
    start: float
    end: float

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "raw": self.raw, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Transcript:
    utterances: tuple[Utterance, ...]
    text: str
    duration: float  # seconds of audio fed
    numbers: tuple[str, ...] = ()
    number_spans: tuple[NumberSpan, ...] = field(default=())

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for u in self.utterances for w in u.words)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "words": [w.to_dict() for w in self.words],
            "utterances": [
                {"text": u.text, "start": u.start, "end": u.end} for u in self.utterances
            ],
            "duration": self.duration,
            "numbers": list(self.numbers),
            "number_spans": [n.to_dict() for n in self.number_spans],
        }


@dataclass(frozen=True)
class Partial:
    """Words recognised so far in the current utterance; they may still change."""

    text: str
    words: tuple[Word, ...] = ()
