"""Web pages as Articles: page bytes with their URL and HTTP content type (from a crawl or a fetch).

The HTML reader does the extraction; this module adds what the web gives around a page: the charset of
the Content-Type header, a stable article id made from the URL, and the host as outlet of last resort.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import urlsplit

from conflictdb.ingest.build import build_article
from conflictdb.ingest.html import article_from_html
from conflictdb.ingest.rules import InputRules
from conflictdb.records import Article

HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


def is_html(content_type: str | None, data: bytes = b"") -> bool:
    """True for an HTML content type; without one, when the bytes start like an HTML document."""
    if content_type:
        return content_type.split(";")[0].strip().lower() in HTML_CONTENT_TYPES
    return bool(_HTML_START.match(data[:4096]))


def decode_page(data: bytes, *, content_type: str | None) -> str:
    """Page bytes as text: the header's charset when it decodes them, else trafilatura's detection."""
    match = _CHARSET.search(content_type or "")
    if match:
        try:
            return data.decode(match[1])
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset label is common: detect instead
    from trafilatura.utils import decode_file  # slow to import: only for a page without a usable charset

    return decode_file(data)


def host_of(url: str) -> str | None:
    """The host of a URL without "www.", lower case ("news.example.org"); None when it has none."""
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def url_article_id(url: str) -> str:
    """A stable article id for a web page: its host and a hash of the URL ("example.org-1a2b3c4d5e6f")."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]
    return f"{host_of(url) or 'web'}-{digest}"


def article_from_page(
    data: bytes,
    *,
    url: str,
    content_type: str | None,
    source: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    inputs: InputRules,
) -> Article:
    """An Article from a fetched or archived page; raise IngestError when it has no main text (or more
    than `inputs.limits` allow).

    What the page says wins; `title` and `published` (from a feed entry or the crawl) fill gaps, and the
    host names the outlet when the page does not. Given `published`, the page's date is taken from its
    metadata only, never guessed from its text. The URL kept is the one the page was requested as.
    """
    html = decode_page(data, content_type=content_type)
    page = article_from_html(
        html, id=url_article_id(url), source=source or url, inputs=inputs, guess_date=published is None
    )
    return build_article(
        id=page.id,
        source=page.source,
        text=page.text,
        title=page.title or title,
        outlet=page.outlet or host_of(url),
        published=page.published or published,
        url=url,
        limits=inputs.limits,
    )
