"""Input discovery and dispatch: which files are articles and which reader reads each (by suffix)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import IngestError
from conflictdb.ingest.build import IngestResult
from conflictdb.ingest.dates import metadata_dates
from conflictdb.ingest.html import read_html_article
from conflictdb.ingest.jsonl import load_record_fields, read_json, read_jsonl
from conflictdb.ingest.limits import load_input_limits
from conflictdb.ingest.rules import InputRules, StdinFormats
from conflictdb.ingest.text import read_text_article
from conflictdb.records import Article


def _single(reader: Callable[..., Article]) -> Callable[[Path, InputRules], IngestResult]:
    """Adapt a one-article reader to the IngestResult shape."""
    return lambda path, inputs: IngestResult((reader(path, inputs=inputs),))


def read_warc(path: Path, *, inputs: InputRules) -> IngestResult:
    """A WARC file's articles (ingest/warc.py); warcio, slow to import, is loaded only for a crawl."""
    from conflictdb.ingest import warc

    return warc.read_warc(path, inputs=inputs)


def _many(reader: Callable[..., IngestResult]) -> Callable[[Path, InputRules], IngestResult]:
    """A many-article reader called with the input rules."""
    return lambda path, inputs: reader(path, inputs=inputs)


READERS: dict[str, Callable[[Path, InputRules], IngestResult]] = {
    ".txt": _single(read_text_article),
    ".html": _single(read_html_article),
    ".htm": _single(read_html_article),
    ".jsonl": _many(read_jsonl),
    ".json": _many(read_json),
    ".warc": _many(read_warc),
    ".warc.gz": _many(read_warc),
}
SUPPORTED_SUFFIXES = frozenset(READERS)


def input_suffix(path: Path) -> str:
    """The suffix that picks the reader, lower case: ".warc.gz" for a gzipped WARC, else the last one."""
    name = path.name.lower()
    return next(
        (suffix for suffix in READERS if "." in suffix[1:] and name.endswith(suffix)), path.suffix.lower()
    )


STDIN = Path("-")  # the input name of standard input (a file named "-" is ./-)
STDIN_SOURCE = "<stdin>"  # the source of what standard input gave, for articles and errors
_HEAD_BYTES = 64  # the first bytes compared with the signatures


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and supported files under folders (recursive, sorted, hidden skipped).

    A file named directly is yielded whatever its suffix (reading it reports an unsupported one), and
    STDIN ("-") as it is; a path that does not exist raises IngestError.
    """
    for path in paths:
        if path == STDIN:
            yield path
        elif path.is_dir():
            yield from _files_under(path)
        elif path.exists():
            yield path
        else:
            raise IngestError(str(path), "no such file or directory")


def _files_under(folder: Path) -> Iterator[Path]:
    """Supported, non-hidden files below `folder` in sorted order."""
    found = (
        path
        for path in folder.rglob("*")
        if input_suffix(path) in SUPPORTED_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    yield from sorted(found)


def read_file(path: Path, *, inputs: InputRules) -> IngestResult:
    """Read one input file; raise IngestError when the file as a whole cannot be read or is larger than
    `inputs.limits` allow (`inputs`: the readers' data, as `Resources.inputs` holds it).

    Records that fail inside a multi-article file (a bad JSON line) are returned as problems.
    """
    if path == STDIN:
        return read_standard_input(inputs=inputs)
    suffix = input_suffix(path)
    reader = READERS.get(suffix)
    if reader is None:
        raise IngestError(str(path), f"unsupported file type {suffix or '(no suffix)'!r}")
    if path.is_dir():
        raise IngestError(str(path), "is a directory")
    return reader(path, inputs)


def load_input_rules(
    data_dir: Path = DATA_DIR, *, months: Mapping[str, int], limits: Mapping[str, Any] | None = None
) -> InputRules:
    """The readers' data (once, into `Resources.inputs`): the input limits of data/limits.yaml (its table
    `limits`, read from `data_dir` if not given), the metadata date forms of the date lexicon's `months`,
    data/record_fields.yaml and data/stdin_formats.yaml."""
    return InputRules(
        limits=load_input_limits(data_dir, raw=limits),
        dates=metadata_dates(months),
        fields=load_record_fields(data_dir),
        stdin=load_stdin_formats(data_dir),
    )


def load_stdin_formats(data_dir: Path = DATA_DIR) -> StdinFormats:
    """Read data/stdin_formats.yaml; every suffix must be one a reader takes."""
    raw = load_yaml("stdin_formats.yaml", data_dir=data_dir)
    signatures = tuple(
        (
            bytes.fromhex(entry["hex"]) if "hex" in entry else entry["bytes"].encode(),
            entry["strip"],
            entry["suffix"],
        )
        for entry in raw["signatures"]
    )
    unknown = ({suffix for *_, suffix in signatures} | {raw["otherwise"]}) - SUPPORTED_SUFFIXES
    if unknown:
        raise IngestError("stdin_formats.yaml", f"no reader takes {sorted(unknown)}")
    return StdinFormats(signatures, raw["otherwise"])


def sniffed_suffix(head: bytes, formats: StdinFormats) -> str:
    """The reader's suffix for input with no name, from its first bytes."""
    for start, strip, suffix in formats.signatures:
        if (head.lstrip() if strip else head).startswith(start):
            return suffix
    return formats.otherwise


def read_standard_input(*, inputs: InputRules, stream: BinaryIO | None = None) -> IngestResult:
    """Standard input (or `stream`) read as the file its first bytes say it is (data/stdin_formats.yaml),
    spooled to a temporary file for the reader; articles and errors name "<stdin>" as their source."""
    stream = stream or sys.stdin.buffer
    with tempfile.TemporaryDirectory(prefix="conflictdb-stdin-") as folder:
        head = stream.read(_HEAD_BYTES)
        spooled = Path(folder) / f"stdin{sniffed_suffix(head, inputs.stdin)}"
        with spooled.open("wb") as out:
            out.write(head)
            shutil.copyfileobj(stream, out)
        try:
            result = READERS[input_suffix(spooled)](spooled, inputs)
        except IngestError as e:
            raise IngestError(e.source.replace(str(spooled), STDIN_SOURCE), e.reason) from None
    return IngestResult(
        tuple(replace(a, source=a.source.replace(str(spooled), STDIN_SOURCE)) for a in result.articles),
        tuple(IngestError(e.source.replace(str(spooled), STDIN_SOURCE), e.reason) for e in result.problems),
    )


def read_articles(path: Path, *, inputs: InputRules) -> list[Article]:
    """The articles of one file; raise IngestError for a failed file or any bad record in it.

    Use `read_file` (or `ingest`) to keep the good records of a file that has bad ones.
    """
    result = read_file(path, inputs=inputs)
    if result.problems:
        raise result.problems[0]
    return list(result.articles)


def ingest(paths: Iterable[Path], *, inputs: InputRules) -> Iterator[Article | IngestError]:
    """Every article under `paths`, with each unreadable file or record yielded as an IngestError.

    The batch never stops on a bad input: the caller records the error and goes on.
    """
    try:
        files = list(iter_input_files(paths))
    except IngestError as e:
        yield e
        return
    for path in files:
        try:
            result = read_file(path, inputs=inputs)
        except IngestError as e:
            yield e
            continue
        except Exception as e:  # a reader's library failing in a way nobody foresaw: this file's error
            yield IngestError(str(path), f"cannot read: {type(e).__name__}: {e}")
            continue
        yield from result.articles
        yield from result.problems
