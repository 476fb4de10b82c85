"""Times as people at the centre read them: in the catalogue's time zone.

Everything is stored and sent over the API as timezone-aware UTC; what a person reads (the
console, `hotline` command output, exports) is shown in the catalogue's zone
(`Catalog.timezone`, Asia/Shanghai for the shipped catalogue) with one format.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
MINUTES = "%Y-%m-%d %H:%M"
SECONDS = "%Y-%m-%d %H:%M:%S"


@cache
def zone(name: str | None) -> ZoneInfo:
    """The zone by IANA name; an unknown or empty name falls back to Asia/Shanghai."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def local_time(value: datetime | None, tz: str | None, *, seconds: bool = False) -> str:
    """`value` in the zone `tz` as "2026-12-02 20:05" ("" for None; naive = UTC)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(zone(tz)).strftime(SECONDS if seconds else MINUTES)
