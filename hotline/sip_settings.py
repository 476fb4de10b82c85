"""The `sip` settings section: the listener, TLS/SRTP, abuse limits, registration, the
outbound route for follow-up calls and 转人工 phones (part of hotline/settings.py)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator

from hotline.settings_section import Section
from hotline.telephony.rtp.pump import pump_phases


class RegistrationSettings(Section):
    enabled: bool = False
    registrar: str | None = None  # sip:pbx.example:5060
    username: str | None = None
    password: SecretStr | None = None
    expires_seconds: int = Field(default=300, ge=60)


class OutboundSettings(Section):
    """Trunk or PBX that follow-up calls go through."""

    proxy: str | None = None  # sip:127.0.0.1:5060; None dials the target URI directly
    from_user: str = "hotline"
    username: str | None = None
    password: SecretStr | None = None
    srtp: Literal["off", "optional", "required"] | None = None  # null: as sip.srtp
    transport: Literal["udp", "tcp", "tls"] = "udp"  # a sips: proxy URI means tls


class TakeoverSettings(Section):
    """转人工: console user name → that operator's phone (SIP URI, via sip.outbound.proxy
    when the caller refuses REFER); person_phone takes callers who press 0 or say 人工."""

    operator_phones: dict[str, str] = Field(default_factory=dict)
    person_phone: str | None = None  # None: callers cannot ask for a person


class SipSettings(Section):
    host: str = "127.0.0.1"
    port: int = Field(default=5060, ge=1, le=65535)
    transports: list[Literal["udp", "tcp"]] = Field(default_factory=lambda: ["udp", "tcp"])
    # Address written into Contact/SDP; defaults to host.
    public_host: str | None = None
    trusted_peers: list[str] = Field(default_factory=lambda: ["127.0.0.0/8", "::1/128"])
    rtp_port_min: int = Field(default=20000, ge=1024, le=65535)
    rtp_port_max: int = Field(default=30000, ge=1024, le=65535)
    # Media relays / NAT routers whose RTP is accepted from other addresses than the SDP's.
    trusted_media: list[str] = Field(default_factory=list)
    max_calls: int | None = Field(default=None, ge=1)  # beyond: 503 + Retry-After
    greeting_text: str = "您好，鲅鱼圈区市民投诉中心。请讲出您的诉求和联系电话。"
    greeting_wav: Path | None = None
    max_call_seconds: int = Field(default=600, gt=0)
    silence_timeout_seconds: float = Field(default=20, gt=0)
    media_timeout_seconds: float = Field(default=30, gt=0)
    # Seconds between two reads of each call's RTP socket (a multiple of 0.02, at most
    # 0.5): 0.2 costs less CPU per call, and received audio reaches the recording and ASR
    # up to 0.1 s later than at 0.1.
    media_pump_interval: float = Field(default=0.1, gt=0)
    # RFC 4028 session timers: the interval offered to callers that support them (null:
    # only when a caller or proxy asks), and the shortest accepted (shorter: 422).
    session_expires_seconds: int | None = Field(default=1800, ge=90)
    min_se_seconds: int = Field(default=90, ge=90)
    # SIP over TLS: listens on tls_port when both PEM files are set (no usable default).
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    tls_port: int = Field(default=5061, ge=0, le=65535)
    # SRTP with SDES keys (RFC 4568) to the PBX: off, optional (RTP/AVP too) or required.
    srtp: Literal["off", "optional", "required"] = "optional"
    # CAs (PEM) the outbound proxy's TLS certificate must chain to; null: the system's.
    tls_ca_file: Path | None = None
    # SIGTERM: new calls get 503 (Kamailio fails over); calls in progress may finish
    # for this long before they are hung up.
    shutdown_grace_seconds: float = Field(default=60, ge=0)
    # Abuse limits. Messages per second per trusted source (the burst is one second's
    # worth); untrusted sources get a few stateless replies each and share a total budget.
    rate_limit_per_source: float = Field(default=1000, gt=0)
    untrusted_replies_per_second: float = Field(default=2, ge=0)
    untrusted_replies_total_per_second: float = Field(default=50, ge=0)
    rate_limit_sources: int = Field(default=4096, ge=16)  # sources tracked (memory bound)
    # Accepted SIP-TCP connections: untrusted peers are closed at once, these bound the rest.
    tcp_max_connections: int = Field(default=256, ge=1)
    tcp_max_connections_per_source: int = Field(default=32, ge=1)
    tcp_idle_timeout_seconds: float = Field(default=300, gt=0)
    tcp_message_timeout_seconds: float = Field(default=10, gt=0)  # a begun message completes
    tcp_max_message_bytes: int = Field(default=65535, ge=1024, le=65535)
    registration: RegistrationSettings = Field(default_factory=RegistrationSettings)
    outbound: OutboundSettings = Field(default_factory=OutboundSettings)
    takeover: TakeoverSettings = Field(default_factory=TakeoverSettings)

    @field_validator("media_pump_interval")
    @classmethod
    def _pump_interval(cls, value: float) -> float:
        pump_phases(value)  # raises ValueError saying what is allowed
        return value

    @field_validator("trusted_peers", "trusted_media")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError as exc:
                raise ValueError(f"{item!r} is not an IP address or network") from exc
        return value
