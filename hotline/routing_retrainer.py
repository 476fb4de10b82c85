"""Scheduled retraining of the routing model inside `hotline serve`.

Every `classifier.retrain_hours` (routing rules) one node of the cluster — the one whose
claim of the period's slot in `routing_models` succeeds — trains a challenger on the
operators' dispatches and lets it go live only when it routes the newest dispatches at
least as well as the live model (ticketing/routing/retrain.py). A model that goes live is
stored in the database; every node checks for a newer live model every few minutes and
swaps it into its router (hotline/routing_wiring.py, LiveRouting), so all nodes route
alike. Training runs in a worker thread; calls are never held up by it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from aiohttp import web

from hotline.routing_wiring import LiveRouting
from hotline.service_context import ServiceContext
from hotline.settings import node_id
from hotline.ticketing.persistence import routing_models as runs
from hotline.ticketing.persistence.database import Database

log = logging.getLogger("hotline.routing_retrainer")

CHECK_SECONDS = 300.0  # how often a node looks for a newer live model and a due run


def slot_of(now: datetime, hours: float) -> str:
    """The schedule period `now` falls in: one retraining per slot, cluster-wide."""
    period = max(1, round(hours * 3600))
    return f"{hours:g}h/{int(now.timestamp()) // period}"


def adopt_live_model(database: Database, live: LiveRouting) -> bool:
    """Swap in the newest model that went live, if it is not the one in use."""
    from hotline.ticketing.routing.files import ModelFileError, model_from_bytes

    newest = runs.live_run(database)
    if newest is None or newest.id == live.run_id:
        return False
    data = runs.live_model_bytes(database, newest.id)
    if not data:
        return False
    try:
        model = model_from_bytes(data, f"routing_models #{newest.id}")
    except ModelFileError as exc:  # e.g. stored by a newer release: keep routing as is
        log.error("live routing model not loaded: %s", exc)
        return False
    live.swap(model, newest.id)
    log.info("routing model #%d is live (%s)", newest.id, newest.reason)
    return True


def retrain_once(database: Database, live: LiveRouting, slot: str, node: str) -> int | None:
    """Claim `slot` and run one champion/challenger round; the run's id (None: another
    node has the slot)."""
    from hotline.ticketing.routing.classifier import TrainingError
    from hotline.ticketing.routing.files import model_to_bytes
    from hotline.ticketing.routing.history import dispatch_history
    from hotline.ticketing.routing.retrain import RetrainPolicy, retrain
    from hotline.ticketing.routing.seed import SeedCorpusError, training_records

    run_id = runs.claim_run(database, slot, node)
    if run_id is None:
        return None
    router = live.router
    clf = router.rules.classifier
    policy = RetrainPolicy(clf.retrain_holdout_share, clf.retrain_min_holdout)
    try:
        history = dispatch_history(database, clf.retrain_max_history)
        outcome = retrain(router, history, training_records(units=router.catalog.units), policy)
    except (TrainingError, SeedCorpusError) as exc:
        runs.finish_run(database, run_id, status=runs.FAILED, reason=f"无法训练：{exc}")
        log.warning("routing retraining %s: %s", slot, exc)
        return run_id
    verdict = outcome.verdict
    model = outcome.model
    runs.finish_run(
        database,
        run_id,
        status=runs.REPLACED if model is not None else runs.KEPT,
        examples=outcome.examples,
        held_out=verdict.held_out,
        champion_accuracy=verdict.champion_accuracy if verdict.held_out else None,
        challenger_accuracy=verdict.challenger_accuracy if verdict.held_out else None,
        reason=verdict.reason,
        model=model_to_bytes(model) if model is not None else None,
    )
    if model is not None:
        live.swap(model, run_id)
    log.info("routing retraining %s: %s", slot, verdict.reason)
    return run_id


def retrain_part(
    ctx: ServiceContext,
    check_seconds: float = CHECK_SECONDS,
    clock: Callable[[], datetime] | None = None,
) -> Callable[[web.Application], AsyncIterator[None]]:
    """The background part: adopt a newer live model at start and every `check_seconds`,
    and retrain when this period's slot is still free."""

    async def loop(live: LiveRouting, hours: float) -> None:
        node = node_id(ctx.settings)
        now = clock or ctx.database.clock
        first = True
        while True:
            try:
                await asyncio.to_thread(adopt_live_model, ctx.database, live)
                if hours > 0 and not first:  # not while the node is starting up
                    slot = slot_of(now(), hours)
                    await asyncio.to_thread(retrain_once, ctx.database, live, slot, node)
            except Exception:  # a bad round must not end retraining for good
                log.exception("routing retraining failed")
            first = False
            await asyncio.sleep(check_seconds)

    async def part(app: web.Application) -> AsyncIterator[None]:
        live = ctx.routing
        if live is None:
            yield
            return
        task = asyncio.create_task(loop(live, live.router.rules.classifier.retrain_hours))
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return part
