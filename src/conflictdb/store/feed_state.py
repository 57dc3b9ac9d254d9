"""What the feed watcher remembers in the store: every article URL it took on, and each feed's validators.

A URL is claimed before its page is fetched (an insert, or an update that only one process can win), so
two watchers on one database never process a URL twice. A claimed URL ends `ingested` or `failed`; a
failed one carries `retry_at` when it may be tried again, none when the watcher gave up on it. A claim
left `fetching` by a process that died is taken over once it is older than `stale_before`.

These tables belong to the watcher alone (ingest, the API and exports never read them); migration 6
creates them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import (
    Engine,
    and_,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from conflictdb.store import schema

FETCHING, INGESTED, FAILED = "fetching", "ingested", "failed"
seen_urls, feed_validators = schema.seen_urls, schema.feed_validators


@dataclass(frozen=True, slots=True)
class SeenUrl:
    """One URL as the watcher remembers it."""

    url: str
    feed: str | None
    status: str
    attempts: int
    article_id: str | None
    reason: str | None
    first_seen: dt.datetime
    last_attempt: dt.datetime
    retry_at: dt.datetime | None


def utc_now() -> dt.datetime:
    """Now in UTC, naive (stored the same way on SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _key(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class FeedState:
    """The watcher's tables in one store's database (opened with `open_store`, so migrated)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def claim(self, url: str, *, feed: str, now: dt.datetime, stale_before: dt.datetime) -> int | None:
        """Take a URL on: the attempt number when this process may fetch it now, else None
        (processed already, given up, waiting for its retry time, or being fetched elsewhere)."""
        key = _key(url)
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(seen_urls).values(
                        url_key=key,
                        url=url,
                        feed=feed,
                        status=FETCHING,
                        attempts=1,
                        first_seen=now,
                        last_attempt=now,
                    )
                )
            return 1
        except IntegrityError:
            pass  # seen before: maybe due for a retry, or an abandoned claim
        s = seen_urls.c
        due = or_(
            and_(s.status == FAILED, s.retry_at.is_not(None), s.retry_at <= now),
            and_(s.status == FETCHING, s.last_attempt < stale_before),
        )
        with self.engine.begin() as conn:
            taken = conn.execute(
                update(seen_urls)
                .where(s.url_key == key, due)
                .values(status=FETCHING, attempts=s.attempts + 1, last_attempt=now, retry_at=None)
            ).rowcount
            if taken != 1:
                return None
            return conn.execute(select(s.attempts).where(s.url_key == key)).scalar_one()

    def due_retries(self, *, feed: str, now: dt.datetime) -> list[str]:
        """URLs first found in this feed that failed and whose retry time has come."""
        s = seen_urls.c
        query = select(s.url).where(s.feed == feed, s.status == FAILED, s.retry_at <= now)
        with self.engine.connect() as conn:
            return list(conn.execute(query.order_by(s.first_seen, s.url)).scalars())

    def mark_ingested(self, url: str, *, article_id: str) -> None:
        """The URL's article is in the store."""
        self._set(url, status=INGESTED, article_id=article_id, reason=None, retry_at=None)

    def mark_failed(self, url: str, *, reason: str, retry_at: dt.datetime | None) -> None:
        """The URL failed; it may be tried again from `retry_at` (None: never)."""
        self._set(url, status=FAILED, reason=reason, retry_at=retry_at)

    def _set(self, url: str, **values: object) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(seen_urls).where(seen_urls.c.url_key == _key(url)).values(**values))

    def seen(self, url: str) -> SeenUrl | None:
        """What is remembered of a URL."""
        with self.engine.connect() as conn:
            row = conn.execute(select(*_SEEN_COLUMNS).where(seen_urls.c.url_key == _key(url))).first()
        return SeenUrl(*row) if row else None

    def all_seen(self) -> list[SeenUrl]:
        """Every URL remembered, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(*_SEEN_COLUMNS).order_by(seen_urls.c.first_seen, seen_urls.c.url))
            return [SeenUrl(*row) for row in rows]

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified a feed last answered with (for a conditional request)."""
        v = feed_validators.c
        with self.engine.connect() as conn:
            row = conn.execute(select(v.etag, v.last_modified).where(v.feed_key == _key(feed))).first()
        return (row.etag, row.last_modified) if row else (None, None)

    def save_validators(
        self, feed: str, *, etag: str | None, last_modified: str | None, now: dt.datetime
    ) -> None:
        """Remember a feed's validators for the next poll."""
        v = feed_validators.c
        values = {"etag": etag, "last_modified": last_modified, "checked_at": now}
        try:
            with self.engine.begin() as conn:
                done = conn.execute(update(feed_validators).where(v.feed_key == _key(feed)).values(**values))
                if done.rowcount == 0:
                    conn.execute(insert(feed_validators).values(feed_key=_key(feed), feed=feed, **values))
        except IntegrityError:
            pass  # another watcher saved this feed's validators at the same moment

    def stored_articles(self, hashes: Iterable[str]) -> dict[str, str]:
        """The ids of the stored articles with these content hashes, by hash."""
        wanted = sorted(set(hashes))
        found: dict[str, str] = {}
        a = schema.articles.c
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                query = select(a.content_hash, a.id).where(a.content_hash.in_(wanted[start : start + 500]))
                found.update((content_hash, article_id) for content_hash, article_id in conn.execute(query))
        return found


_SEEN_COLUMNS = (
    seen_urls.c.url,
    seen_urls.c.feed,
    seen_urls.c.status,
    seen_urls.c.attempts,
    seen_urls.c.article_id,
    seen_urls.c.reason,
    seen_urls.c.first_seen,
    seen_urls.c.last_attempt,
    seen_urls.c.retry_at,
)
