"""The UCDP GED-shaped export: GED's columns in GED's order, the events GED would hold, sides and deaths."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from conflictdb.cli import app
from conflictdb.export import event_number
from conflictdb.export_ucdp import deaths, export_ucdp, priogrid_gid, type_of_violence
from conflictdb.store import load_store_lexicons, open_store
from tests import export_store

# UCDP GED's columns as its codebook publishes them (versions 22.1-24.1), written here apart from the data
LEXICONS = load_store_lexicons()
GED_PUBLISHED = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
]
OURS = ["incident_id", "evidence_url"]


def test_export_ucdp_columns_keep_geds_names_and_order() -> None:
    tables = LEXICONS.exports
    assert tables.ucdp_published == tuple(GED_PUBLISHED)
    written = list(tables.ucdp_columns[: -len(OURS)])
    assert written == [column for column in GED_PUBLISHED if column in written]  # GED's order
    assert list(tables.ucdp_columns[-len(OURS) :]) == OURS
    brief = ["side_a", "side_b", "type_of_violence", "deaths_a", "deaths_b", "deaths_civilians"]
    brief += ["deaths_unknown", "low", "best", "high", "where_prec", "date_start", "date_end", "country"]
    brief += ["adm_1", "adm_2", "latitude", "longitude", "source_article", "id", "year"]
    assert set(brief) <= set(written)


@pytest.fixture
def ucdp(tmp_path: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """The invented store exported as UCDP GED, read back with pandas, and the incident ids by key."""
    with open_store(f"sqlite:///{tmp_path / 'ged.sqlite'}") as store:
        ids = export_store.fill(store)
        out = io.StringIO(newline="")
        assert (
            export_ucdp(store.incident_details(), out, lexicons=LEXICONS) == 3
        )  # the protest is no GED event
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    return frame, ids


def test_export_ucdp_writes_geds_events_with_sides_and_deaths(
    ucdp: tuple[pd.DataFrame, dict[str, str]],
) -> None:
    frame, ids = ucdp
    assert list(frame.columns) == list(LEXICONS.exports.ucdp_columns)
    assert ids["march"] not in set(frame["incident_id"])
    rows = {key: frame[frame["incident_id"] == i].iloc[0] for key, i in ids.items() if key != "march"}
    raid, clash, shelling = rows["raid"], rows["clash"], rows["shelling"]
    # state-based: the state's side first, its dead in deaths_a, the group's in deaths_b
    assert (clash["type_of_violence"], clash["side_a"], clash["side_b"]) == (
        "1",
        "Military Forces of Somalia (2022-)",
        "Al Shabaab",
    )
    assert [clash[c] for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")] == [
        "3",
        "11",
        "0",
        "0",
    ]
    assert (clash["low"], clash["best"], clash["high"]) == ("14", "14", "14")
    # one-sided: violence against civilians, and shelling that killed civilians alone
    assert (raid["type_of_violence"], raid["side_a"], raid["side_b"]) == (
        "3",
        "Unidentified Armed Group (Mali)",
        "Civilians",
    )
    assert (raid["deaths_civilians"], raid["best"]) == ("7", "7")
    assert (shelling["type_of_violence"], shelling["side_a"], shelling["side_b"]) == (
        "3",
        "Military Forces of Russia (2000-)",
        "Civilians",
    )
    for row in rows.values():  # the four kinds of deaths add up to best
        parts = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
        assert sum(int(row[c]) for c in parts) == int(row["best"])
    # dates by precision, places, sources and ids
    assert (clash["date_prec"], clash["date_start"], clash["date_end"]) == ("3", "2024-03-04", "2024-03-10")
    assert (raid["date_prec"], raid["date_start"], raid["date_end"]) == ("1", "2024-03-09", "2024-03-09")
    assert (raid["country"], raid["adm_1"], raid["where_coordinates"], raid["year"]) == (
        "Mali",
        "Mopti",
        "Tessoumbou",
        "2024",
    )
    assert (raid["latitude"], raid["geom_wkt"]) == ("14.31", "POINT (-3.72 14.31)")
    assert raid["source_article"] == "https://sahelcourier.example/news/tessoumbou"
    assert (raid["source_office"], raid["source_date"]) == ("Sahel Courier", "2024-03-10")
    assert raid["source_headline"] == "Gunmen raided the hamlet of Tessoumbou"
    assert clash["source_office"] == "horn-dispatch.example"
    assert shelling["source_article"] == ""  # a file with neither URL nor outlet: no path written
    assert raid["id"] == str(event_number(ids["raid"]))
    assert raid["evidence_url"] == f"/incidents/{ids['raid']}"


@pytest.mark.parametrize(
    ("lat", "lon", "gid"),
    [
        (-90.0, -180.0, 1),
        (-89.75, -179.75, 1),
        (-90.0, -179.5, 2),
        (-89.5, -180.0, 721),
        (4.12, 45.35, 135811),
    ],
)
def test_export_ucdp_priogrid_cells(lat: float, lon: float, gid: int) -> None:
    assert priogrid_gid(lat, lon) == gid


def test_export_ucdp_through_the_command_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    with open_store(db) as store:
        ids = export_store.fill(store)
    out = tmp_path / "ged.csv"
    result = CliRunner().invoke(app, ["export", "--format", "ucdp", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert "exported 3 incidents" in result.stderr
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(frame["incident_id"]) == {ids["raid"], ids["clash"], ids["shelling"]}


def _killed(**best: int) -> dict[str, Any]:
    """Reconciled figures with these best counts of the killed by category, and their total."""
    by_category = {category: {"low": n, "best": n, "high": n} for category, n in best.items()}
    total = sum(best.values())
    return {"killed": {"total": {"low": total, "best": total, "high": total}, **by_category}}


@pytest.mark.parametrize(
    ("event_type", "codes", "figures", "violence"),
    [
        ("Violence against civilians", (None, None), _killed(unspecified=3), 3),
        ("Battles", (1, 2), _killed(militants=4), 1),  # a state against a rebel group
        ("Battles", (2, 8), _killed(unspecified=2), 1),  # external forces are a state's
        ("Battles", (2, 3), _killed(militants=5), 2),  # two armed groups
        ("Explosions/Remote violence", (3, 7), _killed(civilians=6), 3),  # an armed group against civilians
        ("Battles", (None, None), _killed(security_forces=2, militants=9), 1),  # soldiers among the dead
        ("Explosions/Remote violence", (None, None), _killed(civilians=4), 3),
        ("Battles", (None, None), _killed(civilians=4), None),  # caught in a battle: no side told
        ("Battles", (None, None), _killed(militants=8), None),  # a state's or a group's doing: unknown
    ],
)
def test_export_ucdp_type_of_violence(
    event_type: str, codes: tuple[int | None, int | None], figures: dict[str, Any], violence: int | None
) -> None:
    assert type_of_violence(event_type, codes, figures, LEXICONS.exports.violence) == violence


@pytest.mark.parametrize(
    ("violence", "side_a_code", "figures", "expected"),
    [
        (1, 1, _killed(security_forces=2, militants=9, civilians=1), (2, 9, 1, 0)),
        (1, None, _killed(security_forces=2, militants=9), (0, 0, 0, 11)),  # which side is the state?
        (3, 3, _killed(civilians=5, militants=1), (1, 0, 5, 0)),  # an attacker died with them
        (3, 1, _killed(civilians=5, militants=1), (0, 0, 5, 1)),
        (2, 2, _killed(militants=7, unspecified=2), (0, 0, 0, 9)),  # non-state: not split by side
        (None, None, _killed(civilians=2, unspecified=3), (0, 0, 2, 3)),
    ],
)
def test_export_ucdp_deaths_by_side_add_up_to_best(
    violence: int | None, side_a_code: int | None, figures: dict[str, Any], expected: tuple[int, ...]
) -> None:
    split = deaths(figures, violence, side_a_code, LEXICONS.exports.violence)
    assert tuple(split.values()) == expected
    assert sum(expected) == figures["killed"]["total"]["best"]
