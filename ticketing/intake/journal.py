"""The durable intake journal: records kept on disk (fsynced) while the database is away."""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

from hotline.ticketing.intake.records import IntakeRecord, record_from_json

from hotline.plumbing import fsync_directory

log = logging.getLogger(__name__)


class IntakeJournal:
    """Append-only JSON lines, fsynced per record. Replay removes what was applied."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def append(self, record: IntakeRecord) -> None:
        line = record.to_json() + "\n"
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)

    def pending(self) -> list[IntakeRecord]:
        if not self.path.exists():
            return []
        out = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append(record_from_json(line))
            except (ValueError, KeyError, TypeError):
                # A torn last line after a crash mid-write; earlier lines are intact.
                log.error("%s:%d: unreadable journal line skipped: %r", self.path, n, line[:200])
        return out

    def __len__(self) -> int:
        return len(self.pending())

    def reject(self, record: IntakeRecord, error: str) -> None:
        """Keep a record the database refused for a reason other than an outage (a bug, bad
        data) beside the journal, so an administrator can look at it: nothing is dropped."""
        line = json.dumps(
            {"error": error, "record": json.loads(record.to_json())}, ensure_ascii=False
        )
        with (
            self._lock,
            open(self.path.with_suffix(".rejected.jsonl"), "a", encoding="utf-8") as fh,
        ):
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def drop_first(self, count: int) -> None:
        """Remove the first `count` records (they are in the database now), atomically."""
        with self._lock:
            rest = self.pending()[count:]
            tmp = self.path.with_suffix(".tmp")
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.writelines(r.to_json() + "\n" for r in rest)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            fsync_directory(self.path.parent)
