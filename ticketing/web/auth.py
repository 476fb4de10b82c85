"""Who is calling: console sessions (server-side), API tokens (Bearer), CSRF, login limits.

- Console: the cookie carries only a random session id; the session lives in the
  database (`web_sessions`, keyed by an HMAC of the id under `web.secret_key`), so
  every node sees a logout at once. A session ends on logout, after
  `web.session_minutes` without use, `web.session_max_hours` after login, when the
  password changes (the row remembers a fingerprint of the password hash) or the
  account is disabled → 401 `session_expired`. Times come from the app's clock.
- Integrations: `Authorization: Bearer <token>`; tokens are stored hashed, carry
  scopes (read / intake / commands) and an expiry; refusals of a known token are
  audited.
- CSRF: every unsafe request authenticated by the cookie must carry the
  session's token in `X-CSRF-Token` (double submit through a readable value
  the page gets from /api/v1/session). Bearer requests carry no ambient
  credentials and need none.
- Roles are checked in each handler with `require_role(...)`, on the server.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from aiohttp import web
from aiohttp_session import STORAGE_KEY, AbstractStorage, Session, get_session, new_session
from hotline.ticketing.users import Actor, Role, User
from hotline.ticketing.web import auth_store
from hotline.ticketing.web.auth_store import SessionRecord
from hotline.ticketing.web.context import ctx
from hotline.ticketing.web.errors import ApiError

from hotline.settings import WebSettings

SESSION_COOKIE = "hotline_session"
CSRF_HEADER = "X-CSRF-Token"
USER_KEY: web.RequestKey[Any] = web.RequestKey("hotline.user", object)  # -> Principal | None
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Paths anyone may reach (the rest of /api/ needs a user).
PUBLIC_API_PATHS = frozenset({"/api/v1/session/login", "/api/v1/openapi.json"})

# A session's last use is written at most this often (not on every request).
TOUCH_EVERY = timedelta(seconds=60)

EXPIRED_ZH = "登录已过期，请重新登录"


class UserDirectory(Protocol):
    """What auth needs from the user service (the foundation's, adapted in services.py)."""

    async def authenticate(self, name: str, password: str) -> User | None: ...

    async def get_user(self, name: str) -> User | None: ...


@dataclass(frozen=True)
class Principal:
    user: User
    via: str  # "session" | "token"
    csrf: str | None = None  # console sessions only
    session_hash: str | None = None
    token_id: int | None = None

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


def credential_fingerprint(user: User) -> str:
    """Changes whenever the password does: sessions made before a change stop working."""
    return hashlib.sha256(b"hotline-credential:" + user.password_hash.encode()).hexdigest()


def _run(fn: Any, *args: Any, **kwargs: Any) -> Any:
    return asyncio.to_thread(fn, *args, **kwargs)


# --- sessions -----------------------------------------------------------------------------------

_RECORD = "record"  # the SessionRecord inside the aiohttp-session Session


class DatabaseSessionStorage(AbstractStorage):
    """aiohttp-session storage: the cookie is the session id, the data is a database row."""

    def __init__(self, secret_key: str, *, secure: bool) -> None:
        super().__init__(
            cookie_name=SESSION_COOKIE,
            httponly=True,
            secure=secure,
            samesite="Lax",  # top-level links into the console work; writes need CSRF anyway
            max_age=None,  # browser-session cookie; expiry is the server's
        )
        self._key = hashlib.sha256(b"hotline-session:" + secret_key.encode()).digest()

    def id_hash(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode(), hashlib.sha256).hexdigest()

    async def load_session(self, request: web.Request) -> Session:
        session_id = self.load_cookie(request)
        record = None
        if session_id and len(session_id) <= 100:
            record = await _run(auth_store.load_session, ctx(request).db, self.id_hash(session_id))
        if record is None:
            return Session(None, data=None, new=True)
        return Session(session_id, data={"session": {_RECORD: record}}, new=False)

    async def save_session(
        self, request: web.Request, response: web.StreamResponse, session: Session
    ) -> None:
        # The row is written by start_session/end_session; here only the cookie changes.
        self.save_cookie(response, "" if session.empty else str(session.identity))


def cookie_storage(secret_key: str, *, secure: bool = False) -> DatabaseSessionStorage:
    return DatabaseSessionStorage(secret_key, secure=secure)


def _storage(request: web.Request) -> DatabaseSessionStorage:
    storage = request.get(STORAGE_KEY)
    assert isinstance(storage, DatabaseSessionStorage), "session middleware not installed"
    return storage


async def start_session(request: web.Request, user: User, now: datetime) -> str:
    """A new session for `user` (the client's previous one ends); returns its CSRF token."""
    c = ctx(request)
    await end_session(request, "relogin")
    storage = _storage(request)
    session_id = secrets.token_urlsafe(32)
    record = SessionRecord(
        id_hash=storage.id_hash(session_id),
        user_name=user.name,
        csrf=secrets.token_urlsafe(24),
        credential=credential_fingerprint(user),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=c.settings.web.session_max_hours),
        ended_at=None,
        end_reason="",
    )
    await _run(auth_store.create_session, c.db, record, request.remote or "")
    session = await new_session(request)
    session.set_new_identity(session_id)
    session[_RECORD] = record
    return record.csrf


async def end_session(request: web.Request, reason: str = "logout") -> None:
    if SESSION_COOKIE not in request.cookies:
        return
    session = await get_session(request)
    record = session.get(_RECORD)
    if isinstance(record, SessionRecord) and record.ended_at is None:
        c = ctx(request)
        await _run(auth_store.end_session, c.db, record.id_hash, c.now(), reason)
    session.invalidate()


def _session_problem(record: SessionRecord, now: datetime, idle: float) -> str | None:
    if record.ended_at is not None:
        return record.end_reason or "ended"
    if now >= record.expires_at:
        return "expired"
    if (now - record.last_seen_at).total_seconds() > idle:
        return "idle"
    return None


async def _session_principal(
    request: web.Request, directory: UserDirectory, now: datetime, idle: float, touch: bool
) -> Principal:
    c = ctx(request)
    session = await get_session(request)
    record = session.get(_RECORD)
    if not isinstance(record, SessionRecord):
        # A cookie we do not know (other key, tampered, or long gone).
        raise ApiError(401, "session_expired", EXPIRED_ZH, "no valid session")
    problem = _session_problem(record, now, idle)
    user = None if problem else await directory.get_user(record.user_name)
    if problem is None and (user is None or not user.active):
        problem = "disabled"
    elif problem is None and user is not None and credential_fingerprint(user) != record.credential:
        problem = "password"
    if problem is not None:
        if record.ended_at is None:
            await _run(auth_store.end_session, c.db, record.id_hash, now, problem)
        session.invalidate()
        message = {"disabled": "账号已停用，请联系管理员", "password": "密码已更改，请重新登录"}
        raise ApiError(401, "session_expired", message.get(problem, EXPIRED_ZH), problem)
    assert user is not None
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent or not secrets.compare_digest(sent, record.csrf):
            raise ApiError(403, "csrf_failed", "页面已失效，请刷新页面后重试", "CSRF token missing")
    if touch and now - record.last_seen_at >= TOUCH_EVERY:
        await _run(auth_store.touch_session, c.db, record.id_hash, now)
    return Principal(user=user, via="session", csrf=record.csrf, session_hash=record.id_hash)


# --- API tokens ---------------------------------------------------------------------------------

# Creating tickets and asking for a routing suggestion is what an intake integration does.
INTAKE_PATHS = frozenset({"/api/v1/tickets", "/api/v1/routing/suggest"})


def scope_needed(method: str, path: str) -> str:
    if method in SAFE_METHODS:
        return "read"
    if method == "POST" and path in INTAKE_PATHS:
        return "intake"
    return "commands"


async def _token_principal(request: web.Request, directory: UserDirectory, token: str) -> Principal:
    c = ctx(request)
    record = await _run(auth_store.token_by_hash, c.db, hash_token(token))
    if record is None:
        raise ApiError(401, "invalid_token", "API 令牌无效", "unknown token")
    now = c.now()
    user = await directory.get_user(record.user_name)
    scope = scope_needed(request.method, request.path)
    refusal: tuple[int, str, str] | None = None
    if record.revoked_at is not None:
        refusal = (401, "revoked", "API 令牌已撤销")
    elif record.expires_at is not None and record.expires_at <= now:
        refusal = (401, "expired", "API 令牌已过期")
    elif user is None or not user.active:
        refusal = (401, "user_disabled", "API 令牌所属账号已停用")
    elif request.path.startswith("/api/v1/tokens"):
        refusal = (403, "token_management", "管理 API 令牌需要登录控制台")
    elif scope not in record.scopes:
        refusal = (403, "scope", f"API 令牌无此权限（需要 {scope}）")
    if refusal is not None:
        status, reason, message = refusal
        await _run(
            auth_store.audit_now,
            c.db,
            record.user_name,
            str(user.role) if user else "",
            "token_denied",
            remote=request.remote or "",
            details={
                "token_id": record.id,
                "prefix": record.prefix,
                "reason": reason,
                "method": request.method,
                "path": request.path,
            },
        )
        code = "invalid_token" if status == 401 else "token_scope"
        raise ApiError(status, code, message, reason)
    assert user is not None
    if record.last_used_at is None or now - record.last_used_at >= TOUCH_EVERY:
        await _run(auth_store.token_used, c.db, record.id, now)
    return Principal(user=user, via="token", token_id=record.id)


async def identify(
    request: web.Request,
    directory: UserDirectory,
    now: datetime,
    session_seconds: float,
    *,
    touch: bool = True,
) -> Principal | None:
    """The caller, or None; raises 401 for a bad token or an ended session, 403 for CSRF
    or a token without the scope the request needs."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "invalid_token", "API 令牌无效", "Authorization must be Bearer")
        return await _token_principal(request, directory, token.strip())
    if SESSION_COOKIE not in request.cookies:
        return None
    return await _session_principal(request, directory, now, session_seconds, touch)


# --- login limits -------------------------------------------------------------------------------


def login_limits(web_settings: WebSettings) -> auth_store.Limits:
    return auth_store.Limits(
        window=timedelta(minutes=web_settings.login_window_minutes),
        per_pair=web_settings.login_max_failures,
        per_address=web_settings.login_max_failures_per_address,
        lock_at=web_settings.login_lock_failures,
    )


# --- where to go after login ----------------------------------------------------------------


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (the caller picks the home page).

    Browsers read `/\\host`, `/\t/host` and the like as `//host`: only a single leading
    slash followed by plain path characters is accepted, checked after percent-decoding.
    """
    if not target or len(target) > 2000:
        return None
    decoded = unquote(target)
    for text in (target, decoded):
        if not text.startswith("/") or text.startswith("//") or "\\" in text:
            return None
        if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in text):
            return None
        parts = urlsplit(text)
        if parts.scheme or parts.netloc:
            return None
    return target


# --- roles ------------------------------------------------------------------------------------


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
