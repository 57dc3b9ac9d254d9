"""`conflictdb edit ...`, `show`, `merge` and `split` as an analyst types them: places found in the gazetteer,
dates with their precision, discounted incidents counted in nothing, mention keys shown for a split, and
merges across countries or years only when forced; every edit in the history and kept when new reports
join the incident."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conflictdb.cli import app
from conflictdb.store import IncidentDetail, Store, open_store
from tests.test_cli import seeded  # noqa: F401 - the fixture: an incident in AF and one in IQ
from tests.test_resolve_store import checkpoint, incident_of, market


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})


@pytest.fixture(autouse=True)
def _no_db_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICTDB_DB", raising=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store holding a market bombing (one report) and a checkpoint attack, linked as ingest links."""
    url = f"sqlite:///{tmp_path / 'edits.sqlite'}"
    with open_store(url) as store:
        store.add_batch([market(1), checkpoint()], link=True)
    return url


def market_incident(db: str) -> str:
    with open_store(db) as store:
        return incident_of(store, "market1")


def listed(db: str, *options: str) -> list[str]:
    result = invoke("incidents", "--db", db, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return [item["id"] for item in json.loads(result.stdout)["items"]]


def history(db: str, incident: str) -> str:
    result = invoke("edit", "history", incident, "--db", db)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_edit_place_is_found_in_the_gazetteer_and_stays_on_the_map(db: str) -> None:
    incident = market_incident(db)
    result = invoke("edit", "incident", incident, "--location", "Mosul", "--country", "IQ", "--db", db)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        detail = store.incident(incident)
    assert detail is not None and (detail.location, detail.country, detail.geo_precision) == (
        "Mosul",
        "IQ",
        1,
    )
    assert detail.admin1 and detail.admin2 and detail.lat is not None and detail.lon is not None
    assert 36 < detail.lat < 37 and 42.5 < detail.lon < 43.5
    geojson = invoke("export", "--format", "geojson", "--db", db)
    (feature,) = [f for f in json.loads(geojson.stdout)["features"] if f["id"] == incident]
    assert feature["geometry"] is not None  # on the map
    assert "location: Kandahar -> Mosul" in history(db, incident)


def test_cli_edit_place_only_the_name_is_looked_up_in_the_incidents_country(db: str) -> None:
    incident = market_incident(db)
    result = invoke("edit", "incident", incident, "--location", "Lashkar Gah", "--db", db)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        detail = store.incident(incident)
    assert detail is not None and (detail.country, detail.admin1) == ("AF", "Helmand")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--location", "Qwzrtlpk"], "'Qwzrtlpk' is not in the gazetteer"),
        (["--location", "Mosul", "--country", "QQ"], "unknown country code 'QQ'"),
        (["--location", "Mosul", "--lat", "36.3"], "both latitude and longitude"),
    ],
)
def test_cli_edit_place_that_cannot_be_placed_is_refused_and_changes_nothing(
    db: str, options: list[str], message: str
) -> None:
    incident = market_incident(db)
    result = invoke("edit", "incident", incident, *options, "--db", db)
    assert result.exit_code == 1 and message in result.stderr, result.output
    with open_store(db) as store:
        detail = store.incident(incident)
        assert detail is not None and detail.location == "Kandahar" and store.history(incident) == []


@pytest.mark.parametrize(
    ("options", "day", "precision"),
    [
        (["--date", "2023-05-12"], "2023-05-12", "day"),
        (["--date", "2023-05"], "2023-05-01", "month"),
        (["--date", "2023"], "2023-01-01", "year"),
        (["--date", "2023-05-08", "--date-precision", "week"], "2023-05-08", "week"),
    ],
)
def test_cli_edit_date_with_its_precision(db: str, options: list[str], day: str, precision: str) -> None:
    incident = market_incident(db)
    result = invoke("edit", "incident", incident, *options, "--db", db)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        detail = store.incident(incident)
    assert detail is not None and (str(detail.date), detail.date_precision) == (day, precision)
    assert f"date: 2023-05-14 -> {day}" in history(db, incident)


@pytest.mark.parametrize(
    "options", [["--date", "2023-13-01"], ["--date", "14 May"], ["--date-precision", "day"]]
)
def test_cli_edit_bad_date_is_a_clear_error(db: str, options: list[str]) -> None:
    result = invoke("edit", "incident", market_incident(db), *options, "--db", db)
    assert result.exit_code != 0 and "date" in result.output.lower()
    assert "Traceback" not in result.output


def _csv_ids(db: str) -> list[str]:
    result = invoke("export", "--format", "csv", "--db", db)
    assert result.exit_code == 0, result.output
    return [row["incident_id"] for row in csv.DictReader(io.StringIO(result.stdout))]


def test_cli_edit_discounted_incident_is_kept_counted_in_nothing_and_stays_so(db: str) -> None:
    incident = market_incident(db)
    assert incident in listed(db) and incident in _csv_ids(db)
    with open_store(db) as store:
        before = store.stats()
    result = invoke("edit", "discount", incident, "--note", "a drill, not an attack", "--db", db)
    assert result.exit_code == 0, result.output
    assert incident not in listed(db) and incident not in _csv_ids(db)
    assert listed(db, "--discounted") == [incident]
    with open_store(db) as store:
        after = store.stats()
        assert (after.incidents, after.discounted_incidents) == (before.incidents - 1, 1)
        assert after.articles == before.articles and after.claims == before.claims  # kept
        store.add_batch([market(2)], link=True)  # a second report joins it: resolved again
        assert incident_of(store, "market2") == incident
        detail = store.incident(incident)
        assert detail is not None and detail.discounted and detail.articles_count == 2
    assert incident not in listed(db)
    shown = invoke("show", incident, "--db", db)
    assert "discounted" in shown.stdout
    assert "discounted: False -> True (a drill, not an attack)" in history(db, incident)

    undone = invoke("edit", "discount", incident, "--undo", "--db", db)
    assert undone.exit_code == 0, undone.output
    assert incident in listed(db) and listed(db, "--discounted") == []


def test_cli_edit_reset_puts_the_date_back(db: str) -> None:
    incident = market_incident(db)
    assert invoke("edit", "incident", incident, "--date", "2023-05", "--db", db).exit_code == 0
    reset = invoke("edit", "reset-incident", incident, "--date", "--db", db)
    assert reset.exit_code == 0, reset.output
    with open_store(db) as store:
        detail = store.incident(incident)
    assert detail is not None and (str(detail.date), detail.date_precision) == ("2023-05-14", "day")


def test_cli_show_prints_the_mention_ids_split_takes_and_split_keeps_the_id_form(db: str) -> None:
    with open_store(db) as store:
        store.add_batch([market(2)], link=True)
    incident = market_incident(db)
    shown = invoke("show", incident, "--db", db)
    assert shown.exit_code == 0, shown.output
    keys = re.findall(r"mention (\S+#\d+)", shown.stdout)
    assert sorted(keys) == ["market1#0", "market2#0"]
    result = invoke("split", incident, "market2#0", "--db", db)
    assert result.exit_code == 0, result.output
    (new_id,) = re.findall(r"new incident (\S+)", result.stdout)
    assert re.fullmatch(r"inc-[0-9a-f]{12}", new_id) and re.fullmatch(r"inc-[0-9a-f]{12}", incident)
    with open_store(db) as store:
        assert incident_of(store, "market2") == new_id


def test_cli_merge_across_countries_needs_force(seeded: str) -> None:  # noqa: F811
    refused = invoke("merge", "inc-sangin", "inc-talafar", "--db", seeded)
    assert refused.exit_code == 1
    assert "different countries AF, IQ" in refused.stderr and "--force" in refused.stderr
    assert len(listed(seeded)) == 2
    forced = invoke("merge", "inc-sangin", "inc-talafar", "--force", "--db", seeded)
    assert forced.exit_code == 0, forced.output
    assert listed(seeded) == ["inc-sangin"]


def test_cli_merge_across_years_needs_force(db: str) -> None:
    with open_store(db) as store:
        market_id, checkpoint_id = incident_of(store, "market1"), incident_of(store, "checkpoint")
    assert invoke("edit", "incident", checkpoint_id, "--date", "2022-11-20", "--db", db).exit_code == 0
    refused = invoke("merge", market_id, checkpoint_id, "--db", db)
    assert refused.exit_code == 1 and "different years 2022, 2023" in refused.stderr
    assert invoke("merge", market_id, checkpoint_id, "--force", "--db", db).exit_code == 0


def test_cli_edits_are_kept_when_the_store_is_resolved_again(db: str) -> None:
    incident = market_incident(db)
    for options in (["--location", "Mosul", "--country", "IQ"], ["--date", "2023-05"]):
        assert invoke("edit", "incident", incident, *options, "--db", db).exit_code == 0
    with open_store(db) as store:
        store.add_batch([market(2), market(3)], link=True)
        detail = _only(store, incident)
    assert (detail.location, str(detail.date), detail.date_precision) == ("Mosul", "2023-05-01", "month")


def _only(store: Store, incident: str) -> IncidentDetail:
    detail = store.incident(incident)
    assert detail is not None and detail.articles_count == 3
    return detail
