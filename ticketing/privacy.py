"""Masking of phone-number-like digit runs in free text (what a unit liaison may read).

Callers dictate their numbers, so transcripts, summaries and replies carry them in
full: written digits (13812345678, 138-1234-5678, full-width １３８…) and spoken
Chinese digits as Vosk writes them (一 三 八 幺 二 洞 …, 两 for 2). Any run of seven or
more such digits, optionally split by spaces or dashes, has every digit replaced by
`*`; the separators and everything else stay, so the text still reads naturally.
Pure functions, no I/O: the web layer applies them for the liaison role.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

MASK = "*"
MIN_DIGITS = 7
# Written digits (ASCII and full-width) and the characters used to dictate them.
DIGIT_CHARS = "0-9０-９零〇一二三四五六七八九幺洞两"
# What may stand between two digits of one number: spaces (Vosk separates every
# character with one) and dashes, at most two in a row.
_SEPARATOR = r"[ \t\u3000\-－—‐]{0,2}"
_DIGIT = f"[{DIGIT_CHARS}]"
_RUN = re.compile(f"{_DIGIT}(?:{_SEPARATOR}{_DIGIT}){{{MIN_DIGITS - 1},}}")
_ONE_DIGIT = re.compile(_DIGIT)
# Written dates (2024-03-15) are runs of eight digits too, but no number.
_DATE = re.compile(r"(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])")


def _mask_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return run if _DATE.fullmatch(run) else _ONE_DIGIT.sub(MASK, run)


def mask_phone_numbers(text: str) -> str:
    """`text` with every phone-number-like digit run masked digit by digit."""
    if not text:
        return text
    return _RUN.sub(_mask_run, text)


def mask_optional(text: str | None) -> str | None:
    return None if text is None else mask_phone_numbers(text)


def mask_values(value: Any) -> Any:
    """Every string inside `value` (dicts, lists, tuples) masked; other values as they are."""
    if isinstance(value, str):
        return mask_phone_numbers(value)
    if isinstance(value, Mapping):
        return {k: mask_values(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask_values(v) for v in value)
    return value


def has_digit(text: str) -> bool:
    """Whether `text` holds any digit (a search on it could probe a dictated number)."""
    return bool(_ONE_DIGIT.search(text or ""))


def has_number_like(text: str) -> bool:
    """Whether `text` holds a run the masking would hide."""
    return bool(_RUN.search(text or ""))


__all__ = [
    "MASK",
    "MIN_DIGITS",
    "has_digit",
    "has_number_like",
    "mask_optional",
    "mask_phone_numbers",
    "mask_values",
]
