"""Two kinds of words told in either order, near each other: one regex source. No I/O.

Callers tell the struck crop before the storm or after it (葡萄园前天下冰雹 / 大棚前天那场大雨
全泡了), the school before its illness or after; the readings that need both write the pair
once here rather than "A … B or B … A" by hand.
"""

from __future__ import annotations

SENTENCE = "[^。！？]"  # any character but a sentence's end


def either_order(
    first: str, second: str, gap: int | None, back_gap: int | None = None, between: str = SENTENCE
) -> str:
    """Regex source: `first` then `second` with at most `gap` characters of `between`
    between them (lazily; `None`: any number), or `second` then `first` with at most
    `back_gap` (default `gap`). Both parts should be groups (`(?:…)`)."""
    back = gap if back_gap is None else back_gap
    return f"{first}{between}{_span(gap)}{second}|{second}{between}{_span(back)}{first}"


def _span(gap: int | None) -> str:
    return "*?" if gap is None else f"{{0,{gap}}}?"
