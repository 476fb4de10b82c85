"""Settings → the intake runtime: listener options, the SQL-backed intake store, routing,
the journal, notices and the console's live updates.

`build_intake_runtime(settings, database, ...)` is what `hotline serve` calls.
Everything here maps one part's interface onto another's; decisions live in
ticketing/intake/ and hotline/runtime.py.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from hotline.asr.backlog import BacklogQueue
from hotline.asr.service import AsrService
from hotline.routing_wiring import LiveRouting, build_route, routing_duplicates
from hotline.runtime import IntakeRuntime
from hotline.settings import Settings, node_id
from hotline.telephony.dialer import DialerOptions
from hotline.telephony.listener import ListenerOptions
from hotline.telephony.prompts import PromptCache
from hotline.telephony.sip.ratelimit import RateLimits
from hotline.telephony.sip.registration import RegistrationOptions
from hotline.telephony.sip.transport import TcpLimits
from hotline.ticketing.intake.journal import IntakeJournal
from hotline.ticketing.intake.options import IntakeOptions
from hotline.ticketing.intake.service import IntakeService
from hotline.ticketing.intake.store_port import (
    AppliedChange,
    ApplyContext,
    same_number_duplicates,
)
from hotline.ticketing.intake.writer import IntakeWriter
from hotline.ticketing.lexicon import LexiconCache, lexicon_route
from hotline.ticketing.notify import notifier_from_settings
from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.intake_store import SqlIntakeStore
from hotline.ticketing.quality_store import applied_lexicon
from hotline.ticketing.web.events import EventHub, TicketEvent

log = logging.getLogger(__name__)

LEGACY_JOURNAL_NAME = "intake-journal.jsonl"  # before nodes had names


def data_dir(settings: Settings) -> Path:
    """Where node-local state lives (storage.data_dir, HOTLINE_DATA_DIR)."""
    return settings.storage.data_dir


def journal_path(settings: Settings, node: str | None = None) -> Path:
    """This node's intake journal: one per node, so nodes sharing a data directory never
    share a journal (its lock is per process)."""
    return data_dir(settings) / f"intake-journal-{node or node_id(settings)}.jsonl"


def adopt_legacy_journal(settings: Settings, node: str) -> None:
    """A journal left by a version without node names becomes this node's (the first node
    to start takes it; rename is atomic, so two nodes never both replay it)."""
    legacy, own = data_dir(settings) / LEGACY_JOURNAL_NAME, journal_path(settings, node)
    if legacy.exists() and not own.exists():
        try:
            os.rename(legacy, own)
            log.warning("intake journal %s taken over as %s", legacy, own)
        except FileNotFoundError:  # another node took it first
            pass


def greeting_wav(settings: Settings) -> Path | None:
    """The configured greeting WAV, or the greeting text spoken by espeak-ng (cached)."""
    if settings.sip.greeting_wav is not None:
        return settings.sip.greeting_wav
    try:
        return PromptCache(settings.storage.prompts_dir).render(settings.sip.greeting_text)
    except Exception as exc:  # no espeak-ng: answer without a greeting rather than not at all
        log.error("greeting not available, calls are answered without one: %s", exc)
        return None


def listener_options(
    settings: Settings, *, sip_port: int | None = None, node: str | None = None
) -> ListenerOptions:
    """`node`: recordings go to <recordings_dir>/<node>/, so nodes sharing a recordings
    volume each repair only their own files after a crash."""
    sip = settings.sip
    recordings = settings.storage.recordings_dir

    return ListenerOptions(
        host=sip.host,
        port=sip.port if sip_port is None else sip_port,
        transports=tuple(sip.transports),
        public_host=sip.public_host,
        trusted_peers=list(sip.trusted_peers),
        rtp_port_min=sip.rtp_port_min,
        rtp_port_max=sip.rtp_port_max,
        trusted_media=list(sip.trusted_media),
        max_calls=sip.max_calls,
        greeting_wav=greeting_wav(settings),
        recordings_dir=recordings / node if node else recordings,
        min_free_mb=settings.storage.min_free_mb,
        max_call_seconds=sip.max_call_seconds,
        silence_timeout=sip.silence_timeout_seconds,
        media_timeout=sip.media_timeout_seconds,
        media_pump_interval=sip.media_pump_interval,
        session_expires=sip.session_expires_seconds,
        min_se=sip.min_se_seconds,
        tls_cert=sip.tls_cert_file,
        tls_key=sip.tls_key_file,
        tls_port=sip.tls_port,
        srtp=sip.srtp,
        registration=_registration(settings),
        bridge_dialer=bridge_dialer_options(settings),
        rate_limits=RateLimits(
            trusted_per_second=sip.rate_limit_per_source,
            untrusted_per_second=sip.untrusted_replies_per_second,
            untrusted_total_per_second=sip.untrusted_replies_total_per_second,
            max_sources=sip.rate_limit_sources,
        ),
        tcp_limits=TcpLimits(
            max_connections=sip.tcp_max_connections,
            max_per_source=sip.tcp_max_connections_per_source,
            idle_seconds=sip.tcp_idle_timeout_seconds,
            message_seconds=sip.tcp_message_timeout_seconds,
            max_message_bytes=sip.tcp_max_message_bytes,
        ),
    )


def bridge_dialer_options(settings: Settings) -> DialerOptions:
    """转人工 bridges call the operator's phone through the outbound proxy (on our SIP port)."""
    sip, out = settings.sip, settings.sip.outbound
    return DialerOptions(
        host=sip.host,
        public_host=sip.public_host,
        proxy=out.proxy,
        from_user=out.from_user,
        username=out.username,
        password=out.password.get_secret_value() if out.password else None,
        rtp_port_min=sip.rtp_port_min,
        rtp_port_max=sip.rtp_port_max,
        trusted_media=list(sip.trusted_media),
        ring_timeout=30,
    )


def _registration(settings: Settings) -> RegistrationOptions | None:
    reg = settings.sip.registration
    if not reg.enabled:
        return None
    return RegistrationOptions(
        registrar=reg.registrar or "",
        username=reg.username or "",
        password=reg.password.get_secret_value() if reg.password else "",
        expires_seconds=reg.expires_seconds,
    )


def publish_to_hub(hub: EventHub) -> Callable[[AppliedChange], None]:
    """AppliedChange → ticketing.web.events.TicketEvent on the console's EventHub."""

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
    hub: EventHub | None = None,
    sip_port: int | None = None,
    node_name: str | None = None,
    asr_engine: Any = None,
    routing: LiveRouting | None = None,
) -> IntakeRuntime:
    """`asr_engine` replaces the engine built from settings (tests share one loaded model);
    `routing` is the node's shared router (built here when None)."""
    route, router = build_route(settings, database.catalog, routing)
    # Approved correction-lexicon entries rewrite what routing sees (never machine_text).
    lexicon = LexiconCache(lambda: applied_lexicon(database))
    route = lexicon_route(route, lexicon, settings.asr.model_path.name)
    window_days = router.rules.duplicates.window_days if router is not None else 3
    find_duplicates = routing_duplicates(router) if router is not None else same_number_duplicates
    base_url = settings.web.base_url or f"http://{settings.web.host}:{settings.web.port}"
    options = IntakeOptions(
        duplicate_window=timedelta(days=window_days),
        partial_interval=settings.asr.partial_interval,
        base_url=base_url,
    )
    node = node_name or node_id(settings)
    lease = settings.cluster.lease_seconds
    backlog = BacklogQueue(database.engine, lease_seconds=lease)
    store = SqlIntakeStore(database, backlog, node_id=node)
    adopt_legacy_journal(settings, node)
    journal = IntakeJournal(journal_path(settings, node))
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
        owner=node,
        engine=asr_engine,
        lease_seconds=lease,
    )
    runtime = IntakeRuntime(
        listener_options(settings, sip_port=sip_port, node=node),
        asr,
        service,
        writer,
        store,
        notifier=notifier_from_settings(
            settings.notify.webhook_url, settings.notify.format, base_url
        ),
        publish=publish_to_hub(hub) if hub is not None else None,
        person_phone=settings.sip.takeover.person_phone,
    )
    runtime_ref.append(runtime)
    return runtime


def shutdown_grace_seconds(settings: Settings) -> float:
    """How long SIGTERM waits for calls in progress: sip.shutdown_grace_seconds
    (HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS). No call lasts longer than sip.max_call_seconds."""
    if "HOTLINE_SHUTDOWN_GRACE_SECONDS" in os.environ:  # the name before it was a setting
        log.warning(
            "HOTLINE_SHUTDOWN_GRACE_SECONDS is no longer read: "
            "set sip.shutdown_grace_seconds or HOTLINE_SIP__SHUTDOWN_GRACE_SECONDS"
        )
    return float(min(settings.sip.shutdown_grace_seconds, settings.sip.max_call_seconds))
