"""Stored ASR quality: one CER row per corrected ticket, and the correction lexicon.

Synchronous (the web app runs these in a worker thread). Tables share the foundation's
metadata; the migration is hotline/migrations/versions/asrq_0002_corrections_lexicon.py.

Lexicon entries have a status:
- proposed: the same heard → meant run was corrected in at least `min_corrections`
  tickets; not applied until an admin approves it (unless auto-apply is on);
- approved: applied to new transcripts before routing;
- reverted: an admin turned it off; stays so (it is not proposed again).
Deleting an entry forgets it: if the correction keeps coming, it is proposed anew.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hotline.ticketing.asr_quality import (
    Correction,
    LexiconEntry,
    character_error_rate,
    lexicon_candidates,
)
from hotline.ticketing.model import Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.tables import Base
from sqlalchemy import JSON, Float, ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from hotline.settings import AsrSettings

log = logging.getLogger(__name__)

PROPOSED, APPROVED, REVERTED = "proposed", "approved", "reverted"
UNKNOWN_MODEL = "unknown"


class AsrCorrectionRow(Base):
    """Machine text vs the operator's latest correction of one ticket."""

    __tablename__ = "asr_corrections"

    ticket_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(200))
    errors: Mapped[int] = mapped_column(Integer)
    length: Mapped[int] = mapped_column(Integer)
    cer: Mapped[float] = mapped_column(Float)
    corrections: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[heard, meant], …]
    corrected_by: Mapped[str] = mapped_column(String(100))
    corrected_at: Mapped[datetime] = mapped_column(index=True)


class LexiconRow(Base):
    __tablename__ = "asr_lexicon"
    __table_args__ = (UniqueConstraint("heard", "meant"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    heard: Mapped[str] = mapped_column(String(100))
    meant: Mapped[str] = mapped_column(String(100))
    seen: Mapped[int] = mapped_column(Integer)  # corrected tickets with this run
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(100))


def model_of(ticket: Ticket) -> str:
    """The model that produced the machine text (intake writes it into the suggestion)."""
    return str((ticket.routing_suggestion or {}).get("asr_model") or UNKNOWN_MODEL)


def record_correction(
    db: Database, ticket: Ticket, *, min_corrections: int, auto_apply: bool
) -> AsrCorrectionRow | None:
    """Store the CER of the ticket's machine text against its corrected text, and propose
    (or, with auto-apply, approve) the lexicon entries its runs now qualify for.
    None when there is nothing to measure (typed-in ticket, correction cleared)."""
    if ticket.id is None or not ticket.machine_text.strip() or ticket.corrected_text is None:
        return None
    result = character_error_rate(ticket.machine_text, ticket.corrected_text)
    now = db.clock()
    with db.uow() as uow:
        session = uow.session
        assert session is not None
        row = session.get(AsrCorrectionRow, ticket.id) or AsrCorrectionRow(ticket_id=ticket.id)
        row.model = model_of(ticket)[:200]
        row.errors, row.length, row.cer = result.errors, result.length, result.cer
        row.corrections = [[c.heard, c.meant] for c in result.corrections]
        row.corrected_by = (ticket.corrected_by or "")[:100]
        row.corrected_at = ticket.corrected_at or now
        session.add(row)
        session.flush()
        wanted = {(c.heard, c.meant) for c in lexicon_candidates(result.corrections)}
        if wanted:
            counts = _pair_counts(session)
            for heard, meant in wanted:
                _propose(
                    session,
                    heard,
                    meant,
                    counts[(heard, meant)],
                    now,
                    min_corrections=min_corrections,
                    auto_apply=auto_apply,
                )
        uow.commit()
        return row


def _pair_counts(session: Any) -> Counter[tuple[str, str]]:
    """In how many corrected tickets each heard → meant run occurs."""
    counts: Counter[tuple[str, str]] = Counter()
    for runs in session.scalars(select(AsrCorrectionRow.corrections)):
        counts.update({(h, m) for h, m in runs or ()})
    return counts


def _propose(
    session: Any,
    heard: str,
    meant: str,
    seen: int,
    now: datetime,
    *,
    min_corrections: int,
    auto_apply: bool,
) -> None:
    if len(heard) > 100 or len(meant) > 100:
        return
    row = session.scalars(
        select(LexiconRow).where(LexiconRow.heard == heard, LexiconRow.meant == meant)
    ).first()
    if row is not None:
        row.seen = seen
        return
    if seen < min_corrections:
        return
    session.add(
        LexiconRow(
            heard=heard,
            meant=meant,
            seen=seen,
            created_at=now,
            status=APPROVED if auto_apply else PROPOSED,
            decided_at=now if auto_apply else None,
            decided_by="auto" if auto_apply else None,
        )
    )


# --- the dashboard ------------------------------------------------------------------------


@dataclass(frozen=True)
class QualityReport:
    days: list[dict[str, Any]]  # {day, model, tickets, errors, length, cer}
    models: list[dict[str, Any]]  # {model, tickets, errors, length, cer}
    top_corrections: list[dict[str, Any]]  # {heard, meant, kind, count}

    def to_dict(self) -> dict[str, Any]:
        return {"days": self.days, "models": self.models, "top_corrections": self.top_corrections}


def quality_report(
    db: Database, lo: datetime, hi: datetime, tz: str, top: int = 20
) -> QualityReport:
    """CER per local day and model, per model, and the most frequent corrected runs, over
    corrections made in [lo, hi). CER is pooled: all edits over all reference characters."""
    zone = ZoneInfo(tz)
    with db.read_uow() as uow:
        assert uow.session is not None
        rows = uow.session.execute(
            select(
                AsrCorrectionRow.corrected_at,
                AsrCorrectionRow.model,
                AsrCorrectionRow.errors,
                AsrCorrectionRow.length,
                AsrCorrectionRow.corrections,
            ).where(AsrCorrectionRow.corrected_at >= lo, AsrCorrectionRow.corrected_at < hi)
        ).all()
    per_day: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    per_model: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    runs: Counter[tuple[str, str]] = Counter()
    for r in rows:
        day = r.corrected_at.astimezone(zone).date()
        for acc in (per_day[(day, r.model)], per_model[r.model]):
            acc[0] += 1
            acc[1] += r.errors
            acc[2] += r.length
        runs.update((h, m) for h, m in r.corrections or ())
    days = [
        {"day": d.isoformat(), "model": m, **_figures(acc)}
        for (d, m), acc in sorted(per_day.items())
    ]
    models = [{"model": m, **_figures(acc)} for m, acc in sorted(per_model.items())]
    top_runs = [
        {"heard": h, "meant": m, "kind": Correction(h, m).kind, "count": n}
        for (h, m), n in sorted(runs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    ]
    return QualityReport(days, models, top_runs)


def _figures(acc: list[int]) -> dict[str, Any]:
    tickets, errors, length = acc
    cer = errors / length if length else (0.0 if errors == 0 else 1.0)
    return {"tickets": tickets, "errors": errors, "length": length, "cer": round(cer, 4)}


def ticket_quality(db: Database, ticket_id: int) -> dict[str, Any] | None:
    with db.read_uow() as uow:
        assert uow.session is not None
        row = uow.session.get(AsrCorrectionRow, ticket_id)
        if row is None:
            return None
        return {
            "ticket_id": row.ticket_id,
            "model": row.model,
            "errors": row.errors,
            "length": row.length,
            "cer": round(row.cer, 4),
            "corrections": [{"heard": h, "meant": m} for h, m in row.corrections or ()],
            "corrected_by": row.corrected_by,
            "corrected_at": row.corrected_at.isoformat(),
        }


# --- the lexicon --------------------------------------------------------------------------


def lexicon_entries(db: Database, status: str | None = None) -> list[dict[str, Any]]:
    with db.read_uow() as uow:
        assert uow.session is not None
        stmt = select(LexiconRow).order_by(LexiconRow.seen.desc(), LexiconRow.id)
        if status is not None:
            stmt = stmt.where(LexiconRow.status == status)
        return [_entry_dict(r) for r in uow.session.scalars(stmt)]


def _entry_dict(r: LexiconRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "heard": r.heard,
        "meant": r.meant,
        "seen": r.seen,
        "status": r.status,
        "created_at": r.created_at.isoformat(),
        "decided_at": r.decided_at.isoformat() if r.decided_at else None,
        "decided_by": r.decided_by,
    }


def applied_lexicon(db: Database) -> list[LexiconEntry]:
    """The approved entries: what intake applies to new transcripts."""
    with db.read_uow() as uow:
        assert uow.session is not None
        stmt = select(LexiconRow.heard, LexiconRow.meant).where(LexiconRow.status == APPROVED)
        return [LexiconEntry(h, m) for h, m in uow.session.execute(stmt)]


def _change_entry(
    db: Database, entry_id: int, change: Callable[[Session, LexiconRow], None]
) -> dict[str, Any] | None:
    """Apply `change` to one entry and commit; the entry as changed (None if none)."""
    with db.uow() as uow:
        assert uow.session is not None
        row = uow.session.get(LexiconRow, entry_id)
        if row is None:
            return None
        change(uow.session, row)
        out = _entry_dict(row)
        uow.commit()
        return out


def decide(db: Database, entry_id: int, status: str, by: str) -> dict[str, Any] | None:
    """Approve or revert an entry; None when there is no such entry."""
    assert status in (APPROVED, REVERTED)

    def change(_session: Session, row: LexiconRow) -> None:
        row.status, row.decided_at, row.decided_by = status, db.clock(), by[:100]

    return _change_entry(db, entry_id, change)


def delete(db: Database, entry_id: int) -> dict[str, Any] | None:
    """Forget an entry; what it was (None when there is no such entry)."""
    # A deleted row keeps its loaded attributes until the commit: the answer is the entry.
    return _change_entry(db, entry_id, lambda session, row: session.delete(row))


def after_correction(db: Database, ticket: Ticket, asr: AsrSettings) -> None:
    """Hook for the correct command: measure and learn, never fail the correction itself
    (it is already stored; a quality row can be recomputed from the ticket)."""
    try:
        record_correction(
            db,
            ticket,
            min_corrections=asr.lexicon_min_corrections,
            auto_apply=asr.lexicon_auto_apply,
        )
    except Exception:
        log.exception("ASR quality of ticket %s not recorded", ticket.id)
