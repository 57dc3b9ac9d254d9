"""JSON Lines (one article object per line) and JSON (one object or a list) inputs.

Keys: text (required), id, title, url, published, outlet, or the names news-crawl dumps use for them
(maintext, date_publish, source_domain, ...: data/record_fields.yaml). A bad line does not sink the
file: the good articles are kept and each bad line comes back as an IngestError naming its line number.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import IngestError
from conflictdb.ingest.build import IngestResult, build_article
from conflictdb.ingest.dates import MetadataDates, parse_date_text
from conflictdb.ingest.decode import decode_text, read_file_bytes
from conflictdb.ingest.limits import check_file_size, too_large
from conflictdb.ingest.rules import InputRules, RecordFields
from conflictdb.records import Article

logger = logging.getLogger(__name__)
METADATA_KEYS = ("id", "title", "url", "outlet", "published")
_BLOCK = 1 << 16  # bytes read at a time from a line too long to keep


def load_record_fields(data_dir: Path = DATA_DIR) -> RecordFields:
    """data/record_fields.yaml: the record keys that may hold each Article field, in order of preference
    (once, into `Resources.inputs`)."""
    fields = load_yaml("record_fields.yaml", data_dir=data_dir)["fields"]
    return MappingProxyType({name: tuple(keys) for name, keys in fields.items()})


def read_jsonl(path: Path, *, inputs: InputRules) -> IngestResult:
    """Read a .jsonl file line by line; raise IngestError only when the file as a whole is unreadable.
    A line longer than a record may be (`inputs.limits`) is reported and skipped without being read whole;
    each record's keys are looked up in `inputs.fields`."""
    limits = inputs.limits
    articles: list[Article] = []
    problems: list[IngestError] = []
    for number, line in _record_lines(path, limits.record_bytes):
        source = f"{path}:{number}"
        try:
            if isinstance(line, int):
                raise too_large(source, line, limits.record_bytes, "a JSON Lines record")
            if not line.strip():
                continue
            record = _parse_json(
                decode_text(line, source=source, max_non_ascii_share=limits.non_ascii_share),
                source=source,
                what=f"line {number}",
            )
            articles.append(
                article_from_record(record, default_id=f"{path.stem}-{number}", source=source, inputs=inputs)
            )
        except IngestError as e:
            problems.append(e)
    if not articles and not problems:
        raise IngestError(str(path), "empty file")
    return IngestResult(tuple(articles), tuple(problems))


def _record_lines(path: Path, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes) of each line of a file, read one at a time; a line over `limit` bytes gives its
    size instead, counted in blocks without keeping it. Lines end at LF, CRLF or a lone CR, as in Python's
    text mode."""
    try:
        handle = path.open("rb")
    except OSError as e:
        raise IngestError(str(path), f"cannot read file: {e.strerror or e}") from e
    number = 0
    with handle:
        while raw := handle.readline(limit + 2):  # the line, its CR and its LF
            if len(raw) > limit + raw.endswith(b"\n") + raw.endswith(b"\r\n"):
                number += 1
                yield number, len(raw.rstrip(b"\r\n")) + _rest_of_line(handle, raw)
                continue
            for part in raw.removesuffix(b"\n").removesuffix(b"\r").split(b"\r"):
                number += 1
                yield number, part


def _rest_of_line(handle: BinaryIO, read: bytes) -> int:
    """Skip to the end of the current line (`read` its start); the number of bytes skipped."""
    skipped = 0
    while read and not read.endswith(b"\n"):
        read = handle.readline(_BLOCK)
        skipped += len(read.rstrip(b"\r\n"))
    return skipped


def read_json(path: Path, *, inputs: InputRules) -> IngestResult:
    """Read a .json file holding one article object or a list of them (no larger than a JSON Lines line may
    be: checked before it is read); `inputs` as for `read_jsonl`."""
    check_file_size(path, inputs.limits.record_bytes, "a JSON file")
    content = decode_text(
        read_file_bytes(path), source=str(path), max_non_ascii_share=inputs.limits.non_ascii_share
    )
    value = _parse_json(content, source=str(path), what="file")
    records = value if isinstance(value, list) else [value]
    articles: list[Article] = []
    problems: list[IngestError] = []
    for index, record in enumerate(records):
        source = f"{path}:{index}" if isinstance(value, list) else str(path)
        default_id = f"{path.stem}-{index}" if isinstance(value, list) else path.stem
        try:
            articles.append(article_from_record(record, default_id=default_id, source=source, inputs=inputs))
        except IngestError as e:
            problems.append(e)
    return IngestResult(tuple(articles), tuple(problems))


def article_from_record(
    record: Any,
    *,
    default_id: str,
    source: str,
    inputs: InputRules,
) -> Article:
    """Build an Article from one decoded JSON object (its keys looked up in `inputs.fields`, its text within
    `inputs.limits`); raise IngestError when it is not one."""
    if not isinstance(record, dict):
        raise IngestError(source, f"expected a JSON object, got {type(record).__name__}")
    fields = inputs.fields
    text = _field_value(record, "text", fields)[1]
    if not isinstance(text, str) or not text.strip():
        raise IngestError(source, "missing or empty 'text'")
    found = {name: _field_value(record, name, fields) for name in METADATA_KEYS}
    bad = [key for key, value in found.values() if value is not None and not isinstance(value, str)]
    if bad:
        raise IngestError(source, f"not a string: {', '.join(bad)}")
    values = {name: value for name, (_, value) in found.items()}
    return build_article(
        id=values["id"] or default_id,
        source=source,
        text=text,
        title=values["title"],
        outlet=values["outlet"],
        published=_published(values["published"], source=source, dates=inputs.dates),
        url=values["url"],
        limits=inputs.limits,
    )


def _field_value(record: dict[str, Any], name: str, fields: RecordFields) -> tuple[str, Any]:
    """The first of the field's keys that has a value, and that value (an outlet object gives its name)."""
    for key in fields[name]:
        value = record.get(key)
        if isinstance(value, dict) and name == "outlet":
            value = value.get("name")
        if value is not None and value != "":
            return key, value
    return name, None


def _parse_json(content: str, *, source: str, what: str) -> Any:
    """json.loads with the error turned into an IngestError naming the line or file."""
    try:
        return json.loads(content)
    except json.JSONDecodeError as e:
        raise IngestError(source, f"bad JSON on {what}: {e.msg} (column {e.colno})") from e
    except RecursionError as e:  # arrays or objects nested about a thousand deep
        raise IngestError(source, f"JSON on {what} is nested too deeply to read") from e
    except ValueError as e:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        limit = sys.get_int_max_str_digits()
        raise IngestError(source, f"JSON on {what} holds an integer of more than {limit} digits") from e


def _published(value: str | None, *, source: str, dates: MetadataDates) -> dt.date | None:
    """Parse the record's publication date; an unreadable one is logged and left unknown."""
    if not value:
        return None
    date = parse_date_text(value, dates)
    if date is None:
        logger.warning("%s: unreadable 'published' value %r ignored", source, value)
    return date
