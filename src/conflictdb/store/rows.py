"""Records to rows and back: the columns of articles, mentions, claims and figures (from the one JSON
serialiser of each, formats), the records read from rows, and the incident rows the store reads out
with their JSON shape."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from conflictdb.export_tables import ExportTables
from conflictdb.formats import actor_record, claim_fields, evidence_fields, figure_fields
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
from conflictdb.resolve.grade import TextCues


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


@dataclass(frozen=True, slots=True)
class IncidentDetail(IncidentRow):
    """An incident with every mention (claims and figures inside) and the articles they come from."""

    mentions: tuple[Mention, ...]
    articles: tuple[Article, ...]

    def article(self, article_id: str) -> Article | None:
        """The article a mention of this incident comes from."""
        return next((a for a in self.articles if a.id == article_id), None)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC datetime (SQLite gives it back without its zone)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def incident_row(columns: Mapping[str, Any], extras: Mapping[str, Any]) -> IncidentRow:
    """An IncidentRow from a table row and its extras (columns IncidentRow lacks are left out)."""
    values = {name: columns.get(name) for name in IncidentRow.__dataclass_fields__} | dict(extras)
    return IncidentRow(**values)


# --- records as JSON values and columns -------------------------------------------------------------------


def claim_values(claim: Claim, text: str) -> dict[str, Any]:
    """The claim's columns (not ids)."""
    evidence = evidence_fields(claim.evidence, text)
    return claim_fields(claim) | {f"evidence_{key}": value for key, value in evidence.items()}


def figure_values(figure: Figure) -> dict[str, Any]:
    """The figure's columns (not ids)."""
    return figure_fields(figure) | {"words": figure.words}


def mention_values(mention: Mention) -> dict[str, Any]:
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


# --- rows as records ---------------------------------------------------------------------------------------


def figure_from_fields(values: Mapping[str, Any]) -> Figure:
    """A Figure from its row or its JSON fields (`figure_fields`, as an edit keeps them)."""
    return Figure(
        outcome=Outcome(values["outcome"]),
        category=Category(values["category"]),
        min=values["min"],
        max=values["max"],
        approximate=bool(values.get("approximate")),
        vague=values.get("vague"),
        part_of_total=bool(values.get("part_of_total")),
        women=values.get("women"),
        children=values.get("children"),
        words=values.get("words") or "",
    )


def claim_from_row(row: Mapping[str, Any], figures: tuple[Figure, ...]) -> Claim:
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


def mention_from_row(row: Mapping[str, Any], claims: tuple[Claim, ...]) -> Mention:
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


def stored_mention(
    mention: Mention, article: Article, claim_columns: Sequence[Mapping[str, Any]] | None = None
) -> Mention:
    """The mention (its incident id given) as the store reads it back, made from the rows it is written
    as without reading them; `claim_columns`: its claims' `claim_values`, when already made."""
    if claim_columns is None:
        claim_columns = [claim_values(claim, article.text) for claim in mention.claims]
    claims = tuple(
        claim_from_row(columns, tuple(figure_from_fields(figure_values(f)) for f in claim.figures))
        for claim, columns in zip(mention.claims, claim_columns, strict=True)
    )
    row = mention_values(mention) | {
        "article_id": article.id,
        "incident_id": mention.incident_id or "",
        "idx": mention.index,
    }
    return mention_from_row(row, claims)


def cues_value(cues: TextCues, key: str) -> str:
    """A mention's text cues as stored (`mentions.grade_cues`), with the digest of the rules (`key`)."""
    values = {"key": key, "discounting": list(cues.discounting), "claimed": [list(c) for c in cues.claimed]}
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def cues_from_value(value: str | None, key: str) -> TextCues | None:
    """Stored text cues, or None where none are stored or they were found with other rules."""
    if value is None:
        return None
    values = json.loads(value)
    if values.get("key") != key:
        return None
    return TextCues(tuple(values["discounting"]), tuple((a, w) for a, w in values["claimed"]))


def article_from_row(row: Mapping[str, Any]) -> Article:
    """An Article record (without offsets) from its row."""
    return Article(
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


def incident_summary_record(
    row: IncidentRow, optional: dict[str, Any] | None = None, *, tables: ExportTables
) -> dict[str, Any]:
    """An incident summary as JSON with its actors' inter codes by `tables` (grade and figures too when the
    store has them)."""
    values = {f.name: getattr(row, f.name) for f in fields(row) if f.name != "figures_json"}
    values |= actor_record(row, row.country, tables)
    values["date"] = row.date.isoformat() if row.date else None
    values["sources"] = list(row.sources)
    values["outlets"] = list(row.outlets)
    values["updated_at"] = row.updated_at.isoformat() if row.updated_at else None
    return values | (optional or {})


def incident_page_record(
    page: IncidentPage, *, limit: int | None, offset: int, tables: ExportTables
) -> dict[str, Any]:
    """A page of incident summaries as JSON, with the total that match: the API's and the CLI's shape."""
    items = [incident_summary_record(row, page.optional.get(row.id), tables=tables) for row in page.rows]
    return {"total": page.total, "limit": limit, "offset": offset, "items": items}
