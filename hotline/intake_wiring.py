"""Settings → the intake runtime: listener options, the SQL-backed intake store, routing.

`build_intake_runtime(settings, database, ...)` is what `hotline serve` calls.
Everything here maps one part's interface onto another's; decisions live in
ticketing/intake.py and hotline/runtime.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hotline.asr.backlog import BacklogQueue
from hotline.asr.service import AsrService
from hotline.runtime import IntakeRuntime
from hotline.settings import Settings
from hotline.telephony.listener import ListenerOptions
from hotline.ticketing import services
from hotline.ticketing.commands import Command
from hotline.ticketing.intake import (
    AppliedChange,
    ApplyContext,
    DuplicateFn,
    IntakeJournal,
    IntakeOptions,
    IntakeService,
    IntakeWriter,
    RouteFn,
    same_number_duplicates,
)
from hotline.ticketing.model import OPEN_STATES, Ticket
from hotline.ticketing.notify import notifier_from_settings
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.tables import TicketRow
from hotline.ticketing.users import SYSTEM_ACTOR

log = logging.getLogger(__name__)

JOURNAL_NAME = "intake-journal.jsonl"


def data_dir(settings: Settings) -> Path:
    """Where node-local state lives (storage.data_dir, HOTLINE_DATA_DIR)."""
    return settings.storage.data_dir


def greeting_wav(settings: Settings) -> Path | None:
    """The configured greeting WAV, or the greeting text spoken by espeak-ng (cached)."""
    if settings.sip.greeting_wav is not None:
        return settings.sip.greeting_wav
    from hotline.telephony.prompts import PromptCache

    try:
        return PromptCache(settings.storage.prompts_dir).render(settings.sip.greeting_text)
    except Exception as exc:  # no espeak-ng: answer without a greeting rather than not at all
        log.error("greeting not available, calls are answered without one: %s", exc)
        return None


def listener_options(settings: Settings, *, sip_port: int | None = None) -> ListenerOptions:
    sip = settings.sip
    return ListenerOptions(
        host=sip.host,
        port=sip.port if sip_port is None else sip_port,
        transports=tuple(sip.transports),
        public_host=sip.public_host,
        trusted_peers=list(sip.trusted_peers),
        rtp_port_min=sip.rtp_port_min,
        rtp_port_max=sip.rtp_port_max,
        greeting_wav=greeting_wav(settings),
        recordings_dir=settings.storage.recordings_dir,
        max_call_seconds=sip.max_call_seconds,
        silence_timeout=sip.silence_timeout_seconds,
        media_timeout=sip.media_timeout_seconds,
        registration=_registration(settings),
    )


def _registration(settings: Settings) -> Any:
    reg = settings.sip.registration
    if not reg.enabled:
        return None
    from hotline.telephony.sip.registration import RegistrationOptions

    return RegistrationOptions(
        registrar=reg.registrar or "",
        username=reg.username or "",
        password=reg.password.get_secret_value() if reg.password else "",
        expires_seconds=reg.expires_seconds,
    )


class SqlIntakeStore:
    """IntakeStore on the foundation's unit of work and services (blocking; worker thread)."""

    def __init__(self, database: Database, backlog: BacklogQueue) -> None:
        self.database = database
        self.backlog = backlog

    def by_call_id(self, call_id: str) -> Ticket | None:
        with self.database.uow() as uow:
            return uow.tickets.get_by_call_id(call_id)

    def by_recording_ref(self, recording_ref: str) -> Ticket | None:
        with self.database.uow() as uow:
            assert uow.session is not None
            ticket_id = uow.session.scalar(
                select(TicketRow.id).where(TicketRow.recording_ref == recording_ref).limit(1)
            )
            return None if ticket_id is None else uow.tickets.get(ticket_id)

    def create(self, ticket: Ticket) -> Ticket:
        new = services.NewTicket(
            received_at=ticket.received_at,
            channel=ticket.channel,
            caller_number=ticket.caller_number,
            called_number=ticket.called_number,
            forwarded_from=ticket.forwarded_from,
            call_id=ticket.call_id,
            recording_ref=ticket.recording_ref,
            transcription_pending=ticket.transcription_pending,
            duplicate_candidates=ticket.duplicate_candidates,
        )
        return services.create_draft(self.database.uow(), new)

    def save(self, ticket: Ticket) -> Ticket:
        with self.database.uow() as uow:
            uow.tickets.save(ticket)
            uow.commit()
        return ticket

    def apply_command(self, ticket_id: int, command: Command) -> Ticket:
        return services.apply_command(self.database.uow(), ticket_id, command, SYSTEM_ACTOR)

    def open_tickets_since(self, since: datetime) -> list[Ticket]:
        query = services.TicketQuery(states=tuple(OPEN_STATES), received_from=since, limit=500)
        return services.list_tickets(self.database.uow(), query)

    def unfinished_drafts(self, received_before: datetime) -> list[Ticket]:
        query = services.TicketQuery(
            states=("draft",),
            transcription_pending=False,
            received_before=received_before,
            limit=1000,
        )
        tickets = services.list_tickets(self.database.uow(), query)
        return [t for t in tickets if not t.transcript_words and t.recording_ref]

    def enqueue_transcription(self, call_id: str, audio_path: str) -> None:
        self.backlog.enqueue(call_id, audio_path)


def build_route(settings: Settings, catalog: Any) -> tuple[RouteFn | None, Any]:
    """The routing suggestion function and the router (None, None if routing is unusable)."""
    try:
        from hotline.ticketing.routing import load_router

        router = load_router(catalog, settings.routing_rules_path)
        router.classifier()  # train/load now, not while the first caller waits
    except Exception as exc:  # drafts without a suggestion beat no drafts
        log.error("routing rules not loaded, drafts get no suggestion: %s", exc)
        return None, None
    return (lambda text: router.suggest(text).to_dict()), router


def routing_duplicates(router: Any) -> DuplicateFn:
    """Routing's 并单 search (same number, or similar content, within its window)."""
    from hotline.ticketing.routing import DraftInfo, OpenTicketInfo, find_duplicates

    dup = router.rules.duplicates

    def lead_of(t: Ticket) -> str | None:
        return t.lead_unit or (t.routing_suggestion or {}).get("lead")

    def find(ticket: Ticket, candidates: Sequence[Ticket]) -> list[int]:
        draft = DraftInfo(
            text=ticket.text,
            received_at=ticket.received_at,
            caller_number=ticket.caller_number,
            callback_number=ticket.callback_number,
            unit_id=lead_of(ticket),
        )
        others = [
            OpenTicketInfo(
                ticket_id=t.id,
                text=t.text,
                received_at=t.received_at,
                caller_number=t.caller_number,
                callback_number=t.callback_number,
                unit_id=lead_of(t),
            )
            for t in candidates
            if t.id is not None and t.id != ticket.id and t.state in OPEN_STATES
        ]
        found = find_duplicates(
            draft,
            others,
            window_days=dup.window_days,
            min_similarity=dup.min_similarity,
            limit=dup.limit,
        )
        return [c.ticket_id for c in found]

    return find


def publish_to_hub(hub: Any) -> Callable[[AppliedChange], None]:
    """AppliedChange → ticketing.web.events.TicketEvent on the console's EventHub."""
    from hotline.ticketing.web.events import TicketEvent

    def publish(change: AppliedChange) -> None:
        t = change.ticket
        hub.publish(
            TicketEvent(
                kind=f"ticket.{change.kind}",
                ticket_id=t.id,
                state=str(t.state),
                units=t.units(),
                data={
                    "call_id": t.call_id,
                    "intake": change.record.kind,
                    "machine_text": t.machine_text,
                    "transcription_pending": t.transcription_pending,
                },
            )
        )

    return publish


def build_intake_runtime(
    settings: Settings,
    database: Database,
    *,
    hub: Any = None,
    sip_port: int | None = None,
    node_name: str | None = None,
    asr_engine: Any = None,
) -> IntakeRuntime:
    """`asr_engine` replaces the engine built from settings (tests share one loaded model)."""
    route, router = build_route(settings, database.catalog)
    window_days = router.rules.duplicates.window_days if router is not None else 3
    find_duplicates = routing_duplicates(router) if router is not None else same_number_duplicates
    base_url = settings.web.base_url or f"http://{settings.web.host}:{settings.web.port}"
    options = IntakeOptions(duplicate_window=timedelta(days=window_days), base_url=base_url)
    backlog = BacklogQueue(database.engine)
    store = SqlIntakeStore(database, backlog)
    journal = IntakeJournal(data_dir(settings) / JOURNAL_NAME)
    writer = IntakeWriter(
        store, journal, ApplyContext(options=options, find_duplicates=find_duplicates)
    )
    service = IntakeService(
        writer.submit,
        recordings_dir=settings.storage.recordings_dir,
        route=route,
        options=options,
    )
    runtime_ref: list[IntakeRuntime] = []

    async def on_done(key: str, transcript: Any) -> None:
        await runtime_ref[0].on_transcription_done(key, transcript)

    async def on_failed(key: str, error: str) -> None:
        await runtime_ref[0].on_transcription_failed(key, error)

    asr = AsrService.from_settings(
        settings.asr,
        database.engine,
        on_done,
        on_failed=on_failed,
        owner=node_name,
        engine=asr_engine,
    )
    runtime = IntakeRuntime(
        listener_options(settings, sip_port=sip_port),
        asr,
        service,
        writer,
        store,
        notifier=notifier_from_settings(
            settings.notify.webhook_url, settings.notify.format, base_url
        ),
        publish=publish_to_hub(hub) if hub is not None else None,
    )
    runtime_ref.append(runtime)
    return runtime


def shutdown_grace_seconds(settings: Settings) -> float:
    """How long SIGTERM waits for calls in progress: sip.shutdown_grace_seconds
    (HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS). No call lasts longer than sip.max_call_seconds."""
    import os

    if "HOTLINE_SHUTDOWN_GRACE_SECONDS" in os.environ:  # the name before it was a setting
        log.warning(
            "HOTLINE_SHUTDOWN_GRACE_SECONDS is no longer read: "
            "set sip.shutdown_grace_seconds or HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS"
        )
    return float(min(settings.sip.shutdown_grace_seconds, settings.sip.max_call_seconds))
