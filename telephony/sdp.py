"""SDP offer/answer for one G.711 audio stream (RFC 4566, RFC 3264, RFC 4733), plain
RTP/AVP or SRTP with SDES keys (RTP/SAVP with `a=crypto`, RFC 4568)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from hotline.telephony.rtp.srtp import (
    Crypto,
    SrtpKeys,
    SrtpMode,
    answer_crypto,
    offer_crypto,
    parse_crypto,
)

PCMU, PCMA = 0, 8
SECURE_PROFILES = ("RTP/SAVP", "RTP/SAVPF")  # SDES keys; DTLS-SRTP (UDP/TLS/…) is not served
CODEC_NAMES = {PCMU: "PCMU", PCMA: "PCMA"}
PREFERENCE = (PCMA, PCMU)  # PCMA first: what Chinese carriers use
DIRECTIONS = ("sendrecv", "sendonly", "recvonly", "inactive")
_ANSWER_DIRECTION = {
    "sendrecv": "sendrecv",
    "sendonly": "recvonly",
    "recvonly": "sendonly",
    "inactive": "inactive",
}


class SdpError(ValueError):
    """SDP we cannot parse or cannot serve."""


@dataclass(frozen=True)
class AudioOffer:
    """What the peer's SDP says about its audio stream."""

    host: str
    port: int
    payload_types: tuple[int, ...]  # in the peer's order of preference
    rtpmap: dict[int, str]  # pt -> "name/rate" lower-case
    direction: str
    ptime_ms: int | None
    profile: str = "RTP/AVP"
    crypto: tuple[Crypto, ...] = ()  # the usable a=crypto lines, in the peer's order

    @property
    def secure(self) -> bool:
        return self.profile in SECURE_PROFILES


@dataclass(frozen=True)
class Negotiated:
    remote: tuple[str, int]
    payload_type: int
    dtmf_payload_type: int | None
    ptime_ms: int
    direction: str  # OUR direction (what we do), answer side of the peer's
    srtp: SrtpKeys | None = None  # None: plain RTP


def parse_sdp(body: bytes) -> AudioOffer:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SdpError("SDP is not UTF-8") from exc
    session_host: str | None = None
    media_host: str | None = None
    session_dir = "sendrecv"
    media_dir: str | None = None
    port: int | None = None
    pts: tuple[int, ...] = ()
    rtpmap: dict[int, str] = {}
    ptime: int | None = None
    profile = "RTP/AVP"
    crypto: list[Crypto] = []
    in_audio = False
    seen_audio = False
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if len(line) < 2 or line[1] != "=":
            continue
        kind, value = line[0], line[2:]
        if kind == "m":
            parts = value.split()
            in_audio = not seen_audio and len(parts) >= 4 and parts[0] == "audio"
            if in_audio:
                seen_audio = True
                profile = parts[2].upper()
                try:
                    port = int(parts[1].split("/")[0])
                    pts = tuple(int(p) for p in parts[3:] if p.isdigit())
                except ValueError as exc:
                    raise SdpError("bad m= line") from exc
            continue
        if kind == "c":
            parts = value.split()
            if len(parts) < 3 or parts[0] != "IN":
                raise SdpError("bad c= line")
            host = parts[2].split("/")[0]
            if in_audio:
                media_host = host
            elif not seen_audio:
                session_host = host
            continue
        if kind != "a" or (seen_audio and not in_audio):
            continue
        name, _, arg = value.partition(":")
        if name in DIRECTIONS:
            if in_audio:
                media_dir = name
            else:
                session_dir = name
        elif name == "rtpmap" and in_audio:
            pt_text, _, enc = arg.partition(" ")
            if pt_text.isdigit():
                rtpmap[int(pt_text)] = enc.strip().lower()
        elif name == "ptime" and in_audio and arg.strip().isdigit():
            ptime = int(arg.strip())
        elif name == "crypto" and in_audio and (usable := parse_crypto(arg)) is not None:
            crypto.append(usable)
    if port is None:
        raise SdpError("no audio stream")
    host = media_host or session_host
    if host is None:
        raise SdpError("no connection address")
    if "SAVP" in profile and profile not in SECURE_PROFILES:
        raise SdpError(f"media profile {profile} is not supported (SDES SRTP only)")
    return AudioOffer(
        host, port, pts, rtpmap, media_dir or session_dir, ptime, profile, tuple(crypto)
    )


def _codec_of(offer: AudioOffer, pt: int) -> int | None:
    enc = offer.rtpmap.get(pt)
    if enc is None:
        return pt if pt in CODEC_NAMES else None  # static payload types need no rtpmap
    name = enc.split("/")[0]
    for static, codec in CODEC_NAMES.items():
        if name == codec.lower():
            return static if pt == static else None
    return None


def negotiate(
    offer: AudioOffer,
    srtp: SrtpMode = "optional",
    keep: SrtpKeys | None = None,
    ours: tuple[Crypto, ...] = (),
) -> Negotiated:
    """Pick PCMA, else PCMU; telephone-event/8000 if offered. SdpError if nothing fits.

    `srtp` is the peer's policy: off refuses RTP/SAVP, required refuses RTP/AVP. `keep`:
    the keys in use (a re-offer keeps our key); `ours`: the crypto we offered, when `offer`
    is the answer to our offer (it names one of our tags and gives the peer's key)."""
    available = {c for pt in offer.payload_types if (c := _codec_of(offer, pt)) is not None}
    chosen = next((c for c in PREFERENCE if c in available), None)
    if chosen is None:
        raise SdpError("no acceptable codec (PCMA/PCMU)")
    dtmf = next(
        (pt for pt in offer.payload_types if offer.rtpmap.get(pt) == "telephone-event/8000"),
        None,
    )
    ptime = offer.ptime_ms if offer.ptime_ms in (10, 20, 30, 40, 60) else 20
    return Negotiated(
        remote=(offer.host, offer.port),
        payload_type=chosen,
        dtmf_payload_type=dtmf,
        ptime_ms=ptime,
        direction=_ANSWER_DIRECTION.get(offer.direction, "sendrecv"),
        srtp=_srtp_keys(offer, srtp, keep, ours),
    )


def _srtp_keys(
    offer: AudioOffer, mode: SrtpMode, keep: SrtpKeys | None, ours: tuple[Crypto, ...]
) -> SrtpKeys | None:
    if not offer.secure:
        if mode == "required" or ours:
            raise SdpError("SRTP (RTP/SAVP with a=crypto) is required")
        return None
    if mode == "off":
        raise SdpError("SRTP is not accepted here (RTP/AVP only)")
    if ours:  # an answer: its one crypto line takes up one of our offered ones by tag
        theirs = offer.crypto[0] if offer.crypto else None
        mine = next(
            (c for c in ours if theirs and (c.tag, c.suite) == (theirs.tag, theirs.suite)), None
        )
        if mine is None or theirs is None:
            raise SdpError("the answer's a=crypto matches none we offered")
        return SrtpKeys(mine, theirs)
    keys = answer_crypto(offer.crypto, keep)
    if keys is None:
        raise SdpError("no usable a=crypto (AES_CM_128_HMAC_SHA1_80/_32, one inline key)")
    return keys


class SdpSession:
    """Our side of the SDP exchange: keeps o= id and bumps the version on each change."""

    def __init__(self, host: str, port: int, srtp: SrtpMode = "optional") -> None:
        self.host = host
        self.port = port
        self.srtp: SrtpMode = srtp  # the peer's policy: "required" offers RTP/SAVP
        self.offered: tuple[Crypto, ...] = ()  # our crypto while an offer awaits its answer
        self.keys: SrtpKeys | None = None  # the keys of the last answer we gave
        self.session_id = secrets.randbelow(2**31)
        self.version = self.session_id
        self.addrtype = "IP6" if ":" in host else "IP4"  # RFC 4566 §5.7

    def describe(
        self,
        payload_types: tuple[int, ...],
        dtmf_payload_type: int | None,
        direction: str = "sendrecv",
        ptime_ms: int = 20,
        crypto: tuple[Crypto, ...] = (),
    ) -> bytes:
        self.version += 1
        profile = SECURE_PROFILES[0] if crypto else "RTP/AVP"
        fmts = list(payload_types) + ([dtmf_payload_type] if dtmf_payload_type else [])
        lines = [
            "v=0",
            f"o=hotline {self.session_id} {self.version} IN {self.addrtype} {self.host}",
            "s=hotline",
            f"c=IN {self.addrtype} {self.host}",
            "t=0 0",
            f"m=audio {self.port} {profile} {' '.join(str(f) for f in fmts)}",
        ]
        lines += [f"a=rtpmap:{pt} {CODEC_NAMES[pt]}/8000" for pt in payload_types]
        if dtmf_payload_type:
            lines += [
                f"a=rtpmap:{dtmf_payload_type} telephone-event/8000",
                f"a=fmtp:{dtmf_payload_type} 0-16",
            ]
        lines += [f"a={c.attribute()}" for c in crypto]
        lines += [f"a=ptime:{ptime_ms}", f"a={direction}"]
        return ("\r\n".join(lines) + "\r\n").encode()

    def answer(self, negotiated: Negotiated) -> bytes:
        self.keys = negotiated.srtp
        return self.describe(
            (negotiated.payload_type,),
            negotiated.dtmf_payload_type,
            negotiated.direction,
            negotiated.ptime_ms,
            (negotiated.srtp.local,) if negotiated.srtp else (),
        )

    def offer(self) -> bytes:
        """RTP/SAVP with our crypto when the peer requires SRTP, else plain RTP/AVP."""
        self.offered = offer_crypto() if self.srtp == "required" else ()
        return self.describe(PREFERENCE, 101, crypto=self.offered)

    def accept_answer(self, body: bytes, final: bool = True) -> Negotiated:
        """The answer to our offer in a response (early media: again in the 2xx, so the
        offer stays open until `final`)."""
        answer = parse_sdp(body)
        if answer.secure and not self.offered:
            raise SdpError("an RTP/SAVP answer to our RTP/AVP offer")
        negotiated = negotiate(answer, self.srtp, self.keys, self.offered)
        self.keys = negotiated.srtp
        if final:
            self.offered = ()
        return negotiated

    def negotiate(self, body: bytes) -> Negotiated:
        """The peer's SDP in this session: the answer to our open offer, else a new offer."""
        ours, self.offered = self.offered, ()
        negotiated = negotiate(parse_sdp(body), self.srtp, self.keys, ours)
        if ours:
            self.keys = negotiated.srtp
        return negotiated
