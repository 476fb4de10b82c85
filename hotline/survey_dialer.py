"""Composition root for 回访: builds the survey dialer and the follow-up service from
settings and runs the scheduler — `run_followup_scheduler` is what `hotline serve` runs.

The call itself is hotline/survey_call.py; the spoken-answer grammar is asr/grammar.py.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from hotline.asr.grammar import GrammarError, SpokenAnswers
from hotline.catalog_loader import load_catalog
from hotline.settings import Settings, node_id
from hotline.survey_call import SurveyCallDialer
from hotline.telephony.dialer import Dialer as SipDialer
from hotline.telephony.dialer import DialerOptions
from hotline.telephony.prompts import PromptCache
from hotline.ticketing.deadlines import Clock, DeadlinePolicy
from hotline.ticketing.followup.dialer import Dialer
from hotline.ticketing.followup.policy import policy_from_settings
from hotline.ticketing.followup.scheduler import FollowupScheduler
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.ticket_port import DatabaseTicketPort
from hotline.ticketing.persistence.database import Database

log = logging.getLogger(__name__)


def target_uri_factory(settings: Settings) -> Callable[[str], str]:
    """sip:NUMBER@proxy-host when a trunk/PBX is configured, else sip:NUMBER@sip.host
    (which the dialer refuses when that is our own listener's port)."""
    proxy = settings.sip.outbound.proxy
    if proxy:
        host = proxy.split(":", 1)[1] if proxy.startswith(("sip:", "sips:")) else proxy
        host = host.split(";", 1)[0]
    else:
        host = settings.sip.public_host or settings.sip.host
    return lambda number: f"sip:{number}@{host}"


def load_spoken_answers(settings: Settings) -> SpokenAnswers | None:
    """The grammar recogniser, or None (with the reason logged): keys always work."""
    if not settings.followup.spoken_answers:
        return None
    try:
        return SpokenAnswers.load(settings.asr.model_path)
    except (GrammarError, OSError) as exc:
        log.warning("follow-up: spoken answers off: %s", exc)
        return None
    except Exception as exc:  # vosk refuses the model (e.g. 8 kHz without allow-upsample)
        log.warning("follow-up: spoken answers off: vosk could not load the model: %s", exc)
        return None


async def build_survey_dialer(
    settings: Settings,
    *,
    spoken: SpokenAnswers | None = None,
    sip_port: int = 0,
    listener_port: int | None = None,
) -> SurveyCallDialer:
    """`sip_port`: the dialer's own port (0: any free one); `listener_port`: the port
    `hotline serve` listens on when not settings.sip.port — never dialled."""
    out = settings.sip.outbound
    port = listener_port or settings.sip.port
    listeners = [(settings.sip.host, port)]
    if settings.sip.public_host:
        listeners.append((settings.sip.public_host, port))
    sip = SipDialer(
        DialerOptions(
            host=settings.sip.host,
            port=sip_port,
            public_host=settings.sip.public_host,
            proxy=out.proxy,
            from_user=out.from_user,
            username=out.username,
            password=out.password.get_secret_value() if out.password else None,
            rtp_port_min=settings.sip.rtp_port_min,
            rtp_port_max=settings.sip.rtp_port_max,
            own_listeners=tuple(listeners),
            trusted_media=list(settings.sip.trusted_media),
            srtp=out.srtp or settings.sip.srtp,
            transport=out.transport,
            tls_ca_file=settings.sip.tls_ca_file,
        )
    )
    await sip.start()
    return SurveyCallDialer(
        sip=sip,
        prompts=PromptCache(settings.storage.prompts_dir),
        target_for=target_uri_factory(settings),
        recordings_dir=settings.storage.recordings_dir,
        spoken=spoken,
    )


def build_followup_service(
    settings: Settings, database: Database, *, clock: Clock | None = None, node: str | None = None
) -> FollowupService:
    return FollowupService(
        engine=database.engine,
        tickets=DatabaseTicketPort(database),
        policy=policy_from_settings(settings),
        clock=clock or database.clock,
        node=node or node_id(settings),
        trigger=settings.followup.trigger_state,
        deadlines=DeadlinePolicy.from_settings(settings.deadlines),
        **catalog_names(settings),
    )


def catalog_names(settings: Settings) -> dict[str, dict[str, str]]:
    """Area and request-type names for the survey's spoken summary (none if unreadable:
    the summary then names the topic alone)."""
    try:
        catalog = load_catalog(settings.catalog_path)
    except Exception as exc:  # the service checks the catalogue at start; never fail here
        log.warning("follow-up: catalogue names unavailable: %s", exc)
        return {}
    return {
        "area_names": {a.id: a.name for a in catalog.areas},
        "type_names": {c.id: c.name for c in catalog.categories},
    }


async def run_followup_scheduler(
    settings: Settings,
    database: Database,
    stop: asyncio.Event,
    *,
    dialer: Dialer | None = None,
    clock: Clock | None = None,
    node: str | None = None,
    interval_seconds: float = 30.0,
    max_concurrent_calls: int = 2,
    listener_port: int | None = None,
) -> None:
    """Run the 回访 scheduler until `stop` is set (what `hotline serve` awaits).

    Builds the SIP survey dialer from settings unless one is given; a no-op
    when followup.enabled is false. Without an outbound route (sip.outbound.proxy)
    and no dialer given, surveys are planned but never dialled (the console says why).
    """
    if not settings.followup.enabled:
        log.info("follow-up surveys disabled (followup.enabled: false)")
        return
    service = build_followup_service(settings, database, clock=clock, node=node)
    own: SurveyCallDialer | None = None
    if dialer is None and service.policy.dialling_off:
        log.warning(
            "follow-up dialling off: no sip.outbound.proxy configured (%s)",
            service.policy.dialling_off,
        )
    elif dialer is None:
        spoken = await asyncio.to_thread(load_spoken_answers, settings)
        own = dialer = await build_survey_dialer(
            settings, spoken=spoken, listener_port=listener_port
        )
    window = service.policy.window
    log.info(
        "follow-up scheduler running on node %s: after %s, calls %s–%s %s, dialling %s, "
        "spoken answers %s",
        service.node,
        service.trigger,
        window.start.strftime("%H:%M"),
        window.end.strftime("%H:%M"),
        window.timezone,
        "on" if dialer is not None else "off",
        "on" if getattr(dialer, "spoken", None) is not None else "off",
    )
    scheduler = FollowupScheduler(
        service,
        dialer,
        max_concurrent_calls=max_concurrent_calls,
        interval_seconds=interval_seconds,
    )
    try:
        await scheduler.run(stop)
    finally:
        if own is not None:
            await own.sip.close()


def followup_part(ctx: Any) -> Callable[[Any], AsyncIterator[None]]:
    """The aiohttp cleanup context `hotline serve` runs
    (ctx: hotline.service_context.ServiceContext)."""

    async def part(app: Any) -> AsyncIterator[None]:
        stop = asyncio.Event()
        scheduler = run_followup_scheduler(
            ctx.settings, ctx.database, stop, listener_port=getattr(ctx, "sip_port", None)
        )
        task = asyncio.create_task(scheduler, name="followup-scheduler")
        yield
        stop.set()
        try:
            await asyncio.wait_for(task, 60)
        except TimeoutError:
            task.cancel()
        except Exception:
            log.exception("follow-up scheduler ended with an error")

    return part
