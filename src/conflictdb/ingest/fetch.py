"""HTTP(S) GET for feeds and article pages: a timeout, our user agent, a size limit, conditional requests.

Every failure is a FetchError saying whether it is worth trying again later (`transient`: a timeout, a
refused connection, 5xx, 408, 429) or not (404, 410, a page too large, a URL that is not http(s)).
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from conflictdb import __version__
from conflictdb.errors import FetchError

TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
NOT_MODIFIED = 304


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How pages and feeds are requested."""

    timeout: float = 20.0  # seconds, for connecting and for each read
    max_bytes: int = 5_000_000  # a news page or feed larger than this is refused
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
    settings: FetchSettings = FetchSettings(),  # noqa: B008 -- frozen dataclass, never mutated
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
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout) as response:
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
    except ValueError as e:  # urllib's answer to a malformed URL
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
