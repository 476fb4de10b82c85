"""Dead-node takeover: the work of a node that died and does not come back is finished by
another node.

Every node heartbeats in table `cluster_nodes` (every lease/3 seconds). A live node claims
the recovery of a node whose heartbeat is older than `cluster.lease_seconds` — a conditional
UPDATE, so exactly one node wins, under a lease of its own in case the claimer dies too —
and runs over the dead node's folders what that node would run on restart: its intake
journal replayed, the headers of its interrupted recordings repaired, a draft for each and
their transcription queued (hotline/runtime.py `recover_node`). The dead node's ASR jobs need
nothing here: their own leases run out and any node claims them (asr/backlog.py).

A node stopped with SIGTERM says so (state `stopped`) and is not recovered: it finished its
calls. A node that comes back heartbeats again and is `up`; recovery is idempotent, so a
restart during a takeover repeats work but never duplicates a ticket. If the claimer dies
mid-replay after the node came back, nobody claims the (live) node again: the node itself
replays the `.recovering` journal left behind once the claim's lease has run out.

The table and its row operations: hotline/node_registry.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from aiohttp import web

from hotline.intake_wiring import journal_path
from hotline.node_registry import NodeRegistry
from hotline.service_context import ServiceContext
from hotline.settings import node_id
from hotline.ticketing.intake.journal import IntakeJournal
from hotline.ticketing.intake.records import IntakeRecord
from hotline.ticketing.persistence.outage import is_outage

log = logging.getLogger(__name__)


def take_journal(path: Path) -> list[IntakeRecord]:
    """The records of a dead node's journal, taken by renaming it (atomic: a node restarting
    meanwhile starts a fresh journal and never replays these twice). A `.recovering` file left
    by a claimer that died mid-replay is taken as it is."""
    taken = taken_journal(path)
    with contextlib.suppress(FileNotFoundError):
        if not taken.exists():
            os.rename(path, taken)
    return IntakeJournal(taken).pending() if taken.exists() else []


def taken_journal(path: Path) -> Path:
    return path.with_suffix(".recovering.jsonl")


async def replay_own_leftover(
    registry: NodeRegistry, journal: Path, write: Callable[[IntakeRecord], Awaitable[None]]
) -> int:
    """This node came back while another replayed its journal, and that claimer died
    mid-replay: nobody claims a node that is up, so the node replays what is left itself,
    once the claim's lease has run out. Returns the records replayed."""
    leftover = taken_journal(journal)
    if not leftover.exists() or not await asyncio.to_thread(registry.own_claim_over):
        return 0  # nothing left, or the claimer is still at it (it deletes the file)
    # Read in place: never take this node's own live journal by renaming it.
    records = await asyncio.to_thread(IntakeJournal(leftover).pending)
    for record in records:
        await write(record)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(leftover)
    log.warning("replayed %d record(s) a failed takeover of this node left", len(records))
    return len(records)


def takeover_part(ctx: ServiceContext) -> Callable[[web.Application], AsyncIterator[None]]:
    """Heartbeat, and recover dead nodes, while `hotline serve` runs (entered once the
    database is ready; stopped after the intake part, so a node draining its calls is still
    seen alive)."""

    async def part(app: web.Application) -> AsyncIterator[None]:
        settings = ctx.settings
        lease = settings.cluster.lease_seconds
        registry = NodeRegistry(ctx.database.engine, node_id(settings), lease_seconds=lease)

        async def loop() -> None:
            while True:
                try:
                    await asyncio.to_thread(registry.heartbeat)
                    # Claims only once this node's intake runs (it does the recovery).
                    if ctx.intake is not None:
                        for dead in await asyncio.to_thread(registry.claim_dead):
                            await recover(dead)
                            await asyncio.to_thread(registry.recovered, dead)
                        journal = journal_path(settings, registry.node)
                        await replay_own_leftover(registry, journal, ctx.intake.writer.write)
                except Exception as exc:
                    if not is_outage(exc):
                        log.exception("node heartbeat / takeover failed")
                    else:
                        log.warning("node heartbeat failed, database unreachable: %s", exc)
                await asyncio.sleep(lease / 3)

        async def recover(dead: str) -> None:
            runtime = ctx.intake
            if runtime is None:
                raise RuntimeError("intake not running: cannot take over a node")
            journal = journal_path(settings, dead)
            log.warning("node %s is silent for over %.0f s: taking over its calls", dead, lease)
            records = await asyncio.to_thread(take_journal, journal)
            recordings = settings.storage.recordings_dir / dead
            # A dead node's last write is older than lease * 2/3 (claimed a lease after its
            # last heartbeat, which came every lease/3): fresher files are a live node's.
            count = await runtime.recover_node(records, recordings, quiet_seconds=lease / 2)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(taken_journal(journal))
            log.warning(
                "node %s taken over: %d journaled record(s), %d interrupted call(s)",
                dead,
                len(records),
                count,
            )

        task = asyncio.create_task(loop(), name="node-takeover")
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        try:
            await asyncio.to_thread(registry.stopped)
        except Exception as exc:  # database gone at shutdown: seen as dead, recovered idly
            log.warning("could not mark node stopped: %s", exc)

    return part
