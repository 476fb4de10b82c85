"""Parsing Vosk's result JSON (in-process recogniser or vosk-server) into transcript words."""

from __future__ import annotations

import json
from typing import Any

from hotline.asr.chinese import display_text
from hotline.asr.transcript import Partial, Word


def words_from_vosk(result_json: str) -> list[Word]:
    """Words of a Vosk `Result()`/`FinalResult()` (recognizer with SetWords(True))."""
    data = json.loads(result_json)
    return [word_from_vosk(w) for w in data.get("result", [])]


def partial_from_vosk(partial_json: str) -> Partial:
    data = json.loads(partial_json)
    words = tuple(word_from_vosk(w) for w in data.get("partial_result", []))
    raw = data.get("partial", "")
    return Partial(text=display_text(raw.split()), words=words)


def word_from_vosk(w: dict[str, Any]) -> Word:
    """One entry of a result's word list, times and confidence rounded."""
    return Word(
        word=str(w["word"]),
        start=round(float(w["start"]), 3),
        end=round(float(w["end"]), 3),
        conf=round(float(w.get("conf", 1.0)), 4),
    )
