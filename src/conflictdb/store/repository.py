"""The store: articles, mentions, claims and figures in, incidents out, one transaction per article."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from conflictdb.errors import ConflictdbError, StoreError
from conflictdb.records import (
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
)
from conflictdb.store import schema
from conflictdb.store.migrations import current_version, migrate
from conflictdb.store.summary import summarise_incident

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///conflictdb.sqlite"
ENV_VAR = "CONFLICTDB_DB"
_CHUNK = 500  # ids per IN (...) list, well under every backend's parameter limit


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """An incident's summary as stored, with counts and the outlets that reported it."""

    id: str
    event_type: str | None
    sub_event_type: str | None
    date: dt.date | None
    date_precision: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    notes: str | None
    sources: tuple[str, ...]  # outlets (or article sources when the outlet is unknown), sorted
    articles_count: int
    mentions_count: int
    claims_count: int


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
    incidents: int
    mentions: int
    claims: int
    figures: int
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What storing one batch of articles did."""

    new: int
    unchanged: int
    failed: int
    mentions: int  # mentions added
    incidents: int  # incidents added


def resolve_url(url: str | None = None) -> str:
    """The database URL: the one given, else $CONFLICTDB_DB, else ./conflictdb.sqlite; a path is SQLite."""
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    return chosen if "://" in chosen else f"sqlite:///{chosen}"


def text_hash(text: str) -> str:
    """The content hash used when an article arrives without one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_incident_id() -> str:
    """A fresh, globally unique incident id."""
    return uuid.uuid4().hex[:12]


def _explicit_sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, open transactions (so DDL is transactional) and enforce foreign keys."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at a SQLAlchemy URL; see `resolve_url`."""
    resolved = resolve_url(url)
    try:
        shown = make_url(resolved).render_as_string(hide_password=True)
        engine = create_engine(resolved)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        raise StoreError(f"cannot open database {resolved!r}: {e}") from e
    if engine.dialect.name == "sqlite":
        _explicit_sqlite_transactions(engine)
    try:
        migrate(engine)
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreError(f"cannot open database {shown}: {e.__class__.__name__}: {e.orig or e}") from e
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

    def add_article(self, article: Article, mentions: Sequence[Mention], *, replace: bool = False) -> bool:
        """Store an article and its mentions in one transaction; False if its content is already stored.

        A mention without `incident_id` gets a new incident; one naming an incident joins it (creating it
        if unknown). Another text under a stored article id is refused (StoreError) unless `replace`.
        """
        content_hash = article.content_hash or text_hash(article.text)
        try:
            with self.engine.begin() as conn:
                if _content_stored(conn, content_hash):
                    return False
                if _article_stored(conn, article.id) and not replace:
                    raise StoreError(
                        f"{article.source}: article id {article.id!r} is already stored with other content"
                    )
                touched = _delete_article(conn, article.id)
                _insert_article(conn, article, content_hash)
                for mention in mentions:
                    touched.add(_insert_mention(conn, article, mention))
                for incident_id in sorted(touched):
                    _refresh_incident(conn, incident_id)
        except SQLAlchemyError as e:
            raise StoreError(f"{article.source}: cannot store article {article.id}: {e}") from e
        return True

    def add_batch(
        self,
        results: Iterable[tuple[Article, Sequence[Mention]]],
        *,
        on_error: Callable[[ConflictdbError], None] | None = None,
    ) -> BatchCounts:
        """Store many articles, each in its own transaction; a failing one is reported and skipped."""
        before = self.stats()
        new = unchanged = failed = 0
        for article, mentions in results:
            try:
                added = self.add_article(article, mentions)
            except StoreError as e:
                failed += 1
                if on_error is None:
                    raise
                on_error(e)
                continue
            new, unchanged = (new + 1, unchanged) if added else (new, unchanged + 1)
        after = self.stats()
        return BatchCounts(
            new, unchanged, failed, after.mentions - before.mentions, after.incidents - before.incidents
        )

    def incidents(
        self,
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        limit: int | None = None,
    ) -> list[IncidentRow]:
        """Incidents matching every filter given, newest first (undated last)."""
        table = schema.incidents
        conditions: list[ColumnElement[bool]] = []
        if date_from is not None:
            conditions.append(table.c.date >= date_from)
        if date_to is not None:
            conditions.append(table.c.date <= date_to)
        if country:
            conditions.append(func.upper(table.c.country) == country.upper())
        if event_type:
            wanted = event_type.lower()
            conditions.append(
                or_(func.lower(table.c.event_type) == wanted, func.lower(table.c.sub_event_type) == wanted)
            )
        query = select(table).where(*conditions).order_by(table.c.date.desc().nulls_last(), table.c.id)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            extras = _incident_extras(conn, [row["id"] for row in rows])
        return [IncidentRow(**row, **extras.get(row["id"], _NO_EXTRAS)) for row in rows]

    def incident(self, incident_id: str) -> IncidentDetail | None:
        """One incident with its mentions, claims, figures and articles; None if there is no such id."""
        rows = self._rows_by_id([incident_id])
        return self._details(rows)[0] if rows else None

    def incident_details(self, **filters: Any) -> Iterator[IncidentDetail]:
        """Incidents as `incidents(**filters)` selects them, each with its mentions and articles."""
        rows = self.incidents(**filters)
        for start in range(0, len(rows), _CHUNK):
            yield from self._details(rows[start : start + _CHUNK])

    def stats(self) -> StoreStats:
        """Counts of every table and the date range of incidents."""
        with self.engine.connect() as conn:
            counts = {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (
                    schema.articles,
                    schema.incidents,
                    schema.mentions,
                    schema.claims,
                    schema.figures,
                )
            }
            first, last = conn.execute(
                select(func.min(schema.incidents.c.date), func.max(schema.incidents.c.date))
            ).one()
            version = current_version(conn)
        return StoreStats(schema_version=version, first_date=first, last_date=last, **counts)

    def _rows_by_id(self, ids: Sequence[str]) -> list[IncidentRow]:
        """Incident rows for the given ids, in that order."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(select(schema.incidents).where(schema.incidents.c.id.in_(ids))).mappings().all()
            )
            extras = _incident_extras(conn, ids)
        by_id = {row["id"]: IncidentRow(**row, **extras.get(row["id"], _NO_EXTRAS)) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def _details(self, rows: Sequence[IncidentRow]) -> list[IncidentDetail]:
        """Attach mentions and articles to incident rows."""
        ids = [row.id for row in rows]
        with self.engine.connect() as conn:
            mentions = _load_mentions(conn, schema.mentions.c.incident_id.in_(ids))
            article_ids = sorted({m.article_id for m in mentions})
            articles = {a.id: a for a in _load_articles(conn, article_ids)}
        details = []
        for row in rows:
            own = tuple(m for m in mentions if m.incident_id == row.id)
            own_articles = tuple(articles[i] for i in dict.fromkeys(m.article_id for m in own))
            fields = {name: getattr(row, name) for name in IncidentRow.__dataclass_fields__}
            details.append(IncidentDetail(**fields, mentions=own, articles=own_articles))
        return details


# --- writing ---------------------------------------------------------------------------------------


def _content_stored(conn: Connection, content_hash: str) -> bool:
    """Whether an article with this content is already stored."""
    query = select(schema.articles.c.id).where(schema.articles.c.content_hash == content_hash)
    return conn.execute(query).first() is not None


def _article_stored(conn: Connection, article_id: str) -> bool:
    """Whether an article with this id is already stored."""
    return (
        conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article_id)).first()
        is not None
    )


def _delete_article(conn: Connection, article_id: str) -> set[str]:
    """Remove an article and everything read from it; return the incidents it touched."""
    m, c, f = schema.mentions, schema.claims, schema.figures
    mention_ids = select(m.c.id).where(m.c.article_id == article_id)
    touched = set(conn.execute(select(m.c.incident_id).where(m.c.article_id == article_id)).scalars())
    conn.execute(delete(f).where(f.c.claim_id.in_(select(c.c.id).where(c.c.mention_id.in_(mention_ids)))))
    conn.execute(delete(c).where(c.c.mention_id.in_(mention_ids)))
    conn.execute(delete(m).where(m.c.article_id == article_id))
    conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))
    return touched


def _insert_article(conn: Connection, article: Article, content_hash: str) -> None:
    """Insert the article row."""
    conn.execute(
        schema.articles.insert().values(
            id=article.id,
            source=article.source,
            url=article.url,
            outlet=article.outlet,
            title=article.title,
            published=article.published,
            content_hash=content_hash,
            text=article.text,
            clean_text=article.clean_text,
            ingested_at=dt.datetime.now(dt.UTC),
        )
    )


def _mention_values(mention: Mention) -> dict[str, Any]:
    """The mention's own columns (not ids)."""
    place, date, span = mention.place, mention.date, mention.span
    return {
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "date": date.value,
        "date_precision": str(date.precision) if date.precision else None,
        "date_text": date.text,
        "place_name": place.name if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "place_words": place.words if place else None,
        "perpetrator": mention.perpetrator,
        "target": mention.target,
        "background": mention.background,
        "coded_fatalities": mention.coded_fatalities,
        "span_start": span.start if span else None,
        "span_end": span.end if span else None,
    }


def _insert_mention(conn: Connection, article: Article, mention: Mention) -> str:
    """Insert a mention with its claims and figures; return its incident id (created if needed)."""
    incident_id = mention.incident_id or new_incident_id()
    known = select(schema.incidents.c.id).where(schema.incidents.c.id == incident_id)
    if conn.execute(known).first() is None:
        conn.execute(schema.incidents.insert().values(id=incident_id))
    values = _mention_values(mention) | {
        "article_id": article.id,
        "incident_id": incident_id,
        "idx": mention.index,
    }
    mention_id = conn.execute(schema.mentions.insert().values(**values)).inserted_primary_key[0]
    for claim_idx, claim in enumerate(mention.claims):
        _insert_claim(conn, article, claim, mention_id=mention_id, idx=claim_idx)
    return incident_id


def _insert_claim(conn: Connection, article: Article, claim: Claim, *, mention_id: int, idx: int) -> None:
    """Insert a claim and its figures."""
    evidence = claim.evidence
    claim_id = conn.execute(
        schema.claims.insert().values(
            mention_id=mention_id,
            idx=idx,
            speaker=claim.speaker,
            speaker_role=claim.speaker_role,
            relay=claim.relay,
            stance=str(claim.stance),
            stance_words=claim.stance_words,
            partisan=claim.partisan,
            evidence_start=evidence.start,
            evidence_end=evidence.end,
            evidence_text=article.text[evidence.start : evidence.end],
        )
    ).inserted_primary_key[0]
    rows = [
        _figure_values(figure) | {"claim_id": claim_id, "idx": i} for i, figure in enumerate(claim.figures)
    ]
    if rows:
        conn.execute(schema.figures.insert(), rows)


def _figure_values(figure: Figure) -> dict[str, Any]:
    """The figure's columns (not ids)."""
    return {
        "outcome": str(figure.outcome),
        "category": str(figure.category),
        "min": figure.min,
        "max": figure.max,
        "approximate": figure.approximate,
        "vague": figure.vague,
        "part_of_total": figure.part_of_total,
        "women": figure.women,
        "children": figure.children,
        "words": figure.words,
    }


def _refresh_incident(conn: Connection, incident_id: str) -> None:
    """Recompute an incident's summary from its mentions; drop it if it has none left."""
    table = schema.incidents
    mentions = _load_mentions(conn, schema.mentions.c.incident_id == incident_id)
    if not mentions:
        conn.execute(delete(table).where(table.c.id == incident_id))
        return
    notes_query = (
        select(schema.claims.c.evidence_text)
        .join(schema.mentions, schema.claims.c.mention_id == schema.mentions.c.id)
        .where(schema.mentions.c.incident_id == incident_id)
        .order_by(schema.mentions.c.id, schema.claims.c.idx)
        .limit(1)
    )
    notes = conn.execute(notes_query).scalar()
    values = summarise_incident(mentions) | {"notes": notes}
    conn.execute(update(table).where(table.c.id == incident_id).values(**values))


# --- reading ---------------------------------------------------------------------------------------

_NO_EXTRAS: dict[str, Any] = {"sources": (), "articles_count": 0, "mentions_count": 0, "claims_count": 0}


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    """Ids in slices small enough for one IN (...) list."""
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _incident_extras(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per incident: the outlets that reported it and its article, mention and claim counts."""
    m, a, c = schema.mentions, schema.articles, schema.claims
    sources: dict[str, set[str]] = {}
    articles: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    for chunk in _chunks(ids):
        query = select(m.c.incident_id, a.c.id, a.c.outlet, a.c.source).join(a, m.c.article_id == a.c.id)
        for incident_id, article_id, outlet, source in conn.execute(query.where(m.c.incident_id.in_(chunk))):
            mentions[incident_id] += 1
            articles.setdefault(incident_id, set()).add(article_id)
            sources.setdefault(incident_id, set()).add(outlet or source)
        count = select(m.c.incident_id, func.count(c.c.id)).join(c, c.c.mention_id == m.c.id)
        for incident_id, n in conn.execute(count.where(m.c.incident_id.in_(chunk)).group_by(m.c.incident_id)):
            claims[incident_id] = n
    return {
        i: {
            "sources": tuple(sorted(sources[i])),
            "articles_count": len(articles[i]),
            "mentions_count": mentions[i],
            "claims_count": claims[i],
        }
        for i in sources
    }


def _load_mentions(conn: Connection, where: ColumnElement[bool]) -> list[Mention]:
    """Mentions (with claims and figures) matching a condition on the mentions table, in stored order."""
    m, c, f = schema.mentions, schema.claims, schema.figures
    mention_rows = (
        conn.execute(select(m).where(where).order_by(m.c.article_id, m.c.idx, m.c.id)).mappings().all()
    )
    mention_ids = [row["id"] for row in mention_rows]
    claim_rows = []
    figure_rows = []
    for chunk in _chunks(mention_ids):
        claim_rows += conn.execute(select(c).where(c.c.mention_id.in_(chunk))).mappings().all()
    for chunk in _chunks([row["id"] for row in claim_rows]):
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
        coded_fatalities=row["coded_fatalities"],
        incident_id=row["incident_id"],
        index=row["idx"],
    )


def _load_articles(conn: Connection, ids: Sequence[str]) -> list[Article]:
    """Article records (without offsets) for the given ids."""
    table = schema.articles
    rows = []
    for chunk in _chunks(ids):
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
        )
        for row in rows
    ]
