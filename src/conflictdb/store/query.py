"""The one query layer over incidents: a frozen record of filters (IncidentQuery), checked against ACLED's
names and the country table, and turned into SQL by one function. The CLI (`incidents`, `export`), the
store's own `Store.incidents` and the API all read incidents through it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select

from conflictdb.errors import QueryError
from conflictdb.records import GradeLevel
from conflictdb.store import schema
from conflictdb.store.names import AcledName, AcledNames
from conflictdb.store.rows import IncidentPage, as_utc, incident_row

SORT_KEYS = ("date", "fatalities", "country", "admin1", "location", "sub_event_type", "id")
OPTIONAL_COLUMNS = ("grade", "grade_reason", "figures_json")  # the incidents columns of later schemas
CHUNK = 500  # ids per IN (...) list, well under every backend's parameter limit
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class IncidentQuery:
    """Which incidents, in what order, which page of them; None means 'any' for every filter."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None  # an ISO 3166-1 alpha-2 or alpha-3 code, or a country's English name
    admin1: str | None = None
    event_type: str | None = None  # an ACLED event type or sub-event type, current or older name
    sub_event_type: str | None = None  # an ACLED sub-event type (or an older name)
    # words in actor1 or actor2 (all in one of them; punctuation between words ignored)
    actor: str | None = None
    min_deaths: int | None = None
    grade: str | None = None
    text: str | None = None  # words, each found in notes, location, admin names or actors
    order: str = "-date"  # a SORT_KEYS column, "-" in front for descending; nulls last, then id
    limit: int | None = None  # None: every incident that matches
    offset: int = 0
    background: bool = False  # the records told only as context instead of the incidents told as news
    discounted: bool = False  # the incidents analysts discounted instead of those counted


# --- names a query may give ------------------------------------------------------------------------------


def grade_level(name: str) -> str:
    """An evidence grade (records.GradeLevel) by its name in any case; QueryError listing the grades."""
    wanted = name.strip().lower()
    if wanted not in set(GradeLevel):
        raise QueryError("grade", f"unknown grade {name!r}; one of {', '.join(GradeLevel)}")
    return wanted


# --- the SQL ---------------------------------------------------------------------------------------------


def told_as_news() -> ColumnElement[bool]:
    """The condition on the incidents table of the incidents counted: told as news, not background
    (context), and not discounted by an analyst."""
    t = schema.incidents
    return and_(t.c.background.is_not(True), t.c.discounted.is_not(True))


def _like(value: str) -> str:
    """A case-insensitive LIKE pattern for words anywhere, with LIKE's wildcards escaped."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column: Any, value: str) -> ColumnElement[bool]:
    """Words anywhere in a column, regardless of case, LIKE's wildcards matched literally."""
    return func.lower(column).like(_like(value), escape="\\")


def _event_condition(name: AcledName) -> ColumnElement[bool]:
    """Incidents of an ACLED name: its sub-event type when it names one, else any of its event types."""
    t = schema.incidents
    if name.sub_event_type is not None:
        return func.lower(t.c.sub_event_type) == name.sub_event_type.lower()
    return func.lower(t.c.event_type).in_([event.lower() for event in name.event_types])


def incident_conditions(query: IncidentQuery, names: AcledNames) -> list[ColumnElement[bool]]:
    """The WHERE conditions on the incidents table for a query's filters; QueryError naming the filter
    when a country or event type names nothing ACLED's `names` know."""
    t = schema.incidents
    if query.background or query.discounted:  # the ones set apart, each kind by its own flag
        conditions = [t.c.background.is_(True)] if query.background else [t.c.background.is_not(True)]
        conditions.append(t.c.discounted.is_(True) if query.discounted else t.c.discounted.is_not(True))
    else:
        conditions = [told_as_news()]
    if query.date_from is not None:
        conditions.append(t.c.date >= query.date_from)
    if query.date_to is not None:
        conditions.append(t.c.date <= query.date_to)
    if query.country:
        conditions.append(func.upper(t.c.country) == names.country_code(query.country))
    if query.admin1:
        conditions.append(func.lower(t.c.admin1) == query.admin1.lower())
    if query.event_type:
        conditions.append(_event_condition(names.query_name(query.event_type, parameter="event_type")))
    if query.sub_event_type:
        conditions.append(_event_condition(names.sub_event_name(query.sub_event_type)))
    words = re.findall(r"[^\W_]+", query.actor or "")  # "al-shabaab" finds "Al Shabaab"
    if words:
        in_actor = [and_(*(contains(column, word) for word in words)) for column in (t.c.actor1, t.c.actor2)]
        conditions.append(or_(*in_actor))
    if query.min_deaths is not None:
        conditions.append(t.c.fatalities >= query.min_deaths)
    if query.grade:
        conditions.append(func.lower(t.c.grade) == grade_level(query.grade))
    for word in (query.text or "").split():
        searched = (t.c.notes, t.c.location, t.c.admin1, t.c.admin2, t.c.actor1, t.c.actor2)
        conditions.append(or_(*(contains(column, word) for column in searched)))
    return conditions


def _order(order: str) -> list[Any]:
    """ORDER BY for a sort key ('date', '-fatalities', ...): nulls last, then id for a stable order."""
    key = order.removeprefix("-")
    if key not in SORT_KEYS:
        raise QueryError(
            "sort", f"unknown sort key {order!r}; one of {', '.join(SORT_KEYS)} (- in front: descending)"
        )
    column = schema.incidents.c[key]
    ordered = column.desc() if order.startswith("-") else column.asc()
    return [ordered.nulls_last(), schema.incidents.c.id]


def incident_select(query: IncidentQuery, names: AcledNames) -> tuple[Select[Any], Select[Any]]:
    """The query as SQL: the page of incident rows it selects, and the count of every match."""
    t = schema.incidents
    conditions = incident_conditions(query, names)
    count = select(func.count()).select_from(t).where(*conditions)
    rows = select(t).where(*conditions).order_by(*_order(query.order)).offset(query.offset or None)
    return (rows if query.limit is None else rows.limit(query.limit)), count


# --- running it ------------------------------------------------------------------------------------------


def chunks(ids: Sequence[T]) -> Iterator[Sequence[T]]:
    """Ids (or the records they key) in slices small enough for one IN (...) list: every store query by
    many ids reads them this way."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


NO_EXTRAS: Mapping[str, Any] = MappingProxyType(
    {"sources": (), "articles_count": 0, "mentions_count": 0, "claims_count": 0}
)


def outlet_name(outlet: str | None, url: str | None) -> str | None:
    """An article's outlet by name, else its URL's host without "www."; None for neither."""
    if outlet:
        return outlet
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def incident_extras(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per incident: the outlets that reported it (and the article sources where the outlet is unknown),
    its article, mention and claim counts, and when it last changed."""
    m, a, c = schema.mentions, schema.articles, schema.claims
    sources: dict[str, set[str]] = {}
    outlets: dict[str, set[str]] = {}
    articles: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    for chunk in chunks(ids):
        columns = (m.c.incident_id, a.c.id, a.c.outlet, a.c.source, a.c.url)
        query = select(*columns).join(a, m.c.article_id == a.c.id)
        for incident_id, article_id, outlet, source, url in conn.execute(
            query.where(m.c.incident_id.in_(chunk))
        ):
            mentions[incident_id] += 1
            articles.setdefault(incident_id, set()).add(article_id)
            sources.setdefault(incident_id, set()).add(outlet or source)
            named = outlet_name(outlet, url)
            outlets.setdefault(incident_id, set()).update([named] if named else [])
        count = select(m.c.incident_id, func.count(c.c.id)).join(c, c.c.mention_id == m.c.id)
        for incident_id, n in conn.execute(count.where(m.c.incident_id.in_(chunk)).group_by(m.c.incident_id)):
            claims[incident_id] = n
    updated = last_changes(conn, ids)
    return {
        i: {
            "sources": tuple(sorted(sources.get(i, ()))),
            "outlets": tuple(sorted(outlets.get(i, ()))),
            "articles_count": len(articles.get(i, ())),
            "mentions_count": mentions[i],
            "claims_count": claims[i],
            "updated_at": updated.get(i),
        }
        for i in ids
    }


def last_changes(conn: Connection, ids: Sequence[str]) -> dict[str, dt.datetime]:
    """Per incident, in UTC: the latest of its articles' storing, its corrections and its merges or splits."""
    m, a, e, d = schema.mentions, schema.articles, schema.edits, schema.decisions
    latest: dict[str, dt.datetime] = {}
    for chunk in chunks(ids):
        queries = (
            select(m.c.incident_id, func.max(a.c.ingested_at))
            .join(a, m.c.article_id == a.c.id)
            .where(m.c.incident_id.in_(chunk))
            .group_by(m.c.incident_id),
            select(e.c.incident_id, func.max(e.c.edited_at))
            .where(e.c.incident_id.in_(chunk))
            .group_by(e.c.incident_id),
            select(d.c.incident_id, func.max(d.c.decided_at))
            .where(d.c.incident_id.in_(chunk))
            .group_by(d.c.incident_id),
        )
        for query in queries:
            for incident_id, moment in conn.execute(query):
                if moment is not None:
                    moment = as_utc(moment)
                    latest[incident_id] = max(latest.get(incident_id, moment), moment)
    return latest


def optional_values(columns: Mapping[str, Any]) -> dict[str, Any]:
    """The later-schema columns the table has: grade, grade_reason, figures (parsed from figures_json)."""
    values: dict[str, Any] = {}
    for name in OPTIONAL_COLUMNS:
        if name not in columns:
            continue
        if name == "figures_json":
            raw = columns[name]
            values["figures"] = json.loads(raw) if isinstance(raw, str) and raw else raw
        else:
            values[name] = columns[name]
    return values


def find_incidents(conn: Connection, query: IncidentQuery, names: AcledNames) -> IncidentPage:
    """The page of incidents a query selects, the total that match, and their optional columns."""
    rows_sql, count_sql = incident_select(query, names)
    total = conn.execute(count_sql).scalar_one()
    rows = [dict(row) for row in conn.execute(rows_sql).mappings()]
    extras = incident_extras(conn, [row["id"] for row in rows])
    return IncidentPage(
        total=total,
        rows=[incident_row(row, extras[row["id"]]) for row in rows],
        optional={row["id"]: optional_values(row) for row in rows},
    )
