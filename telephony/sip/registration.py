"""Optional registration to a PBX as an extension (RFC 3261 §10), digest on 401/407."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from hotline.telephony.sip.auth import AuthError, DigestCredentials, answer_challenge
from hotline.telephony.sip.endpoint import SipEndpoint, uri_destination
from hotline.telephony.sip.headers import new_call_id, new_tag, sip_host
from hotline.telephony.sip.message import Request, Response

from hotline.plumbing import cancel_and_wait

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RegistrationOptions:
    registrar: str  # sip:pbx.example:5060
    username: str
    password: str
    domain: str | None = None  # AOR domain; defaults to the registrar host
    expires_seconds: int = 300
    retry_seconds: float = 30.0
    transport: str = "udp"


class Registration:
    """Keeps one binding alive: refreshes before expiry, retries after failures."""

    def __init__(self, endpoint: SipEndpoint, options: RegistrationOptions) -> None:
        self.endpoint = endpoint
        self.options = options
        self.credentials = DigestCredentials(options.username, options.password)
        self.dest = uri_destination(options.registrar, options.transport)
        domain = options.domain or self.dest.host
        self.aor = f"sip:{options.username}@{domain}"
        self.call_id = new_call_id(endpoint.public_host)
        self.tag = new_tag()
        self.cseq = 0
        self.registered = False
        self.expires_at: float | None = None
        self.last_status: int | None = None
        self.refreshes = 0
        self._task: asyncio.Task[None] | None = None
        self._first = asyncio.Event()

    async def start(self, wait: float = 10.0) -> bool:
        self._task = asyncio.get_running_loop().create_task(self._run())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._first.wait(), wait)
        return self.registered

    async def stop(self) -> None:
        await cancel_and_wait(self._task)
        self._task = None
        if self.registered:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.register(expires=0), 5)
            self.registered = False

    async def _run(self) -> None:
        while True:
            try:
                granted = await self.register(self.options.expires_seconds)
            except (AuthError, OSError) as exc:
                log.warning("registration failed: %s", exc)
                granted = None
            self._first.set()
            if granted:
                self.refreshes += 1
                # Refresh at half the granted time (at least 5 s ahead), like most phones.
                await asyncio.sleep(max(granted / 2, min(granted - 5, 30), 1))
            else:
                await asyncio.sleep(self.options.retry_seconds)

    async def register(self, expires: int) -> int | None:
        """One REGISTER exchange (challenges, 423 Min-Expires); returns the granted expiry."""
        authorization: tuple[str, str] | None = None
        for _ in range(4):
            response = await self._send(expires, authorization)
            self.last_status = response.status if response else None
            if response is None:
                self.registered = False
                return None
            if response.status in (401, 407):
                header = "WWW-Authenticate" if response.status == 401 else "Proxy-Authenticate"
                authorization = answer_challenge(
                    self.credentials,
                    response.status,
                    response.get(header),
                    "REGISTER",
                    self.options.registrar,
                )
                continue
            if response.status == 423 and (response.get("Min-Expires") or "").strip().isdigit():
                expires = int((response.get("Min-Expires") or "").strip())  # Interval Too Brief
                continue
            if 200 <= response.status < 300:
                self.registered = expires > 0
                granted = self._granted(response, expires)
                loop = asyncio.get_running_loop()
                self.expires_at = loop.time() + granted if expires else None
                return granted
            log.warning("registrar answered %s %s", response.status, response.reason)
            self.registered = False
            return None
        self.registered = False
        return None

    def _granted(self, response: Response, asked: int) -> int:
        for contact in response.get_all("Contact"):
            for param in contact.split(";")[1:]:
                key, _, value = param.partition("=")
                if key.strip().lower() == "expires" and value.strip().isdigit():
                    return int(value.strip())
        value = response.get("Expires")
        return int(value) if value and value.strip().isdigit() else asked

    async def _send(self, expires: int, authorization: tuple[str, str] | None) -> Response | None:
        ep = self.endpoint
        self.cseq += 1
        request = Request(method="REGISTER", uri=self.options.registrar)
        request.add("Via", ep.via(self.dest.transport))
        request.add("Max-Forwards", "70")
        request.add("From", f"<{self.aor}>;tag={self.tag}")
        request.add("To", f"<{self.aor}>")
        request.add("Call-ID", self.call_id)
        request.add("CSeq", f"{self.cseq} REGISTER")
        transport = ";transport=tcp" if self.dest.transport == "tcp" else ""
        request.add(
            "Contact",
            f"<sip:{self.options.username}@{sip_host(ep.public_host)}:{ep.port}{transport}>",
        )
        request.add("Expires", str(expires))
        if authorization is not None:
            request.add(*authorization)
        done: asyncio.Future[Response | None] = asyncio.get_running_loop().create_future()

        def on_response(response: Response | None) -> None:
            if (response is None or response.status >= 200) and not done.done():
                done.set_result(response)

        ep.send_request(request, self.dest, on_response)
        return await done
