"""HTTP(S) GET for feeds and article pages: timeouts, our user agent, a size limit, conditional requests.

A fetch has a total deadline besides the timeout of each read: a server that trickles its answer (a byte
every few seconds) has its connection closed when the deadline passes, whatever it is sending.

Every failure is a FetchError saying whether it is worth trying again later (`transient`: a timeout, a
deadline passed, a refused connection, 5xx, 408, 429) or not (404, 410, a page too large, a URL that is
not http(s)).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from conflictdb import __version__
from conflictdb.errors import FetchError

TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
NOT_MODIFIED = 304


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How pages and feeds are requested."""

    max_bytes: int  # a larger page or feed is refused: `Resources.inputs.limits.page_bytes` (limits.yaml)
    timeout: float = 20.0  # seconds, for connecting and for each read
    deadline: float = 60.0  # seconds for the whole fetch (redirects included), however the server trickles
    user_agent: str = f"conflictdb/{__version__} (news feed watcher)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: status 200 with the body, or 304 (not modified) without one."""

    url: str  # the URL requested
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == NOT_MODIFIED


def is_web_url(value: str) -> bool:
    """True for an http or https URL with a host."""
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def fetch(
    url: str,
    *,
    settings: FetchSettings,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET one http(s) URL; with `etag` / `last_modified`, a 304 answer comes back as `not_modified`."""
    if not is_web_url(url):
        raise FetchError(url, "not an http(s) URL")
    headers = {"User-Agent": settings.user_agent, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    with _Deadline(settings.deadline) as deadline:
        try:
            fetched = _get(request, deadline, settings=settings, etag=etag, last_modified=last_modified)
        except FetchError as e:
            if deadline.passed:
                raise deadline.error(url) from e
            raise
        if deadline.passed:  # the connection was closed under a body read to its end
            raise deadline.error(url)
        return fetched


def _get(
    request: urllib.request.Request,
    deadline: _Deadline,
    *,
    settings: FetchSettings,
    etag: str | None,
    last_modified: str | None,
) -> Fetched:
    """The GET of `fetch`, its connections closed when `deadline` passes."""
    url = request.full_url
    opener = urllib.request.build_opener(_WatchedHTTPHandler(deadline), _WatchedHTTPSHandler(deadline))
    try:
        with opener.open(request, timeout=settings.timeout) as response:
            return Fetched(
                url=url,
                final_url=response.geturl(),
                status=response.status,
                body=_read_limited(response, url=url, max_bytes=settings.max_bytes),
                content_type=response.headers.get("Content-Type"),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except urllib.error.HTTPError as e:
        e.close()
        if e.code == NOT_MODIFIED:
            return Fetched(url, url, NOT_MODIFIED, b"", etag=etag, last_modified=last_modified)
        raise FetchError(
            url, f"HTTP {e.code} {e.reason}", status=e.code, transient=e.code in TRANSIENT_STATUSES
        ) from e
    except urllib.error.URLError as e:
        raise FetchError(url, f"cannot fetch: {e.reason}", transient=True) from e
    except (http.client.HTTPException, OSError) as e:  # timeouts, resets, broken HTTP
        raise FetchError(url, f"cannot fetch: {type(e).__name__}: {e}", transient=True) from e
    except ValueError as e:  # urllib's answer to a malformed URL (or a read on a closed SSL socket)
        raise FetchError(url, f"bad URL: {e}") from e


def _read_limited(response: http.client.HTTPResponse, *, url: str, max_bytes: int) -> bytes:
    """The body, refused when it is (or says it is) over `max_bytes`."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"too large: {declared} bytes (limit {max_bytes})")
    body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchError(url, f"too large: over {max_bytes} bytes")
    return body


class _Deadline:
    """Shuts down the sockets of a fetch when its time is up (a timer thread), so that a read blocked on a
    trickling server returns; `passed` then tells the fetch why."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.passed = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        """Shut `sock` down when the deadline passes (at once if it has)."""
        with self._lock:
            self._sockets.append(sock)
            if self.passed:
                _shut(sock)

    def error(self, url: str) -> FetchError:
        return FetchError(url, f"not fetched within the deadline of {self.seconds:g} s", transient=True)

    def _expire(self) -> None:
        with self._lock:
            self.passed = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Shut a socket down for reading and writing (the TCP socket under a TLS one: no TLS state touched,
    so a read blocked in another thread ends with an error or an end of file)."""
    with contextlib.suppress(OSError):  # already closed
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _watched(connection_class: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    """`connection_class` whose socket, once connected, is watched by `deadline`."""

    class Watched(connection_class):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Watched


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPConnection, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPSConnection, deadline)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._context)
