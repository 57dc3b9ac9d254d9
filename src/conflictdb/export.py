"""Incidents out of the store as ACLED-style CSV, GeoJSON points and JSON Lines.

The CSV keeps ACLED's columns and speaks ACLED's names: the country by ACLED's name with its ISO 3166
numeric code, admin1 and admin2 under ACLED's names and levels (geo.admin_names); it adds the reconciled
killed totals (low/best/high) and the grade. GeoJSON and JSON Lines carry the full figures (per outcome
and category, with the claims behind them) and the grade with its reasons; JSON Lines keeps the country's
alpha-2 code beside its ACLED name.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from conflictdb.formats import figure_fields, figures_record
from conflictdb.geo.admin_names import AcledConventions, default_acled_conventions
from conflictdb.geo.resolve import ucdp_where_prec
from conflictdb.records import Claim, Mention, Place, place_columns
from conflictdb.resolve.grade import grade_incident
from conflictdb.resolve.reconcile import reconcile_incident
from conflictdb.store import IncidentDetail, IncidentRow

CSV_COLUMNS = (
    "event_id",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "where_prec",
    "fatalities",
    "notes",
    "source",
    "claims_count",
    "killed_low",
    "killed_best",
    "killed_high",
    "grade",
)
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}  # ACLED has no year precision; month is nearest


def where_prec(row: IncidentRow) -> int | str:
    """UCDP's where_prec of the incident's place (see geo.ucdp_where_prec); empty without a place."""
    if not row.location and not row.admin1 and not row.country:
        return ""
    place = Place(row.location or "", country=row.country, admin1=row.admin1, admin2=row.admin2,
                  precision=row.geo_precision)  # fmt: skip
    return ucdp_where_prec(place)


def incident_figures(row: IncidentRow) -> dict[str, Any] | None:
    """The incident's reconciled figures as stored (figures_json), else worked out from its mentions."""
    stored = getattr(row, "figures_json", None)  # an incidents column since schema version 3
    if stored:
        return json.loads(stored)
    if isinstance(row, IncidentDetail):
        return figures_record(reconcile_incident(row.mentions, row.articles))
    return None


def incident_grade(row: IncidentRow) -> tuple[str | None, str | None]:
    """The incident's grade and its reasons as stored, else worked out from its mentions."""
    stored = getattr(row, "grade", None)
    if stored:
        return stored, getattr(row, "grade_reason", None)
    if isinstance(row, IncidentDetail):
        grade = grade_incident(row.mentions, row.articles)
        return grade.grade.value, "; ".join(grade.reasons)
    return None, None


def killed_total(figures: dict[str, Any] | None) -> dict[str, Any]:
    """low/best/high of everyone killed, empty values where unknown."""
    total = ((figures or {}).get("killed") or {}).get("total") or {}
    return {f"killed_{key}": "" if total.get(key) is None else total[key] for key in ("low", "best", "high")}


def acled_place(row: IncidentRow, conventions: AcledConventions) -> dict[str, Any]:
    """iso, country, admin1 and admin2 of an incident as ACLED writes them (a country outside the table
    keeps its code)."""
    country = conventions.country(row.country)
    admin1, admin2 = conventions.admins(row.country, row.admin1, row.admin2)
    return {
        "iso": country.iso if country else "",
        "country": country.name if country else row.country or "",
        "admin1": admin1 or "",
        "admin2": admin2 or "",
    }


def acled_row(row: IncidentRow, *, conventions: AcledConventions | None = None) -> dict[str, Any]:
    """One incident as an ACLED-style CSV row in ACLED's names; unknown fatalities are 0 as in ACLED."""
    return {
        "event_id": row.id,
        "event_date": row.date.isoformat() if row.date else "",
        "year": row.date.year if row.date else "",
        "time_precision": TIME_PRECISION.get(row.date_precision or "", ""),
        "event_type": row.event_type or "",
        "sub_event_type": row.sub_event_type or "",
        "actor1": row.actor1 or "",
        "actor2": row.actor2 or "",
        **acled_place(row, conventions or default_acled_conventions()),
        "location": row.location or "",
        "latitude": "" if row.lat is None else row.lat,
        "longitude": "" if row.lon is None else row.lon,
        "geo_precision": "" if row.geo_precision is None else row.geo_precision,
        "where_prec": where_prec(row),
        "fatalities": row.fatalities or 0,
        "notes": row.notes or "",
        "source": "; ".join(row.sources),
        "claims_count": row.claims_count,
        **killed_total(incident_figures(row)),
        "grade": incident_grade(row)[0] or "",
    }


def export_csv(rows: Iterable[IncidentRow], out: TextIO) -> int:
    """Write incidents as ACLED-style CSV (open `out` with newline=""); return how many were written."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(acled_row(row))
        written += 1
    return written


def incident_feature(row: IncidentRow) -> dict[str, Any] | None:
    """One incident as a GeoJSON point Feature; None when it has no coordinates."""
    if row.lat is None or row.lon is None:
        return None
    properties = acled_row(row) | {"grade_reason": incident_grade(row)[1], "figures": incident_figures(row)}
    del properties["latitude"], properties["longitude"]
    return {
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
        "properties": properties,
    }


def export_geojson(rows: Iterable[IncidentRow], out: TextIO) -> int:
    """Write a GeoJSON FeatureCollection of the incidents that have coordinates; return how many."""
    features = [f for f in (incident_feature(row) for row in rows) if f is not None]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(features)


def claim_record(claim: Claim, text: str | None) -> dict[str, Any]:
    """A claim as JSON, with its evidence quoted from the article text when known."""
    return {
        "speaker": claim.speaker,
        "speaker_role": claim.speaker_role,
        "relay": claim.relay,
        "stance": str(claim.stance),
        "stance_words": claim.stance_words,
        "partisan": claim.partisan,
        "figures": [figure_fields(f) for f in claim.figures],
        "evidence": {
            "start": claim.evidence.start,
            "end": claim.evidence.end,
            "text": text[claim.evidence.start : claim.evidence.end] if text is not None else None,
        },
    }


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


def incident_record(detail: IncidentDetail) -> dict[str, Any]:
    """One incident as JSON: its ACLED-style summary plus every mention and claim."""
    summary = {key: None if value == "" else value for key, value in acled_row(detail).items()}
    summary["fatalities"] = detail.fatalities  # JSON can say "unknown"
    summary["country_name"], summary["country"] = summary["country"], detail.country
    summary["sources"] = list(detail.sources)
    summary["grade_reason"] = incident_grade(detail)[1]
    summary["figures"] = incident_figures(detail)
    del summary["source"]
    return summary | {"mentions": [mention_record(m, detail) for m in detail.mentions]}


def export_jsonl(rows: Iterable[IncidentDetail], out: TextIO) -> int:
    """Write one incident per line with its mentions and claims; return how many."""
    written = 0
    for detail in rows:
        out.write(json.dumps(incident_record(detail), ensure_ascii=False) + "\n")
        written += 1
    return written
