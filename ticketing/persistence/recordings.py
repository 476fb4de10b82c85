"""Which node wrote each call recording (table `recordings`, RecordingRow).

Recordings live on a volume every node mounts (any node serves them); the writer is kept
so an administrator, and recovery after a crash, know whose disk and process it came from.
"""

from __future__ import annotations

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.tables import RecordingRow
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def record_recording_node(database: Database, ref: str, call_id: str | None, node: str) -> None:
    """Remember `node` as the writer of `ref`; the first writer stays (replays are no-ops)."""
    try:
        with Session(database.engine) as session:
            if session.scalar(select(RecordingRow.id).where(RecordingRow.recording_ref == ref)):
                return
            session.add(
                RecordingRow(
                    recording_ref=ref, call_id=call_id, node_id=node, created_at=database.clock()
                )
            )
            session.commit()
    except IntegrityError:  # another node recorded it meanwhile
        pass


def recording_node(database: Database, ref: str) -> str | None:
    with Session(database.engine) as session:
        return session.scalar(select(RecordingRow.node_id).where(RecordingRow.recording_ref == ref))
