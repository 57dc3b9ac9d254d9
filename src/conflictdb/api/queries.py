"""Read-only queries of the API over the store's tables: one incident in full, a timeline, articles with
their extracted spans. Only SELECTs; incidents are filtered, sorted and paged by the store's one query layer
(store.query), which the CLI uses too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, distinct, func, or_, select

from conflictdb import export
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError
from conflictdb.records import ClaimRef, Span
from conflictdb.store import IncidentQuery, Store, edits, schema
from conflictdb.store.names import AcledNames
from conflictdb.store.query import contains, incident_conditions, optional_values, told_as_news

INTERVALS = ("day", "week", "month", "year")  # the timeline's bars, finest first


@dataclass(frozen=True, slots=True)
class TimelineBucket:
    """Incidents and deaths in one day, week (Monday to Sunday), month or year: its first and last day."""

    start: dt.date
    end: dt.date
    incidents: int
    deaths: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """The timeline of some incidents: its interval, whether it was chosen for the span, its buckets."""

    interval: str
    automatic: bool
    buckets: list[TimelineBucket]


def load_timeline_bars(data_dir: Path = DATA_DIR) -> int:
    """data/dashboard.yaml's timeline_bars: how many bars an automatic interval may draw at most."""
    bars = load_yaml("dashboard.yaml", data_dir=data_dir).get("timeline_bars")
    if not isinstance(bars, int) or bars < 1:
        raise ConflictdbError(f"dashboard.yaml: timeline_bars must be a positive integer, not {bars!r}")
    return bars


def bucket_start(day: dt.date, interval: str) -> dt.date:
    """The first day of the day, week (starting Monday), month or year that holds a day."""
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    return day


def bucket_end(start: dt.date, interval: str) -> dt.date:
    """The last day of the bucket that starts on `start`."""
    if interval == "week":
        return start + dt.timedelta(days=6)
    if interval == "month":
        following = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        return following - dt.timedelta(days=1)
    if interval == "year":
        return start.replace(month=12, day=31)
    return start


def bars_between(first: dt.date, last: dt.date, interval: str) -> int:
    """How many buckets of an interval a timeline from `first` to `last` draws, empty ones included."""
    start, end = bucket_start(first, interval), bucket_start(last, interval)
    if interval == "week":
        return (end - start).days // 7 + 1
    if interval == "month":
        return (end.year - start.year) * 12 + end.month - start.month + 1
    if interval == "year":
        return end.year - start.year + 1
    return (end - start).days + 1


def timeline_interval(first: dt.date, last: dt.date, *, bars: int) -> str:
    """The finest interval that draws the span from `first` to `last` in at most `bars` bars (years at
    the coarsest)."""
    return next((i for i in INTERVALS if bars_between(first, last, i) <= bars), INTERVALS[-1])


def has_column(name: str) -> bool:
    """Whether the incidents table has a column (columns added by later schema versions)."""
    return name in schema.incidents.c


def incident_optional(conn: Connection, incident_id: str) -> dict[str, Any]:
    """One incident's later-schema columns (grade, figures) if the schema has them."""
    t = schema.incidents
    row = conn.execute(select(t).where(t.c.id == incident_id)).mappings().first()
    return optional_values(dict(row)) if row else {}


def incident_detail(store: Store, conn: Connection, incident_id: str) -> dict[str, Any] | None:
    """One incident with every mention (its key for a split), claim (its id for a correction), figure and
    evidence span (offsets, text and the words around it); None if there is no such id."""
    detail = store.incident(incident_id)
    if detail is None:
        return None
    record = export.incident_record(detail, lexicons=store.lexicons)
    claim_ids = edits.claim_ids(conn, incident_id)
    for mention, mention_json in zip(detail.mentions, record["mentions"], strict=True):
        article = detail.article(mention.article_id)
        mention_json |= {"index": mention.index, "key": f"{mention.article_id}#{mention.index}"}
        for n, (claim, claim_json) in enumerate(zip(mention.claims, mention_json["claims"], strict=True)):
            claim_json |= {"id": claim_ids.get((mention.article_id, mention.index, n)), "index": n}
            for figure, figure_json in zip(claim.figures, claim_json["figures"], strict=True):
                figure_json["words"] = figure.words
            if article is not None:
                claim_json["context"] = _context(article.text, claim.evidence.start, claim.evidence.end)
    record |= {"id": detail.id, "date_precision": detail.date_precision, "admin2": detail.admin2}
    record |= {"articles_count": detail.articles_count, "mentions_count": detail.mentions_count}
    record["background"] = bool(detail.background)  # told only as context: in no list or total
    record["discounted"] = bool(detail.discounted)  # an analyst discounted it: in no list or total
    record["context"] = context_of(conn, [a.id for a in detail.articles], incident_id)
    return record | incident_optional(conn, incident_id)


def context_of(conn: Connection, article_ids: Sequence[str], incident_id: str) -> list[dict[str, Any]]:
    """The background records its articles tell besides it (older events, totals over many), as context:
    each record's id, the mention that tells it, and that mention's stretch of the article (cut to a few
    hundred characters at a space)."""
    m, a = schema.mentions, schema.articles
    columns = (m.c.incident_id, m.c.article_id, m.c.idx, m.c.sub_event_type, m.c.date, m.c.date_text)
    stretch = (m.c.span_start, m.c.span_end, a.c.text, a.c.title)
    query = select(*columns, *stretch).join(a, m.c.article_id == a.c.id)
    query = query.where(
        m.c.article_id.in_(article_ids), m.c.background.is_(True), m.c.incident_id != incident_id
    )
    return [
        {
            "incident_id": record,
            "key": f"{article_id}#{idx}",
            "article_id": article_id,
            "title": title,
            "sub_event_type": sub_event_type,
            "date": day.isoformat() if day else None,
            "date_text": date_text,
            "text": _stretch(text, start, end),
        }
        for record, article_id, idx, sub_event_type, day, date_text, start, end, text, title in conn.execute(
            query.order_by(m.c.article_id, m.c.idx)
        )
    ]


def _stretch(text: str, start: int | None, end: int | None, *, at_most: int = 600) -> str | None:
    """A mention's stretch of text, cut at a space after `at_most` characters (with an ellipsis)."""
    if start is None or end is None:
        return None
    words = text[start:end].strip()
    if len(words) <= at_most:
        return words
    space = words.rfind(" ", 0, at_most)
    return words[: space if space > 0 else at_most] + " …"


def _context(text: str, start: int, end: int, *, around: int = 280) -> dict[str, Any]:
    """A stretch of text around an evidence span, cut at spaces, with the span's place inside it."""
    lo = max(0, start - around)
    hi = min(len(text), end + around)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return {"start": lo, "end": hi, "text": text[lo:hi], "highlight": [start - lo, end - lo]}


def timeline(
    conn: Connection, filters: IncidentQuery, names: AcledNames, *, interval: str | None, bars: int
) -> Timeline:
    """Incidents and deaths per day, week (starting Monday), month or year for the filters, undated left
    out; with no interval, the finest that draws the span of their dates in at most `bars` bars."""
    t = schema.incidents
    query = (
        select(t.c.date, func.count(), func.coalesce(func.sum(t.c.fatalities), 0))
        .where(t.c.date.is_not(None), *incident_conditions(filters, names))
        .group_by(t.c.date)
        .order_by(t.c.date)
    )
    days = [(day, incidents, int(deaths)) for day, incidents, deaths in conn.execute(query)]
    chosen = interval or (timeline_interval(days[0][0], days[-1][0], bars=bars) if days else INTERVALS[0])
    buckets: dict[dt.date, list[int]] = {}
    for day, incidents, deaths in days:
        bucket = buckets.setdefault(bucket_start(day, chosen), [0, 0])
        bucket[0] += incidents
        bucket[1] += deaths
    return Timeline(
        interval=chosen,
        automatic=interval is None,
        buckets=[
            TimelineBucket(start, bucket_end(start, chosen), n, deaths)
            for start, (n, deaths) in sorted(buckets.items())
        ],
    )


def undated_count(conn: Connection, filters: IncidentQuery, names: AcledNames) -> int:
    """How many incidents matching the filters have no date."""
    t = schema.incidents
    query = (
        select(func.count()).select_from(t).where(t.c.date.is_(None), *incident_conditions(filters, names))
    )
    return conn.execute(query).scalar_one()


def breakdown(conn: Connection, column_name: str) -> list[dict[str, Any]]:
    """Incidents and deaths per value of one incident column, most incidents first."""
    t = schema.incidents
    column = t.c[column_name]
    query = (
        select(column, func.count(), func.coalesce(func.sum(t.c.fatalities), 0))
        .where(told_as_news())
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    return [
        {"value": value, "incidents": n, "deaths": int(deaths)} for value, n, deaths in conn.execute(query)
    ]


def total_deaths(conn: Connection) -> int:
    """The sum of every incident's fatalities (incidents told as news: context counts in no total)."""
    query = select(func.coalesce(func.sum(schema.incidents.c.fatalities), 0)).where(told_as_news())
    return int(conn.execute(query).scalar_one())


# --- articles -----------------------------------------------------------------------------------------

_ARTICLE_COLUMNS = ("id", "name", "title", "outlet", "published", "url", "source")


def find_articles(
    conn: Connection, *, q: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Articles (without text), newest first, with their mention and incident counts; and the total."""
    a, m = schema.articles, schema.mentions
    conditions = []
    if q:
        for word in q.split():
            conditions.append(
                or_(*(contains(column, word) for column in (a.c.title, a.c.outlet, a.c.id, a.c.name)))
            )
    total = conn.execute(select(func.count()).select_from(a).where(*conditions)).scalar_one()
    counts = (
        select(
            m.c.article_id,
            func.count(m.c.id).label("mentions_count"),
            func.count(distinct(m.c.incident_id)).label("incidents_count"),
        )
        .group_by(m.c.article_id)
        .subquery()
    )
    query = (
        select(*(a.c[name] for name in _ARTICLE_COLUMNS), counts.c.mentions_count, counts.c.incidents_count)
        .outerjoin(counts, counts.c.article_id == a.c.id)
        .where(*conditions)
        .order_by(a.c.published.desc().nulls_last(), a.c.id)
        .limit(limit)
        .offset(offset)
    )
    rows = []
    for row in conn.execute(query).mappings():
        item = dict(row)
        item["mentions_count"] = item["mentions_count"] or 0
        item["incidents_count"] = item["incidents_count"] or 0
        rows.append(item)
    return total, rows


def _located(
    text: str, words: str | None, within: tuple[int, int], kind: str, **info: Any
) -> dict[str, Any] | None:
    """A span for words found (case-insensitively) inside a stretch of the text; None if absent."""
    if not words:
        return None
    start = text.lower().find(words.lower(), within[0], within[1])
    if start < 0:
        return None
    return {"start": start, "end": start + len(words), "kind": kind, "label": words, "exact": False} | info


def _grouped(rows: Any, key: str) -> dict[int, list[dict[str, Any]]]:
    """Rows as dicts grouped by one column, in the order given."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(dict(row))
    return groups


def _claim_and_spans(
    text: str, claim: dict[str, Any], figure_rows: list[dict[str, Any]], info: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A claim as JSON and its spans: the evidence (stored) and its figures, speaker and stance words."""
    evidence = (claim["evidence_start"], claim["evidence_end"])
    claim_info = info | {"claim": claim["idx"]}
    label = claim["speaker"] or "the outlet"
    spans = [{"start": evidence[0], "end": evidence[1], "kind": "evidence", "label": label, "exact": True}]
    spans[0] |= claim_info
    for figure in figure_rows:
        found = _located(text, figure["words"], evidence, "figure", **claim_info)
        if found:
            spans.append(found | {"outcome": figure["outcome"], "category": figure["category"]})
    for kind, words in (("speaker", claim["speaker"]), ("stance", claim["stance_words"])):
        found = _located(text, words, evidence, kind, **claim_info)
        if found:
            spans.append(found)
    record = {
        "speaker": claim["speaker"],
        "stance": claim["stance"],
        "corrected": claim.get("corrected", []),
        "evidence": {"start": evidence[0], "end": evidence[1], "text": claim["evidence_text"]},
        "figures": [{k: figure[k] for k in _FIGURE_KEYS} for figure in figure_rows],
    }
    return record, spans


_FIGURE_KEYS = ("outcome", "category", "min", "max", "approximate", "vague", "words")


def _mention_and_spans(
    text: str,
    number: int,
    mention: dict[str, Any],
    claims: list[dict[str, Any]],
    figures_by_claim: dict[int, list[dict[str, Any]]],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A mention as JSON and its spans: its stretch (stored), date and place words, and its claims'."""
    has_span = mention["span_start"] is not None
    stretch = (mention["span_start"], mention["span_end"]) if has_span else (0, len(text))
    info = {"mention": number, "incident_id": mention["incident_id"]}
    spans = []
    if has_span:
        label = mention["sub_event_type"]
        spans.append(
            {"start": stretch[0], "end": stretch[1], "kind": "mention", "label": label, "exact": True}
        )
        spans[0] |= info
    for kind, words in (
        ("date", mention["date_text"]),
        ("place", mention["place_words"] or mention["place_name"]),
    ):
        found = _located(text, words, stretch, kind, **info)
        if found:
            spans.append(found)
    records = []
    for claim in claims:
        record, claim_spans = _claim_and_spans(text, claim, figures_by_claim.get(claim["id"], []), info)
        records.append(record)
        spans += claim_spans
    record = {
        "index": number,
        "incident_id": mention["incident_id"],
        "event_type": mention["event_type"],
        "sub_event_type": mention["sub_event_type"],
        "date": mention["date"].isoformat() if mention["date"] else None,
        "date_text": mention["date_text"],
        "place": mention["place_name"],
        "country": mention["country"],
        "background": mention["background"],
        "span": {"start": stretch[0], "end": stretch[1]} if has_span else None,
        "claims": records,
    }
    return record, spans


def _corrected(
    ref: ClaimRef, claim: dict[str, Any], figure_rows: list[dict[str, Any]], corrections: edits.Corrections
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A claim's row and figures as analysts corrected them (speaker, stance, figures), the row with
    `corrected` naming what; corrected figures have no words in the text."""
    fields = corrections.claims.get(ref, {})
    row = claim | {"corrected": sorted(fields)} | {k: fields[k] for k in ("speaker", "stance") if k in fields}
    if "figures" in fields:
        figure_rows = [figure | {"words": ""} for figure in fields["figures"]]
    return row, figure_rows


def article_detail(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """An article with its text, its mentions and every extracted span in the text; None if unknown.

    Mention and evidence spans are stored offsets ("exact"); figures, speakers, dates and places are
    found by their words inside the evidence or mention they belong to.
    """
    a, m, c, f = schema.articles, schema.mentions, schema.claims, schema.figures
    article = conn.execute(select(a).where(a.c.id == article_id)).mappings().first()
    if article is None:
        return None
    text = article["text"]
    query = select(m).where(m.c.article_id == article_id).order_by(m.c.idx, m.c.id)
    mention_rows = conn.execute(query).mappings().all()
    mention_ids = [row["id"] for row in mention_rows]
    claims = _grouped(
        conn.execute(
            select(c).where(c.c.mention_id.in_(mention_ids)).order_by(c.c.mention_id, c.c.idx)
        ).mappings(),
        "mention_id",
    )
    claim_ids = [claim["id"] for group in claims.values() for claim in group]
    figures = _grouped(
        conn.execute(select(f).where(f.c.claim_id.in_(claim_ids)).order_by(f.c.claim_id, f.c.idx)).mappings(),
        "claim_id",
    )
    corrections = edits.load_corrections(conn, (), [article_id])
    mentions, spans = [], []
    for number, mention in enumerate(mention_rows):
        own = []
        for claim in claims.get(mention["id"], []):
            ref = ClaimRef(
                article_id, mention["idx"], claim["idx"], Span(claim["evidence_start"], claim["evidence_end"])
            )
            row, figures[claim["id"]] = _corrected(ref, claim, figures.get(claim["id"], []), corrections)
            own.append(row)
        record, mention_spans = _mention_and_spans(text, number, dict(mention), own, figures)
        mentions.append(record)
        spans += mention_spans
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    info = {name: article[name] for name in _ARTICLE_COLUMNS}
    info["published"] = info["published"].isoformat() if info["published"] else None
    return info | {"text": text, "mentions": mentions, "spans": spans}
