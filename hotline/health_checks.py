"""The /healthz checks of `hotline serve`, one per part (aggregated by ticketing/web/health.py).

Each check returns {"status": "ok" | "degraded" | "failed", ...details}; "ok" (a bool,
status != failed) is kept for older probes. Degraded means calls are still taken but
something needs an operator (no speech model, wrong-language model, low disk, tickets
waiting in the journal, no outbound route); failed means calls or tickets are being lost
(database not writable, SIP not listening, recordings disk full). A check may carry
"banner_zh": the console shows it to operators.

The checks look the intake part up when asked (`current_intake`), because it starts after
the web app is built.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from hotline.asr.backlog import BacklogQueue
from hotline.database_gate import DatabaseGate
from hotline.intake_wiring import LEGACY_JOURNAL_NAME, journal_path
from hotline.runtime import IntakeRuntime
from hotline.settings import Settings, node_id
from hotline.telephony.admission import storage_health
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.metrics import ASR_QUEUE_LENGTH

OK, DEGRADED, FAILED = "ok", "degraded", "failed"
MB = 1024 * 1024
NO_ASR_BANNER_ZH = "语音识别未运行：来电仍在录音，转写将排队"

HealthResult = dict[str, Any]
Check = Any  # a HealthCheck: () -> mapping | awaitable mapping
IntakeLookup = Callable[[], IntakeRuntime | None]


def result(status: str, **details: Any) -> HealthResult:
    return {"status": status, "ok": status != FAILED, **details}


def sip_check(current_intake: IntakeLookup) -> Check:
    def check() -> HealthResult:
        intake = current_intake()
        if intake is None:
            return result(FAILED, error="SIP listener not started")
        listener = intake.listener
        if not listener.port:
            return result(FAILED, error="SIP listener not listening")
        return result(OK, port=listener.port, calls=listener.active_calls)

    return check


def asr_engine_check(current_intake: IntakeLookup, settings: Settings) -> Check:
    """Model loaded, and in Mandarin. Without one, calls are still answered and recorded and
    transcription waits in the backlog: degraded (the node stays in rotation)."""

    def check() -> HealthResult:
        intake = current_intake()
        asr = getattr(intake, "asr", None)
        if asr is None:
            return result(
                DEGRADED, ready=False, error="ASR engine not started", banner_zh=NO_ASR_BANNER_ZH
            )
        engine = asr.engine
        name = getattr(engine, "name", type(engine).__name__)
        if not engine.ready:
            problem = getattr(getattr(asr, "worker", None), "engine_problem", None)
            return result(
                DEGRADED,
                ready=False,
                engine=name,
                model_path=str(settings.asr.model_path),
                banner_zh=NO_ASR_BANNER_ZH,
                **({"error": problem} if problem else {}),
            )
        loaded = getattr(engine, "_loaded", None)
        language = loaded.info.language if loaded is not None else None
        if language is None:  # e.g. vosk-server: the language is the server's business
            return result(OK, ready=True, engine=name, language="unknown")
        details = {"ready": True, "engine": name, "language": language.code}
        graph = getattr(engine, "graph_in_use", None)
        if graph is not None:  # static: compiled once, ~1/3 of lookahead's decode CPU
            details["graph"] = graph
        switched = getattr(engine, "health", None)
        if callable(switched):  # a graph compiled after the start, taken without a restart
            details.update(switched())
        if not language.mandarin:
            return result(
                DEGRADED,
                **details,
                error=f"model is not Mandarin ({language.name}: {language.evidence})",
                banner_zh=language.warning_zh(),
            )
        return result(OK, **details)

    return check


def asr_queue_check(database: Database) -> Check:
    async def check() -> HealthResult:
        queue = BacklogQueue(database.engine)
        jobs = await asyncio.to_thread(queue.list, ("queued", "running"))
        ASR_QUEUE_LENGTH.set(len(jobs))
        return result(OK, length=len(jobs))

    return check


def _write_probe(database: Database) -> None:
    """A real write that changes nothing: rewrite the schema version row, then roll back.
    A read-only file, a read-only replica or a full disk fail here, not on the next call."""
    with database.engine.connect() as connection:
        transaction = connection.begin()
        try:
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
        finally:
            transaction.rollback()


def database_check(database: Database, gate: DatabaseGate) -> Check:
    """Writable, not just reachable; while the gate waits for the server, its problem."""

    async def check() -> HealthResult:
        if not gate.ready:
            return result(
                FAILED, writable=False, **{k: v for k, v in gate.health().items() if k != "ok"}
            )
        try:
            await asyncio.to_thread(_write_probe, database)
        except Exception as exc:
            return result(FAILED, writable=False, error=f"{type(exc).__name__}: {exc}")
        return result(OK, writable=True)

    return check


def recordings_space_check(settings: Settings) -> Check:
    """Failed below storage.min_free_mb (new calls get 503 there), degraded below
    storage.recordings_warn_free_mb or after a recording write failed."""
    storage = settings.storage

    def check() -> HealthResult:
        health = storage_health(storage.recordings_dir, int(storage.min_free_mb * MB))
        details = health.as_dict()
        details.pop("ok")
        free = health.free_bytes
        details["free_mb"] = None if free is None else free // MB
        if not health.ok:
            return result(
                FAILED,
                **details,
                error="recordings disk full",
                banner_zh="录音磁盘已满，新来电将被拒接",
            )
        if free is not None and free < storage.recordings_warn_free_mb * MB:
            return result(DEGRADED, **details, error="recordings disk space low")
        if health.last_write_failure is not None:
            return result(DEGRADED, **details, error="a recording write failed")
        return result(OK, **details)

    return check


def outbound_check(settings: Settings) -> Check:
    """Follow-up survey calls need a trunk/PBX route (sip.outbound.proxy)."""

    def check() -> HealthResult:
        if not settings.followup.enabled:
            return result(OK, followup="off")
        if settings.sip.outbound.proxy:
            return result(OK, proxy=settings.sip.outbound.proxy)
        return result(
            DEGRADED,
            error="no outbound route: set sip.outbound.proxy for follow-up survey calls",
        )

    return check


def journal_check(settings: Settings) -> Check:
    """Tickets written to this node's intake journal while the database was away, not yet
    stored (a journal of the version before node names counts until it is taken over)."""
    path = journal_path(settings)
    legacy = settings.storage.data_dir / LEGACY_JOURNAL_NAME

    def check() -> HealthResult:
        pending = _lines(path) + _lines(legacy)
        if pending:
            return result(DEGRADED, pending=pending, path=str(path))
        return result(OK, pending=0)

    return check


def _lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except FileNotFoundError:
        return 0


def node_check(settings: Settings) -> Check:
    """Which node answered: behind Kamailio every node has the same address to operators."""
    node, lease = node_id(settings), settings.cluster.lease_seconds
    return lambda: result(OK, id=node, lease_seconds=lease)


def service_checks(
    settings: Settings, database: Database, gate: DatabaseGate, current_intake: IntakeLookup
) -> dict[str, Check]:
    """Every check of a running `hotline serve` node."""
    return {
        "node": node_check(settings),
        "database": database_check(database, gate),
        "sip": sip_check(current_intake),
        "asr_engine": asr_engine_check(current_intake, settings),
        "asr_queue": asr_queue_check(database),
        "recordings_space": recordings_space_check(settings),
        "outbound_route": outbound_check(settings),
        "intake_journal": journal_check(settings),
    }
