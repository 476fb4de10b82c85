"""Last resort when no phrase rule matched at all. No I/O.

The phrase lists cannot hold every word a caller uses, but they (and the
catalogue's duties) contain many words a caller's word is part of: "病死" in
"病死猪", "执照" in "营业执照", "困难" in "困难家庭". Each word of the text
(jieba) that occurs inside the phrases or duties of at most `max_units` units
votes for them, split between them; everyday words (jieba frequency above
`max_word_frequency`) and place names never vote. The votes are weak by design:
they only rank units when nothing else did, and the explanation says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import segment
from hotline.ticketing.routing.rules import PhraseSet, RoutingRules

_CJK_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$")
_DUTY_SPLIT = re.compile(r"[、，,；;（）()\s]+")


@dataclass(frozen=True)
class BackoffVotes:
    scores: dict[str, float]
    words: dict[str, list[str]]  # unit → the words that voted for it


class WordBackoff:
    def __init__(self, rules: RoutingRules, catalog: Catalog) -> None:
        self._settings = rules.backoff
        self._freq = segment.frequencies()
        vocab: dict[str, tuple[str, ...]] = {}
        for unit in catalog.units:
            entries = [
                p.text for p in rules.units.get(unit.id, PhraseSet()).phrases if p.weight > 0
            ]
            entries += [d for d in _DUTY_SPLIT.split(unit.duties) if d]
            # Gapped phrases ("欠…工资") contribute their parts.
            vocab[unit.id] = tuple(part for e in entries for part in re.split(r"…|\.\.\.", e))
        self._vocab = vocab
        places: set[str] = set()
        for names in rules.gazetteer.area_names.values():
            places.update(names)
        places.update(p.name for p in rules.gazetteer.places)
        self._places = places
        self._units_for = lru_cache(maxsize=8192)(self._units_containing)

    def _units_containing(self, word: str) -> tuple[str, ...]:
        return tuple(u for u, entries in self._vocab.items() if any(word in e for e in entries))

    def _words(self, text: str) -> Iterable[str]:
        for word in dict.fromkeys(segment.words(text)):
            if not _CJK_WORD.match(word) or word in self._places:
                continue
            if any(word in p or p in word for p in self._places):
                continue
            if self._freq.get(word, 0) > self._settings.max_word_frequency:
                continue
            yield word

    def votes(self, text: str) -> BackoffVotes:
        """`text`: normalised, corrected text without spaces."""
        scores: dict[str, float] = {}
        words: dict[str, list[str]] = {}
        if not self._settings.enabled:
            return BackoffVotes(scores, words)
        for word in self._words(text):
            units = self._units_for(word)
            if not units or len(units) > self._settings.max_units:
                continue
            for unit in units:
                scores[unit] = scores.get(unit, 0.0) + self._settings.weight / len(units)
                words.setdefault(unit, []).append(word)
        return BackoffVotes(scores, words)
