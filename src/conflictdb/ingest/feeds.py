"""RSS and Atom feeds (feedparser): the entries of a feed read from a URL or a file.

An entry gives the URL of an article's page and what the feed says of it: title, date and its own text
(the full content where the feed carries it, else the summary), kept as a fallback for pages without
extractable text. Entries without an http(s) link are left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import feedparser
import trafilatura

from conflictdb.errors import IngestError
from conflictdb.ingest.fetch import FetchSettings, fetch, is_web_url

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item: the page to fetch and what the feed itself tells about it."""

    url: str
    title: str | None = None
    published: dt.date | None = None
    text: str | None = None  # the feed's own text of the entry, HTML removed


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed as read: its entries, and the validators to send with the next request."""

    source: str  # URL or file path
    title: str | None = None
    entries: tuple[FeedEntry, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # the server answered 304: nothing new since the last request


def read_feed(
    source: str,
    *,
    settings: FetchSettings,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Feed:
    """Read a feed from an http(s) URL (conditionally, given validators) or a file; raise IngestError."""
    if not is_web_url(source):
        return parse_feed(_read_file(Path(source)), source=source)
    response = fetch(source, settings=settings, etag=etag, last_modified=last_modified)
    if response.not_modified:
        return Feed(source, etag=etag, last_modified=last_modified, not_modified=True)
    feed = parse_feed(
        response.body, source=source, base_url=response.final_url, content_type=response.content_type
    )
    return Feed(
        feed.source, feed.title, feed.entries, etag=response.etag, last_modified=response.last_modified
    )


def parse_feed(
    data: bytes, *, source: str, base_url: str | None = None, content_type: str | None = None
) -> Feed:
    """Parse RSS or Atom bytes; relative entry links are resolved against `base_url` (or the feed's own)."""
    headers = {}
    if base_url:
        headers["content-location"] = base_url
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no feed elements found"
        raise IngestError(source, f"not an RSS or Atom feed: {reason}")
    if parsed.get("bozo"):
        logger.info("%s: feed is not well-formed (%s), entries read anyway", source, parsed.bozo_exception)
    base = base_url or parsed.feed.get("link") or ""
    entries = [entry for item in parsed.entries if (entry := _entry(item, base=base)) is not None]
    if len(entries) < len(parsed.entries):
        logger.info(
            "%s: %d entries without an http(s) link left out", source, len(parsed.entries) - len(entries)
        )
    return Feed(source, title=parsed.feed.get("title") or None, entries=tuple(entries))


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise IngestError(str(path), f"cannot read feed file: {e.strerror or e}") from e


def _entry(item: Any, *, base: str) -> FeedEntry | None:
    """A FeedEntry from a feedparser entry, None when it links to no web page."""
    link = (item.get("link") or "").strip()
    url = urldefrag(urljoin(base, link)).url if link else ""
    if not is_web_url(url):
        return None
    return FeedEntry(
        url=url,
        title=item.get("title") or None,
        published=_entry_date(item.get("published_parsed") or item.get("updated_parsed")),
        text=_entry_text(item),
    )


def _entry_date(value: time.struct_time | None) -> dt.date | None:
    """feedparser's UTC struct_time as a date."""
    if value is None:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date()


def _entry_text(item: Any) -> str | None:
    """The entry's full content if the feed has it, else its summary, as plain text."""
    contents = [c.get("value") for c in item.get("content") or () if c.get("value")]
    html = max(contents, key=len) if contents else item.get("summary")
    if not html:
        return None
    text = trafilatura.html2txt(f"<html><body><div>{html}</div></body></html>")
    return text.strip() or None
