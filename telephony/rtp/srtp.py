"""SRTP with keys exchanged in SDP (RFC 3711, SDES RFC 4568): the `a=crypto` attribute and
the crypto context of one stream.

Sans-I/O: `SrtpContext` turns packets into packets (libsrtp through pylibsrtp); the RTP
session does the socket work. Packets that fail authentication or replay checks are
dropped and counted by the caller, never decoded.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from typing import Final, Literal

from pylibsrtp import Error, Policy, Session

SrtpMode = Literal["off", "optional", "required"]
# The suites of RFC 4568 §6.2 that libsrtp offers and every SDES peer supports; 80-bit tag
# first (RFC 4568 says offer it; _32 saves 6 bytes a packet, its RTCP keeps 80 bits).
SUITES: Final = {
    "AES_CM_128_HMAC_SHA1_80": Policy.SRTP_PROFILE_AES128_CM_SHA1_80,
    "AES_CM_128_HMAC_SHA1_32": Policy.SRTP_PROFILE_AES128_CM_SHA1_32,
}
KEY_BYTES: Final = 30  # 128-bit master key + 112-bit master salt


@dataclass(frozen=True)
class Crypto:
    """One `a=crypto:` line we can use: tag, suite and the single inline master key."""

    tag: int
    suite: str
    key: bytes  # master key || master salt

    def attribute(self) -> str:
        return f"crypto:{self.tag} {self.suite} inline:{base64.b64encode(self.key).decode()}"


def parse_crypto(value: str) -> Crypto | None:
    """The value of `a=crypto:` (tag suite inline:KEY[|lifetime] [params]), or None when
    we cannot use it: unknown suite, several keys, an MKI, session parameters (e.g.
    UNENCRYPTED_SRTP) or a key that is not 30 bytes of base64."""
    parts = value.split()
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[0]) > 9:
        return None
    tag, suite, key_params = int(parts[0]), parts[1], parts[2]
    if suite not in SUITES or ";" in key_params or not key_params.startswith("inline:"):
        return None
    fields = key_params[len("inline:") :].split("|")
    if len(fields) > 2 or (len(fields) == 2 and ":" in fields[1]):  # MKI:length
        return None
    try:
        key = base64.b64decode(fields[0], validate=True)
    except (binascii.Error, ValueError):
        return None
    return Crypto(tag, suite, key) if len(key) == KEY_BYTES else None


def new_crypto(tag: int, suite: str) -> Crypto:
    return Crypto(tag, suite, secrets.token_bytes(KEY_BYTES))


@dataclass(frozen=True)
class SrtpKeys:
    """The crypto of one negotiated stream: ours protects what we send, theirs
    authenticates what we receive (RFC 4568 §6.1: each side sends with its own key)."""

    local: Crypto
    remote: Crypto


def answer_crypto(offered: tuple[Crypto, ...], keep: SrtpKeys | None = None) -> SrtpKeys | None:
    """The first offered suite we support, answered with our key (the one we already use
    when the suite is unchanged: a re-INVITE need not re-key us). None: nothing usable."""
    if not offered:
        return None
    theirs = offered[0]  # parse_crypto kept only what we support: the peer's first choice
    if keep is not None and keep.local.suite == theirs.suite:
        return SrtpKeys(Crypto(theirs.tag, theirs.suite, keep.local.key), theirs)
    return SrtpKeys(new_crypto(theirs.tag, theirs.suite), theirs)


def offer_crypto() -> tuple[Crypto, ...]:
    return tuple(new_crypto(tag, suite) for tag, suite in enumerate(SUITES, start=1))


class SrtpContext:
    """Both directions of one stream; `rejected` counts packets that failed the checks."""

    def __init__(self, keys: SrtpKeys) -> None:
        self.keys = keys
        self.rejected = 0
        self._out = Session(_policy(keys.local, Policy.SSRC_ANY_OUTBOUND))
        self._in = Session(_policy(keys.remote, Policy.SSRC_ANY_INBOUND))

    def protect(self, packet: bytes) -> bytes:
        return self._out.protect(packet)

    def protect_rtcp(self, packet: bytes) -> bytes:
        return self._out.protect_rtcp(packet)

    def unprotect(self, packet: bytes) -> bytes | None:
        try:
            return self._in.unprotect(packet)
        except Error:
            self.rejected += 1
            return None

    def unprotect_rtcp(self, packet: bytes) -> bytes | None:
        try:
            return self._in.unprotect_rtcp(packet)
        except Error:
            self.rejected += 1
            return None

    def unprotect_batch(self, view: memoryview, stride: int, lengths: list[int]) -> memoryview:
        """The batch decrypted into a new buffer of the same layout (datagram i at i*stride,
        its new length in lengths[i]); ones that fail get length -1, like foreign ones."""
        out = bytearray(stride * len(lengths))
        offset = -stride
        for index, size in enumerate(lengths):
            offset += stride
            if size < 0:
                continue
            plain = self.unprotect(view[offset : offset + size].tobytes())
            if plain is None:
                lengths[index] = -1
                continue
            out[offset : offset + len(plain)] = plain
            lengths[index] = len(plain)
        return memoryview(out)


def _policy(crypto: Crypto, ssrc_type: int) -> Policy:
    return Policy(key=crypto.key, ssrc_type=ssrc_type, srtp_profile=SUITES[crypto.suite])
