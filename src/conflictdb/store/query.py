"""The one query layer over incidents: a frozen record of filters (IncidentQuery), checked against ACLED's
names and the country table, and turned into SQL by one function. The CLI (`incidents`, `export`), the
store's own `Store.incidents` and the API all read incidents through it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import pycountry
from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select

from conflictdb.errors import QueryError
from conflictdb.records import GradeLevel
from conflictdb.store import edits, schema
from conflictdb.store.edits import AcledName

SORT_KEYS = ("date", "fatalities", "country", "admin1", "location", "sub_event_type", "id")
OPTIONAL_COLUMNS = ("grade", "grade_reason", "figures_json")  # the incidents columns of later schemas
CHUNK = 500  # ids per IN (...) list, well under every backend's parameter limit


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
    # since schema version 3, written by store.summary when it gives them
    figures_json: str | None = field(default=None, kw_only=True)
    grade: str | None = field(default=None, kw_only=True)
    grade_reason: str | None = field(default=None, kw_only=True)
    # since schema version 7: told only as context (store.summary), in no list, export or total
    background: bool | None = field(default=False, kw_only=True)
    # since schema version 10: an analyst discounted it (store.edits), in no list, export or total
    discounted: bool | None = field(default=False, kw_only=True)
    # outlets by name, else by their URL's host; never a file path (the ACLED and UCDP exports' sources)
    outlets: tuple[str, ...] = field(default=(), kw_only=True)
    updated_at: dt.datetime | None = field(default=None, kw_only=True)  # UTC: last article stored or edit
    # since schema version 10: the actors associated with actor1 and actor2 (ACLED's "; " list)
    assoc_actor_1: str | None = field(default=None, kw_only=True)
    assoc_actor_2: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class IncidentPage:
    """One page of incidents, the total that match, and optional columns (grade, figures) by id."""

    total: int
    rows: list[IncidentRow]
    optional: dict[str, dict[str, Any]] = field(default_factory=dict)


# --- names a query may give ------------------------------------------------------------------------------


@functools.cache
def acled_country_names() -> Mapping[str, tuple[str, str]]:
    """data/acled_countries.csv as {case-folded alpha-2 code or ACLED name: (alpha-2 code, name)}, read at
    first use."""
    from conflictdb.geo.admin_names import load_acled_countries  # a leaf module reading one CSV

    names: dict[str, tuple[str, str]] = {}
    for code, country in load_acled_countries().items():
        names[code.casefold()] = names[country.name.casefold()] = (code, country.name)
    return MappingProxyType(names)


def country_code(name: str) -> str:
    """The ISO alpha-2 code of a country given by its code (UA, UKR) or English name (Ukraine, as ACLED
    or ISO 3166 writes it); QueryError naming the input and what is valid otherwise."""
    wanted = name.strip().casefold()
    known = acled_country_names()
    if wanted in known:
        return known[wanted][0]
    try:
        found = pycountry.countries.lookup(wanted).alpha_2
    except LookupError:
        found = None
    if found is not None and found.casefold() in known:
        return found
    close = difflib.get_close_matches(wanted, [n for n in known if len(n) > 2], n=3, cutoff=0.75)
    hint = f"; did you mean {' or '.join(known[n][1] for n in close)}?" if close else ""
    raise QueryError(
        "country",
        f"unknown country {name!r}: give an ISO 3166-1 code or an English name, e.g. UA or Ukraine{hint}",
    )


def acled_name(name: str, *, parameter: str) -> AcledName:
    """An ACLED event or sub-event type (current or older name) in ACLED's current names; QueryError listing
    the valid names otherwise."""
    found = edits.current_acled_names(name)
    if found is not None:
        return found
    taxonomy = edits.acled_taxonomy()
    valid = "; ".join(f"{event}: {', '.join(subs)}" for event, subs in taxonomy.items())
    raise QueryError(
        parameter, f"unknown event type {name!r}; ACLED's event types and sub-event types: {valid}"
    )


def sub_event_name(name: str) -> AcledName:
    """An ACLED sub-event type (or an older name); an event type is refused, naming the filter it fits."""
    found = acled_name(name, parameter="sub_event_type")
    if found.sub_event_type is None and edits.older_acled_name(name) is None:
        raise QueryError(
            "sub_event_type",
            f"{name!r} is an event type, not a sub-event type (filter by it as the event type)",
        )
    return found


def country_codes() -> tuple[str, ...]:
    """Every ISO alpha-2 code a query's country may be (data/acled_countries.csv), sorted."""
    return tuple(sorted({code for code, _ in acled_country_names().values()}))


@functools.cache
def event_type_names() -> tuple[str, ...]:
    """Every name the event_type filter takes, as ACLED writes it: event types and sub-event types (current,
    then older)."""
    current = [name for event, subs in edits.acled_taxonomy().items() for name in (event, *subs)]
    return (*current, *edits.acled_older_names_as_written())


@functools.cache
def sub_event_type_names() -> tuple[str, ...]:
    """Every name the sub_event_type filter takes: sub-event types (current, then older names)."""
    current = [sub for subs in edits.acled_taxonomy().values() for sub in subs]
    return (*current, *edits.acled_older_names_as_written())


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


def incident_conditions(query: IncidentQuery) -> list[ColumnElement[bool]]:
    """The WHERE conditions on the incidents table for a query's filters; QueryError naming the filter
    when a country or event type names nothing known."""
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
        conditions.append(func.upper(t.c.country) == country_code(query.country))
    if query.admin1:
        conditions.append(func.lower(t.c.admin1) == query.admin1.lower())
    if query.event_type:
        conditions.append(_event_condition(acled_name(query.event_type, parameter="event_type")))
    if query.sub_event_type:
        conditions.append(_event_condition(sub_event_name(query.sub_event_type)))
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


def incident_select(query: IncidentQuery) -> tuple[Select[Any], Select[Any]]:
    """The query as SQL: the page of incident rows it selects, and the count of every match."""
    t = schema.incidents
    conditions = incident_conditions(query)
    count = select(func.count()).select_from(t).where(*conditions)
    rows = select(t).where(*conditions).order_by(*_order(query.order)).offset(query.offset or None)
    return (rows if query.limit is None else rows.limit(query.limit)), count


# --- running it ------------------------------------------------------------------------------------------


def chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    """Ids in slices small enough for one IN (...) list."""
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
                    moment = edits.as_utc(moment)
                    latest[incident_id] = max(latest.get(incident_id, moment), moment)
    return latest


def incident_row(columns: Mapping[str, Any], extras: Mapping[str, Any]) -> IncidentRow:
    """An IncidentRow from a table row and its extras (columns IncidentRow lacks are left out)."""
    values = {name: columns.get(name) for name in IncidentRow.__dataclass_fields__} | dict(extras)
    return IncidentRow(**values)


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


def find_incidents(conn: Connection, query: IncidentQuery) -> IncidentPage:
    """The page of incidents a query selects, the total that match, and their optional columns."""
    rows_sql, count_sql = incident_select(query)
    total = conn.execute(count_sql).scalar_one()
    rows = [dict(row) for row in conn.execute(rows_sql).mappings()]
    extras = incident_extras(conn, [row["id"] for row in rows])
    return IncidentPage(
        total=total,
        rows=[incident_row(row, extras[row["id"]]) for row in rows],
        optional={row["id"]: optional_values(row) for row in rows},
    )
