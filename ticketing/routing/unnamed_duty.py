"""A second unit's duty read from words that do not name the unit (shared_duty.py). No I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class UnnamedDuty:
    unit: str  # the second unit, named by no one
    what: str  # its duty, as the operator reads it (Chinese)
    pattern: re.Pattern[str]
    leads: frozenset[str] | None = None  # only with these leads (None: any other lead)
    also: re.Pattern[str] | None = None  # words that must be written too
