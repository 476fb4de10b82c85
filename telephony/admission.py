"""Whether a new INVITE may be answered now, and the storage figures /healthz reports.

A call we cannot record or carry must be refused at once with 503 and Retry-After,
so the PBX or Kamailio fails over to another node: the recordings volume below its
free-space floor (`storage.min_free_mb`), or `sip.max_calls` calls in progress.
Sans-I/O apart from `free_bytes`, which the caller may replace (tests, other volumes).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hotline.telephony.recording import WriteFailure, last_write_failure

MB: Final = 1024 * 1024
RETRY_AFTER_SECONDS: Final = 30


@dataclass(frozen=True)
class AdmissionLimits:
    recordings_dir: Path
    min_free_bytes: int = 0  # 0: not checked
    max_calls: int | None = None  # None: no limit
    retry_after: int = RETRY_AFTER_SECONDS


@dataclass(frozen=True)
class Refusal:
    """The final answer to an INVITE we do not take."""

    status: int
    reason: str  # SIP reason phrase, also logged
    retry_after: int


def free_bytes(path: Path) -> int:
    """Bytes an unprivileged writer may still use on the volume holding `path` (the
    nearest existing folder: the recordings folder may not exist yet)."""
    folder = Path(path).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def admit(
    limits: AdmissionLimits,
    active_calls: int,
    *,
    free_space: Callable[[Path], int] = free_bytes,
) -> Refusal | None:
    """None to answer the INVITE, else why not. A volume that cannot be read counts
    as full: answering a call that cannot be recorded loses the caller's words."""
    if limits.max_calls is not None and active_calls >= limits.max_calls:
        return Refusal(503, "Service Unavailable (call limit reached)", limits.retry_after)
    if limits.min_free_bytes > 0:
        try:
            free = free_space(limits.recordings_dir)
        except OSError:
            free = 0
        if free < limits.min_free_bytes:
            return Refusal(503, "Service Unavailable (recordings volume full)", limits.retry_after)
    return None


@dataclass(frozen=True)
class StorageHealth:
    free_bytes: int | None  # None: the volume could not be read
    min_free_bytes: int
    last_write_failure: WriteFailure | None  # the last failed recording write, if any

    @property
    def ok(self) -> bool:
        """Enough room to answer calls (a past write failure alone does not say "full")."""
        return self.free_bytes is not None and self.free_bytes >= self.min_free_bytes

    def as_dict(self) -> dict[str, object]:
        failure = self.last_write_failure
        return {
            "ok": self.ok,
            "free_bytes": self.free_bytes,
            "min_free_bytes": self.min_free_bytes,
            "last_write_error": None
            if failure is None
            else {"at": failure.at.isoformat(), "path": str(failure.path), "error": failure.error},
        }


def storage_health(
    recordings_dir: Path,
    min_free_bytes: int = 0,
    *,
    free_space: Callable[[Path], int] = free_bytes,
) -> StorageHealth:
    """Free space on the recordings volume and the last recording write error, for /healthz."""
    try:
        free: int | None = free_space(recordings_dir)
    except OSError:
        free = None
    return StorageHealth(free, min_free_bytes, last_write_failure())
