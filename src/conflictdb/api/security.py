"""What every response carries and every request must show: a Content-Security-Policy that lets pages run
only the server's own files, nosniff and no framing; and a Host header naming this server (a page of
another site that rebinds its DNS name to this address is refused)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictdb.api.errors import error_response

ANY_HOST = "*"
_SOURCE_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d+)?")  # a host (and port) safe to put in the policy
_TILE_SUBDOMAIN = re.compile(r"^\{[a-z]+\}\.")  # Leaflet's {s}. in front of the tile host


def tile_source(tile_url: str | None) -> str | None:
    """The CSP source that lets the map load its tiles ("https://*.tile.example.org" for a {s}. host);
    None without tiles."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https"):
        return None
    host = _TILE_SUBDOMAIN.sub("", parts.netloc)
    if not _SOURCE_HOST.fullmatch(host):
        return f"{parts.scheme}:"  # a host template the policy cannot name: any host on that scheme
    return f"{parts.scheme}://{'*.' if host != parts.netloc else ''}{host}"


def content_security_policy(*, tile_url: str | None = None) -> str:
    """The policy of every response: scripts, styles, data and fonts only from this server; images also
    as data: URLs (Leaflet's, Swagger UI's) and from the tile server when there is one."""
    images = " ".join(s for s in ("'self'", "data:", tile_source(tile_url)) if s)
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",  # no inline script, no javascript: URL
        "style-src": "'self' 'unsafe-inline'",  # style attributes: the pages' colour dots, Leaflet's panes
        "img-src": images,
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(*, tile_url: str | None = None) -> tuple[tuple[bytes, bytes], ...]:
    """The headers added to every response (a response that sets one itself keeps its own)."""
    return (
        (b"content-security-policy", content_security_policy(tile_url=tile_url).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    )


def is_loopback_name(host: str) -> bool:
    """localhost, a name under .localhost, or a loopback address (127.0.0.0/8, ::1)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normal_host(host: str) -> str:
    """A host name as compared: lower case, no trailing dot, no brackets around an IPv6 address."""
    return host.strip().strip("[]").rstrip(".").lower()


@dataclass(frozen=True, slots=True)
class TrustedHosts:
    """The names a request's Host may give: these, and loopback names always; "*" lets any through."""

    names: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[str] = ()) -> TrustedHosts:
        return cls(frozenset(normal_host(name) for name in names if name.strip()))

    def allows(self, host: str) -> bool:
        return ANY_HOST in self.names or host in self.names or is_loopback_name(host)


def request_host(scope: Scope) -> str | None:
    """The host a request names in its Host header, without the port; None without the header."""
    for name, value in scope.get("headers", ()):
        if name == b"host":
            text = value.decode("latin-1").strip()
            if text.startswith("["):
                return normal_host(text[: text.find("]") + 1] if "]" in text else text)
            return normal_host(text.rsplit(":", 1)[0] if text.count(":") == 1 else text)
    return None


class Guard:
    """ASGI middleware around the whole app: refuses a request whose Host is not trusted (400, in the one
    error shape) and adds the security headers to every response, errors included."""

    def __init__(self, app: ASGIApp, *, trusted: TrustedHosts, headers: tuple[tuple[bytes, bytes], ...]):
        self.app = app
        self.trusted = trusted
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                added = [header for header in self.headers if header[0] not in present]
                message["headers"] = [*message.get("headers", ()), *added]
            await send(message)

        host = request_host(scope)
        if host is None or not self.trusted.allows(host):
            named = "no Host header" if host is None else f"the Host header names {host!r}"
            message = f"{named}, not this server: serve with --allowed-host NAME to answer to another name"
            await error_response(400, message)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
