"""The library's two doors, `conflictdb.extract(text, ...)` and `conflictdb.open(url)`: one article's text
through the pipeline's own entry point, and the store at a path or URL. Imported at first call, so that
`import conflictdb` stays light (the pipeline takes seconds to import, its resources seconds to load).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from typing import TYPE_CHECKING

from conflictdb.errors import IngestError, StoreError, raise_error

if TYPE_CHECKING:
    from conflictdb.ingest import MetadataDates
    from conflictdb.records import Mention
    from conflictdb.resources import Resources
    from conflictdb.store import Store


def extract_text(
    text: str,
    *,
    published: dt.date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    article_id: str | None = None,
    resources: Resources | None = None,
) -> list[Mention]:
    """The mentions the pipeline finds in one article's text, linked into incidents as `conflictdb extract`
    links them; evidence spans index `text`, background mentions (older events told as context) are
    flagged. `published` is a date or a written one ("2024-06-10", "June 10, 2024"); the article's id is
    `article_id`, else its URL, else a hash of its text. The resources load once per process unless given."""
    from conflictdb import pipeline
    from conflictdb.ingest import build_article, content_hash

    if not isinstance(text, str):
        raise IngestError("text", f"expected the article's text as a str, got {type(text).__name__}")
    resources = resources or _shared_resources()
    article = build_article(
        id=article_id or url or f"text-{content_hash(text)[:12]}",
        source=url or "text",
        text=text,
        title=title,
        outlet=outlet,
        published=_published(published, resources.inputs.dates),
        url=url,
        limits=resources.inputs.limits,
    )
    [(_article, mentions)] = pipeline.extract_records([article], resources, on_error=raise_error)
    return mentions


def open_database(url: str | os.PathLike[str], *, create: bool = False) -> Store:
    """The store at a SQLite file path or a database URL (postgresql://user:PASSWORD@host/db), migrated to
    the current schema; query it with `store.incidents(country="Sudan", min_deaths=5, ...)` (the fields of
    store.query.IncidentQuery). A missing SQLite file is a StoreError unless `create`; so is a URL that
    cannot be opened, its password masked in the message."""
    from conflictdb.store import open_store

    url = os.fspath(url) if isinstance(url, os.PathLike) else url
    if not isinstance(url, str) or not url.strip():  # "" would open $CONFLICTDB_DB or ./conflictdb.sqlite
        raise StoreError(f"cannot open database {url!r}: not a SQLite file path or a database URL")
    return open_store(url, create=create)


def _published(value: dt.date | str | None, dates: MetadataDates) -> dt.date | None:
    """A publication date given as a date, a datetime or a written date; IngestError naming it otherwise."""
    from conflictdb.ingest import parse_date_text

    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    date = parse_date_text(value, dates) if isinstance(value, str) else None
    if date is None:
        raise IngestError(f"published={value!r}", "not a date (give a datetime.date or e.g. '2024-06-10')")
    return date


@functools.cache
def _shared_resources() -> Resources:
    """The pipeline's resources, loaded at the first call and kept for the process."""
    from conflictdb.resources import load_resources

    return load_resources()
