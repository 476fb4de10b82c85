"""Where a request happens: area names, short forms, compounds and villages → area. No I/O."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ticketing.routing.rules import GazetteerRules


@dataclass(frozen=True)
class AreaHit:
    area_id: str
    names: tuple[str, ...]  # the words in the text that placed it


class Gazetteer:
    def __init__(self, rules: GazetteerRules) -> None:
        self._area_of: dict[str, str] = {}
        for area_id, names in rules.area_names.items():
            for name in names:
                self._area_of[name] = area_id
        for place in rules.places:
            self._area_of[place.name] = place.area
        # Longest name first, so "熊岳镇" is one mention, not "熊岳" plus leftovers.
        names_sorted = sorted(self._area_of, key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(re.escape(n) for n in names_sorted)) if names_sorted else None
        )
        blocked = sorted(rules.not_places, key=len, reverse=True)
        self._blocked = re.compile("|".join(re.escape(n) for n in blocked)) if blocked else None

    def find(self, text: str) -> AreaHit | None:
        """The area mentioned most often (ties: the first mentioned), or None."""
        if self._pattern is None:
            return None
        if self._blocked is not None:
            text = self._blocked.sub(lambda m: "_" * len(m.group(0)), text)
        mentions = [(m.group(0), self._area_of[m.group(0)]) for m in self._pattern.finditer(text)]
        if not mentions:
            return None
        counts = Counter(area for _, area in mentions)
        first_seen = {area: i for i, (_, area) in reversed(list(enumerate(mentions)))}
        best = max(counts, key=lambda a: (counts[a], -first_seen[a]))
        names = tuple(dict.fromkeys(name for name, area in mentions if area == best))
        return AreaHit(best, names)
