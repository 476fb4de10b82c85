"""Who is calling: console sessions (encrypted cookie), API tokens (Bearer), CSRF, login limits.

- Console: `aiohttp-session` EncryptedCookieStorage keyed from `web.secret_key`.
  The session holds the user name, a CSRF token and the time of last use; it
  expires after `web.session_minutes` of inactivity (checked against the app's
  clock, so tests can move time) → 401 `session_expired`.
- Integrations: `Authorization: Bearer <token>`; tokens are stored hashed.
- CSRF: every unsafe request authenticated by the cookie must carry the
  session's token in `X-CSRF-Token` (double submit through a readable value
  the page gets from /api/v1/session). Bearer requests carry no ambient
  credentials and need none.
- Roles are checked in each handler with `require_role(...)`, on the server.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from aiohttp import web
from aiohttp_session import get_session, new_session
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from hotline.ticketing.users import Actor, Role, User
from hotline.ticketing.web.errors import ApiError

SESSION_COOKIE = "hotline_session"
CSRF_HEADER = "X-CSRF-Token"
USER_KEY: web.RequestKey[Any] = web.RequestKey("hotline.user", object)  # -> Principal | None
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Paths anyone may reach (the rest of /api/ needs a user).
PUBLIC_API_PATHS = frozenset({"/api/v1/session/login", "/api/v1/openapi.json"})


class UserDirectory(Protocol):
    """What auth needs from the user service (the foundation's, adapted in services.py)."""

    async def authenticate(self, name: str, password: str) -> User | None: ...

    async def get_user(self, name: str) -> User | None: ...

    async def user_for_token(self, token_hash: str) -> User | None: ...


@dataclass(frozen=True)
class Principal:
    user: User
    via: str  # "session" | "token"

    @property
    def role(self) -> Role:
        return self.user.role

    @property
    def actor(self) -> Actor:
        return self.user.as_actor()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_api_token() -> str:
    return "hl_" + secrets.token_urlsafe(32)


def cookie_storage(secret_key: str, *, secure: bool = False) -> EncryptedCookieStorage:
    # Fernet wants 32 bytes (the storage base64-encodes them): derive from the configured secret.
    key = hashlib.sha256(b"hotline-session:" + secret_key.encode()).digest()
    return EncryptedCookieStorage(
        key,
        cookie_name=SESSION_COOKIE,
        httponly=True,
        secure=secure,
        samesite="Strict",
        max_age=None,  # browser-session cookie; inactivity expiry is ours (clock-aware)
    )


@dataclass
class LoginLimiter:
    """Failed logins per user name (5 in 15 min) and per client address (30 in 15 min).

    The address limit is looser: a whole office may sit behind one NAT or proxy.
    """

    max_per_name: int = 5
    max_per_address: int = 30
    window_seconds: float = 15 * 60
    monotonic: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, key: str) -> deque[float]:
        now = self.monotonic()
        q = self._failures.setdefault(key, deque())
        while q and now - q[0] > self.window_seconds:
            q.popleft()
        return q

    @staticmethod
    def keys(name: str, address: str) -> tuple[str, str]:
        return f"user:{name.lower()}", f"addr:{address}"

    def blocked(self, name: str, address: str) -> bool:
        by_name, by_addr = self.keys(name, address)
        return (
            len(self._recent(by_name)) >= self.max_per_name
            or len(self._recent(by_addr)) >= self.max_per_address
        )

    def failed(self, name: str, address: str) -> None:
        for key in self.keys(name, address):
            self._recent(key).append(self.monotonic())

    def succeeded(self, name: str) -> None:
        self._failures.pop(self.keys(name, "")[0], None)


async def start_session(request: web.Request, user: User, now: datetime) -> str:
    session = await new_session(request)
    csrf = secrets.token_urlsafe(24)
    session["user"] = user.name
    session["csrf"] = csrf
    session["last_seen"] = now.timestamp()
    return csrf


async def end_session(request: web.Request) -> None:
    session = await get_session(request)
    session.invalidate()


async def identify(
    request: web.Request,
    directory: UserDirectory,
    now: datetime,
    session_seconds: float,
    *,
    touch: bool = True,
) -> Principal | None:
    """The caller, or None; raises 401 for a bad token or an expired session, 403 for CSRF."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "invalid_token", "API 令牌无效", "Authorization must be Bearer")
        user = await directory.user_for_token(hash_token(token.strip()))
        if user is None or not user.active:
            raise ApiError(401, "invalid_token", "API 令牌无效或已停用", "unknown token")
        return Principal(user=user, via="token")

    if SESSION_COOKIE not in request.cookies:
        return None
    session = await get_session(request)
    name = session.get("user")
    if not name:
        # A cookie we cannot read (other key, tampered, or logged out).
        raise ApiError(401, "session_expired", "登录已过期，请重新登录", "no valid session")
    last_seen = float(session.get("last_seen", 0))
    if now.timestamp() - last_seen > session_seconds:
        session.invalidate()
        raise ApiError(401, "session_expired", "登录已过期，请重新登录", "session timed out")
    user = await directory.get_user(name)
    if user is None or not user.active:
        session.invalidate()
        raise ApiError(401, "session_expired", "账号已停用，请重新登录", "user gone")
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent or not secrets.compare_digest(sent, str(session.get("csrf", ""))):
            raise ApiError(403, "csrf_failed", "页面已失效，请刷新页面后重试", "CSRF token missing")
    if touch:  # not on streams (SSE): their headers are gone before the cookie could change
        session["last_seen"] = now.timestamp()
    return Principal(user=user, via="session")


def current(request: web.Request) -> Principal:
    principal = request.get(USER_KEY)
    if principal is None:
        raise ApiError(401, "unauthenticated", "请先登录", "no credentials")
    return principal


def require_role(request: web.Request, *roles: Role) -> Principal:
    """The caller, if their role is one of `roles`; else 403 (401 when not logged in)."""
    principal = current(request)
    if principal.role not in roles:
        raise ApiError(
            403,
            "forbidden",
            "您的角色无权执行此操作",
            f"role {principal.role} not in {[str(r) for r in roles]}",
        )
    return principal


CENTRE_ROLES = (Role.OPERATOR, Role.LEAD)
STAFF_ROLES = (Role.OPERATOR, Role.LEAD, Role.ADMIN)
