"""/healthz checks for the parts `hotline serve` runs: the SIP listener, the ASR engine and
the ASR backlog. The intake part starts after the web app is built, so the checks look it
up (`current_intake`) when asked."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from hotline.asr.backlog import BacklogQueue
from hotline.runtime import IntakeRuntime
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.web.context import HealthCheck
from hotline.ticketing.web.metrics import ASR_QUEUE_LENGTH

IntakeLookup = Callable[[], IntakeRuntime | None]


def sip_check(current_intake: IntakeLookup) -> HealthCheck:
    def check() -> dict[str, Any]:
        intake = current_intake()
        if intake is None:
            return {"ok": False, "error": "SIP listener not started"}
        listener = intake.listener
        return {"ok": bool(listener.port), "port": listener.port, "calls": listener.active_calls}

    return check


def asr_engine_check(current_intake: IntakeLookup) -> HealthCheck:
    def check() -> dict[str, Any]:
        intake = current_intake()
        asr = getattr(intake, "asr", None)
        if asr is None:
            return {"ok": False, "error": "ASR engine not started"}
        engine = asr.engine
        # A node without a model still answers and records calls (transcription waits in
        # the backlog), so it stays in the load balancer's rotation: ok, but not ready.
        return {
            "ok": True,
            "ready": bool(engine.ready),
            "engine": getattr(engine, "name", type(engine).__name__),
        }

    return check


def asr_queue_check(database: Database) -> HealthCheck:
    async def check() -> dict[str, Any]:
        queue = BacklogQueue(database.engine)
        jobs = await asyncio.to_thread(queue.list, ("queued", "running"))
        ASR_QUEUE_LENGTH.set(len(jobs))
        return {"ok": True, "length": len(jobs)}

    return check
