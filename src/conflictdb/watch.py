"""Watching news feeds: poll RSS/Atom feeds, fetch each new article's page once, extract and store it.

A poll reads every feed (conditionally: a feed that answers 304 has nothing new), takes on each entry
URL never processed before (store.feed_state, so this holds across runs and processes), fetches its page,
extracts and stores them all with linking as `ingest` does (pipeline.ingest).

Failures are recorded with the URL. A transient one (timeout, refused connection, 5xx, 408, 429) is
retried at later polls after a doubling delay, up to `RetryPolicy.attempts` attempts; anything else (404,
410, a page too large, extraction failed) is given up at once, so a broken page is never hammered.

Fallback to the feed's text: a page that was fetched but gave no article text (a page built by scripts,
a non-HTML link) is stored from the feed's own text of the entry (full content or summary) when the feed
has one; that is better than nothing and is reported. A page that could not be fetched is not replaced
by the feed's text: it is retried (or given up) instead, so a short summary never takes a full page's
place.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from conflictdb import pipeline
from conflictdb.errors import ConflictdbError, ExtractionError, FetchError, IngestError
from conflictdb.ingest.build import build_article
from conflictdb.ingest.feeds import FeedEntry, read_feed
from conflictdb.ingest.fetch import Fetched, FetchSettings, fetch, is_web_url
from conflictdb.ingest.pages import article_from_page, host_of, is_html, url_article_id
from conflictdb.ingest.rules import InputRules
from conflictdb.records import Article
from conflictdb.resources import Resources
from conflictdb.store import BatchCounts, Store
from conflictdb.store.feed_state import FeedState, utc_now

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When a failed page is tried again."""

    attempts: int = 4  # transient failures are retried until this many attempts in all
    first_delay: dt.timedelta = dt.timedelta(minutes=30)  # doubled after each further failure
    stale_claim: dt.timedelta = dt.timedelta(hours=1)  # a URL "fetching" this long was left by a dead process

    def retry_at(self, error: ConflictdbError, *, attempt: int, now: dt.datetime) -> dt.datetime | None:
        """When to try a failed URL again; None to give up."""
        if not (isinstance(error, FetchError) and error.transient) or attempt >= self.attempts:
            return None
        return now + self.first_delay * 2 ** (attempt - 1)


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """How feeds and pages are fetched and failures retried."""

    fetch: FetchSettings | None = None  # None: the defaults, pages up to the resources' input limits
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    # a feed's pages are fetched for this long per poll at most (slow servers: FetchSettings.deadline
    # each); entries not reached are left untouched for the next poll, so the other feeds go on
    feed_budget: dt.timedelta = dt.timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class PageFailure:
    """An entry whose article could not be stored this time."""

    url: str
    reason: str
    retry_at: dt.datetime | None  # None: given up


@dataclass(frozen=True, slots=True)
class FeedReport:
    """What one poll did with one feed."""

    feed: str
    entries: int = 0  # entries read (plus earlier failures due for a retry)
    new: tuple[str, ...] = ()  # URLs taken on this poll whose article is now in the store
    from_feed_text: tuple[str, ...] = ()  # those of `new` stored from the feed's own text
    seen: int = 0  # entries processed before, waiting for a retry, or being processed elsewhere
    failed: tuple[PageFailure, ...] = ()
    deferred: int = 0  # entries left for the next poll: the feed's time budget of this poll was spent
    not_modified: bool = False  # the feed answered 304
    error: IngestError | None = None  # the feed itself could not be read


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll did: per feed, and in the store."""

    started: dt.datetime
    feeds: tuple[FeedReport, ...]
    stored: BatchCounts


@dataclass
class _Page:
    """An entry's article on its way to the store."""

    feed: str
    url: str
    attempt: int
    article: Article
    from_feed_text: bool


@dataclass
class _FeedPoll:
    """One feed's report while the poll runs."""

    feed: str
    now: dt.datetime  # the poll's time
    entries: int = 0
    seen: int = 0
    deferred: int = 0
    pages: list[_Page] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    failed: list[PageFailure] = field(default_factory=list)
    not_modified: bool = False
    error: IngestError | None = None
    validators: tuple[str | None, str | None] = (None, None)

    def report(self) -> FeedReport:
        by_feed_text = {page.url for page in self.pages if page.from_feed_text}
        return FeedReport(
            feed=self.feed,
            entries=self.entries,
            new=tuple(self.new),
            from_feed_text=tuple(url for url in self.new if url in by_feed_text),
            seen=self.seen,
            failed=tuple(self.failed),
            deferred=self.deferred,
            not_modified=self.not_modified,
            error=self.error,
        )


def poll_feeds(
    sources: Sequence[str],
    *,
    store: Store,
    resources: Resources,
    settings: WatchSettings = WatchSettings(),  # noqa: B008 -- frozen dataclass, never mutated
    now: dt.datetime | None = None,
) -> PollReport:
    """Poll each feed (URL or file) once: fetch, extract and store every entry not processed before.

    `now` is the poll's time (naive UTC, default the clock's), which retry times are compared with.
    """
    state = FeedState(store.engine)
    started = now or utc_now()
    inputs = resources.inputs
    fetching = settings.fetch or FetchSettings(max_bytes=inputs.limits.page_bytes)
    polls = [
        _read_entries(source, state, settings, fetching, inputs, now=started)
        for source in dict.fromkeys(sources)
    ]
    counts = _store_pages(polls, store, resources, state, settings)
    for poll in polls:  # saved last: a poll that dies before storing re-reads the feed in full next time
        etag, last_modified = poll.validators
        if poll.deferred and is_web_url(poll.feed):  # entries left over: the next poll must read them
            state.save_validators(poll.feed, etag=None, last_modified=None, now=utc_now())
        elif etag or last_modified:
            state.save_validators(poll.feed, etag=etag, last_modified=last_modified, now=utc_now())
    reports = tuple(poll.report() for poll in polls)
    for report in reports:
        log.info(
            "%s: %d entries, %d new, %d seen before, %d failed, %d left for the next poll",
            report.feed,
            report.entries,
            len(report.new),
            report.seen,
            len(report.failed),
            report.deferred,
        )
    return PollReport(started, reports, counts)


def _read_entries(
    source: str,
    state: FeedState,
    settings: WatchSettings,
    fetching: FetchSettings,
    inputs: InputRules,
    *,
    now: dt.datetime,
) -> _FeedPoll:
    """Read one feed, claim its new entries (and earlier failures now due) and fetch their pages (by
    `fetching`, their articles read by `inputs`)."""
    poll = _FeedPoll(source, now)
    etag, last_modified = state.validators(source) if is_web_url(source) else (None, None)
    try:
        feed = read_feed(source, settings=fetching, etag=etag, last_modified=last_modified)
    except IngestError as e:
        log.info("feed %s", e)
        poll.error = e
        return poll
    poll.not_modified = feed.not_modified
    poll.validators = (feed.etag, feed.last_modified)
    entries = {entry.url: entry for entry in feed.entries}
    for url in state.due_retries(feed=source, now=now):
        entries.setdefault(url, FeedEntry(url))
    poll.entries = len(entries)
    stale_before = now - settings.retry.stale_claim
    budget_ends = time.monotonic() + settings.feed_budget.total_seconds()
    for entry in entries.values():
        if time.monotonic() > budget_ends:
            poll.deferred += 1
            continue
        attempt = state.claim(entry.url, feed=source, now=now, stale_before=stale_before)
        if attempt is None:
            poll.seen += 1
            continue
        try:
            article, from_feed_text = _entry_article(entry, fetch(entry.url, settings=fetching), inputs)
        except IngestError as e:
            _record_failure(poll, state, settings, url=entry.url, attempt=attempt, error=e)
            continue
        poll.pages.append(_Page(source, entry.url, attempt, article, from_feed_text))
    return poll


def _entry_article(entry: FeedEntry, response: Fetched, inputs: InputRules) -> tuple[Article, bool]:
    """The entry's article from its page; from the feed's text (True) when the page gives none."""
    try:
        if not is_html(response.content_type, response.body):
            raise IngestError(entry.url, f"not an HTML page ({response.content_type or 'no content type'})")
        page = article_from_page(
            response.body,
            url=entry.url,
            content_type=response.content_type,
            title=entry.title,
            published=entry.published,
            inputs=inputs,
        )
        return page, False
    except IngestError as e:
        if not entry.text:
            raise
        log.info("%s; stored from the feed's text instead", e)
    article = build_article(
        id=url_article_id(entry.url),
        source=entry.url,
        text=entry.text,
        title=entry.title,
        outlet=host_of(entry.url),
        published=entry.published,
        url=entry.url,
        limits=inputs.limits,
    )
    return article, True


def _store_pages(
    polls: list[_FeedPoll], store: Store, resources: Resources, state: FeedState, settings: WatchSettings
) -> BatchCounts:
    """Extract every fetched page and store the lot linked (pipeline.ingest); record each URL's outcome."""
    pages = [(poll, page) for poll in polls for page in poll.pages]
    if not pages:
        return BatchCounts(new=0, unchanged=0, failed=0, mentions=0, incidents=0)
    errors: list[ConflictdbError] = []
    counts = pipeline.ingest(
        store, [page.article for _, page in pages], resources=resources, on_error=errors.append
    )
    failed = {e.article_id: e for e in errors if isinstance(e, ExtractionError)}
    extracted = [(poll, page) for poll, page in pages if page.article.id not in failed]
    stored = state.stored_articles(page.article.content_hash for _, page in extracted) if extracted else {}
    for poll, page in pages:
        article_id = stored.get(page.article.content_hash) if page.article.id not in failed else None
        if article_id is not None:
            state.mark_ingested(page.url, article_id=article_id)
            poll.new.append(page.url)
            continue
        error = failed.get(page.article.id) or next(
            (e for e in errors if page.article.source in str(e)), None
        )
        reason = error or IngestError(page.url, "the store did not keep the article")
        _record_failure(poll, state, settings, url=page.url, attempt=page.attempt, error=reason)
    return counts


def _record_failure(
    poll: _FeedPoll,
    state: FeedState,
    settings: WatchSettings,
    *,
    url: str,
    attempt: int,
    error: ConflictdbError,
) -> None:
    """Remember a failed URL with its retry time (or none), and report it."""
    retry_at = settings.retry.retry_at(error, attempt=attempt, now=poll.now)
    reason = error.reason if isinstance(error, IngestError) and error.source == url else str(error)
    state.mark_failed(url, reason=reason, retry_at=retry_at)
    poll.failed.append(PageFailure(url, reason, retry_at))
    log.info(
        "%s: %s (%s)", url, reason, f"retry after {retry_at:%Y-%m-%d %H:%M} UTC" if retry_at else "given up"
    )


def watch_feeds(
    sources: Sequence[str],
    *,
    store: Store,
    resources: Resources,
    every: dt.timedelta,
    settings: WatchSettings = WatchSettings(),  # noqa: B008 -- frozen dataclass, never mutated
    polls: int | None = None,
    on_poll: Callable[[PollReport], None] | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Poll the feeds every `every` until `stop` is set or `polls` polls are done; return the polls done."""
    stop = stop or threading.Event()
    done = 0
    while True:
        report = poll_feeds(sources, store=store, resources=resources, settings=settings)
        done += 1
        if on_poll is not None:
            on_poll(report)
        if (polls is not None and done >= polls) or stop.wait(every.total_seconds()):
            return done


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([dhms])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


def parse_duration(text: str) -> dt.timedelta:
    """A duration written like 30s, 15m, 1h, 1h30m or 1d; raise ValueError for anything else."""
    compact = "".join(text.lower().split())
    parts = _DURATION_PART.findall(compact)
    if not compact or "".join(number + unit for number, unit in parts) != compact:
        raise ValueError(f"not a duration: {text!r} (write it like 30s, 15m, 1h or 1h30m)")
    duration = sum((dt.timedelta(**{_UNITS[unit]: float(number)}) for number, unit in parts), dt.timedelta())
    if duration <= dt.timedelta(0):
        raise ValueError(f"not a positive duration: {text!r}")
    return duration
