"""JSON Lines (one article object per line) and JSON (one object or a list) inputs.

Keys: text (required), id, title, url, published, outlet. A bad line does not sink the file: the
good articles are kept and each bad line comes back as an IngestError naming its line number.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from conflictdb.errors import IngestError
from conflictdb.ingest.build import IngestResult, build_article
from conflictdb.ingest.dates import parse_date_text
from conflictdb.ingest.decode import decode_text, read_file_bytes
from conflictdb.records import Article

logger = logging.getLogger(__name__)
METADATA_KEYS = ("id", "title", "url", "outlet", "published")


def read_jsonl(path: Path) -> IngestResult:
    """Read a .jsonl file; raise IngestError only when the file as a whole is unreadable."""
    content = decode_text(read_file_bytes(path), source=str(path))
    articles: list[Article] = []
    problems: list[IngestError] = []
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = _parse_json(line, source=source, what=f"line {number}")
            articles.append(article_from_record(record, default_id=f"{path.stem}-{number}", source=source))
        except IngestError as e:
            problems.append(e)
    if not articles and not problems:
        raise IngestError(str(path), "empty file")
    return IngestResult(tuple(articles), tuple(problems))


def read_json(path: Path) -> IngestResult:
    """Read a .json file holding one article object or a list of them."""
    content = decode_text(read_file_bytes(path), source=str(path))
    value = _parse_json(content, source=str(path), what="file")
    records = value if isinstance(value, list) else [value]
    articles: list[Article] = []
    problems: list[IngestError] = []
    for index, record in enumerate(records):
        source = f"{path}:{index}" if isinstance(value, list) else str(path)
        default_id = f"{path.stem}-{index}" if isinstance(value, list) else path.stem
        try:
            articles.append(article_from_record(record, default_id=default_id, source=source))
        except IngestError as e:
            problems.append(e)
    return IngestResult(tuple(articles), tuple(problems))


def article_from_record(record: Any, *, default_id: str, source: str) -> Article:
    """Build an Article from one decoded JSON object; raise IngestError when it is not one."""
    if not isinstance(record, dict):
        raise IngestError(source, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(source, "missing or empty 'text'")
    bad = [key for key in METADATA_KEYS if record.get(key) is not None and not isinstance(record[key], str)]
    if bad:
        raise IngestError(source, f"not a string: {', '.join(bad)}")
    return build_article(
        id=record.get("id") or default_id,
        source=source,
        text=text,
        title=record.get("title"),
        outlet=record.get("outlet"),
        published=_published(record.get("published"), source=source),
        url=record.get("url"),
    )


def _parse_json(content: str, *, source: str, what: str) -> Any:
    """json.loads with the error turned into an IngestError naming the line or file."""
    try:
        return json.loads(content)
    except json.JSONDecodeError as e:
        raise IngestError(source, f"bad JSON on {what}: {e.msg} (column {e.colno})") from e


def _published(value: str | None, *, source: str) -> dt.date | None:
    """Parse the record's publication date; an unreadable one is logged and left unknown."""
    if not value:
        return None
    date = parse_date_text(value)
    if date is None:
        logger.warning("%s: unreadable 'published' value %r ignored", source, value)
    return date
