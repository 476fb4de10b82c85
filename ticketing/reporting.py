"""Report up (上报): closed tickets pushed to the city/province platform.

- JSON over HTTPS to `upstream.url`, signed with HMAC-SHA256 over
  "<timestamp>.<body>" using `upstream.secret` (headers X-Hotline-Timestamp,
  X-Hotline-Signature: sha256=<hex>).
- Idempotent per ticket: a durable outbox row per ticket (unique ticket id) and
  the same `Idempotency-Key` on every retry, so the platform can drop repeats;
  a 409 from the platform counts as delivered.
- Retried with exponential backoff (30 s doubling, at most 1 h); after
  MAX_ATTEMPTS the row is `failed` and waits for a person (manual export or
  POST /api/v1/reporting/retry).
- On success the ticket takes the workflow's `report` step as the system, with
  the platform's reference.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from hotline.ticketing import services
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.commands import Report
from hotline.ticketing.errors import DomainError
from hotline.ticketing.model import State, Ticket
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.records import record_from_row
from hotline.ticketing.persistence.repository import TicketQuery
from hotline.ticketing.users import SYSTEM_ACTOR
from hotline.ticketing.web.metrics import UPSTREAM_PUSHES
from hotline.ticketing.web.tables import OutboxRow
from sqlalchemy import select

from hotline.plumbing import cancel_and_wait

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
# A claimed push is left to its node this long; a node that dies mid-push loses it after.
CLAIM_LEASE = timedelta(minutes=2)
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
SIGNATURE_HEADER = "X-Hotline-Signature"
TIMESTAMP_HEADER = "X-Hotline-Timestamp"


def idempotency_key(district_id: str, ticket_id: int) -> str:
    return f"{district_id}-ticket-{ticket_id}"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What the receiving platform does (and our tests)."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failures: 30 s, 60 s, 120 s … ≤ 1 h."""
    return min(BASE_DELAY * (2 ** max(0, attempts - 1)), MAX_DELAY)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def build_payload(ticket: Ticket, catalog: Catalog) -> dict[str, Any]:
    """The record sent up: what was asked, who handled it, the result and the caller's verdict.

    A caller who asked for confidentiality is sent without name or number.
    """

    def unit_name(unit_id: str | None) -> str | None:
        return catalog.unit(unit_id).name if unit_id and catalog.has_unit(unit_id) else unit_id

    confidential = ticket.caller_confidential
    return {
        "source": {"district_id": catalog.district_id, "district": catalog.district_name},
        "ticket_id": ticket.id,
        "channel": str(ticket.channel),
        "received_at": _iso(ticket.received_at),
        "caller": {
            "number": None if confidential else ticket.reachable_number,
            "name": None if confidential else (ticket.caller_name or None),
            "confidential": confidential,
        },
        "request_type": ticket.request_type,
        "area_id": ticket.area_id,
        "location": ticket.location_text,
        "content": ticket.text,
        "summary": ticket.summary,
        "epidemic": ticket.epidemic,
        "lead_unit": {"id": ticket.lead_unit, "name": unit_name(ticket.lead_unit)},
        "assisting_units": [{"id": u, "name": unit_name(u)} for u in ticket.assisting_units],
        "dispatched_at": _iso(ticket.first_dispatched_at),
        "replied_at": _iso(ticket.replied_at),
        "reply": ticket.reply_text,
        "closed_at": _iso(ticket.closed_at),
        "satisfaction": str(ticket.satisfaction) if ticket.satisfaction else None,
    }


@dataclass(frozen=True)
class OutboxEntry:
    ticket_id: int
    idempotency_key: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    sent_at: datetime | None
    upstream_ref: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ticket_id": self.ticket_id,
            "idempotency_key": self.idempotency_key,
            "status": self.status,
            "attempts": self.attempts,
            "next_attempt_at": _iso(self.next_attempt_at),
            "last_error": self.last_error,
            "sent_at": _iso(self.sent_at),
            "upstream_ref": self.upstream_ref,
        }


def _entry(row: OutboxRow) -> OutboxEntry:
    return record_from_row(OutboxEntry, row)


# --- outbox (synchronous; run in a thread) ------------------------------------------------------


def enqueue_closed(db: Database, limit: int = 500) -> int:
    """Put every closed ticket that has no outbox row yet into the outbox. Returns how many."""
    tickets = services.list_tickets(db.uow(), TicketQuery(states=[State.CLOSED], limit=limit))
    added = 0
    with db.uow() as uow:
        assert uow.session is not None
        have = set(uow.session.scalars(select(OutboxRow.ticket_id)))
        now = db.clock()
        for ticket in tickets:
            if ticket.id in have or ticket.id is None:
                continue
            uow.session.add(
                OutboxRow(
                    ticket_id=ticket.id,
                    idempotency_key=idempotency_key(db.catalog.district_id, ticket.id),
                    payload=build_payload(ticket, db.catalog),
                    status="pending",
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
            added += 1
        uow.commit()
    return added


def due_entries(
    db: Database, limit: int = 50, lease: timedelta = CLAIM_LEASE
) -> list[tuple[OutboxEntry, dict[str, Any]]]:
    """Claim the due pushes: their next attempt moves `lease` ahead, so other nodes leave
    them alone while this one posts, and take them up if it dies before recording the
    outcome (SKIP LOCKED: nodes claiming at once get different rows)."""
    with db.uow() as uow:
        assert uow.session is not None
        now = db.clock()
        rows = list(
            uow.session.scalars(
                select(OutboxRow)
                .where(OutboxRow.status == "pending", OutboxRow.next_attempt_at <= now)
                .order_by(OutboxRow.next_attempt_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        due = [(_entry(r), dict(r.payload)) for r in rows]
        for row in rows:
            row.next_attempt_at = now + lease
        uow.commit()
        return due


def outbox(db: Database, limit: int = 200) -> list[OutboxEntry]:
    with db.uow() as uow:
        assert uow.session is not None
        rows = uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id.desc()).limit(limit))
        return [_entry(r) for r in rows]


def _record(db: Database, ticket_id: int, *, ok: bool, error: str = "", ref: str | None) -> None:
    with db.uow() as uow:
        assert uow.session is not None
        row = uow.session.scalars(select(OutboxRow).where(OutboxRow.ticket_id == ticket_id)).one()
        now = db.clock()
        row.attempts += 1
        if ok:
            row.status, row.sent_at, row.upstream_ref, row.last_error = "sent", now, ref, ""
        else:
            row.last_error = error[:2000]
            row.next_attempt_at = now + backoff(row.attempts)
            if row.attempts >= MAX_ATTEMPTS:
                row.status = "failed"
        uow.commit()


def retry_failed(db: Database) -> int:
    """A person asks to try the failed ones again (after fixing the URL or secret)."""
    with db.uow() as uow:
        assert uow.session is not None
        rows = list(uow.session.scalars(select(OutboxRow).where(OutboxRow.status == "failed")))
        for row in rows:
            row.status, row.attempts, row.next_attempt_at = "pending", 0, db.clock()
        uow.commit()
        return len(rows)


def export_closed(db: Database, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Manual export: payloads of tickets closed in [start, end), for upload by hand."""
    tickets = services.list_tickets(
        db.uow(), TicketQuery(states=[State.CLOSED, State.REPORTED], limit=100000)
    )
    return [
        build_payload(t, db.catalog)
        for t in tickets
        if t.closed_at is not None and start <= t.closed_at < end
    ]


# --- pushing ------------------------------------------------------------------------------------


@dataclass
class PushResult:
    sent: int = 0
    failed: int = 0


class UpstreamReporter:
    """Background pusher; `wake()` after a ticket closes, or it polls every `interval`."""

    def __init__(
        self,
        db: Database,
        url: str,
        secret: str,
        *,
        interval: float = 60.0,
        timeout: float = 20.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.db = db
        self.url = url
        self.secret = secret
        self.interval = interval
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.ssl_context = ssl_context
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    async def run_once(self) -> PushResult:
        await asyncio.to_thread(enqueue_closed, self.db)
        result = PushResult()
        due = await asyncio.to_thread(due_entries, self.db)
        if not due:
            return result
        async with aiohttp.ClientSession(timeout=self.timeout) as session:
            for entry, payload in due:
                ok, error, ref = await self._post(session, entry, payload)
                await asyncio.to_thread(
                    _record, self.db, entry.ticket_id, ok=ok, error=error, ref=ref
                )
                UPSTREAM_PUSHES.labels("ok" if ok else "error").inc()
                if ok:
                    result.sent += 1
                    await asyncio.to_thread(self._mark_reported, entry.ticket_id, ref)
                else:
                    result.failed += 1
                    log.warning("upstream push of ticket %s failed: %s", entry.ticket_id, error)
        return result

    async def _post(
        self, session: aiohttp.ClientSession, entry: OutboxEntry, payload: dict[str, Any]
    ) -> tuple[bool, str, str | None]:
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        timestamp = str(int(self.db.clock().timestamp()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": entry.idempotency_key,
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(self.secret, timestamp, body),
        }
        try:
            async with session.post(
                self.url, data=body, headers=headers, ssl=self.ssl_context
            ) as resp:
                text = await resp.text()
                if resp.status in (200, 201, 202, 409):  # 409: the platform already has it
                    ref = None
                    try:
                        data = json.loads(text) if text else {}
                        ref = str(data.get("id") or data.get("ref") or "") or None
                    except (ValueError, AttributeError):
                        pass
                    return True, "", ref
                return False, f"HTTP {resp.status}: {text[:500]}", None
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return False, f"{type(exc).__name__}: {exc}", None

    def _mark_reported(self, ticket_id: int, ref: str | None) -> None:
        try:
            services.apply_command(self.db.uow(), ticket_id, Report(upstream_ref=ref), SYSTEM_ACTOR)
        except DomainError as exc:  # reopened meanwhile: the outbox row still says it was sent
            log.info("ticket %s not marked reported: %s", ticket_id, exc)

    async def run(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:
                log.exception("upstream reporter round failed")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self.run(), name="upstream")

    async def stop(self) -> None:
        await cancel_and_wait(self._task)
        self._task = None
