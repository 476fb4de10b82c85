"""Prometheus metrics, defined once; telephony/asr wiring and the web app update them.

Own registry (not the global default) so several apps in one test process do
not collide; `hotline serve` exposes `REGISTRY` at /metrics. Gauges that are
cheap to compute from the database (tickets by state, overdue) are refreshed
on scrape by the web app.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

CALLS_ACTIVE = Gauge("hotline_calls_active", "Calls currently connected", registry=REGISTRY)
CALLS_TOTAL = Counter(
    "hotline_calls", "Calls answered since start", ["direction"], registry=REGISTRY
)
ASR_QUEUE_LENGTH = Gauge(
    "hotline_asr_queue_length", "Recordings waiting for transcription", registry=REGISTRY
)
ASR_LATENCY = Histogram(
    "hotline_asr_latency_seconds",
    "Time from hang-up to a finished transcript",
    buckets=(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900),
    registry=REGISTRY,
)
TICKETS_BY_STATE = Gauge(
    "hotline_tickets", "Tickets by workflow state", ["state"], registry=REGISTRY
)
TICKETS_OVERDUE = Gauge(
    "hotline_tickets_overdue", "Open tickets past a deadline", ["deadline"], registry=REGISTRY
)
SURVEY_OUTCOMES = Counter(
    "hotline_survey_outcomes", "Follow-up survey results", ["outcome"], registry=REGISTRY
)
UPSTREAM_PUSHES = Counter(
    "hotline_upstream_pushes", "Pushes to the upper platform", ["result"], registry=REGISTRY
)
HTTP_REQUESTS = Counter(
    "hotline_http_requests", "HTTP requests handled", ["status_class"], registry=REGISTRY
)
CALL_MOS = Histogram(
    "hotline_call_mos",
    "E-model MOS estimate of the caller's audio, per answered call",
    buckets=(1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.3, 4.5),
    registry=REGISTRY,
)
CALL_RTT = Histogram(
    "hotline_call_rtt_seconds",
    "RTCP round-trip time at the end of a call (calls whose peer sent RTCP)",
    buckets=(0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6),
    registry=REGISTRY,
)
CALLS_POOR_AUDIO = Counter(
    "hotline_calls_poor_audio",
    "Calls whose audio was too poor to transcribe well (MOS below 3)",
    registry=REGISTRY,
)


def observe_call_quality(mos: float, rtt_seconds: float | None, poor: bool) -> None:
    CALL_MOS.observe(mos)
    if rtt_seconds is not None:
        CALL_RTT.observe(rtt_seconds)
    if poor:
        CALLS_POOR_AUDIO.inc()
