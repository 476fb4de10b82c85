"""HTTP Digest for SIP (RFC 3261 §22, RFC 2617 qop=auth, RFC 8760 SHA-256)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

_PARAM = re.compile(r'\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]+)\s*,?')
_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


class AuthError(ValueError):
    """A challenge we cannot answer."""


@dataclass(frozen=True)
class Challenge:
    realm: str
    nonce: str
    qop: tuple[str, ...]
    algorithm: str
    opaque: str | None
    stale: bool


def parse_challenge(value: str) -> Challenge:
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != "digest":
        raise AuthError(f"unsupported auth scheme {scheme!r}")
    params: dict[str, str] = {}
    for match in _PARAM.finditer(rest):
        raw = match.group(2)
        params[match.group(1).lower()] = raw[1:-1] if raw.startswith('"') else raw
    if "nonce" not in params:
        raise AuthError("challenge without nonce")
    algorithm = params.get("algorithm", "MD5").upper()
    if algorithm not in _HASHES:
        raise AuthError(f"unsupported digest algorithm {algorithm}")
    qop = tuple(q.strip() for q in params.get("qop", "").split(",") if q.strip())
    if qop and "auth" not in qop:
        raise AuthError("only qop=auth is supported")
    return Challenge(
        realm=params.get("realm", ""),
        nonce=params["nonce"],
        qop=qop,
        algorithm=algorithm,
        opaque=params.get("opaque"),
        stale=params.get("stale", "").lower() == "true",
    )


class DigestCredentials:
    """Answers challenges; counts nonce uses (nc) per nonce."""

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self.password = password
        self._nc: dict[str, int] = {}

    def authorization(
        self, challenge: Challenge, method: str, uri: str, *, cnonce: str | None = None
    ) -> str:
        h = _HASHES[challenge.algorithm]

        def digest(text: str) -> str:
            return h(text.encode()).hexdigest()

        ha1 = digest(f"{self.username}:{challenge.realm}:{self.password}")
        ha2 = digest(f"{method}:{uri}")
        parts = [
            f'username="{self.username}"',
            f'realm="{challenge.realm}"',
            f'nonce="{challenge.nonce}"',
            f'uri="{uri}"',
            f"algorithm={challenge.algorithm}",
        ]
        if "auth" in challenge.qop:
            nc = self._nc.get(challenge.nonce, 0) + 1
            self._nc[challenge.nonce] = nc
            cnonce = cnonce or secrets.token_hex(8)
            response = digest(f"{ha1}:{challenge.nonce}:{nc:08x}:{cnonce}:auth:{ha2}")
            parts += ["qop=auth", f"nc={nc:08x}", f'cnonce="{cnonce}"']
        else:
            response = digest(f"{ha1}:{challenge.nonce}:{ha2}")
        parts.append(f'response="{response}"')
        if challenge.opaque is not None:
            parts.append(f'opaque="{challenge.opaque}"')
        return "Digest " + ", ".join(parts)


def answer_challenge(
    credentials: DigestCredentials, status: int, header_value: str | None, method: str, uri: str
) -> tuple[str, str]:
    """(header name, value) to add to the retried request for a 401 or 407."""
    if header_value is None:
        raise AuthError(f"{status} without a challenge header")
    name = "Authorization" if status == 401 else "Proxy-Authorization"
    return name, credentials.authorization(parse_challenge(header_value), method, uri)
