"""`IntakeWriter`: applies intake records in order off the event loop, journaling them while
the database is unreachable and replaying the journal when it returns."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from hotline.ticketing.intake.journal import IntakeJournal
from hotline.ticketing.intake.records import IntakeRecord, PartialHeard
from hotline.ticketing.intake.store_port import (
    AppliedChange,
    ApplyContext,
    IntakeStore,
    apply_record,
)
from hotline.ticketing.persistence.outage import is_outage

from hotline.plumbing import cancel_and_wait

log = logging.getLogger(__name__)


OnChange = Callable[[AppliedChange], Awaitable[None] | None]


class IntakeWriter:
    """Applies records one at a time, in order, off the event loop.

    While the database is unreachable every record (partials excepted) is
    journaled; a retry loop replays the journal in order once it answers again.
    While held, records are journaled without trying the database at all.
    `submit` never blocks and never raises.
    """

    def __init__(
        self,
        store: IntakeStore,
        journal: IntakeJournal,
        ctx: ApplyContext,
        *,
        on_change: OnChange | None = None,
        retry_seconds: float = 2.0,
    ) -> None:
        self.store = store
        self.journal = journal
        self.ctx = ctx
        self.on_change = on_change
        self.retry_seconds = retry_seconds
        self.degraded = False  # True while records go to the journal
        self.held = False  # True until resume(): journal only, no database access
        # A None record is resume()'s wake-up call for the writer task.
        self._queue: asyncio.Queue[tuple[IntakeRecord | None, asyncio.Future[None] | None]] = (
            asyncio.Queue()
        )
        self._task: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    async def start(self, *, hold: bool = False) -> None:
        """Start writing; with `hold`, journal everything until `resume()`."""
        if hold:
            self.held = self.degraded = True
        else:
            # Records left from an outage or a crash come first, before anything new.
            self.degraded = len(self.journal) > 0
            if self.degraded:
                await self._replay()
        self._task = asyncio.create_task(self._run(), name="intake-writer")

    async def resume(self) -> None:
        """The database is usable: replay the journal (in the writer task, so in order with
        new records) and write directly from now on. Returns after the replay attempt; if the
        database went away again, the writer keeps retrying on its own."""
        if not self.held:
            return
        self.held = False
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._idle.clear()
        self._queue.put_nowait((None, done))
        await done

    def submit(self, record: IntakeRecord) -> None:
        self._idle.clear()
        self._queue.put_nowait((record, None))

    async def write(self, record: IntakeRecord) -> None:
        """Submit and wait until the record is in the database or the journal."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._idle.clear()
        self._queue.put_nowait((record, done))
        await done

    async def drain(self, timeout: float | None = None) -> None:
        """Wait until everything submitted is in the database or the journal."""
        await asyncio.wait_for(self._wait_idle(), timeout)

    async def _wait_idle(self) -> None:
        while not (self._queue.empty() and self._idle.is_set()):
            await self._idle.wait()
            await asyncio.sleep(0)

    async def close(self) -> None:
        await cancel_and_wait(self._task)
        # Anything still queued goes to the journal so a restart applies it.
        while not self._queue.empty():
            record, done = self._queue.get_nowait()
            if record is not None and not isinstance(record, PartialHeard):
                self.journal.append(record)
            if done is not None and not done.done():
                done.set_result(None)

    async def _run(self) -> None:
        while True:
            retrying = self.degraded and not self.held
            if retrying:
                await self._replay()
            try:
                record, done = await asyncio.wait_for(
                    self._queue.get(), self.retry_seconds if retrying else None
                )
            except TimeoutError:
                continue
            try:
                if record is None:  # resume(): replay now rather than after a timeout
                    if self.degraded:
                        await self._replay()
                    continue
                await self._handle(record)
            finally:
                if done is not None and not done.done():
                    done.set_result(None)
                if self._queue.empty():
                    self._idle.set()

    async def _handle(self, record: IntakeRecord) -> None:
        if self.degraded:
            if not isinstance(record, PartialHeard):
                await asyncio.to_thread(self.journal.append, record)
            return
        started = time.monotonic()
        try:
            change = await asyncio.to_thread(apply_record, self.store, record, self.ctx)
        except Exception as exc:
            if is_outage(exc):
                log.warning("database unreachable (%s): journaling intake records", exc)
                self.degraded = True
                if not isinstance(record, PartialHeard):
                    await asyncio.to_thread(self.journal.append, record)
                return
            log.exception("intake record %s for call %s failed", record.kind, record.call_id)
            if not isinstance(record, PartialHeard):
                await asyncio.to_thread(self.journal.reject, record, repr(exc))
            return
        if not isinstance(record, PartialHeard):
            log.info(
                "call %s: %s stored in %.3f s (%d waiting)",
                record.call_id,
                record.kind,
                time.monotonic() - started,
                self._queue.qsize(),
            )
        await self._announce(change)

    async def _replay(self) -> None:
        records = await asyncio.to_thread(self.journal.pending)
        done = 0
        try:
            for record in records:
                try:
                    change = await asyncio.to_thread(apply_record, self.store, record, self.ctx)
                except Exception as exc:
                    if is_outage(exc):
                        raise
                    log.exception("journaled %s for call %s failed", record.kind, record.call_id)
                    await asyncio.to_thread(self.journal.reject, record, repr(exc))
                    change = None
                done += 1
                await self._announce(change)
        except Exception as exc:
            log.info("database still unreachable (%s); %d journaled", exc, len(records) - done)
            return
        finally:
            if done:
                await asyncio.to_thread(self.journal.drop_first, done)
        if done:
            log.warning("database back: %d journaled intake records written", done)
        self.degraded = False

    async def _announce(self, change: AppliedChange | None) -> None:
        if change is None or self.on_change is None:
            return
        try:
            result = self.on_change(change)
            if result is not None:
                await result
        except Exception:
            log.exception("intake change listener failed")
