"""Incidents out of the store as ACLED's CSV, GeoJSON points and JSON Lines (UCDP GED's shape: export_ucdp).

The CSV has ACLED's 31 columns in ACLED's order with ACLED's values (data/exports.yaml): event_id_cnty as
the country's ISO alpha-3 code and a number stable for the incident, the country by ACLED's name with its
ISO 3166 numeric code and ACLED region, admin1 and admin2 under ACLED's names and levels (geo.admin_names),
disorder type and civilian targeting from the event type and the victims, inter codes of actors under
ACLED's names, outlets as sources, the last change as Unix seconds; then our own: the incident id, low/best/
high by outcome and victim category, the grade and the incident's page. GeoJSON and JSON Lines carry the
full figures (per outcome and category, with the claims behind them) and the grade with its reasons; JSON
Lines keeps the country's alpha-2 code beside its ACLED name.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from typing import Any, TextIO

from conflictdb.actor_codes import coded_actors
from conflictdb.export_tables import ExportTables, ucdp_where_prec
from conflictdb.formats import claim_record, figures_record
from conflictdb.geo.admin_names import AcledConventions, AcledCountry
from conflictdb.records import Mention, Place, place_columns
from conflictdb.resolve.grade import grade_incident
from conflictdb.resolve.reconcile import ReconcileRules, reconcile_incident
from conflictdb.store import IncidentDetail, IncidentRow, StoreLexicons

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}  # ACLED has no year precision; month is nearest


def where_prec(row: IncidentRow, tables: ExportTables) -> int | str:
    """UCDP's where_prec of the incident's place (export_tables.ucdp_where_prec); empty without a place."""
    if not row.location and not row.admin1 and not row.country:
        return ""
    place = Place(row.location or "", country=row.country, admin1=row.admin1, admin2=row.admin2,
                  precision=row.geo_precision)  # fmt: skip
    return ucdp_where_prec(place, tables)


def incident_figures(row: IncidentRow, rules: ReconcileRules) -> dict[str, Any] | None:
    """The incident's reconciled figures as stored (figures_json), else worked out from its mentions by
    `rules` (a stored row always has its figures; a detail made by hand may not)."""
    stored = getattr(row, "figures_json", None)  # an incidents column since schema version 3
    if stored:
        return json.loads(stored)
    if isinstance(row, IncidentDetail):
        return figures_record(reconcile_incident(row.mentions, row.articles, rules=rules))
    return None


def incident_grade(row: IncidentRow, rules: ReconcileRules) -> tuple[str | None, str | None]:
    """The incident's grade and its reasons as stored, else worked out from its mentions by `rules` (a
    stored row always has its grade)."""
    stored = getattr(row, "grade", None)
    if stored:
        return stored, getattr(row, "grade_reason", None)
    if isinstance(row, IncidentDetail):
        grade = grade_incident(row.mentions, row.articles, rules=rules)
        return grade.grade.value, "; ".join(grade.reasons)
    return None, None


def figure_bound(figures: dict[str, Any] | None, outcome: str, category: str, bound: str) -> int | None:
    """One bound (low, best, high) of the reconciled range of an outcome and category; None if unknown."""
    return (((figures or {}).get(outcome) or {}).get(category) or {}).get(bound)


def figure_ranges(figures: dict[str, Any] | None, tables: ExportTables) -> dict[str, Any]:
    """low/best/high of each outcome and victim category, empty where unknown."""
    ranges = {}
    for column, (outcome, category, bound) in tables.range_columns.items():
        value = figure_bound(figures, outcome, category, bound)
        ranges[column] = "" if value is None else value
    return ranges


def event_number(incident_id: str) -> int:
    """A number stable for an incident id (48 bits of its SHA-1), the numeric part of event_id_cnty."""
    return int(hashlib.sha1(incident_id.encode("utf-8")).hexdigest()[:12], 16)


def acled_event_id(incident_id: str, country: AcledCountry | None, tables: ExportTables) -> str:
    """ACLED's event_id_cnty: the country's alpha-3 code and the incident's number ("SDN48213...")."""
    return f"{country.alpha3 if country else tables.unknown_country}{event_number(incident_id)}"


def disorder_type(event_type: str | None, sub_event_type: str | None, tables: ExportTables) -> str:
    """ACLED's disorder type of an event type and sub-event type; empty for neither."""
    by_sub = tables.disorder_by_sub_event.get(sub_event_type or "")
    return by_sub or tables.disorder_by_event.get(event_type or "", "")


def has_victims(figures: dict[str, Any] | None, categories: tuple[str, ...]) -> bool:
    """Whether the reconciled figures count anyone killed or injured (best) in these categories."""
    outcomes = ("killed", "injured")
    return any((figure_bound(figures, o, c, "best") or 0) > 0 for o in outcomes for c in categories)


def civilian_targeting(row: IncidentRow, figures: dict[str, Any] | None, tables: ExportTables) -> str:
    """ACLED's "Civilian targeting" for violence against civilians, or when the reconciled victims (killed
    and injured, best) are civilians and none armed; else empty."""
    civilians_only = has_victims(figures, tables.targeting_civilian_categories) and not has_victims(
        figures, tables.targeting_armed_categories
    )
    targeted = row.event_type in tables.targeting_event_types or civilians_only
    return tables.civilian_targeting if targeted else ""


def unix_seconds(row: IncidentRow) -> int | str:
    """When the incident last changed, as Unix seconds; empty when unknown."""
    return int(row.updated_at.timestamp()) if row.updated_at else ""


def acled_actors(row: IncidentRow, country: AcledCountry | None, tables: ExportTables) -> dict[str, Any]:
    """actor1, actor2, their associated actors, inter codes and interaction; empty where unknown."""
    coded = coded_actors(row, country.name if country else None, tables)
    return {column: "" if value is None else value for column, value in coded.items()}


def acled_place(row: IncidentRow, conventions: AcledConventions, tables: ExportTables) -> dict[str, Any]:
    """iso, region, country, admin1 to admin3 of an incident as ACLED writes them (a country outside the
    table keeps its code)."""
    country = conventions.country(row.country)
    admin1, admin2 = conventions.admins(row.country, row.admin1, row.admin2)
    return {
        "iso": country.iso if country else "",
        "region": tables.regions.get((row.country or "").upper(), ""),
        "country": country.name if country else row.country or "",
        "admin1": admin1 or "",
        "admin2": admin2 or "",
        "admin3": "",
    }


def acled_row(row: IncidentRow, *, lexicons: StoreLexicons) -> dict[str, Any]:
    """One incident as an ACLED CSV row (ACLED's columns, then ours); unknown fatalities are 0 as in ACLED.
    `lexicons`: the store's (its export tables, and its rules for a detail without stored figures)."""
    tables = lexicons.exports
    country = tables.acled.country(row.country)
    figures = incident_figures(row, lexicons.reconcile)
    return {
        "event_id_cnty": acled_event_id(row.id, country, tables),
        "event_date": row.date.isoformat() if row.date else "",
        "year": row.date.year if row.date else "",
        "time_precision": TIME_PRECISION.get(row.date_precision or "", ""),
        "disorder_type": disorder_type(row.event_type, row.sub_event_type, tables),
        "event_type": row.event_type or "",
        "sub_event_type": row.sub_event_type or "",
        **acled_actors(row, country, tables),
        "civilian_targeting": civilian_targeting(row, figures, tables),
        **acled_place(row, tables.acled, tables),
        "location": row.location or "",
        "latitude": "" if row.lat is None else row.lat,
        "longitude": "" if row.lon is None else row.lon,
        "geo_precision": "" if row.geo_precision is None else row.geo_precision,
        "source": "; ".join(row.outlets),
        "source_scale": "",
        "notes": row.notes or "",
        "fatalities": row.fatalities or 0,
        "tags": "",
        "timestamp": unix_seconds(row),
        "incident_id": row.id,
        "claims_count": row.claims_count,
        **figure_ranges(figures, tables),
        "grade": incident_grade(row, lexicons.reconcile)[0] or "",
        "evidence_url": tables.evidence_url(row.id),
    }


def export_csv(rows: Iterable[IncidentRow], out: TextIO, *, lexicons: StoreLexicons) -> int:
    """Write incidents as ACLED's CSV (open `out` with newline=""); return how many were written."""
    writer = csv.DictWriter(out, fieldnames=lexicons.exports.csv_columns)
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(acled_row(row, lexicons=lexicons))
        written += 1
    return written


def incident_feature(row: IncidentRow, *, lexicons: StoreLexicons) -> dict[str, Any] | None:
    """One incident as a GeoJSON point Feature; None when it has no coordinates."""
    if row.lat is None or row.lon is None:
        return None
    rules = lexicons.reconcile
    properties = acled_row(row, lexicons=lexicons)
    properties |= {"grade_reason": incident_grade(row, rules)[1], "figures": incident_figures(row, rules)}
    del properties["latitude"], properties["longitude"]
    return {
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
        "properties": properties,
    }


def export_geojson(rows: Iterable[IncidentRow], out: TextIO, *, lexicons: StoreLexicons) -> int:
    """Write a GeoJSON FeatureCollection of the incidents that have coordinates; return how many."""
    features = [f for f in (incident_feature(row, lexicons=lexicons) for row in rows) if f is not None]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(features)


def mention_record(mention: Mention, detail: IncidentDetail) -> dict[str, Any]:
    """A mention as JSON, with the article it comes from."""
    article = detail.article(mention.article_id)
    place = mention.place
    return {
        "article_id": mention.article_id,
        "outlet": article.outlet if article else None,
        "title": article.title if article else None,
        "url": article.url if article else None,
        "published": article.published.isoformat() if article and article.published else None,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "date": mention.date.value.isoformat() if mention.date.value else None,
        "date_precision": str(mention.date.precision) if mention.date.precision else None,
        "date_text": mention.date.text,
        **place_columns(place, "place"),
        "perpetrator": mention.perpetrator,
        "target": mention.target,
        "background": mention.background,
        "claims": [claim_record(c, article.text if article else None) for c in mention.claims],
    }


def incident_record(detail: IncidentDetail, *, lexicons: StoreLexicons) -> dict[str, Any]:
    """One incident as JSON: its ACLED-style summary plus every mention and claim."""
    summary = {
        key: None if value == "" else value for key, value in acled_row(detail, lexicons=lexicons).items()
    }
    summary["fatalities"] = detail.fatalities  # JSON can say "unknown"
    summary["country_name"], summary["country"] = summary["country"], detail.country
    summary["sources"] = list(detail.sources)
    summary["grade_reason"] = incident_grade(detail, lexicons.reconcile)[1]
    summary["figures"] = incident_figures(detail, lexicons.reconcile)
    del summary["source"]
    return summary | {"mentions": [mention_record(m, detail) for m in detail.mentions]}


def export_jsonl(rows: Iterable[IncidentDetail], out: TextIO, *, lexicons: StoreLexicons) -> int:
    """Write one incident per line with its mentions and claims; return how many."""
    written = 0
    for detail in rows:
        out.write(json.dumps(incident_record(detail, lexicons=lexicons), ensure_ascii=False) + "\n")
        written += 1
    return written
