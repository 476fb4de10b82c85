"""Session timers (RFC 4028), sans-I/O: negotiating Session-Expires/Min-SE as UAS, and the
per-dialog clock that says when to refresh (we are the refresher) or to hang up (no
refresh came).

Rule: every state change of the clock lives in SESSION_TIMER.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto
from typing import Literal

from hotline.telephony.sip.message import Request, Response
from hotline.telephony.sip.prack import option_tags
from hotline.telephony.sip.transaction import TableMachine

OPTION_TAG = "timer"
Refresher = Literal["uac", "uas"]


@dataclass(frozen=True)
class TooSmall:
    """Answer 422 Session Interval Too Small with this Min-SE (§9)."""

    min_se: int


@dataclass(frozen=True)
class SessionTerms:
    interval: int  # seconds
    refresher: Refresher
    require: bool  # the peer supports timer: the 2xx carries Require: timer (§9)

    def stamp(self, response: Response) -> None:
        response.set("Session-Expires", f"{self.interval};refresher={self.refresher}")
        if self.require:
            response.add("Require", OPTION_TAG)


def _delta(value: str | None) -> tuple[int | None, dict[str, str]]:
    """`delta-seconds *(;param)` → (seconds or None when malformed/absent, parameters)."""
    if not value:
        return None, {}
    head, *params = value.split(";")
    parsed = {}
    for param in params:
        key, _, val = param.partition("=")
        parsed[key.strip().lower()] = val.strip().lower()
    head = head.strip()
    return (int(head) if head.isdigit() and len(head) < 10 else None), parsed


def min_se_of(response: Response) -> dict[str, str] | None:
    """After a 422 (§7.4): the headers of the retry (Session-Expires and Min-SE at the
    peer's Min-SE); None when the 422 names no usable Min-SE."""
    value, _ = _delta(response.get("Min-SE"))
    if value is None:
        return None
    return {"Session_Expires": str(value), "Min_SE": str(value)}


def uas_terms(
    request: Request, *, min_se: int, default_interval: int | None
) -> SessionTerms | TooSmall | None:
    """The session timer a UAS grants for an INVITE/UPDATE (§9). None: no timer (the
    request has none and the UAC does not support one, or we run without)."""
    their_min, _ = _delta(request.get("Min-SE"))
    floor = max(min_se, their_min or 0)  # min_se: 90 s or more in service (§4)
    supported = OPTION_TAG in option_tags(request, "Supported") | option_tags(request, "Require")
    asked, params = _delta(request.get("Session-Expires"))
    if asked is None:
        if not supported or default_interval is None:
            return None
        # §9: we may ask for a timer the UAC did not; it refreshes (it said it can).
        return SessionTerms(max(default_interval, floor), "uac", True)
    if asked < floor:
        return TooSmall(floor)
    refresher = params.get("refresher")
    if not supported:  # only a proxy wants the timer: we must refresh, without Require
        return SessionTerms(asked, "uas", False)
    if refresher not in ("uac", "uas"):
        refresher = "uac"  # ours to choose: the caller refreshes
    return SessionTerms(asked, refresher, True)  # type: ignore[arg-type]


class TimerState(Enum):
    OFF = auto()
    RUNNING = auto()
    REFRESHING = auto()  # our refresh is out, waiting for its final response
    EXPIRED = auto()  # nothing refreshed the session in time: send BYE


class TimerEvent(Enum):
    NEGOTIATED = auto()  # a 2xx to an INVITE/UPDATE carried Session-Expires
    REFRESH_DUE = auto()  # we are the refresher and half the interval passed
    REFRESH_OK = auto()  # our refresh got a 2xx
    REFRESH_FAILED = auto()  # 408 / 481 / no answer (§10)
    EXPIRY = auto()  # the other side is the refresher and it did not


SESSION_TIMER: dict[tuple[TimerState, TimerEvent], TimerState] = {
    (TimerState.OFF, TimerEvent.NEGOTIATED): TimerState.RUNNING,
    (TimerState.RUNNING, TimerEvent.NEGOTIATED): TimerState.RUNNING,  # a refresh came
    (TimerState.RUNNING, TimerEvent.REFRESH_DUE): TimerState.REFRESHING,
    (TimerState.RUNNING, TimerEvent.EXPIRY): TimerState.EXPIRED,
    (TimerState.REFRESHING, TimerEvent.REFRESH_OK): TimerState.RUNNING,
    (TimerState.REFRESHING, TimerEvent.NEGOTIATED): TimerState.REFRESHING,  # theirs crossed
    (TimerState.REFRESHING, TimerEvent.REFRESH_FAILED): TimerState.EXPIRED,
    (TimerState.REFRESHING, TimerEvent.EXPIRY): TimerState.EXPIRED,
}

Action = Literal["refresh", "bye"]


class SessionClock(TableMachine[TimerState, TimerEvent]):
    """When to refresh or give up, for one dialog; `role` is ours in it (uac/uas)."""

    table = SESSION_TIMER

    def __init__(self, role: Refresher) -> None:
        self.role = role
        self.state = TimerState.OFF
        self.terms: SessionTerms | None = None
        self.deadline: float | None = None
        self._expires_at = 0.0

    @property
    def we_refresh(self) -> bool:
        return self.terms is not None and self.terms.refresher == self.role

    def negotiated(self, terms: SessionTerms, now: float) -> None:
        """A 2xx with `terms` went out or came in: the session lives `interval` more."""
        if not self._fire(TimerEvent.NEGOTIATED):
            return
        self.terms = terms
        self._expires_at = now + terms.interval
        self._arm(now)

    def _arm(self, now: float) -> None:
        assert self.terms is not None
        interval = self.terms.interval
        if self.we_refresh and self.state is TimerState.RUNNING:
            self.deadline = now + interval / 2  # §10: refresh at half the interval
        else:
            # §10: the other side's refresh is due by then; BYE at expiry minus
            # min(32, interval/3) (also when our own refresh is still unanswered).
            self.deadline = self._expires_at - min(32, interval / 3)

    def on_timer(self, now: float) -> Action | None:
        if self.deadline is None or now < self.deadline:
            return None
        if self.state is TimerState.RUNNING and self.we_refresh:
            self._fire(TimerEvent.REFRESH_DUE)
            self._arm(now)
            return "refresh"
        if self._fire(TimerEvent.EXPIRY):
            self.deadline = None
            return "bye"
        return None

    def refresh_answered(self, response: Response | None, now: float) -> Action | None:
        """The final response to our refresh (None: it timed out)."""
        if self.state is not TimerState.REFRESHING or self.terms is None:
            return None
        status = response.status if response is not None else None
        if response is not None and 200 <= response.status < 300:
            self._fire(TimerEvent.REFRESH_OK)
            self.negotiated(answered_terms(response, self.terms), now)
            return None
        if status is None or status in (408, 481):
            self._fire(TimerEvent.REFRESH_FAILED)
            self.deadline = None
            return "bye"
        # Another error (491, 5xx…): the session is still up; try again at the expiry guard.
        return None


def answered_terms(response: Response, current: SessionTerms) -> SessionTerms:
    """The terms a 2xx to our refresh confirms (its Session-Expires, else unchanged)."""
    interval, params = _delta(response.get("Session-Expires"))
    if interval is None:
        return current
    refresher = params.get("refresher")
    if refresher not in ("uac", "uas"):
        refresher = current.refresher
    return SessionTerms(interval, refresher, current.require)  # type: ignore[arg-type]
