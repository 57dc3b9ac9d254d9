"""Incidents as UCDP GED events: GED's column names in its codebook's order, for the columns we can fill.

Only organised violence with at least one death is a GED event (data/exports.yaml). type_of_violence comes
from the event type, the actors' ACLED inter codes and the victims' categories, in the order the data file
documents; deaths are split by side, a side's dead counted only where its actor's inter code says what it
is, so that deaths_a, deaths_b, deaths_civilians and deaths_unknown add up to best. Sides are our actors
(ACLED's names where the store has them), not UCDP's actor list.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from conflictdb.actor_codes import inter_code
from conflictdb.export import event_number, figure_bound, incident_figures, where_prec
from conflictdb.export_tables import ViolenceRules
from conflictdb.store import IncidentDetail, IncidentRow, StoreLexicons

STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
PRIO_GRID_CELLS_PER_ROW = 720  # PRIO-GRID: 0.5-degree cells, numbered from (-90, -180) row by row


def bound_or(figures: dict[str, Any] | None, bound: str, default: int) -> int:
    """A bound of the killed total, `default` where unknown."""
    value = figure_bound(figures, "killed", "total", bound)
    return default if value is None else value


def killed(figures: dict[str, Any] | None, categories: Iterable[str]) -> int:
    """The best estimate of people killed in these victim categories (0 where unknown)."""
    return sum(figure_bound(figures, "killed", category, "best") or 0 for category in categories)


def type_of_violence(
    event_type: str | None,
    codes: tuple[int | None, int | None],
    figures: dict[str, Any] | None,
    rules: ViolenceRules,
) -> int | None:
    """UCDP's type of violence (1 state-based, 2 non-state, 3 one-sided), as data/exports.yaml orders the
    evidence; None when the data cannot tell."""
    if event_type in rules.one_sided_event_types:
        return ONE_SIDED
    known = [code for code in codes if code is not None]
    if len(known) == 2:
        state = sum(code in rules.state_codes for code in known)
        armed = sum(code in rules.non_state_armed_codes for code in known)
        if state == 1 and armed == 1:
            return STATE_BASED
        if armed == 2:
            return NON_STATE
        if any(code in rules.civilian_codes for code in known) and state + armed == 1:
            return ONE_SIDED
    if killed(figures, rules.state_categories) > 0:
        return STATE_BASED
    others = killed(figures, rules.state_categories + rules.non_state_categories)
    if (
        killed(figures, rules.civilian_categories) > 0
        and others == 0
        and event_type not in rules.battle_event_types
    ):
        return ONE_SIDED
    return None


@dataclass(frozen=True, slots=True)
class Sides:
    """side_a and side_b of an event, and side_a's ACLED inter code when known."""

    a: str
    b: str
    a_code: int | None


def sides(
    row: IncidentRow, violence: int | None, codes: tuple[int | None, int | None], rules: ViolenceRules
) -> Sides:
    """side_a and side_b: the state first in state-based violence, the perpetrator and "Civilians" in
    one-sided violence, else the actors as stored."""
    actor1, actor2 = row.actor1 or "", row.actor2 or ""
    if violence == STATE_BASED and codes[1] in rules.state_codes and codes[0] not in rules.state_codes:
        return Sides(actor2, actor1, codes[1])
    if violence == ONE_SIDED:
        if codes[0] in rules.civilian_codes:
            return Sides(actor2, rules.civilians_side, codes[1])
        return Sides(actor1, rules.civilians_side, codes[0])
    return Sides(actor1, actor2, codes[0])


def deaths(
    figures: dict[str, Any] | None, violence: int | None, side_a_code: int | None, rules: ViolenceRules
) -> dict[str, int]:
    """deaths_a, deaths_b, deaths_civilians and deaths_unknown, adding up to best: a side's dead only
    where its inter code says what it is (see data/exports.yaml)."""
    best = figure_bound(figures, "killed", "total", "best") or 0
    civilians = killed(figures, rules.civilian_categories)
    state, militants = killed(figures, rules.state_categories), killed(figures, rules.non_state_categories)
    a_is_state, a_is_group = side_a_code in rules.state_codes, side_a_code in rules.non_state_armed_codes
    side_a = side_b = 0
    if violence == STATE_BASED and a_is_state:
        side_a, side_b = state, militants
    elif violence == ONE_SIDED and (a_is_state or a_is_group):
        side_a = state if a_is_state else militants
    unknown = max(best - side_a - side_b - civilians, 0)
    return {"deaths_a": side_a, "deaths_b": side_b, "deaths_civilians": civilians, "deaths_unknown": unknown}


def date_range(row: IncidentRow) -> tuple[str, str]:
    """date_start and date_end: the first and last day the incident's date and its precision allow."""
    if row.date is None:
        return "", ""
    start = row.date
    if row.date_precision == "week":
        end = start + dt.timedelta(days=6)
    elif row.date_precision == "month":
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    elif row.date_precision == "year":
        end = start.replace(month=12, day=31)
    else:
        end = start
    return start.isoformat(), end.isoformat()


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell of a point (half-degree cells numbered from 1 at the south-west corner)."""
    row = min(math.floor((lat + 90) * 2), 359)
    column = min(math.floor((lon + 180) * 2), PRIO_GRID_CELLS_PER_ROW - 1)
    return row * PRIO_GRID_CELLS_PER_ROW + column + 1


def source_columns(row: IncidentRow) -> dict[str, Any]:
    """number_of_sources and the source columns: per article its URL (else outlet), outlet, date, title."""
    if not isinstance(row, IncidentDetail):
        outlets = "; ".join(row.outlets)
        return {"number_of_sources": row.articles_count, "source_article": outlets, "source_office": outlets}
    articles = row.articles
    return {
        "number_of_sources": len(articles),
        "source_article": "; ".join(a.url or a.outlet or "" for a in articles if a.url or a.outlet),
        "source_office": "; ".join(row.outlets),
        "source_date": "; ".join(sorted({a.published.isoformat() for a in articles if a.published})),
        "source_headline": "; ".join(a.title for a in articles if a.title),
    }


def ucdp_row(row: IncidentRow, *, lexicons: StoreLexicons) -> dict[str, Any] | None:
    """One incident as a UCDP GED row; None when it is no GED event (not organised violence, no death)."""
    tables = lexicons.exports
    rules = tables.violence
    figures = incident_figures(row, lexicons.reconcile)
    best = figure_bound(figures, "killed", "total", "best")
    if row.event_type not in rules.organised_event_types or not best:
        return None
    country = tables.acled.country(row.country)
    admin1, admin2 = tables.acled.admins(row.country, row.admin1, row.admin2)
    name = country.name if country else None
    codes = (inter_code(row.actor1, name, tables), inter_code(row.actor2, name, tables))
    violence = type_of_violence(row.event_type, codes, figures, rules)
    both = sides(row, violence, codes, rules)
    point = row.lat is not None and row.lon is not None
    date_start, date_end = date_range(row)
    return {
        "id": event_number(row.id),
        "year": row.date.year if row.date else "",
        "type_of_violence": violence or "",
        "side_a": both.a,
        "side_b": both.b,
        **source_columns(row),
        "where_prec": where_prec(row, tables),
        "where_coordinates": row.location or "",
        "adm_1": admin1 or "",
        "adm_2": admin2 or "",
        "latitude": row.lat if point else "",
        "longitude": row.lon if point else "",
        "geom_wkt": f"POINT ({row.lon} {row.lat})" if point else "",
        "priogrid_gid": priogrid_gid(row.lat, row.lon) if point else "",
        "country": name or row.country or "",
        "date_prec": tables.ucdp_date_prec.get(row.date_precision or "", ""),
        "date_start": date_start,
        "date_end": date_end,
        **deaths(figures, violence, both.a_code, rules),
        "best": best,
        "high": bound_or(figures, "high", best),
        "low": bound_or(figures, "low", best),
        "incident_id": row.id,
        "evidence_url": tables.evidence_url(row.id),
    }


def export_ucdp(rows: Iterable[IncidentRow], out: TextIO, *, lexicons: StoreLexicons) -> int:
    """Write the incidents that are UCDP GED events as GED-shaped CSV (open `out` with newline="");
    return how many were written."""
    writer = csv.DictWriter(out, fieldnames=lexicons.exports.ucdp_columns, restval="")
    writer.writeheader()
    written = 0
    for row in rows:
        record = ucdp_row(row, lexicons=lexicons)
        if record is not None:
            writer.writerow(record)
            written += 1
    return written
