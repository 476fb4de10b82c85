"""Text normalisation shared by rules, classifier and duplicate search. No I/O.

Speech recognition writes "喂 你好 我 想 反映 一下 暖气 不 热"; operators type
"喂，你好，我想反映一下暖气不热。". Both become "喂你好我想反映一下暖气不热" before
any phrase is matched, so a rule is written once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Whitespace with a CJK character on at least one side carries no meaning.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def decoded(text: str) -> str:
    """`text` with character entities decoded (望&#28023;街道, &#x6d77;, &amp; → 望海街道, 海, &):
    a web form sends a character it cannot hold so, and the punctuation rule below would
    leave 28023 of it. The router decodes first, before any reader; `normalise` and
    `chunks` decode too, for the classifier's corpus and the duplicate search."""
    return html.unescape(text) if "&" in text else text


def normalise(text: str) -> str:
    """Entities decoded, full-width → half-width, lower-case Latin, punctuation dropped,
    CJK spaces removed."""
    text = unicodedata.normalize("NFKC", decoded(text)).lower()
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
    text = unicodedata.normalize("NFKC", decoded(text)).lower()
    return _PUNCT.sub(" ", text).split()
