"""SIP message framing: bytes <-> Request/Response.

Why not `sipmessage.Message.parse`: it copes with compact forms and empty headers, but
measured on sipmessage 0.7.1 it rejects bare-LF line endings, breaks on folded header lines
(RFC 3261 §7.3.1 continuation), keeps "Via :" as a different header name, ignores
Content-Length (so it cannot frame TCP streams or notice a truncated UDP body) and its
Digest parser rejects `qop="auth,auth-int"`. The framing below is small and total (every
failure is a `SipParseError`); header *values* (addresses, Via, URIs) are still parsed with
sipmessage's typed classes in `headers.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COMPACT_FORMS = {
    "i": "Call-ID",
    "m": "Contact",
    "e": "Content-Encoding",
    "l": "Content-Length",
    "c": "Content-Type",
    "f": "From",
    "s": "Subject",
    "k": "Supported",
    "t": "To",
    "v": "Via",
    "o": "Event",
    "r": "Refer-To",
    "b": "Referred-By",
    "u": "Allow-Events",
    "x": "Session-Expires",
}
_CANONICAL = {
    name.lower(): name
    for name in [
        "Via",
        "Call-ID",
        "Contact",
        "Content-Length",
        "Content-Type",
        "From",
        "To",
        "CSeq",
        "Max-Forwards",
        "Route",
        "Record-Route",
        "Allow",
        "Accept",
        "Supported",
        "Require",
        "Server",
        "User-Agent",
        "Expires",
        "Min-Expires",
        "WWW-Authenticate",
        "Proxy-Authenticate",
        "Authorization",
        "Proxy-Authorization",
        "P-Asserted-Identity",
        "Diversion",
        "History-Info",
        "Reason",
        "Session-Expires",
        "Unsupported",
    ]
}
# Headers whose comma-separated values are separate entries (RFC 3261 §7.3.1).
MULTI_VALUE = frozenset({"via", "route", "record-route", "contact", "history-info", "diversion"})
MAX_MESSAGE = 65535


class SipParseError(ValueError):
    """The bytes are not a SIP message we can understand."""


def canonical_name(raw: str) -> str:
    name = raw.strip()
    lower = name.lower()
    if len(lower) == 1 and lower in COMPACT_FORMS:
        return COMPACT_FORMS[lower]
    return _CANONICAL.get(lower, name)


@dataclass
class Message:
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def get(self, name: str) -> str | None:
        lower = name.lower()
        for key, value in self.headers:
            if key.lower() == lower:
                return value
        return None

    def get_all(self, name: str) -> list[str]:
        """All values, with comma-joined multi-value headers split into entries."""
        lower = name.lower()
        values: list[str] = []
        for key, value in self.headers:
            if key.lower() == lower:
                values.extend(split_commas(value) if lower in MULTI_VALUE else [value])
        return values

    def set(self, name: str, value: str) -> None:
        self.remove(name)
        self.headers.append((name, value))

    def add(self, name: str, value: str) -> None:
        self.headers.append((name, value))

    def remove(self, name: str) -> None:
        lower = name.lower()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != lower]

    def _header_bytes(self) -> bytes:
        lines = [f"{k}: {v}" for k, v in self.headers if k.lower() != "content-length"]
        lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()


@dataclass
class Request(Message):
    method: str = ""
    uri: str = ""

    def to_bytes(self) -> bytes:
        return f"{self.method} {self.uri} SIP/2.0\r\n".encode() + self._header_bytes() + self.body


@dataclass
class Response(Message):
    status: int = 0
    reason: str = ""

    def to_bytes(self) -> bytes:
        return (
            f"SIP/2.0 {self.status} {self.reason}\r\n".encode() + self._header_bytes() + self.body
        )


def split_commas(value: str) -> list[str]:
    """Split on commas outside quotes and <...>."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    i = 0
    while i < len(value):
        ch = value[i]
        if quoted:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch == "<":
            depth += 1
        elif ch == ">":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            parts.append(value[start:i].strip())
            start = i + 1
        i += 1
    parts.append(value[start:].strip())
    return [p for p in parts if p]


def _split_head(data: bytes) -> tuple[bytes, bytes] | None:
    for sep in (b"\r\n\r\n", b"\n\n"):
        idx = data.find(sep)
        if idx >= 0:
            return data[:idx], data[idx + len(sep) :]
    return None


def parse_message(data: bytes) -> Request | Response:
    """Parse one complete message (a UDP datagram or a TCP frame)."""
    if len(data) > MAX_MESSAGE:
        raise SipParseError("message too large")
    data = data.lstrip(b"\r\n")
    split = _split_head(data)
    if split is None:
        raise SipParseError("no end of headers")
    head, body = split
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SipParseError("headers are not UTF-8") from exc
    lines = text.replace("\r\n", "\n").split("\n")
    message = _start_line(lines[0])
    for line in lines[1:]:
        if line[:1] in (" ", "\t"):  # folded continuation
            if not message.headers:
                raise SipParseError("continuation before any header")
            key, value = message.headers[-1]
            message.headers[-1] = (key, f"{value} {line.strip()}")
            continue
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or any(c in key.strip() for c in " \t"):
            raise SipParseError(f"bad header line {line[:40]!r}")
        message.headers.append((canonical_name(key), value.strip()))
    length = message.get("Content-Length")
    if length is not None:
        try:
            n = int(length)
        except ValueError as exc:
            raise SipParseError("bad Content-Length") from exc
        if n < 0 or n > len(body):
            raise SipParseError("body shorter than Content-Length (truncated)")
        body = body[:n]
    message.body = body
    return message


def _start_line(line: str) -> Request | Response:
    parts = line.strip().split(" ", 2)
    if len(parts) != 3:
        raise SipParseError("bad start line")
    if parts[0] == "SIP/2.0":
        if not (parts[1].isdigit() and len(parts[1]) == 3):
            raise SipParseError("bad status code")
        return Response(status=int(parts[1]), reason=parts[2])
    if parts[2] != "SIP/2.0":
        raise SipParseError("not SIP/2.0")
    method, uri = parts[0], parts[1]
    if not method.isalpha() or not method.isupper() or ":" not in uri:
        raise SipParseError("bad request line")
    return Request(method=method, uri=uri)


class StreamFramer:
    """Cuts a TCP byte stream into messages using Content-Length (mandatory on streams)."""

    def __init__(self, max_message: int = MAX_MESSAGE) -> None:
        self._buffer = bytearray()
        self.max_message = max_message

    @property
    def pending(self) -> int:
        """Bytes of a message begun but not complete."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        frames: list[bytes] = []
        while True:
            # CRLF keep-alives (RFC 5626) between messages.
            while self._buffer[:2] == b"\r\n":
                del self._buffer[:2]
            idx = self._buffer.find(b"\r\n\r\n")
            if idx < 0:
                if len(self._buffer) > self.max_message:
                    raise SipParseError("header block too large")
                return frames
            head = bytes(self._buffer[:idx]).decode("utf-8", "replace")
            length = 0
            for line in head.split("\r\n")[1:]:
                key, _, value = line.partition(":")
                if canonical_name(key) == "Content-Length":
                    try:
                        length = int(value.strip())
                    except ValueError as exc:
                        raise SipParseError("bad Content-Length") from exc
            end = idx + 4 + length
            if length < 0 or end > self.max_message:
                raise SipParseError("bad Content-Length")
            if len(self._buffer) < end:
                return frames
            frames.append(bytes(self._buffer[:end]))
            del self._buffer[:end]
