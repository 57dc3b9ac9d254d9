"""WARC files of news crawls (.warc, .warc.gz): every 200 HTML response record becomes an Article.

Other records (requests, metadata, revisits, redirects, errors, images, scripts) are skipped without
complaint: a crawl is mostly those. The URL is the record's WARC-Target-URI; the date is the page's own,
else the crawl date (WARC-Date). A damaged file (a cut-off download, corrupt gzip, a record shorter than
its Content-Length) gives one IngestError naming the file and where it broke, and the articles read
before the damage are kept.
"""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.statusandheaders import StatusAndHeadersParserException

from conflictdb.errors import IngestError
from conflictdb.ingest.build import IngestResult
from conflictdb.ingest.dates import MetadataDates, parse_date_text
from conflictdb.ingest.limits import too_large
from conflictdb.ingest.pages import article_from_page, is_html
from conflictdb.ingest.rules import InputRules
from conflictdb.records import Article

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b"
_BLOCK = 64 * 1024
# warcio raises these (and some plain Python errors) on malformed input; OverflowError on a Content-Length
# beyond any file size
_MALFORMED = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    ValueError,
    AttributeError,
    IndexError,
    OverflowError,
)


class _GzipMembers:
    """A gzip file (any number of members) as a stream of plain bytes for warcio.

    warcio stops quietly at a cut-off gzip member; here the stream ends at the damage too, but the
    reason is kept in `damage` so that the reader can report it.
    """

    def __init__(self, handle: IO[bytes]) -> None:
        self._gzip = gzip.GzipFile(fileobj=handle, mode="rb")
        self.damage: str | None = None

    def read(self, size: int = -1) -> bytes:
        if self.damage is not None:
            return b""
        try:
            # read1: one step at a time, so what was decompressed before the damage is returned first
            return self._gzip.read1(size if size and size > 0 else _BLOCK)
        except EOFError:
            self.damage = "the gzip data is cut off (truncated file)"
        except (OSError, zlib.error) as e:  # gzip.BadGzipFile is an OSError
            self.damage = f"corrupt gzip data: {e}"
        return b""

    def tell(self) -> int:
        return self._gzip.tell()


def read_warc(path: Path, *, inputs: InputRules) -> IngestResult:
    """Read a .warc or .warc.gz file; raise IngestError only when it cannot be opened at all. A page larger
    than a page may be (`inputs.limits`) is reported without being read whole."""
    articles: list[Article] = []
    problems: list[IngestError] = []
    try:
        handle = path.open("rb")
    except OSError as e:
        raise IngestError(str(path), f"cannot read file: {e.strerror or e}") from e
    with handle:
        for item in _warc_items(handle, path, inputs):
            (articles if isinstance(item, Article) else problems).append(item)
    if not articles and not problems:
        raise IngestError(str(path), "no HTML response records in this WARC file")
    return IngestResult(tuple(articles), tuple(problems))


def _warc_items(handle: IO[bytes], path: Path, inputs: InputRules) -> Iterator[Article | IngestError]:
    """Articles and per-record problems in file order, then one IngestError if the file is damaged."""
    gzipped = handle.read(2) == _GZIP_MAGIC
    handle.seek(0)
    stream: Any = _GzipMembers(handle) if gzipped else handle
    number = skipped = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            item = _record_item(record, path=path, inputs=inputs)
            if _cut_short(record):
                yield IngestError(str(path), f"record {number} is cut off (truncated file)")
                return
            if item is None:
                skipped += 1
            else:
                yield item
    except _MALFORMED as e:
        yield IngestError(str(path), f"corrupt WARC after record {number}: {e}")
        return
    logger.info("%s: %d records, %d of them not 200 HTML responses (skipped)", path, number, skipped)
    damage = getattr(stream, "damage", None)
    if damage is not None:
        yield IngestError(str(path), f"{damage}, after record {number}")


def _record_item(record: Any, *, path: Path, inputs: InputRules) -> Article | IngestError | None:
    """The Article of a 200 HTML response record, an IngestError when its page has no text, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.http_headers.get_statuscode() != "200" or not url.startswith(("http://", "https://")):
        return None
    content_type = record.http_headers.get_header("Content-Type")
    if content_type and not is_html(content_type):
        return None  # not read: crawls hold large images and videos
    limit = inputs.limits.page_bytes
    data = record.content_stream().read(limit + 1)  # decoded (a gzipped body may expand): never more
    if len(data) > limit:
        return too_large(f"{path}[{url}]", None, limit, "an HTML page")
    if not is_html(content_type, data):
        return None
    try:
        return article_from_page(
            data,
            url=url,
            content_type=content_type,
            source=f"{path}[{url}]",
            published=_crawl_date(record.rec_headers.get_header("WARC-Date"), inputs.dates),
            inputs=inputs,
        )
    except IngestError as e:
        return e


def _cut_short(record: Any) -> bool:
    """True when the record's block ended before its Content-Length (the file was cut inside it)."""
    stream = record.raw_stream
    while stream.read(_BLOCK):
        pass
    return isinstance(stream, LimitReader) and stream.limit > 0


def _crawl_date(value: str | None, dates: MetadataDates) -> dt.date | None:
    """The date of a WARC-Date header ("2024-06-11T09:30:00Z")."""
    return parse_date_text(value, dates) if value else None
