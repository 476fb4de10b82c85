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
