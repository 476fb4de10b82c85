"""What intake is tuned with (duplicate window, partial rate, …)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class IntakeOptions:
    # Open tickets from the same number (or with similar content) this recent are duplicates.
    duplicate_window: timedelta = timedelta(days=3)
    # At most one partial-transcript write per call per this many seconds (Vosk gives a
    # partial every ~0.2 s of audio; 0.5 s keeps the console within ~1 s of the speech).
    partial_interval: float = 0.5
    # A transcript with fewer recognised words than this counts as an empty call.
    min_words: int = 1
    # Base URL for links in notices (the console).
    base_url: str = "http://127.0.0.1:8080"
