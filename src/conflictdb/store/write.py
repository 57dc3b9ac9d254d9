"""Writing articles: their mentions, claims and figures in, incidents created, joined and refreshed.

Articles are written in chunks, one transaction per chunk with a savepoint per article (a failing article
loses nothing stored before it), with executemany inserts and one incident refresh per chunk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, bindparam, delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from conflictdb.errors import StoreError
from conflictdb.records import Article, Claim, Mention
from conflictdb.resolve import duplicates
from conflictdb.resolve.grade import TextCues, mention_texts, text_cues
from conflictdb.resolve.link import mention_key, named_speakers
from conflictdb.resolve.reconcile import ReconcileRules
from conflictdb.store import edits, resolution, schema
from conflictdb.store.concurrency import refresh_resolution_state, write_transaction
from conflictdb.store.identity import keyed, new_incident_id
from conflictdb.store.lexicons import StoreLexicons
from conflictdb.store.query import chunks
from conflictdb.store.read import load_articles, load_mentions
from conflictdb.store.rows import (
    article_from_row,
    claim_values,
    cues_from_value,
    cues_value,
    figure_values,
    mention_values,
    stored_mention,
)
from conflictdb.store.summary import summarise_incident

log = logging.getLogger(__name__)

ARTICLES_PER_TRANSACTION = 1000  # a chunk is linked within itself first: cheaper than one by one
# what writing one article's rows may raise: the database's refusals, and the driver's for a value no column
# holds (an integer beyond 64 bits, a string that is no valid Unicode), which SQLAlchemy passes on unwrapped
_WRITE_ERRORS = (SQLAlchemyError, OverflowError, UnicodeEncodeError)


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What storing one batch of articles did."""

    new: int
    unchanged: int
    failed: int
    mentions: int  # mentions added
    incidents: int  # incidents told as news added, less stored ones a new report joined into another
    background: int = 0  # background records added: older events and totals told as context, not incidents


def text_hash(text: str) -> str:
    """The content hash used when an article arrives without one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Tally:
    """What storing one chunk did."""

    new: int = 0
    unchanged: int = 0
    mentions: int = 0  # mentions added
    incidents: int = 0  # incidents told as news added (created less those left empty)
    background: int = 0  # background records added (created less those left empty)
    errors: list[StoreError] = field(default_factory=list)

    @staticmethod
    def sum(tallies: Iterable[Tally]) -> Tally:
        total = Tally()
        for t in tallies:
            total.new, total.unchanged = total.new + t.new, total.unchanged + t.unchanged
            total.mentions, total.incidents = total.mentions + t.mentions, total.incidents + t.incidents
            total.background += t.background
            total.errors += t.errors
        return total


def add_chunk(
    engine: Engine,
    chunk: Sequence[tuple[Article, Sequence[Mention]]],
    *,
    lexicons: StoreLexicons,
    replace: bool,
    link: bool,
    state: resolution.ResolutionState | None,
) -> Tally:
    """One transaction over a chunk, a few executemany statements in all; if the chunk cannot be
    committed (an article breaks a constraint, say), its articles are tried one by one. With `link` (and
    the resolution `state` of the store), the linker decides the mentions' incidents."""
    tally = Tally()
    chunk = [keyed(article, mentions) for article, mentions in chunk]
    try:
        with write_transaction(engine) as conn:
            fresh = _fresh_articles(conn, chunk, replace=replace, tally=tally)
            joined: set[str] = set()
            terms: dict[str, Counter] = {}
            if link and fresh and state is not None:
                refresh_resolution_state(conn, state)  # another process may have written meanwhile
                assigned = resolution.assign_incidents(conn, [(a, ms) for a, ms, _ in fresh], state)
                fresh = [(a, ms, h) for (a, ms), (_, _, h) in zip(assigned.results, fresh, strict=True)]
                joined = resolution.join_incidents(conn, assigned.joined)
                terms = assigned.terms
            if replace:
                fresh = _keep_replaced_incidents(conn, fresh)
            touched, created, minted = _ensure_incidents(conn, fresh)
            touched |= joined
            ids, bags, stored = _store_articles(conn, fresh, replace=replace, lexicons=lexicons, terms=terms)
            touched |= ids
            resolution.add_term_counts(conn, bags)
            written = None if replace else Written.of(fresh, stored, minted - joined)
            dropped = refresh_incidents(conn, sorted(touched), rules=lexicons.reconcile, written=written)
            tally.new += len(fresh)
            tally.mentions += sum(len(ms) for _, ms, _ in fresh)
            tally.incidents += created.news - dropped.news
            tally.background += created.background - dropped.background
    except _WRITE_ERRORS as e:
        if len(chunk) == 1:
            article = chunk[0][0]
            return Tally(errors=[StoreError(f"{article.source}: cannot store article {article.id}: {e}")])
        log.warning("chunk of %d articles failed (%s); storing them one by one", len(chunk), e)
        return Tally.sum(
            add_chunk(engine, [item], lexicons=lexicons, replace=replace, link=link, state=state)
            for item in chunk
        )
    if state is not None:
        state.count(bags)
    return tally


def _fresh_articles(
    conn: Connection, chunk: Sequence[tuple[Article, Sequence[Mention]]], *, replace: bool, tally: Tally
) -> list[tuple[Article, Sequence[Mention], str]]:
    """The chunk's articles not stored yet (by content); another text under a stored id is an error."""
    a = schema.articles
    hashes = [article.content_hash or text_hash(article.text) for article, _ in chunk]
    known_hashes: set[str] = set()
    known_ids: set[str] = set()
    for part_hashes, part in zip(chunks(hashes), chunks(chunk), strict=True):
        part_ids = [article.id for article, _ in part]
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
    conn: Connection,
    fresh: Sequence[tuple[Article, Sequence[Mention], str]],
    *,
    replace: bool,
    lexicons: StoreLexicons,
    terms: dict[str, Counter],
) -> tuple[set[str], list[Counter], Stored]:
    """Write a chunk's articles with their mentions, claims and figures, one statement per table; return
    the incidents touched, the mentions' word bags (counted into the document frequencies): those
    linking took (`terms`, by mention key), the others taken here, and what was written (`Stored`)."""
    touched: set[str] = set()
    if replace:
        for article, _, _ in fresh:
            touched |= _delete_article(conn, article.id)
    near, lexicon = lexicons.duplicates, lexicons.linking
    signed = [
        (article, duplicates.signature(article.clean_text or article.text, near)) for article, _, _ in fresh
    ]
    groups = resolution.source_groups(conn, signed, near)
    now = dt.datetime.now(dt.UTC)
    rows = []
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
    mention_rows, bags, told, cues = [], [], [], []
    rules = lexicons.reconcile
    for article, mentions, _ in fresh:
        for mention in mentions:
            key = mention_key(mention)
            bag = terms[key] if key in terms else resolution.mention_terms(article, mention, lexicon)
            bags.append(bag)
            told.append((article, mention))
            cues.append(text_cues(mention_texts(mention, article), rules))
            touched.add(mention.incident_id or "")
            mention_rows.append(
                mention_values(mention)
                | {
                    "article_id": article.id,
                    "incident_id": mention.incident_id or "",
                    "idx": mention.index,
                    "published": article.published,
                    "terms": json.dumps(bag, separators=(",", ":")),
                    "named_speakers": json.dumps(sorted(named_speakers(mention))),
                    "grade_cues": cues_value(cues[-1], rules.cues_key),
                }
            )
    mention_ids = _insert_returning_ids(conn, schema.mentions, mention_rows)
    claim_rows = [[claim_values(c, a.text) for c in m.claims] for a, m in told]
    claims = [
        (article, mention_id, i, claim, columns)
        for mention_id, (article, mention), rows in zip(mention_ids, told, claim_rows, strict=True)
        for i, (claim, columns) in enumerate(zip(mention.claims, rows, strict=True))
    ]
    _insert_claims(conn, claims)
    return touched, bags, Stored({row["id"]: article_from_row(row) for row in rows}, claim_rows, cues)


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
) -> tuple[set[str], _Kinds, set[str]]:
    """Give every mention an incident id (a new one when it has none) and create the incidents not stored
    yet; return the incidents touched (refreshed, or dropped if left empty, at the end), how many were
    created of each kind (a new incident holds this chunk's mentions only: a background record when they
    are all background) and their ids."""
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
    return set(ids), _Kinds(news, len(missing) - news), set(missing)


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


def _insert_claims(
    conn: Connection, claims: Sequence[tuple[Article, int, int, Claim, dict[str, Any]]]
) -> None:
    """Insert claims (article, mention id, index, claim, its `claim_values`) and their figures, two
    statements in all."""
    rows = [columns | {"mention_id": mention_id, "idx": idx} for _, mention_id, idx, _, columns in claims]
    claim_ids = _insert_returning_ids(conn, schema.claims, rows)
    figures = [
        figure_values(figure) | {"claim_id": claim_id, "idx": i}
        for claim_id, (_, _, _, claim, _) in zip(claim_ids, claims, strict=True)
        for i, figure in enumerate(claim.figures)
    ]
    if figures:
        conn.execute(schema.figures.insert(), figures)


@dataclass(frozen=True, slots=True)
class Stored:
    """What `_store_articles` wrote: the articles as stored (by id) and the columns of each mention's claims
    (in the order of the chunk's articles and their mentions), made once for the rows and for `Written`."""

    articles: dict[str, Article]
    claim_rows: list[list[dict[str, Any]]]
    cues: list[TextCues]  # what grading finds in each mention's texts, in the same order


@dataclass(frozen=True, slots=True)
class Written:
    """The mentions this transaction wrote, as the store would read them back (by incident, in stored
    order), so that summaries need not read them again: with the notes (the first claim's words) of the
    incidents they alone tell (`whole`), and their articles."""

    mentions: dict[str, list[Mention]]
    notes: dict[str, str]
    articles: dict[str, Article]
    whole: frozenset[str] = frozenset()
    cues: dict[tuple[str, int], TextCues] = field(default_factory=dict)  # by (article id, index)

    @staticmethod
    def of(fresh: Sequence[tuple[Article, Sequence[Mention], str]], stored: Stored, ids: set[str]) -> Written:
        """The chunk's mentions from its articles and what was stored (`ids`: the incidents they alone
        tell)."""
        told = [(article, m) for article, mentions, _ in fresh for m in mentions]
        order, notes = [], {}
        for (article, mention), columns in zip(told, stored.claim_rows, strict=True):
            incident_id = mention.incident_id or ""
            if columns and incident_id in ids and incident_id not in notes:  # the first claim written
                notes[incident_id] = columns[0]["evidence_text"]
            as_stored = stored_mention(mention, article, columns)
            order.append(((article.id, mention.index), incident_id, as_stored))
        mentions: dict[str, list[Mention]] = {}
        for _, incident_id, mention in sorted(order, key=lambda item: item[0]):
            mentions.setdefault(incident_id, []).append(mention)
        cues = {(a.id, m.index): c for (a, m), c in zip(told, stored.cues, strict=True)}
        return Written(mentions, notes, stored.articles, frozenset(ids), cues)


def _first_claims(conn: Connection, incident_ids: Sequence[str]) -> dict[str, str]:
    """The words of each incident's first claim written (its first stored mention's first claim), by
    incident: two small queries, whatever the number of claims."""
    m, c = schema.mentions, schema.claims
    first_mention = (
        select(m.c.incident_id, func.min(m.c.id))
        .join(c, c.c.mention_id == m.c.id)
        .where(m.c.incident_id.in_(incident_ids))
        .group_by(m.c.incident_id)
    )
    incident_of = {mention_id: incident_id for incident_id, mention_id in conn.execute(first_mention)}
    first_claim = (
        select(c.c.mention_id, c.c.evidence_text)
        .where(c.c.mention_id.in_(list(incident_of)))
        .order_by(c.c.mention_id, c.c.idx.desc())
    )
    rows = conn.execute(first_claim)
    return {incident_of[mention_id]: words for mention_id, words in rows}  # its first claim comes last


def _stored_cues(conn: Connection, where: ColumnElement[bool], key: str) -> dict[tuple[str, int], TextCues]:
    """The text cues stored with the mentions matching a condition (found with the rules of `key`), by
    (article id, index)."""
    m = schema.mentions
    query = select(m.c.article_id, m.c.idx, m.c.grade_cues).where(where, m.c.grade_cues.is_not(None))
    found = {(a, i): cues_from_value(value, key) for a, i, value in conn.execute(query).all()}
    return {k: c for k, c in found.items() if c is not None}


def refresh_incidents(
    conn: Connection, incident_ids: Sequence[str], *, rules: ReconcileRules, written: Written | None = None
) -> _Kinds:
    """Recompute incidents' summaries from their mentions, a few statements per 500 incidents (those
    `written` in this transaction from what was written, not read back); drop the ones with no mention
    left and return how many of each kind."""
    table, m = schema.incidents, schema.mentions
    written = written or Written({}, {}, {})
    dropped = _Kinds()
    for chunk in chunks(incident_ids):
        by_incident = {i: written.mentions[i] for i in chunk if i in written.whole}
        notes = {i: written.notes[i] for i in by_incident if i in written.notes}
        unread = [i for i in chunk if i not in by_incident]
        earlier = and_(m.c.incident_id.in_(unread), m.c.article_id.not_in(list(written.articles)))
        for mention in load_mentions(conn, earlier) if unread else ():
            by_incident.setdefault(mention.incident_id or "", []).append(mention)
        cues = written.cues | (_stored_cues(conn, earlier, rules.cues_key) if unread else {})
        for i in unread:  # stored order: by article id and index, this chunk's articles being new ones
            if i in written.mentions:
                joined = by_incident.get(i, []) + written.mentions[i]
                by_incident[i] = sorted(joined, key=lambda mention: (mention.article_id, mention.index))
        notes.update(_first_claims(conn, unread) if unread else {})
        empty = [i for i in chunk if i not in by_incident]
        if empty:
            query = select(func.count()).select_from(table).where(table.c.id.in_(empty))
            background = conn.execute(query.where(table.c.background.is_(True))).scalar_one()
            conn.execute(delete(table).where(table.c.id.in_(empty)))
            dropped = _Kinds(dropped.news + len(empty) - background, dropped.background + background)
        article_ids = sorted({m.article_id for ms in by_incident.values() for m in ms})
        articles = {i: written.articles[i] for i in article_ids if i in written.articles}
        articles |= {a.id: a for a in load_articles(conn, [i for i in article_ids if i not in articles])}
        corrections = edits.load_corrections(conn, chunk, article_ids)  # analysts' edits hold
        rows = []
        for incident_id, mentions in by_incident.items():
            told_by = [articles[i] for i in sorted({m.article_id for m in mentions}) if i in articles]
            values = summarise_incident(
                [corrections.mention(m) for m in mentions],
                told_by,
                rules=rules,
                cues=[cues.get((m.article_id, m.index)) for m in mentions],
            )
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
