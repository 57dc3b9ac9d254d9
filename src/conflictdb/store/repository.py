"""The store: articles, mentions, claims and figures in, incidents out.

Articles are written in chunks, one transaction per chunk with a savepoint per article (a failing article
loses nothing stored before it), with executemany inserts and one incident refresh per chunk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import logging
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from conflictdb.errors import ConflictdbError, StoreError
from conflictdb.formats import figure_fields
from conflictdb.records import (
    ACTOR_COLUMNS,
    Article,
    Category,
    Claim,
    DatePrecision,
    DateValue,
    Figure,
    Mention,
    Outcome,
    Place,
    Span,
    Stance,
    place_columns,
)
from conflictdb.redact import redact, url_secrets
from conflictdb.resolve import duplicates
from conflictdb.resolve.duplicates import DuplicateLexicon, load_duplicate_lexicon
from conflictdb.resolve.link import LinkLexicon, load_link_lexicon, named_speakers
from conflictdb.resolve.reconcile import ReconcileRules, load_reconcile_rules
from conflictdb.store import decisions, edits, resolution, schema
from conflictdb.store.concurrency import BEGIN_IMMEDIATE, refresh_resolution_state, write_transaction
from conflictdb.store.decisions import Decision
from conflictdb.store.edits import KEEP, Edit, Keep
from conflictdb.store.identity import keyed, new_incident_id
from conflictdb.store.migrations import current_version, migrate
from conflictdb.store.query import (
    NO_EXTRAS,
    IncidentQuery,
    IncidentRow,
    chunks,
    find_incidents,
    incident_extras,
    told_as_news,
)
from conflictdb.store.summary import summarise_incident

if TYPE_CHECKING:
    from conflictdb.geo.gazetteer import Gazetteer

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///conflictdb.sqlite"
ENV_VAR = "CONFLICTDB_DB"
_CHUNK = 500  # ids per IN (...) list, well under every backend's parameter limit
ARTICLES_PER_TRANSACTION = 1000  # a chunk is linked within itself first: cheaper than one by one
# what writing one article's rows may raise: the database's refusals, and the driver's for a value no column
# holds (an integer beyond 64 bits, a string that is no valid Unicode), which SQLAlchemy passes on unwrapped
_WRITE_ERRORS = (SQLAlchemyError, OverflowError, UnicodeEncodeError)
_Done = TypeVar("_Done", Decision, Edit)  # what an analyst's recorded decision or correction returns


@dataclass(frozen=True, slots=True)
class IncidentDetail(IncidentRow):
    """An incident with every mention (claims and figures inside) and the articles they come from."""

    mentions: tuple[Mention, ...]
    articles: tuple[Article, ...]

    def article(self, article_id: str) -> Article | None:
        """The article a mention of this incident comes from."""
        return next((a for a in self.articles if a.id == article_id), None)


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Table counts and the span of incident dates."""

    schema_version: int
    articles: int
    incidents: int  # told as news; background incidents (context) are counted apart
    mentions: int
    claims: int
    figures: int
    first_date: dt.date | None
    last_date: dt.date | None
    background_incidents: int = 0  # told only as context: older events, totals over many
    discounted_incidents: int = 0  # discounted by an analyst: kept, counted in nothing


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What storing one batch of articles did."""

    new: int
    unchanged: int
    failed: int
    mentions: int  # mentions added
    incidents: int  # incidents told as news added, less stored ones a new report joined into another
    background: int = 0  # background records added: older events and totals told as context, not incidents


def resolve_url(url: str | None = None) -> str:
    """The database URL: the one given, else $CONFLICTDB_DB, else ./conflictdb.sqlite; a path is SQLite."""
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    return chosen if "://" in chosen else f"sqlite:///{chosen}"


def text_hash(text: str) -> str:
    """The content hash used when an article arrives without one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# busy_timeout first: a writer waits up to a minute for another process's write lock
SQLITE_PRAGMAS = ("busy_timeout=60000", "foreign_keys=ON", "synchronous=NORMAL")
SQLITE_WAL_WAIT = 60.0  # seconds to keep retrying the switch of a new file to WAL while others hold it


def _switch_to_wal(cursor: Any, *, wait: float = SQLITE_WAL_WAIT) -> None:
    """Put the database file in write-ahead-log mode, once for the file's lifetime (the mode is stored in
    the file). Switching needs the file to itself, and SQLite answers "database is locked" at once, without
    the busy handler, while another process opening the same new file holds a lock; so retry until the
    other is done. A file already in WAL (every file after its first opening) takes no lock at all."""
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] in ("wal", "memory"):
            return
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            contended = "locked" in str(e) or "busy" in str(e)
            if not contended or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _explicit_sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, open transactions (so DDL is transactional), enforce foreign keys,
    and write-ahead log with normal sync (durable at checkpoints, many times faster commits)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
        _switch_to_wal(cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(BEGIN_IMMEDIATE)  # a writer: see store.concurrency
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def missing_sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names when it does not exist (None for other backends, memory, or a file)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.database.startswith("file:"):  # a URI filename: left to SQLite
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (migrating as needed) the store at a SQLAlchemy URL (see `resolve_url`); a SQLite file that
    does not exist is created, or with `create=False` (the commands that only read) a StoreError."""
    resolved = resolve_url(url)
    secrets = url_secrets(resolved)
    shown = redact(resolved, secrets=secrets)
    if not create:
        try:
            missing = missing_sqlite_file(resolved)
        except (ArgumentError, ValueError) as e:  # a URL SQLAlchemy cannot read ("host:port" not a number)
            raise StoreError(f"cannot open database {shown}: {redact(str(e), secrets=secrets)}") from None
        if missing is not None:
            raise StoreError(f"no database at {missing}: ingest articles into it first (conflictdb ingest)")
    try:
        engine = create_engine(resolved)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        # not chained: the cause's message holds the URL, password and all
        raise StoreError(f"cannot open database {shown}: {redact(str(e), secrets=secrets)}") from None
    if engine.dialect.name == "sqlite":
        _explicit_sqlite_transactions(engine)
    try:
        migrate(engine)
    except SQLAlchemyError as e:
        engine.dispose()
        reason = redact(f"{e.__class__.__name__}: {e.orig or e}", secrets=secrets)
        raise StoreError(f"cannot open database {shown}: {reason}") from None
    except StoreError:
        engine.dispose()
        raise
    return Store(engine)


class Store:
    """A conflictdb database; use as a context manager or call `close()`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def add_article(
        self, article: Article, mentions: Sequence[Mention], *, replace: bool = False, link: bool = False
    ) -> bool:
        """Store an article and its mentions in one transaction; False if its content is already stored.

        An article a reader named is stored under its URL, else a hash of its source and text
        (store.identity); one without a name keeps its id. Without `link`, a mention without `incident_id`
        gets a new incident and one naming an incident joins it (creating it if unknown); with `link`, see
        `add_batch`. Another text under a stored id (a revised page at a stored URL) is refused
        (StoreError) unless `replace`.
        """
        tally = self._add_chunk([(article, mentions)], replace=replace, link=link, state=None)
        if tally.errors:
            raise tally.errors[0]
        return tally.new == 1

    def add_batch(
        self,
        results: Iterable[tuple[Article, Sequence[Mention]]],
        *,
        link: bool = False,
        on_error: Callable[[ConflictdbError], None] | None = None,
        chunk_size: int = ARTICLES_PER_TRANSACTION,
    ) -> BatchCounts:
        """Store many articles, `chunk_size` per transaction with a savepoint each; a failing one is
        reported and skipped (with no `on_error`, raised once its chunk is committed).

        With `link`, the mentions' incident ids are decided here by the one linker (resolve.linker, the
        store its source of held incidents; document frequencies of the whole store): each chunk's mentions
        join each other and stored incidents, without re-clustering them; manual merges and splits hold.
        """
        total = _Tally()
        state = self._resolution_state() if link else None
        iterator = iter(results)
        while chunk := list(itertools.islice(iterator, chunk_size)):
            tally = self._add_chunk(chunk, replace=False, link=link, state=state)
            total = _Tally.sum([total, tally])
            for error in tally.errors:
                if on_error is None:
                    raise error
                on_error(error)
        # counted inside each chunk's transaction: another process writing meanwhile is not counted
        return BatchCounts(
            total.new,
            total.unchanged,
            len(total.errors),
            total.mentions,
            total.incidents,
            background=total.background,
        )

    def _resolution_state(self) -> resolution.ResolutionState:
        with self.engine.connect() as conn:
            return resolution.load_state(conn, _link_lexicon(), _duplicate_lexicon())

    def _add_chunk(
        self,
        chunk: Sequence[tuple[Article, Sequence[Mention]]],
        *,
        replace: bool,
        link: bool,
        state: resolution.ResolutionState | None,
    ) -> _Tally:
        """One transaction over a chunk, a few executemany statements in all; if the chunk cannot be
        committed (an article breaks a constraint, say), its articles are tried one by one."""
        tally = _Tally()
        if link and state is None:
            state = self._resolution_state()
        chunk = [keyed(article, mentions) for article, mentions in chunk]
        try:
            with write_transaction(self.engine) as conn:
                fresh = _fresh_articles(conn, chunk, replace=replace, tally=tally)
                joined: set[str] = set()
                if link and fresh and state is not None:
                    refresh_resolution_state(conn, state)  # another process may have written meanwhile
                    assigned = resolution.assign_incidents(conn, [(a, ms) for a, ms, _ in fresh], state)
                    fresh = [(a, ms, h) for (a, ms), (_, _, h) in zip(assigned.results, fresh, strict=True)]
                    joined = resolution.join_incidents(conn, assigned.joined)
                if replace:
                    fresh = _keep_replaced_incidents(conn, fresh)
                touched, created = _ensure_incidents(conn, fresh)
                touched |= joined
                ids, bags = _store_articles(conn, fresh, replace=replace)
                touched |= ids
                resolution.add_term_counts(conn, bags)
                dropped = _refresh_incidents(conn, sorted(touched))
                tally.new += len(fresh)
                tally.mentions += sum(len(ms) for _, ms, _ in fresh)
                tally.incidents += created.news - dropped.news
                tally.background += created.background - dropped.background
        except _WRITE_ERRORS as e:
            if len(chunk) == 1:
                article = chunk[0][0]
                return _Tally(
                    errors=[StoreError(f"{article.source}: cannot store article {article.id}: {e}")]
                )
            log.warning("chunk of %d articles failed (%s); storing them one by one", len(chunk), e)
            return _Tally.sum(
                self._add_chunk([item], replace=replace, link=link, state=state) for item in chunk
            )
        if state is not None:
            state.count(bags)
        return tally

    def merge_incidents(self, keep: str, others: Sequence[str], *, by: str, force: bool = False) -> Decision:
        """Merge incidents into `keep` (an analyst's decision, recorded; later ingests never undo it);
        incidents in different countries or years only with `force`."""
        return self._decide(lambda conn: decisions.merge(conn, keep, others, by=by, force=force))

    def split_incident(self, incident_id: str, mention_keys: Sequence[str], *, by: str) -> Decision:
        """Move mentions (keys `article_id#index`) of an incident into a new incident, recorded; the moved
        and the remaining mentions are never linked again automatically."""
        return self._decide(lambda conn: decisions.split(conn, incident_id, mention_keys, by=by))

    def _decide(self, apply: Callable[[Connection], tuple[_Done, set[str]]]) -> _Done:
        try:
            with write_transaction(self.engine) as conn:
                decision, touched = apply(conn)
                _refresh_incidents(conn, sorted(touched))
        except SQLAlchemyError as e:
            raise StoreError(f"cannot record the decision: {e}") from e
        return decision

    def decisions(self) -> list[Decision]:
        """Every manual decision, oldest first."""
        with self.engine.connect() as conn:
            return decisions.load(conn)

    def correct_incident(
        self,
        incident_id: str,
        *,
        by: str,
        sub_event_type: str | None = None,
        event_type: str | None = None,
        place: Place | None = None,
        date: tuple[dt.date, DatePrecision] | None = None,
        discounted: bool | None = None,
        actors: Mapping[str, str | None] | None = None,
        gazetteer: Gazetteer | None = None,
        note: str | None = None,
    ) -> Edit:
        """Correct an incident's ACLED event type, place (completed from the `gazetteer`), date and
        precision, actors, or discount it (kept, counted in nothing); recorded, kept over re-ingest
        (store.edits)."""
        return self._decide(
            lambda conn: edits.correct_incident(
                conn,
                incident_id,
                by=by,
                sub_event_type=sub_event_type,
                event_type=event_type,
                place=place,
                date=date,
                discounted=discounted,
                actors=actors,
                gazetteer=gazetteer,
                note=note,
            )
        )

    def correct_claim(
        self,
        claim_id: int | str,
        *,
        by: str,
        figures: Sequence[Figure] | None = None,
        speaker: str | None | Keep = KEEP,
        stance: Stance | str | None = None,
        note: str | None = None,
    ) -> Edit:
        """Correct a claim's figures, speaker or stance (REJECTED: counts for nothing), by row id or key
        `article_id#mention#claim`; recorded and kept over re-ingest (see store.edits)."""
        return self._decide(
            lambda conn: edits.correct_claim(
                conn, claim_id, by=by, figures=figures, speaker=speaker, stance=stance, note=note
            )
        )

    def reset_incident(
        self,
        incident_id: str,
        *,
        by: str,
        fields: Sequence[str] = tuple(edits.INCIDENT_GROUPS),
        note: str | None = None,
    ) -> Edit:
        """Put an incident's corrected event type or place ("event", "place") back to automatic; recorded."""
        return self._decide(
            lambda conn: edits.reset_incident(conn, incident_id, by=by, fields=fields, note=note)
        )

    def reset_claim(
        self,
        claim_id: int | str,
        *,
        by: str,
        fields: Sequence[str] = edits.CLAIM_FIELDS,
        note: str | None = None,
    ) -> Edit:
        """Put a claim's corrected figures, speaker or stance back to what extraction read; recorded."""
        return self._decide(lambda conn: edits.reset_claim(conn, claim_id, by=by, fields=fields, note=note))

    def history(self, incident_id: str) -> list[Edit | Decision]:
        """Every correction, merge and split concerning an incident, oldest first."""
        with self.engine.connect() as conn:
            return edits.history(conn, incident_id)

    def incidents(self, query: IncidentQuery | None = None, /, **filters: Any) -> list[IncidentRow]:
        """Incidents a query selects (store.query; or its fields as keywords), newest first by default
        (undated last); QueryError for a filter that names nothing known."""
        with self.engine.connect() as conn:
            return find_incidents(conn, query or IncidentQuery(**filters)).rows

    def incident(self, incident_id: str) -> IncidentDetail | None:
        """One incident with its mentions, claims, figures and articles; None if there is no such id."""
        rows = self._rows_by_id([incident_id])
        return self._details(rows)[0] if rows else None

    def incident_details(
        self, query: IncidentQuery | None = None, /, **filters: Any
    ) -> Iterator[IncidentDetail]:
        """Incidents as `incidents` selects them, each with its mentions and articles."""
        rows = self.incidents(query, **filters)
        for start in range(0, len(rows), _CHUNK):
            yield from self._details(rows[start : start + _CHUNK])

    def stats(self) -> StoreStats:
        """Counts of every table and the date range of incidents."""
        with self.engine.connect() as conn:
            counts = {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (schema.articles, schema.mentions, schema.claims, schema.figures)
            }
            t = schema.incidents
            count = select(func.count()).select_from(t)
            counts["incidents"] = conn.execute(count.where(told_as_news())).scalar_one()
            counts["background_incidents"] = conn.execute(count.where(t.c.background.is_(True))).scalar_one()
            discounted = count.where(t.c.background.is_not(True), t.c.discounted.is_(True))
            counts["discounted_incidents"] = conn.execute(discounted).scalar_one()
            span = select(func.min(t.c.date), func.max(t.c.date)).where(told_as_news())
            first, last = conn.execute(span).one()
            version = current_version(conn)
        return StoreStats(schema_version=version, first_date=first, last_date=last, **counts)

    def _rows_by_id(self, ids: Sequence[str]) -> list[IncidentRow]:
        """Incident rows for the given ids, in that order."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(select(schema.incidents).where(schema.incidents.c.id.in_(ids))).mappings().all()
            )
            extras = incident_extras(conn, ids)
        by_id = {row["id"]: IncidentRow(**row, **extras.get(row["id"], NO_EXTRAS)) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def _details(self, rows: Sequence[IncidentRow]) -> list[IncidentDetail]:
        """Attach mentions and articles to incident rows."""
        ids = [row.id for row in rows]
        with self.engine.connect() as conn:
            mentions = _load_mentions(conn, schema.mentions.c.incident_id.in_(ids))
            article_ids = sorted({m.article_id for m in mentions})
            articles = {a.id: a for a in _load_articles(conn, article_ids)}
            corrections = edits.load_corrections(conn, (), article_ids)
        details = []
        for row in rows:
            own = tuple(corrections.mention(m) for m in mentions if m.incident_id == row.id)
            own_articles = tuple(articles[i] for i in dict.fromkeys(m.article_id for m in own))
            fields = {name: getattr(row, name) for name in IncidentRow.__dataclass_fields__}
            details.append(IncidentDetail(**fields, mentions=own, articles=own_articles))
        return details


# --- writing ---------------------------------------------------------------------------------------


@dataclass
class _Tally:
    """What storing one chunk did."""

    new: int = 0
    unchanged: int = 0
    mentions: int = 0  # mentions added
    incidents: int = 0  # incidents told as news added (created less those left empty)
    background: int = 0  # background records added (created less those left empty)
    errors: list[StoreError] = field(default_factory=list)

    @staticmethod
    def sum(tallies: Iterable[_Tally]) -> _Tally:
        total = _Tally()
        for t in tallies:
            total.new, total.unchanged = total.new + t.new, total.unchanged + t.unchanged
            total.mentions, total.incidents = total.mentions + t.mentions, total.incidents + t.incidents
            total.background += t.background
            total.errors += t.errors
        return total


_LEXICONS: dict[str, Any] = {}


def _link_lexicon() -> LinkLexicon:
    """data/linking.yaml, read once per process."""
    if "link" not in _LEXICONS:
        _LEXICONS["link"] = load_link_lexicon()
    return _LEXICONS["link"]


def _reconcile_rules() -> ReconcileRules:
    """data/reconcile.yaml, read once per process (the summaries' figures and grades)."""
    if "reconcile" not in _LEXICONS:
        _LEXICONS["reconcile"] = load_reconcile_rules()
    return _LEXICONS["reconcile"]


def _duplicate_lexicon() -> DuplicateLexicon:
    """The near-duplicate settings of data/linking.yaml, read once per process."""
    if "near" not in _LEXICONS:
        _LEXICONS["near"] = load_duplicate_lexicon()
    return _LEXICONS["near"]


def _fresh_articles(
    conn: Connection, chunk: Sequence[tuple[Article, Sequence[Mention]]], *, replace: bool, tally: _Tally
) -> list[tuple[Article, Sequence[Mention], str]]:
    """The chunk's articles not stored yet (by content); another text under a stored id is an error."""
    a = schema.articles
    hashes = [article.content_hash or text_hash(article.text) for article, _ in chunk]
    known_hashes: set[str] = set()
    known_ids: set[str] = set()
    for start in range(0, len(chunk), _CHUNK):
        part_hashes = hashes[start : start + _CHUNK]
        part_ids = [article.id for article, _ in chunk[start : start + _CHUNK]]
        known_hashes |= set(
            conn.execute(select(a.c.content_hash).where(a.c.content_hash.in_(part_hashes))).scalars()
        )
        known_ids |= set(conn.execute(select(a.c.id).where(a.c.id.in_(part_ids))).scalars())
    fresh = []
    for (article, mentions), content_hash in zip(chunk, hashes, strict=True):
        if content_hash in known_hashes:
            tally.unchanged += 1
            continue
        if article.id in known_ids and not replace:
            tally.errors.append(
                StoreError(
                    f"{article.source}: article {article.id!r} is already stored with other content"
                    " (a revised page at a stored URL?)"
                )
            )
            continue
        known_hashes.add(content_hash)
        known_ids.add(article.id)
        fresh.append((article, mentions, content_hash))
    return fresh


def _store_articles(
    conn: Connection, fresh: Sequence[tuple[Article, Sequence[Mention], str]], *, replace: bool
) -> tuple[set[str], list[Counter]]:
    """Write a chunk's articles with their mentions, claims and figures, one statement per table; return
    the incidents touched and the mentions' word bags (counted into the document frequencies)."""
    touched: set[str] = set()
    if replace:
        for article, _, _ in fresh:
            touched |= _delete_article(conn, article.id)
    near, lexicon = _duplicate_lexicon(), _link_lexicon()
    signed = [
        (article, duplicates.signature(article.clean_text or article.text, near)) for article, _, _ in fresh
    ]
    groups = resolution.source_groups(conn, signed, near)
    now = dt.datetime.now(dt.UTC)
    if fresh:
        rows = [
            _article_values(article, content_hash, source_group=group, signature=signature)
            | {"ingested_at": now + dt.timedelta(microseconds=n)}  # the chunk's order, for source groups
            for n, ((article, _, content_hash), (_, signature), group) in enumerate(
                zip(fresh, signed, groups, strict=True)
            )
        ]
        conn.execute(schema.articles.insert(), rows)
    resolution.insert_bands(conn, signed, near)
    mention_rows, bags, told = [], [], []
    for article, mentions, _ in fresh:
        for mention in mentions:
            bag = resolution.mention_terms(article, mention, lexicon)
            bags.append(bag)
            told.append((article, mention))
            touched.add(mention.incident_id or "")
            mention_rows.append(
                _mention_values(mention)
                | {
                    "article_id": article.id,
                    "incident_id": mention.incident_id or "",
                    "idx": mention.index,
                    "published": article.published,
                    "terms": json.dumps(bag, separators=(",", ":")),
                    "named_speakers": json.dumps(sorted(named_speakers(mention))),
                }
            )
    mention_ids = _insert_returning_ids(conn, schema.mentions, mention_rows)
    claims = [
        (article, mention_id, i, claim)
        for mention_id, (article, mention) in zip(mention_ids, told, strict=True)
        for i, claim in enumerate(mention.claims)
    ]
    _insert_claims(conn, claims)
    return touched, bags


def _insert_returning_ids(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """executemany insert, returning the new primary keys in the order of `rows`."""
    if not rows:
        return []
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return list(conn.execute(statement, rows).scalars())


def _keep_replaced_incidents(
    conn: Connection, fresh: list[tuple[Article, Sequence[Mention], str]]
) -> list[tuple[Article, Sequence[Mention], str]]:
    """A revised article's mentions that joined no stored incident go back to the incidents of the
    version they replace (by mention index), with whatever new mentions were linked to them, so an
    incident told by that article alone keeps its id and its edits."""
    m, t = schema.mentions, schema.incidents
    article_ids = [article.id for article, _, _ in fresh]
    before: dict[tuple[str, int], str] = {}
    for chunk in chunks(article_ids):
        rows = conn.execute(select(m.c.article_id, m.c.idx, m.c.incident_id).where(m.c.article_id.in_(chunk)))
        before.update(((article_id, idx), incident_id) for article_id, idx, incident_id in rows)
    ids = sorted({mention.incident_id or "" for _, mentions, _ in fresh for mention in mentions})
    stored: set[str] = set()
    for chunk in chunks(ids):
        stored |= set(conn.execute(select(t.c.id).where(t.c.id.in_(chunk))).scalars())
    back: dict[str | None, str] = {}  # an id minted in this chunk -> the incident it goes back to
    for article, mentions, _ in fresh:
        for mention in mentions:
            old = before.get((article.id, mention.index))
            if old is not None and mention.incident_id not in stored:
                back.setdefault(mention.incident_id, old)
    if not back:
        return fresh
    return [
        (article, [_moved(mention, back) for mention in mentions], content_hash)
        for article, mentions, content_hash in fresh
    ]


def _moved(mention: Mention, back: dict[str | None, str]) -> Mention:
    incident_id = back.get(mention.incident_id)
    return mention if incident_id is None else dataclasses.replace(mention, incident_id=incident_id)


@dataclass(frozen=True, slots=True)
class _Kinds:
    """A count of incidents told as news and of background records (every mention context)."""

    news: int = 0
    background: int = 0


def _ensure_incidents(
    conn: Connection, fresh: list[tuple[Article, Sequence[Mention], str]]
) -> tuple[set[str], _Kinds]:
    """Give every mention an incident id (a new one when it has none) and create the incidents not stored
    yet; return the incidents touched (refreshed, or dropped if left empty, at the end) and how many
    were created of each kind (a new incident holds this chunk's mentions only: a background record
    when they are all background)."""
    t = schema.incidents
    for n, (article, mentions, content_hash) in enumerate(fresh):
        if any(m.incident_id is None for m in mentions):
            mentions = [
                m if m.incident_id else dataclasses.replace(m, incident_id=new_incident_id())
                for m in mentions
            ]
            fresh[n] = (article, mentions, content_hash)
    ids = sorted({m.incident_id or "" for _, mentions, _ in fresh for m in mentions})
    known: set[str] = set()
    for chunk in chunks(ids):
        known |= set(conn.execute(select(t.c.id).where(t.c.id.in_(chunk))).scalars())
    missing = [i for i in ids if i not in known]
    if missing:
        conn.execute(t.insert(), [{"id": i} for i in missing])
    told = {m.incident_id for _, mentions, _ in fresh for m in mentions if not m.background}
    news = sum(1 for i in missing if i in told)
    return set(ids), _Kinds(news, len(missing) - news)


def _delete_article(conn: Connection, article_id: str) -> set[str]:
    """Remove an article and everything read from it; return the incidents it touched."""
    m, c, f = schema.mentions, schema.claims, schema.figures
    mention_ids = select(m.c.id).where(m.c.article_id == article_id)
    rows = conn.execute(select(m.c.incident_id, m.c.terms).where(m.c.article_id == article_id)).all()
    resolution.add_term_counts(conn, (Counter(json.loads(terms or "{}")) for _, terms in rows), sign=-1)
    conn.execute(delete(f).where(f.c.claim_id.in_(select(c.c.id).where(c.c.mention_id.in_(mention_ids)))))
    conn.execute(delete(c).where(c.c.mention_id.in_(mention_ids)))
    conn.execute(delete(m).where(m.c.article_id == article_id))
    conn.execute(delete(schema.article_bands).where(schema.article_bands.c.article_id == article_id))
    conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))
    return {incident_id for incident_id, _ in rows}


def _article_values(
    article: Article, content_hash: str, *, source_group: str, signature: tuple[int, ...]
) -> dict[str, Any]:
    """The article row (but its ingestion time)."""
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "content_hash": content_hash,
        "text": article.text,
        "clean_text": article.clean_text,
        "source_group": source_group,
        "shingle_signature": duplicates.pack(signature),
        "name": article.name,
    }


def _mention_values(mention: Mention) -> dict[str, Any]:
    """The mention's own columns (not ids)."""
    place, date, span = mention.place, mention.date, mention.span
    return {
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "date": date.value,
        "date_precision": str(date.precision) if date.precision else None,
        "date_text": date.text,
        **place_columns(place, "place_name"),
        "place_words": place.words if place else None,
        "perpetrator": mention.perpetrator,
        "target": mention.target,
        **{name: getattr(mention, name) for name in ACTOR_COLUMNS},
        "background": mention.background,
        "type_guessed": mention.type_guessed,
        "span_start": span.start if span else None,
        "span_end": span.end if span else None,
    }


def _insert_claims(conn: Connection, claims: Sequence[tuple[Article, int, int, Claim]]) -> None:
    """Insert claims (article, mention id, index, claim) and their figures, two statements in all."""
    rows = [
        {
            "mention_id": mention_id,
            "idx": idx,
            "speaker": claim.speaker,
            "speaker_role": claim.speaker_role,
            "relay": claim.relay,
            "stance": str(claim.stance),
            "stance_words": claim.stance_words,
            "partisan": claim.partisan,
            "evidence_start": claim.evidence.start,
            "evidence_end": claim.evidence.end,
            "evidence_text": article.text[claim.evidence.start : claim.evidence.end],
        }
        for article, mention_id, idx, claim in claims
    ]
    claim_ids = _insert_returning_ids(conn, schema.claims, rows)
    figures = [
        _figure_values(figure) | {"claim_id": claim_id, "idx": i}
        for claim_id, (_, _, _, claim) in zip(claim_ids, claims, strict=True)
        for i, figure in enumerate(claim.figures)
    ]
    if figures:
        conn.execute(schema.figures.insert(), figures)


def _figure_values(figure: Figure) -> dict[str, Any]:
    """The figure's columns (not ids)."""
    return figure_fields(figure) | {"words": figure.words}


def _refresh_incidents(conn: Connection, incident_ids: Sequence[str]) -> _Kinds:
    """Recompute incidents' summaries from their mentions, a few statements per 500 incidents; drop the
    ones with no mention left and return how many of each kind."""
    table, m, c = schema.incidents, schema.mentions, schema.claims
    dropped, rules = _Kinds(), _reconcile_rules()
    for chunk in chunks(incident_ids):
        by_incident: dict[str, list[Mention]] = {}
        for mention in _load_mentions(conn, m.c.incident_id.in_(chunk)):
            by_incident.setdefault(mention.incident_id or "", []).append(mention)
        notes: dict[str, str] = {}
        notes_query = (
            select(m.c.incident_id, c.c.evidence_text)
            .join(m, c.c.mention_id == m.c.id)
            .where(m.c.incident_id.in_(chunk))
            .order_by(m.c.id.desc(), c.c.idx.desc())
        )
        notes.update(conn.execute(notes_query).all())  # the last written is the first claim
        empty = [i for i in chunk if i not in by_incident]
        if empty:
            query = select(func.count()).select_from(table).where(table.c.id.in_(empty))
            background = conn.execute(query.where(table.c.background.is_(True))).scalar_one()
            conn.execute(delete(table).where(table.c.id.in_(empty)))
            dropped = _Kinds(dropped.news + len(empty) - background, dropped.background + background)
        article_ids = sorted({m.article_id for ms in by_incident.values() for m in ms})
        articles = {a.id: a for a in _load_articles(conn, article_ids)}
        corrections = edits.load_corrections(conn, chunk, article_ids)  # analysts' edits hold
        rows = []
        for incident_id, mentions in by_incident.items():
            told_by = [articles[i] for i in sorted({m.article_id for m in mentions}) if i in articles]
            values = summarise_incident([corrections.mention(m) for m in mentions], told_by, rules=rules)
            values |= {"notes": notes.get(incident_id), "discounted": False} | corrections.incident(
                incident_id
            )
            kept = {f"v_{k}": v for k, v in values.items() if k in table.c and k != "id"}
            rows.append(kept | {"v_id": incident_id})
        if rows:
            columns = [k[2:] for k in rows[0] if k != "v_id"]
            statement = update(table).where(table.c.id == bindparam("v_id"))
            conn.execute(statement.values({k: bindparam(f"v_{k}") for k in columns}), rows)
    return dropped


# --- reading ---------------------------------------------------------------------------------------


def _load_mentions(conn: Connection, where: ColumnElement[bool]) -> list[Mention]:
    """Mentions (with claims and figures) matching a condition on the mentions table, in stored order."""
    m, c, f = schema.mentions, schema.claims, schema.figures
    mention_rows = (
        conn.execute(select(m).where(where).order_by(m.c.article_id, m.c.idx, m.c.id)).mappings().all()
    )
    mention_ids = [row["id"] for row in mention_rows]
    claim_rows = []
    figure_rows = []
    for chunk in chunks(mention_ids):
        claim_rows += conn.execute(select(c).where(c.c.mention_id.in_(chunk))).mappings().all()
    for chunk in chunks([row["id"] for row in claim_rows]):
        figure_rows += conn.execute(select(f).where(f.c.claim_id.in_(chunk))).mappings().all()
    figures_by_claim: dict[int, list[Figure]] = {}
    for row in sorted(figure_rows, key=lambda r: (r["claim_id"], r["idx"])):
        figures_by_claim.setdefault(row["claim_id"], []).append(_figure_from_row(row))
    claims_by_mention: dict[int, list[Claim]] = {}
    for row in sorted(claim_rows, key=lambda r: (r["mention_id"], r["idx"])):
        claim = _claim_from_row(row, tuple(figures_by_claim.get(row["id"], ())))
        claims_by_mention.setdefault(row["mention_id"], []).append(claim)
    return [_mention_from_row(row, tuple(claims_by_mention.get(row["id"], ()))) for row in mention_rows]


def _figure_from_row(row: Any) -> Figure:
    """A Figure record from its row."""
    return Figure(
        outcome=Outcome(row["outcome"]),
        category=Category(row["category"]),
        min=row["min"],
        max=row["max"],
        approximate=row["approximate"],
        vague=row["vague"],
        part_of_total=row["part_of_total"],
        women=row["women"],
        children=row["children"],
        words=row["words"],
    )


def _claim_from_row(row: Any, figures: tuple[Figure, ...]) -> Claim:
    """A Claim record from its row."""
    return Claim(
        evidence=Span(row["evidence_start"], row["evidence_end"]),
        figures=figures,
        speaker=row["speaker"],
        speaker_role=row["speaker_role"],
        relay=row["relay"],
        stance=Stance(row["stance"]),
        stance_words=row["stance_words"],
        partisan=row["partisan"],
    )


def _mention_from_row(row: Any, claims: tuple[Claim, ...]) -> Mention:
    """A Mention record from its row."""
    place = None
    if row["place_name"] is not None:
        place = Place(
            name=row["place_name"],
            country=row["country"],
            admin1=row["admin1"],
            admin2=row["admin2"],
            lat=row["lat"],
            lon=row["lon"],
            precision=row["geo_precision"],
            words=row["place_words"],
        )
    precision = DatePrecision(row["date_precision"]) if row["date_precision"] else None
    span = Span(row["span_start"], row["span_end"]) if row["span_start"] is not None else None
    return Mention(
        article_id=row["article_id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        date=DateValue(row["date"], precision, row["date_text"]),
        place=place,
        claims=claims,
        perpetrator=row["perpetrator"],
        target=row["target"],
        span=span,
        background=row["background"],
        incident_id=row["incident_id"],
        index=row["idx"],
        type_guessed=bool(row["type_guessed"]),
        **{name: row.get(name) for name in ACTOR_COLUMNS},
    )


def _load_articles(conn: Connection, ids: Sequence[str]) -> list[Article]:
    """Article records (without offsets) for the given ids."""
    table = schema.articles
    rows = []
    for chunk in chunks(ids):
        rows += conn.execute(select(table).where(table.c.id.in_(chunk)).order_by(table.c.id)).mappings().all()
    return [
        Article(
            id=row["id"],
            source=row["source"],
            text=row["text"],
            clean_text=row["clean_text"],
            title=row["title"],
            outlet=row["outlet"],
            published=row["published"],
            url=row["url"],
            content_hash=row["content_hash"],
            source_group=row["source_group"],
            name=row["name"],
        )
        for row in rows
    ]
