"""Text normalisation shared by rules, classifier and duplicate search. No I/O.

Speech recognition writes "喂 你好 我 想 反映 一下 暖气 不 热"; operators type
"喂，你好，我想反映一下暖气不热。". Both become "喂你好我想反映一下暖气不热" before
any phrase is matched, so a rule is written once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Whitespace with a CJK character on at least one side carries no meaning.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Full-width → half-width, lower-case Latin, punctuation dropped, CJK spaces removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _PUNCT.sub(" ", text)
    text = _SPACE_NEAR_CJK.sub("", text)
    return _SPACES.sub(" ", text).strip()


def apply_corrections(text: str, corrections: Mapping[str, str]) -> str:
    """Replace known recognition errors, longest heard form first."""
    if not corrections:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(corrections, key=len, reverse=True)))
    return pattern.sub(lambda m: corrections[m.group(0)], text)


def chunks(text: str) -> list[str]:
    """The text split where the speaker's words were separated (recogniser spaces,
    punctuation): word boundaries that segmentation must not cross."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _PUNCT.sub(" ", text).split()
