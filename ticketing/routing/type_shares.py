"""One request type's share of the vote moved to another. No I/O.

Several readings find a type's cues misleading (a fraud told is no complaint, a plight now
is no grievance, a benefit asked about asks no one to act, a public wrong is reported
whoever tells it): each moves the misled types' whole shares — cue scores or classifier
probabilities — to the type it reads, and leaves the others theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def shares_moved(shares: Mapping[str, float], kinds: Iterable[str], to: str) -> dict[str, float]:
    """`shares` by type with each of `kinds`' whole share moved to `to` (a kind with no
    share is dropped, as is a kind with none left)."""
    moved = dict(shares)
    for kind in kinds:
        part = moved.pop(kind, 0.0)
        if part > 0:
            moved[to] = moved.get(to, 0.0) + part
    return moved
