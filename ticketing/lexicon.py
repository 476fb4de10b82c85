"""The correction lexicon at intake: approved heard → meant entries applied to a new
transcript before routing. The machine text is stored as the model produced it; the
lexicon's text is what routing sees and what the draft shows (see store_port)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from hotline.ticketing.asr_quality import LexiconEntry, apply_lexicon

log = logging.getLogger(__name__)

RouteFn = Callable[[str], dict[str, Any]]


class LexiconCache:
    """The approved entries, reloaded at most every `ttl` seconds (an admin's decision
    reaches intake on every node within that time). A failed reload keeps the last list:
    a database hiccup must not stop routing."""

    def __init__(
        self,
        load: Callable[[], Sequence[LexiconEntry]],
        ttl: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load, self._ttl, self._clock = load, ttl, clock
        self._entries: list[LexiconEntry] = []
        self._loaded_at: float | None = None

    def entries(self) -> list[LexiconEntry]:
        now = self._clock()
        if self._loaded_at is None or now - self._loaded_at >= self._ttl:
            try:
                self._entries = list(self._load())
            except Exception as exc:  # keep routing on the last known lexicon
                log.warning("correction lexicon not reloaded: %s", exc)
            self._loaded_at = now
        return self._entries


def lexicon_route(route: RouteFn | None, cache: LexiconCache, model: str) -> RouteFn:
    """`route` with the lexicon applied to its input. The suggestion also says which
    model heard the text (`asr_model`), the text routing saw (`routed_text`, only when
    the lexicon changed it) and the entries applied (`lexicon`)."""

    def routed(text: str) -> dict[str, Any]:
        fixed, applied = apply_lexicon(text, cache.entries())
        suggestion = dict(route(fixed) if route is not None else {})
        suggestion["asr_model"] = model
        if applied:
            suggestion["routed_text"] = fixed
            suggestion["lexicon"] = [{"heard": e.heard, "meant": e.meant} for e in applied]
        return suggestion

    return routed
