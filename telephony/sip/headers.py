"""Typed reads of header values (via sipmessage) and response construction."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from hotline.telephony.sip.message import Request, Response, SipParseError
from sipmessage import URI, Address, Via

REASONS = {
    100: "Trying",
    180: "Ringing",
    183: "Session Progress",
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    415: "Unsupported Media Type",
    420: "Bad Extension",
    422: "Session Interval Too Small",
    481: "Call/Transaction Does Not Exist",
    483: "Too Many Hops",
    487: "Request Terminated",
    488: "Not Acceptable Here",
    491: "Request Pending",
    500: "Server Internal Error",
    501: "Not Implemented",
    503: "Service Unavailable",
}
DTMF_INFO_TYPES = ("application/dtmf-relay", "application/dtmf")
ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, INFO, PRACK"
SUPPORTED = "100rel, timer"  # option tags we serve (Supported; Require of these is no 420)
KNOWN_METHODS = frozenset(
    [
        "INVITE",
        "ACK",
        "BYE",
        "CANCEL",
        "OPTIONS",
        "UPDATE",
        "INFO",
        "REGISTER",
        "SUBSCRIBE",
        "NOTIFY",
        "PUBLISH",
        "MESSAGE",
        "REFER",
        "PRACK",
    ]
)


_V6_RECEIVED = re.compile(r";\s*received\s*=\s*\[?[0-9A-Fa-f.:]*:[0-9A-Fa-f.:]*\]?", re.I)


def sip_host(host: str) -> str:
    """A host as written in SIP URIs and Via sent-by: IPv6 addresses in brackets (RFC 3261
    §25.1, RFC 5118)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def new_tag() -> str:
    return secrets.token_hex(6)


def new_branch() -> str:
    return "z9hG4bK" + secrets.token_hex(8)


def new_call_id(host: str) -> str:
    return f"{secrets.token_hex(10)}@{host}"


def parse_address(value: str | None) -> Address:
    if value is None:
        raise SipParseError("missing address header")
    try:
        return Address.parse(value.strip())
    except (ValueError, KeyError, IndexError) as exc:
        raise SipParseError(f"bad address {value[:60]!r}") from exc


def tag_of(value: str | None) -> str | None:
    return parse_address(value).parameters.get("tag") if value else None


def top_via(message: Request | Response) -> Via:
    values = message.get_all("Via")
    if not values:
        raise SipParseError("no Via")
    # RFC 3261 writes an IPv6 `received` without brackets, which sipmessage rejects: it
    # only matters to the peer that stamped it, so it is hidden from the parser.
    value = _V6_RECEIVED.sub("", values[0].split(",")[0])
    try:
        return Via.parse_many(value)[0]
    except (ValueError, KeyError, IndexError) as exc:
        raise SipParseError("bad Via") from exc


def cseq_of(message: Request | Response) -> tuple[int, str]:
    value = message.get("CSeq")
    parts = value.split() if value else []
    if len(parts) != 2 or not parts[0].isdigit():
        raise SipParseError("bad CSeq")
    return int(parts[0]), parts[1].upper()


def uri_user(uri_text: str) -> str | None:
    try:
        uri = URI.parse(uri_text)
    except (ValueError, KeyError, IndexError):
        return None
    return uri.user or None  # for tel: URIs sipmessage puts the number in `user`


def address_user(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return uri_user(str(parse_address(value).uri))
    except SipParseError:
        return None


def check_request(request: Request) -> None:
    """The headers every request must carry (RFC 3261 §8.1.1); raises SipParseError."""
    for name in ("Call-ID", "From", "To"):
        if not request.get(name):
            raise SipParseError(f"missing {name}")
    top_via(request)
    number, method = cseq_of(request)
    if method != request.method and not (request.method == "ACK" and method == "ACK"):
        raise SipParseError("CSeq method differs from request method")
    parse_address(request.get("From"))
    parse_address(request.get("To"))


def make_response(
    request: Request,
    status: int,
    *,
    to_tag: str | None = None,
    received: str | None = None,
    rport: int | None = None,
    reason: str | None = None,
) -> Response:
    """A response copying Via/From/To/Call-ID/CSeq; fills Via received/rport (RFC 3581)."""
    response = Response(status=status, reason=reason or REASONS.get(status, "Unknown"))
    vias = request.get_all("Via")
    for index, via in enumerate(vias):
        if index == 0 and received is not None:
            via = _stamp_via(via, received, rport)
        response.add("Via", via)
    to = request.get("To") or ""
    if to_tag and status > 100 and ";tag=" not in to.replace(" ", "").lower():
        to = f"{to};tag={to_tag}"
    for name, value in (
        ("From", request.get("From")),
        ("To", to),
        ("Call-ID", request.get("Call-ID")),
        ("CSeq", request.get("CSeq")),
    ):
        if value is not None:
            response.add(name, value)
    return response


def _stamp_via(via: str, received: str, rport: int | None) -> str:
    params = via.split(";")
    out = [params[0]]
    for param in params[1:]:
        key = param.split("=", 1)[0].strip().lower()
        if key == "rport":
            out.append(f"rport={rport}" if rport is not None else "rport")
        elif key != "received":
            out.append(param)
    out.append(f"received={received}")
    return ";".join(out)


@dataclass(frozen=True)
class CallIdentity:
    caller: str | None
    called: str | None
    forwarded_from: str | None


def call_identity(request: Request) -> CallIdentity:
    """Caller: P-Asserted-Identity, then From. Forwarded from: Diversion, then History-Info."""
    caller = None
    for value in request.get_all("P-Asserted-Identity"):
        caller = address_user(value)
        if caller:
            break
    caller = caller or address_user(request.get("From"))
    called = address_user(request.get("To")) or uri_user(request.uri)
    forwarded = None
    for value in request.get_all("Diversion"):
        forwarded = address_user(value)
        if forwarded:
            break
    if forwarded is None:
        entries = request.get_all("History-Info")
        if len(entries) > 1:  # the first entry is the originally dialled (forwarding) number
            forwarded = address_user(entries[0])
    return CallIdentity(caller=caller, called=called, forwarded_from=forwarded)


def strip_tag(header_value: str) -> str:
    address = parse_address(header_value)
    params = "".join(
        f";{k}" + (f"={v}" if v is not None else "")
        for k, v in address.parameters.items()
        if k.lower() != "tag"
    )
    name = f'"{address.name}" ' if address.name else ""
    return f"{name}<{address.uri}>{params}"


def dtmf_from_info(request: Request) -> str | None:
    ctype = (request.get("Content-Type") or "").split(";")[0].strip().lower()
    if ctype not in DTMF_INFO_TYPES:
        return None
    text = request.body.decode("utf-8", "replace").strip()
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip().lower() == "signal":
            text = value.strip()
            break
    digit = text[:1].upper()
    return digit if digit and digit in "0123456789*#ABCD" else None
