"""Live ticket events across nodes through PostgreSQL LISTEN/NOTIFY.

Every node publishes its EventHub's events with pg_notify on one channel and listens on it;
what another node published is handed to this node's subscribers (EventHub.deliver_remote).
The channel is per schema, so databases sharing a server (and test schemas) stay apart.
NOTIFY is delivered only to sessions listening at the time: a console that misses events
while its node reconnects reloads its list, as after any SSE reconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from typing import Any

import psycopg
from hotline.ticketing.web.events import EventHub, TicketEvent
from sqlalchemy.engine import make_url

from hotline.plumbing import cancel_and_wait

log = logging.getLogger(__name__)

# pg_notify payloads must stay under 8000 bytes; the transcript is dropped past this (the
# console fetches the ticket anyway).
MAX_PAYLOAD = 7000
DROPPABLE = ("machine_text",)


def conninfo(sqlalchemy_url: str) -> str:
    """psycopg's connection string for a SQLAlchemy PostgreSQL URL (search_path kept)."""
    return (
        make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


def encode(origin: str, event: TicketEvent) -> str:
    body: dict[str, Any] = {"origin": origin, "event": event.to_dict()}
    payload = json.dumps(body, ensure_ascii=False)
    if len(payload.encode()) > MAX_PAYLOAD:
        data = {k: v for k, v in event.data.items() if k not in DROPPABLE}
        body["event"]["data"] = data
        payload = json.dumps(body, ensure_ascii=False)
    return payload


class PgEventRelay:
    """Owns two connections (LISTEN and NOTIFY); reconnects with back-off until stopped."""

    def __init__(self, url: str, hub: EventHub, *, retry_max_seconds: float = 30.0) -> None:
        self.conninfo = conninfo(url)
        self.hub = hub
        self.origin = uuid.uuid4().hex  # this process: its own notifications are skipped
        self.retry_max_seconds = retry_max_seconds
        self.listening = asyncio.Event()
        self._outgoing: asyncio.Queue[TicketEvent] = asyncio.Queue(1024)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.hub.bind_loop(self._loop)
        self.hub.forward = self._forward
        self._tasks = [
            self._loop.create_task(self._forever(self._listen), name="events-listen"),
            self._loop.create_task(self._forever(self._notify), name="events-notify"),
        ]
        with contextlib.suppress(TimeoutError):  # the database may be away: keep going
            await asyncio.wait_for(self.listening.wait(), 10)

    async def stop(self) -> None:
        self.hub.forward = None
        await cancel_and_wait(*self._tasks)
        self._tasks = []

    def _forward(self, event: TicketEvent) -> None:
        """EventHub.forward: called on any thread, never blocks."""
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._enqueue, event)

    def _enqueue(self, event: TicketEvent) -> None:
        if self._outgoing.full():  # the database is away: the oldest are lost
            self._outgoing.get_nowait()
        self._outgoing.put_nowait(event)

    async def _forever(self, run: Any) -> None:
        delay = 1.0
        while True:
            try:
                await run()
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - database away: retry
                self.listening.clear()
                log.warning("live events across nodes interrupted (%s); retrying", exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.retry_max_seconds)

    async def _channel(self, conn: psycopg.AsyncConnection[Any]) -> str:
        cursor = await conn.execute("SELECT current_schema()")
        row = await cursor.fetchone()
        schema = str(row[0]) if row and row[0] else "public"
        return "hotline_events" if schema == "public" else f"hotline_events_{schema}"

    async def _listen(self) -> None:
        async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as conn:
            channel = await self._channel(conn)
            await conn.execute(f'LISTEN "{channel}"')
            self.listening.set()
            async for note in conn.notifies():
                try:
                    body = json.loads(note.payload)
                    if body.get("origin") == self.origin:
                        continue
                    self.hub.deliver_remote(TicketEvent.from_dict(body["event"]))
                except (ValueError, KeyError, TypeError) as exc:
                    log.warning("unreadable live event from another node skipped: %s", exc)

    async def _notify(self) -> None:
        async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as conn:
            channel = await self._channel(conn)
            while True:
                event = await self._outgoing.get()
                try:
                    await conn.execute(
                        "SELECT pg_notify(%s, %s)", (channel, encode(self.origin, event))
                    )
                except Exception:
                    self._enqueue(event)  # sent again once the connection is back
                    raise
