"""The formats incidents are exported in, and the one function that writes any of them: `conflictdb export`
and the API's /api/export both call it."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from conflictdb.store import IncidentQuery, Store


class ExportFormat(StrEnum):
    """ACLED's CSV, UCDP GED's CSV, GeoJSON points, JSON Lines with every mention and claim."""

    CSV = "csv"
    UCDP = "ucdp"
    GEOJSON = "geojson"
    JSONL = "jsonl"


def write_export(store: Store, fmt: ExportFormat, out: TextIO, query: IncidentQuery) -> int:
    """Write the incidents a query selects to `out` in one format; return how many."""
    from conflictdb import export, export_ucdp  # loaded for an export only: the CLI lists formats without

    if fmt is ExportFormat.JSONL:
        return export.export_jsonl(store.incident_details(query), out, lexicons=store.lexicons)
    if fmt is ExportFormat.UCDP:  # with its articles: their URLs, dates and headlines
        return export_ucdp.export_ucdp(store.incident_details(query), out, lexicons=store.lexicons)
    rows = store.incidents(query)
    writer = export.export_csv if fmt is ExportFormat.CSV else export.export_geojson
    return writer(rows, out, lexicons=store.lexicons)
