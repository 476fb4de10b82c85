"""The database side of authentication: console sessions, the login limiter, API tokens.

Synchronous (the app runs these in a worker thread). Every node of a cluster shares
them through the database, so a logout, a lock or a revocation holds everywhere.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.persistence.records import execute_committed, record_from_row
from hotline.ticketing.web.tables import ApiTokenRow, AuditRow, LoginThrottleRow, SessionRow
from sqlalchemy import and_, case, delete, false, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

# --- audit ------------------------------------------------------------------------------------


def audit(
    session: Session,
    at: datetime,
    actor: str,
    actor_role: str,
    action: str,
    *,
    remote: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """One audit-log row in the caller's transaction (the caller commits)."""
    session.add(
        AuditRow(
            at=at,
            actor=actor[:100],
            actor_role=actor_role[:20],
            action=action,
            ticket_id=None,
            remote=remote[:64],
            details=details or {},
        )
    )


def audit_now(db: Database, actor: str, actor_role: str, action: str, **kw: Any) -> None:
    with db.uow() as uow:
        assert uow.session is not None
        audit(uow.session, db.clock(), actor, actor_role, action, **kw)
        uow.commit()


# --- console sessions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionRecord:
    id_hash: str
    user_name: str
    csrf: str
    credential: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ended_at: datetime | None
    end_reason: str


def _session_record(row: SessionRow) -> SessionRecord:
    return record_from_row(SessionRecord, row)


# Ended and expired sessions are kept this long (who was logged in when), then deleted.
SESSION_RETENTION = timedelta(days=30)


def create_session(db: Database, record: SessionRecord, remote: str) -> None:
    with db.uow() as uow:
        assert uow.session is not None
        uow.session.execute(
            delete(SessionRow).where(SessionRow.expires_at < record.created_at - SESSION_RETENTION)
        )
        fresh = {"ended_at": None, "end_reason": "", "remote": remote[:64]}
        uow.session.add(SessionRow(**{**asdict(record), **fresh}))
        uow.commit()


def load_session(db: Database, id_hash: str) -> SessionRecord | None:
    with db.uow() as uow:
        assert uow.session is not None
        row = uow.session.get(SessionRow, id_hash)
        return None if row is None else _session_record(row)


def touch_session(db: Database, id_hash: str, now: datetime) -> None:
    execute_committed(
        db, update(SessionRow).where(SessionRow.id_hash == id_hash).values(last_seen_at=now)
    )


def end_session(db: Database, id_hash: str, now: datetime, reason: str) -> None:
    execute_committed(
        db,
        update(SessionRow)
        .where(SessionRow.id_hash == id_hash, SessionRow.ended_at.is_(None))
        .values(ended_at=now, end_reason=reason),
    )


def end_sessions_of(session: Session, user_name: str, now: datetime, reason: str) -> int:
    """End every live session of `user_name` in the caller's transaction; how many."""
    result = session.execute(
        update(SessionRow)
        .where(SessionRow.user_name == user_name, SessionRow.ended_at.is_(None))
        .values(ended_at=now, end_reason=reason)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def end_user_sessions(db: Database, user_name: str, now: datetime, reason: str) -> int:
    """End every live session of `user_name`; how many there were."""
    with db.uow() as uow:
        assert uow.session is not None
        ended = end_sessions_of(uow.session, user_name, now, reason)
        uow.commit()
        return ended


def last_logins(db: Database) -> dict[str, datetime]:
    """user name → when their latest console session began (sessions are kept
    SESSION_RETENTION after they end, so older logins are forgotten)."""
    with db.uow() as uow:
        assert uow.session is not None
        rows = uow.session.execute(
            select(SessionRow.user_name, func.max(SessionRow.created_at)).group_by(
                SessionRow.user_name
            )
        )
        return {name: at for name, at in rows}


# --- login limiter ----------------------------------------------------------------------------


class Verdict(StrEnum):
    GO = "go"  # evaluate the password
    PAIR_BLOCKED = "pair_blocked"  # too many failures for this name from this address
    ADDRESS_BLOCKED = "address_blocked"  # too many failures from this address
    LOCKED = "locked"  # the account is locked until an admin unlocks it


@dataclass(frozen=True)
class Limits:
    window: timedelta
    per_pair: int
    per_address: int
    lock_at: int  # failures of one name from everywhere


def _keys(user_name: str, address: str) -> tuple[str, str, str, str]:
    name = user_name.strip().lower()
    return name, f"pair:{name}|{address}"[:300], f"user:{name}"[:300], f"addr:{address}"[:300]


def _bump(session: Session, key: str, user_name: str, now: datetime, limits: Limits) -> int:
    """Add one attempt to `key` in one atomic statement (INSERT … ON CONFLICT DO UPDATE …
    RETURNING) and return the count, so parallel attempts are counted one by one."""
    t = LoginThrottleRow.__table__
    ts_type = t.c.window_start.type
    insert = (postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert)(t)
    stale = and_(t.c.window_start < literal(now - limits.window, ts_type), t.c.locked == false())
    stmt = insert.values(
        key=key, user_name=user_name, failures=1, window_start=now, locked=False
    ).on_conflict_do_update(
        index_elements=[t.c.key],
        set_={
            "failures": case((stale, 1), else_=t.c.failures + 1),
            "window_start": case((stale, literal(now, ts_type)), else_=t.c.window_start),
        },
    )
    return int(session.execute(stmt.returning(t.c.failures)).scalar_one())


def _unbump(session: Session, key: str) -> None:
    session.execute(
        update(LoginThrottleRow)
        .where(LoginThrottleRow.key == key, LoginThrottleRow.failures > 0)
        .values(failures=LoginThrottleRow.failures - 1)
    )


def reserve_login(
    db: Database, user_name: str, address: str, now: datetime, limits: Limits
) -> Verdict:
    """Count this attempt before the password is checked; GO means it may be checked.

    Refused attempts do not count towards the account ceiling: hammering from one
    address only blocks that address, never the account.
    """
    name, pair, user, addr = _keys(user_name, address)
    with db.uow() as uow:
        s = uow.session
        assert s is not None
        lock_row = s.get(LoginThrottleRow, user)
        if lock_row is not None and lock_row.locked:
            return Verdict.LOCKED
        if _bump(s, pair, name, now, limits) > limits.per_pair:
            uow.commit()
            return Verdict.PAIR_BLOCKED
        if _bump(s, addr, "", now, limits) > limits.per_address:
            uow.commit()
            return Verdict.ADDRESS_BLOCKED
        if _bump(s, user, name, now, limits) > limits.lock_at:
            _unbump(s, user)
            uow.commit()
            return Verdict.LOCKED
        uow.commit()
        return Verdict.GO


def login_failed(db: Database, user_name: str, address: str, limits: Limits) -> bool:
    """The reserved attempt failed (it stays counted); True when this locked the account."""
    _, _, user, _ = _keys(user_name, address)
    return bool(
        execute_committed(
            db,
            update(LoginThrottleRow)
            .where(
                LoginThrottleRow.key == user,
                LoginThrottleRow.failures >= limits.lock_at,
                LoginThrottleRow.locked == false(),
            )
            .values(locked=True),
        )
    )


def login_succeeded(
    db: Database, user_name: str, address: str, now: datetime, limits: Limits
) -> None:
    """Forget this address's failures for the name and give back the reserved attempt;
    drop counters whose window is long over (they would restart at 1 anyway)."""
    _, pair, user, addr = _keys(user_name, address)
    with db.uow() as uow:
        assert uow.session is not None
        uow.session.execute(delete(LoginThrottleRow).where(LoginThrottleRow.key == pair))
        uow.session.execute(
            delete(LoginThrottleRow).where(
                LoginThrottleRow.window_start < now - 2 * limits.window,
                LoginThrottleRow.locked == false(),
            )
        )
        _unbump(uow.session, user)
        _unbump(uow.session, addr)
        uow.commit()


def unlock(db: Database, user_name: str) -> bool:
    """Clear the lock and every failure count of `user_name`; True if anything was held."""
    name = user_name.strip().lower()
    return bool(
        execute_committed(db, delete(LoginThrottleRow).where(LoginThrottleRow.user_name == name))
    )


def locked_users(db: Database) -> list[str]:
    with db.uow() as uow:
        assert uow.session is not None
        return list(
            uow.session.scalars(
                select(LoginThrottleRow.user_name)
                .where(LoginThrottleRow.locked.is_(True))
                .order_by(LoginThrottleRow.user_name)
            )
        )


# --- API tokens -------------------------------------------------------------------------------

SCOPES = ("read", "intake", "commands")


@dataclass(frozen=True)
class TokenRecord:
    id: int
    user_name: str
    label: str
    prefix: str
    scopes: tuple[str, ...]
    created_at: datetime
    created_by: str
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"

    def to_json(self, now: datetime) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return None if value is None else value.isoformat()

        return {
            "id": self.id,
            "user_name": self.user_name,
            "label": self.label,
            "prefix": self.prefix,
            "scopes": list(self.scopes),
            "created_at": iso(self.created_at),
            "created_by": self.created_by,
            "expires_at": iso(self.expires_at),
            "revoked_at": iso(self.revoked_at),
            "last_used_at": iso(self.last_used_at),
            "state": self.state(now),
        }


def _token_record(row: ApiTokenRow) -> TokenRecord:
    return record_from_row(TokenRecord, row, scopes=tuple(row.scopes or ()))


def add_token(
    db: Database,
    *,
    user_name: str,
    token_hash: str,
    prefix: str,
    label: str,
    scopes: tuple[str, ...],
    lifetime: timedelta,
    created_by: tuple[str, str],  # (name, role) of whoever made it
    remote: str = "",
) -> TokenRecord:
    """Store a token and audit its creation in the same transaction."""
    now = db.clock()
    with db.uow() as uow:
        assert uow.session is not None
        row = ApiTokenRow(
            token_hash=token_hash,
            user_name=user_name,
            label=label,
            created_at=now,
            prefix=prefix,
            scopes=list(scopes),
            expires_at=now + lifetime,
            created_by=created_by[0],
        )
        uow.session.add(row)
        uow.session.flush()
        record = _token_record(row)
        audit(
            uow.session,
            now,
            created_by[0],
            created_by[1],
            "token_created",
            remote=remote,
            details={**record.to_json(now), "token_id": record.id},
        )
        uow.commit()
        return record


def token_by_hash(db: Database, token_hash: str) -> TokenRecord | None:
    with db.uow() as uow:
        assert uow.session is not None
        row = uow.session.scalars(
            select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash)
        ).first()
        return None if row is None else _token_record(row)


def token_by_id(db: Database, token_id: int) -> TokenRecord | None:
    with db.uow() as uow:
        assert uow.session is not None
        row = uow.session.get(ApiTokenRow, token_id)
        return None if row is None else _token_record(row)


def list_tokens(db: Database, user_name: str | None = None) -> list[TokenRecord]:
    with db.uow() as uow:
        assert uow.session is not None
        stmt = select(ApiTokenRow).order_by(ApiTokenRow.id)
        if user_name is not None:
            stmt = stmt.where(ApiTokenRow.user_name == user_name)
        return [_token_record(r) for r in uow.session.scalars(stmt)]


def revoke_token(
    db: Database, token_id: int, by: tuple[str, str], remote: str = ""
) -> TokenRecord | None:
    """Revoke a live token and audit it; None when there is no such live token."""
    now = db.clock()
    with db.uow() as uow:
        assert uow.session is not None
        row = uow.session.get(ApiTokenRow, token_id)
        if row is None or row.revoked_at is not None:
            return None
        row.revoked_at = now
        record = _token_record(row)
        audit(
            uow.session,
            now,
            by[0],
            by[1],
            "token_revoked",
            remote=remote,
            details={"token_id": token_id, "owner": row.user_name, "prefix": row.prefix},
        )
        uow.commit()
        return record


def token_used(db: Database, token_id: int, now: datetime) -> None:
    execute_committed(
        db, update(ApiTokenRow).where(ApiTokenRow.id == token_id).values(last_used_at=now)
    )
