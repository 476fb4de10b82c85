"""The I/O around a call's session timer (RFC 4028): sends our refreshes (UPDATE when the
peer allows it, else a re-INVITE with the current SDP) and hangs up a session that nobody
refreshed. When to do which is decided by `sip.session_timer.SessionClock`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from hotline.telephony.sip.dialog import Dialog
from hotline.telephony.sip.endpoint import SipEndpoint
from hotline.telephony.sip.headers import cseq_of
from hotline.telephony.sip.message import Request, Response
from hotline.telephony.sip.session_timer import OPTION_TAG, SessionClock, SessionTerms
from hotline.telephony.sip.transport import Peer


@dataclass
class RefreshRoute:
    """What an in-dialog refresh needs: where to send it and how to describe us."""

    endpoint: SipEndpoint
    dialog: Dialog
    dest: Peer
    contact: str
    use_update: bool  # the peer's Allow names UPDATE


def allows_update(request: Request) -> bool:
    return any(
        method.strip().upper() == "UPDATE"
        for value in request.get_all("Allow")
        for method in value.split(",")
    )


async def send_refresh(
    route: RefreshRoute, terms: SessionTerms, sdp: bytes | None
) -> Response | None:
    """One refresh request and its final response (None: it timed out)."""
    ep, dialog = route.endpoint, route.dialog
    method = "UPDATE" if route.use_update or sdp is None else "INVITE"
    request = dialog.request(
        method, ep.public_host, ep.port_for(route.dest.transport), route.dest.transport
    )
    request.add("Contact", route.contact)
    request.add("Session-Expires", f"{terms.interval};refresher={terms.refresher}")
    request.add("Supported", OPTION_TAG)
    if method == "INVITE" and sdp is not None:
        request.add("Content-Type", "application/sdp")
        request.body = sdp
    done: asyncio.Future[Response | None] = asyncio.get_running_loop().create_future()

    def on_response(response: Response | None) -> None:
        if (response is None or response.status >= 200) and not done.done():
            done.set_result(response)

    ep.send_request(request, route.dest, on_response)
    try:
        response = await asyncio.wait_for(done, 64 * ep.t1 + 5)
    except TimeoutError:
        ep.forget_client(request)
        return None
    if method == "INVITE" and response is not None and 200 <= response.status < 300:
        number = cseq_of(request)[0]
        ack = dialog.request(
            "ACK",
            ep.public_host,
            ep.port_for(route.dest.transport),
            route.dest.transport,
            cseq=number,
        )
        ep.send_request(ack, route.dest, lambda r: None)
    return response


async def keep_session(
    clock: SessionClock,
    route: RefreshRoute,
    current_sdp: Callable[[], bytes | None],
    is_over: Callable[[], bool],
    hang_up: Callable[[], Awaitable[None]],
) -> None:
    """Runs for the life of the call: refresh when due, hang up when the session died."""
    loop = asyncio.get_running_loop()
    while not is_over() and clock.deadline is not None:
        # A refresh from the peer moves the deadline later: then this wakes early, finds
        # nothing due, and sleeps again.
        await asyncio.sleep(max(0.05, clock.deadline - loop.time()))
        action = clock.on_timer(loop.time())
        if action == "refresh" and clock.terms is not None:
            response = await send_refresh(route, clock.terms, current_sdp())
            action = clock.refresh_answered(response, loop.time())
        if action == "bye" and not is_over():
            await hang_up()
            return
