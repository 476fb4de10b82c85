"""What the dialer (UAC) is configured with, and the TLS context of its outbound proxy."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from pathlib import Path

from hotline.telephony.rtp.srtp import SrtpMode


@dataclass
class DialerOptions:
    host: str = "127.0.0.1"
    port: int = 0  # our SIP port; 0 picks a free one
    public_host: str | None = None
    # udp, tcp or tls; a sips: proxy URI (or ;transport=tls) means tls whatever this says.
    transport: str = "udp"
    proxy: str | None = None  # outbound proxy URI; None sends to the target URI's host
    from_user: str = "hotline"
    username: str | None = None  # digest credentials for 401/407
    password: str | None = None
    rtp_port_min: int = 30000
    rtp_port_max: int = 40000
    trusted_media: list[str] = field(default_factory=list)  # see ListenerOptions
    ring_timeout: float = 45.0  # no answer after this: CANCEL, outcome no_answer
    srtp: SrtpMode = "optional"  # required: we offer RTP/SAVP (SDES) and accept only SRTP
    # TLS: the proxy's certificate must chain to these CAs (PEM) and name its host; None:
    # the system's CAs. Never unchecked.
    tls_ca_file: Path | None = None
    # This service's SIP listeners (host, port): never dialled, a call there rings ourselves.
    own_listeners: tuple[tuple[str, int], ...] = ()

    def outbound_transport(self) -> str:
        proxy = (self.proxy or "").strip().strip("<").lower()
        if proxy.startswith("sips:") or ";transport=tls" in proxy:
            return "tls"
        return self.transport


def client_tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Verifies the server's certificate chain and host name (TLS 1.2 or later)."""
    try:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca_file)
    except (OSError, ssl.SSLError) as exc:  # missing file, or no PEM certificate in it
        raise ValueError(f"cannot load the TLS CA file {ca_file}: {exc}") from exc
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context
