"""Callback numbers dictated in speech → ASCII digits, validated. No I/O.

Callers read numbers digit by digit ("一三八 零零 幺三八 ..."), sometimes with
幺 for 1 and 两 for 2, sometimes mixing in Arabic digits, sometimes as
cardinals for groups ("六百二十五"). Digit-by-digit groups are mapped directly
(cn2an reads "零四一七…" as a cardinal and drops the leading zero); groups
with positional characters (十百千万) go through cn2an.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

import cn2an

YINGKOU_AREA_CODE = "0417"

# 幺 is the spoken 1 for numbers; 腰/妖 are how recognisers often write it; 洞 is 0.
_DIGIT_OF = {
    "零": "0",
    "〇": "0",
    "洞": "0",
    "一": "1",
    "幺": "1",
    "腰": "1",
    "妖": "1",
    "二": "2",
    "两": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "拐": "7",
    "八": "8",
    "九": "9",
    "勾": "9",
}
_POSITIONAL = "十百千万"
_NUMBER_CHARS = "0-9" + "".join(_DIGIT_OF) + _POSITIONAL
# A run of number characters; spaces, dashes and commas may separate groups.
_RUN = re.compile(rf"[{_NUMBER_CHARS}](?:[\s\-—–,，、.·]*[{_NUMBER_CHARS}])*")
_GROUP_SPLIT = re.compile(r"[\s\-—–,，、.·]+")
_CUES = ("电话", "手机", "号码", "联系", "打这个", "拨打", "回电", "回个电话", "座机", "固话")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_WITH_AREA_CODE = re.compile(r"0[1-9]\d{1,2}[2-9]\d{6,7}")
_LOCAL = re.compile(r"[2-9]\d{6,7}")


@dataclass(frozen=True)
class CallbackNumber:
    digits: str  # ASCII digits only, landlines with their area code
    kind: Literal["mobile", "landline"]
    spoken: str  # the words it was read from

    @property
    def display(self) -> str:
        if self.kind == "landline":
            code_len = 3 if self.digits[:3] in _THREE_DIGIT_CODES else 4
            return f"{self.digits[:code_len]}-{self.digits[code_len:]}"
        return self.digits


# Area codes of the municipalities and big cities are three digits (010, 02x).
_THREE_DIGIT_CODES = {"010", "020", "021", "022", "023", "024", "025", "027", "028", "029"}


def _group_digits(group: str) -> str | None:
    if any(ch in _POSITIONAL for ch in group):
        plain = "".join("一" if ch in "幺腰妖" else ch for ch in group)
        try:
            value = cn2an.cn2an(plain, "smart")
        except (ValueError, KeyError):
            return None
        if isinstance(value, float) and not value.is_integer():
            return None
        return str(int(value))
    return "".join(_DIGIT_OF.get(ch, ch) for ch in group)


def to_digits(spoken: str) -> str | None:
    """One dictated run ("一三八 零零 幺三八 8000") → "13800138000"; None if unreadable."""
    parts = [p for p in _GROUP_SPLIT.split(spoken) if p]
    digits = [_group_digits(p) for p in parts]
    if any(d is None for d in digits):
        return None
    return "".join(d for d in digits if d)


def validate(digits: str, default_area_code: str = YINGKOU_AREA_CODE) -> CallbackNumber | None:
    """A Chinese mobile, or a landline (with area code, or local → default area code)."""
    if digits.startswith("86") and len(digits) == 13 and _MOBILE.fullmatch(digits[2:]):
        digits = digits[2:]
    if _MOBILE.fullmatch(digits):
        return CallbackNumber(digits, "mobile", "")
    if _WITH_AREA_CODE.fullmatch(digits) and len(digits) in (10, 11, 12):
        return CallbackNumber(digits, "landline", "")
    if _LOCAL.fullmatch(digits):
        return CallbackNumber(default_area_code + digits, "landline", "")
    return None


def _numbers_in_run(spoken: str, default_area_code: str) -> list[tuple[int, CallbackNumber]]:
    """Valid numbers in one run; a run may also hold a date or amount next to the
    number ("幺八六 两四幺七 五五六六 二零二零年"), so spans of groups are tried,
    longest first. Returns (offset of the span in the run, number)."""
    groups = [(m.start(), m.group(0)) for m in re.finditer(r"[^\s\-—–,，、.·]+", spoken)]
    found: list[tuple[int, CallbackNumber]] = []
    start = 0
    while start < len(groups):
        for end in range(len(groups), start, -1):
            digits = to_digits(" ".join(g for _, g in groups[start:end]))
            if digits is None or len(digits) < 7:
                continue
            number = validate(digits, default_area_code)
            if number is not None:
                first = groups[start][0]
                last = groups[end - 1][0] + len(groups[end - 1][1])
                found.append(
                    (first, CallbackNumber(number.digits, number.kind, spoken[first:last]))
                )
                start = end - 1
                break
        start += 1
    return found


def extract_callback_number(
    text: str, default_area_code: str = YINGKOU_AREA_CODE
) -> CallbackNumber | None:
    """The callback number in a transcript: one introduced by 电话/手机/号码… first,
    else the first valid number. None when there is none."""
    text = unicodedata.normalize("NFKC", text)
    found: list[tuple[bool, CallbackNumber]] = []
    for match in _RUN.finditer(text):
        for offset, number in _numbers_in_run(match.group(0), default_area_code):
            at = match.start() + offset
            cued = any(cue in text[max(0, at - 12) : at] for cue in _CUES)
            found.append((cued, number))
    if not found:
        return None
    for cued, number in found:
        if cued:
            return number
    return found[0][1]
