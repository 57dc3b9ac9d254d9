"""Reading the store: incidents with their mentions, claims, figures and articles (as analysts corrected
them), and the counts of every table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, select

from conflictdb.records import Article, Claim, Figure, Mention
from conflictdb.store import edits, schema
from conflictdb.store.migrations import current_version
from conflictdb.store.query import NO_EXTRAS, chunks, incident_extras, told_as_news
from conflictdb.store.rows import (
    IncidentDetail,
    IncidentRow,
    article_from_row,
    claim_from_row,
    figure_from_fields,
    mention_from_row,
)


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


def store_stats(conn: Connection) -> StoreStats:
    """Counts of every table and the date range of incidents."""
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


def rows_by_id(conn: Connection, ids: Sequence[str]) -> list[IncidentRow]:
    """Incident rows for the given ids, in that order."""
    rows = conn.execute(select(schema.incidents).where(schema.incidents.c.id.in_(ids))).mappings().all()
    extras = incident_extras(conn, ids)
    by_id = {row["id"]: IncidentRow(**row, **extras.get(row["id"], NO_EXTRAS)) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def incident_details(conn: Connection, rows: Sequence[IncidentRow]) -> list[IncidentDetail]:
    """Incident rows with their mentions (claims as analysts corrected them) and articles attached."""
    ids = [row.id for row in rows]
    mentions = load_mentions(conn, schema.mentions.c.incident_id.in_(ids))
    article_ids = sorted({m.article_id for m in mentions})
    articles = {a.id: a for a in load_articles(conn, article_ids)}
    corrections = edits.load_corrections(conn, (), article_ids)
    details = []
    for row in rows:
        own = tuple(corrections.mention(m) for m in mentions if m.incident_id == row.id)
        own_articles = tuple(articles[i] for i in dict.fromkeys(m.article_id for m in own))
        fields = {name: getattr(row, name) for name in IncidentRow.__dataclass_fields__}
        details.append(IncidentDetail(**fields, mentions=own, articles=own_articles))
    return details


_READ_APART = ("published", "terms", "named_speakers", "grade_cues")  # columns linking and grading read


def load_mentions(conn: Connection, where: ColumnElement[bool]) -> list[Mention]:
    """Mentions (with claims and figures) matching a condition on the mentions table, in stored order:
    by article id (compared as Python compares strings, whatever the database's collation), index, row."""
    m, c, f = schema.mentions, schema.claims, schema.figures
    read = [column for column in m.c if column.name not in _READ_APART]
    mention_rows = sorted(
        _dicts(conn, select(*read).where(where)), key=lambda r: (r["article_id"], r["idx"], r["id"])
    )
    claim_rows = []
    figure_rows = []
    for chunk in chunks([row["id"] for row in mention_rows]):
        claim_rows += _dicts(conn, select(c).where(c.c.mention_id.in_(chunk)))
    for chunk in chunks([row["id"] for row in claim_rows]):
        figure_rows += _dicts(conn, select(f).where(f.c.claim_id.in_(chunk)))
    figures_by_claim: dict[int, list[Figure]] = {}
    for row in sorted(figure_rows, key=lambda r: (r["claim_id"], r["idx"])):
        figures_by_claim.setdefault(row["claim_id"], []).append(figure_from_fields(row))
    claims_by_mention: dict[int, list[Claim]] = {}
    for row in sorted(claim_rows, key=lambda r: (r["mention_id"], r["idx"])):
        claim = claim_from_row(row, tuple(figures_by_claim.get(row["id"], ())))
        claims_by_mention.setdefault(row["mention_id"], []).append(claim)
    return [mention_from_row(row, tuple(claims_by_mention.get(row["id"], ()))) for row in mention_rows]


def _dicts(conn: Connection, query: Select) -> list[dict[str, Any]]:
    """The rows of a query as plain dicts (read many times over: cheaper than row mappings)."""
    result = conn.execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


def load_articles(conn: Connection, ids: Sequence[str]) -> list[Article]:
    """Article records (without offsets) for the given ids."""
    table = schema.articles
    rows = []
    for chunk in chunks(ids):
        rows += conn.execute(select(table).where(table.c.id.in_(chunk)).order_by(table.c.id)).mappings().all()
    return [article_from_row(row) for row in rows]
