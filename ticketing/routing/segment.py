"""Chinese word segmentation with jieba, loaded quietly and once per process."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

import jieba

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def _get() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                # jieba announces its dictionary build on stderr at DEBUG level.
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def words(text: str) -> list[str]:
    """Segment normalised text into words (whitespace and empty tokens dropped)."""
    if len(text) > CACHED_CHARS:
        return [w for w in _get().lcut(text) if w.strip()]
    return list(_words(text))


# Training segments every text more than once (the classifiers' word features, the
# support index), and routing segments a request several times: jieba is most of that
# cost. Bounded: at most 16,384 texts of up to CACHED_CHARS characters (~30 MB worst case).
CACHED_CHARS = 1000


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _get().lcut(text) if w.strip())


def frequencies() -> dict[str, int]:
    """jieba's dictionary: word → frequency (used to spot sound-alike everyday words)."""
    return _get().FREQ
