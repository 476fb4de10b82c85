"""Chinese post-processing: display text, and numbers normalised beside the words.

Vosk's Chinese models output space-separated words and numbers as Chinese
characters ("一 三 八 …", "二十六 号"). Operators read text without spaces; the
raw words and their timings are never changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import cn2an
from hotline.asr.transcript import NumberSpan, Transcript, Utterance, Word

# Characters a spoken number is made of (幺 is how 1 is read in phone numbers).
_NUMERAL_CHARS = "零〇幺一二两三四五六七八九十百千万点0123456789"
_NUMERAL_WORD = re.compile(f"^[{_NUMERAL_CHARS}]+$")
_DIGIT_ONLY = re.compile(r"^[零〇幺一二两三四五六七八九0-9]+$")
# Digit-by-digit numbers shorter than this are not worth reporting (e.g. "一" as a word).
MIN_DIGIT_STRING = 3


def _is_wide(ch: str) -> bool:
    """Han ideographs and CJK punctuation: written without spaces around them."""
    if not ch:
        return False
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH")) or (
        "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )


def display_text(words: Sequence[str]) -> str:
    """Join words: no space next to Chinese characters, one space between other words."""
    out = ""
    for w in words:
        if not w:
            continue
        if out and not (_is_wide(out[-1]) or _is_wide(w[0])):
            out += " "
        out += w
    return out


def _normalise(raw: str) -> str | None:
    """Digits for a spoken number, via cn2an; None if it is not a number."""
    mode = "smart" if re.search(r"[0-9]", raw) else "normal"
    try:
        value = cn2an.cn2an(raw.replace("〇", "零"), mode)
    except (ValueError, KeyError):
        return None
    if _DIGIT_ONLY.match(raw):
        # Read digit by digit (phone numbers): keep leading zeros cn2an drops.
        digits = str(value)
        return digits.zfill(len(raw)) if len(digits) <= len(raw) else digits
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def find_numbers(words: Sequence[Word]) -> list[NumberSpan]:
    """Runs of consecutive numeral words, normalised to digits."""
    spans: list[NumberSpan] = []
    run: list[Word] = []

    def flush() -> None:
        if not run:
            return
        raw = "".join(w.word for w in run)
        value = _normalise(raw)
        digit_string = bool(_DIGIT_ONLY.match(raw))
        if value is not None and (not digit_string or len(raw) >= MIN_DIGIT_STRING):
            spans.append(NumberSpan(value=value, raw=raw, start=run[0].start, end=run[-1].end))
        run.clear()

    for w in words:
        if _NUMERAL_WORD.match(w.word):
            run.append(w)
        else:
            flush()
    flush()
    return spans


def utterance_of(words: Sequence[Word]) -> Utterance:
    """One utterance of recognised words, with its display text."""
    return Utterance(words=tuple(words), text=display_text([w.word for w in words]))


def build_transcript(utterances: Sequence[Sequence[Word]], duration: float) -> Transcript:
    utts = tuple(utterance_of(ws) for ws in utterances if ws)
    all_words = [w for u in utts for w in u.words]
    spans = find_numbers(all_words)
    return Transcript(
        utterances=utts,
        text=display_text([w.word for w in all_words]),
        duration=round(duration, 3),
        numbers=tuple(s.value for s in spans),
        number_spans=tuple(spans),
    )


def transcript_from_dict(data: dict[str, Any]) -> Transcript:
    """The transcript `Transcript.to_dict` wrote: display text and numbers are rebuilt."""
    words = [Word(**w) for w in data.get("words", [])]
    # Utterance boundaries are kept by time range; words fall into the one that covers them.
    groups: list[list[Word]] = []
    for u in data.get("utterances", []):
        groups.append([w for w in words if u["start"] <= w.start and w.end <= u["end"]])
    if not data.get("utterances") and words:
        groups = [words]
    return build_transcript(groups, float(data.get("duration", 0.0)))
