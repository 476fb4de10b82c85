"""EventHub: fan-out of ticket events to live consoles (SSE).

Intake calls `hub.publish(TicketEvent(...))` when a draft is created or updated;
every connected console/portal gets it without reloading. Each subscriber has a
bounded queue: a stalled browser loses old events (it reloads the list on
reconnect) instead of growing memory.

Across nodes: `forward` (set by the composition root when the database is PostgreSQL:
ticketing/web/event_relay.py) sends every event published here to the other
nodes, which hand it to their subscribers with `deliver_remote`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from hotline.ticketing.privacy import mask_values

# Event data a liaison never gets: the machine transcript stays with the centre.
CENTRE_ONLY_DATA = frozenset({"machine_text"})


@dataclass(frozen=True)
class TicketEvent:
    kind: str  # "ticket.created" | "ticket.updated" | "call.started" | "call.ended" ...
    ticket_id: int | None = None
    state: str | None = None
    # Units the ticket is dispatched to: liaisons only get events for their own unit.
    units: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TicketEvent:
        return cls(
            kind=str(data["kind"]),
            ticket_id=data.get("ticket_id"),
            state=data.get("state"),
            units=tuple(data.get("units") or ()),
            data=dict(data.get("data") or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        payload = asdict(self)
        payload["units"] = list(self.units)
        return payload

    def for_liaison(self) -> TicketEvent:
        """What a unit's portal may receive: no transcript, dictated numbers masked."""
        data = {k: v for k, v in self.data.items() if k not in CENTRE_ONLY_DATA}
        return dataclasses.replace(self, data=mask_values(data))


END = None  # queue marker: the hub closed


@dataclass(eq=False)  # identity hash: kept in a set
class _Subscriber:
    queue: asyncio.Queue[tuple[int, TicketEvent] | None]
    unit_id: str | None  # None: sees everything (centre staff)


class EventHub:
    """Publish/subscribe within one process; publish is safe from any thread."""

    def __init__(self, queue_size: int = 256) -> None:
        self._subscribers: set[_Subscriber] = set()
        self._queue_size = queue_size
        self._ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        # Sends a locally published event to the other nodes (never blocks; thread-safe).
        self.forward: Callable[[TicketEvent], None] | None = None

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def close(self) -> None:
        """End every subscription (server shutdown): each queue gets the end marker."""
        self._closed = True
        for sub in list(self._subscribers):
            if sub.queue.full():
                sub.queue.get_nowait()
            sub.queue.put_nowait(END)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def publish(self, event: TicketEvent) -> None:
        """Deliver to every subscriber allowed to see it, here and on the other nodes;
        never blocks the caller."""
        self.deliver_remote(event)
        if self.forward is not None:
            self.forward(event)

    def deliver_remote(self, event: TicketEvent) -> None:
        """Deliver to this node's subscribers only (an event another node published)."""
        loop = self._loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if loop is not None and running is not loop:
            loop.call_soon_threadsafe(self._deliver, event)
        else:
            self._deliver(event)

    def _deliver(self, event: TicketEvent) -> None:
        event_id = next(self._ids)
        masked: TicketEvent | None = None
        for sub in list(self._subscribers):
            if sub.unit_id is not None and sub.unit_id not in event.units:
                continue
            delivered = event
            if sub.unit_id is not None:  # a liaison's portal
                masked = delivered = masked or event.for_liaison()
            if sub.queue.full():
                # Drop the oldest: the client resyncs its list on the next event anyway.
                sub.queue.get_nowait()
            sub.queue.put_nowait((event_id, delivered))

    @asynccontextmanager
    async def subscribe(
        self, unit_id: str | None = None
    ) -> AsyncIterator[asyncio.Queue[tuple[int, TicketEvent] | None]]:
        """A queue of (event id, event); `None` (END) means the hub closed."""
        if self._loop is None:  # publishers on other threads hand over to this loop
            self._loop = asyncio.get_running_loop()
        sub = _Subscriber(queue=asyncio.Queue(self._queue_size), unit_id=unit_id)
        if self._closed:
            sub.queue.put_nowait(END)
        self._subscribers.add(sub)
        try:
            yield sub.queue
        finally:
            self._subscribers.discard(sub)
