"""The command line against a temporary SQLite file and real (invented) article files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner, Result

from conflictdb.cli import app
from conflictdb.cli.ingest import EXIT_SOME_FAILED
from conflictdb.cli.read import format_figure
from conflictdb.cli.serve import _bound_socket
from conflictdb.records import (
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
)
from conflictdb.store import open_store
from tests.conftest import shared_or_skip

TEXT = (
    "Rocket fire hits Sangin bazaar\n"
    "Rockets killed at least 6 civilians and wounded 11 in Sangin on Friday, district chief Wali Jan said."
)
GOOD_ONE = (
    "Air strike kills eight civilians in Kunduz\n"
    "KUNDUZ, Afghanistan, March 3, 2021 - An air strike killed eight civilians and wounded five others in "
    "Kunduz province on Tuesday, provincial police spokesman Hamid Rahimi said.\n"
    "The Taliban said 12 of their fighters were also killed in the strike.\n"
)
GOOD_TWO = (
    "Roadside bomb kills three policemen in Ghazni\n"
    "GHAZNI, Afghanistan, June 9, 2021 - A roadside bomb killed three policemen in Ghazni city on Monday, "
    "a provincial official said, adding that two passers-by were wounded.\n"
)
HOTEL = (
    "Gunmen storm hotel in Mogadishu\n"
    "MOGADISHU, Somalia, May 6, 2022 - Al Shabaab fighters stormed a hotel in Mogadishu on Thursday, killing "
    "nine civilians, a police officer said. The group later claimed the attack.\n"
)
SHELLING = (
    "Troops shell village near border\n"
    "Kirkuk, Iraq, 4 March 2023 - Turkish troops shelled a village near Kirkuk on Friday, killing two "
    "farmers, the mayor said.\n"
)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the CLI with a wide terminal so tables are not cut."""
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})


@pytest.fixture(autouse=True)
def _no_db_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICTDB_DB", raising=False)


@pytest.fixture
def seeded(tmp_path: Path) -> str:
    """A database holding two invented incidents, written through the store."""
    url = f"sqlite:///{tmp_path / 'seeded.sqlite'}"
    start = TEXT.index("Rockets")
    claim = Claim(
        Span(start, len(TEXT)),
        (
            Figure(Outcome.KILLED, Category.CIVILIANS, 6, None),
            Figure(Outcome.INJURED, Category.UNSPECIFIED, 11, 11),
        ),
        speaker="Wali Jan",
        speaker_role="district chief",
    )
    sangin = Mention(
        article_id="sangin",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=DateValue(dt.date(2022, 8, 5), DatePrecision.DAY, "on Friday"),
        place=Place("Sangin", country="AF", admin1="Helmand", lat=32.07, lon=64.83, precision=1),
        claims=(claim,),
        incident_id="inc-sangin",
    )
    other_text = "Clashes in Tal Afar left 2 soldiers dead."
    other = Mention(
        article_id="talafar",
        event_type="Battles",
        sub_event_type="Armed clash",
        date=DateValue(dt.date(2022, 9, 1), DatePrecision.DAY),
        place=Place("Tal Afar", country="IQ", admin1="Nineveh"),
        claims=(Claim(Span(0, len(other_text)), (Figure(Outcome.KILLED, Category.SECURITY_FORCES, 2, 2),)),),
        incident_id="inc-talafar",
    )
    with open_store(url) as store:
        store.add_article(
            Article("sangin", "/in/sangin.txt", TEXT, TEXT, outlet="Helmand Wire", title="Rocket fire"),
            [sangin],
        )
        store.add_article(Article("talafar", "/in/talafar.txt", other_text, other_text), [other])
    return url


# --- commands over a seeded database ---------------------------------------------------------------


def test_cli_incidents_lists_a_table(seeded: str) -> None:
    result = invoke("incidents", "--db", seeded)
    assert result.exit_code == 0, result.output
    assert "inc-sangin" in result.stdout and "inc-talafar" in result.stdout
    assert "Sangin" in result.stdout and "Helmand" in result.stdout
    assert result.stdout.index("inc-talafar") < result.stdout.index("inc-sangin")  # newest first


@pytest.mark.parametrize(
    ("options", "shown", "hidden"),
    [
        (["--country", "IQ"], "inc-talafar", "inc-sangin"),
        (["--event-type", "Battles"], "inc-talafar", "inc-sangin"),
        (["--to", "2022-08-31"], "inc-sangin", "inc-talafar"),
        (["--from", "2022-08-31"], "inc-talafar", "inc-sangin"),
        (["--limit", "1"], "inc-talafar", "inc-sangin"),
    ],
)
def test_cli_incidents_filters(seeded: str, options: list[str], shown: str, hidden: str) -> None:
    result = invoke("incidents", "--db", seeded, *options)
    assert result.exit_code == 0, result.output
    assert shown in result.stdout and hidden not in result.stdout


@pytest.mark.parametrize(
    ("options", "shown", "hidden"),
    [
        (["--country", "Afghanistan"], "inc-sangin", "inc-talafar"),
        (["--country", "irq"], "inc-talafar", "inc-sangin"),
        (["--admin1", "helmand"], "inc-sangin", "inc-talafar"),
        (["--event-type", "Shelling/artillery/missile attack"], "inc-sangin", "inc-talafar"),
        (["--sub-event-type", "Armed clash"], "inc-talafar", "inc-sangin"),
        (["--min-deaths", "5"], "inc-sangin", "inc-talafar"),
        (["-q", "tal afar"], "inc-talafar", "inc-sangin"),
        (["--sort", "date"], "inc-sangin", "inc-talafar"),  # oldest first: the first of --limit 1
    ],
)
def test_cli_incidents_takes_every_filter_of_the_api(
    seeded: str, options: list[str], shown: str, hidden: str
) -> None:
    result = invoke("incidents", "--db", seeded, "--limit", "1", *options)
    assert result.exit_code == 0, result.output
    assert shown in result.stdout and hidden not in result.stdout


def test_cli_incidents_says_how_many_it_shows_of_how_many(seeded: str) -> None:
    result = invoke("incidents", "--db", seeded, "--limit", "1")
    assert "showing 1 of 2 incidents" in result.stdout
    result = invoke("incidents", "--db", seeded, "--limit", "1", "--offset", "1")
    assert "inc-sangin" in result.stdout and "showing 1 of 2 incidents, from number 2" in result.stdout
    result = invoke("incidents", "--db", seeded, "--country", "Ukraine")
    assert result.exit_code == 0 and "showing 0 of 0 incidents" in result.stdout


def test_cli_incidents_as_json_keeps_stdout_machine_readable(seeded: str) -> None:
    result = invoke("incidents", "--db", seeded, "--format", "json", "--limit", "1")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert (listed["total"], listed["limit"], listed["offset"]) == (2, 1, 0)
    (item,) = listed["items"]
    assert (item["id"], item["location"], item["date"], item["sources"]) == (
        "inc-talafar",
        "Tal Afar",
        "2022-09-01",
        ["/in/talafar.txt"],
    )
    assert "showing 1 of 2 incidents" in result.stderr


def test_cli_incidents_as_csv_keeps_stdout_machine_readable(seeded: str) -> None:
    result = invoke("incidents", "--db", seeded, "--format", "csv", "--country", "AF")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Sangin", "6")]
    assert "showing 1 of 1 incident" in result.stderr and "showing" not in result.stdout


@pytest.mark.parametrize(
    ("options", "option", "words"),
    [
        (["--country", "XX"], "'--country'", "unknown country 'XX'"),
        (["--country", "Afghanistn"], "'--country'", "did you mean Afghanistan"),
        (["--event-type", "Ambush"], "'--event-type'", "Armed clash"),  # the valid names listed
        (["--sub-event-type", "Battles"], "'--sub-event-type'", "is an event type"),
        (["--sort", "notes"], "'--sort'", "unknown sort key 'notes'"),
        (["--grade", "A"], "'--grade'", "unknown grade 'A'"),
    ],
)
@pytest.mark.parametrize("command", ["incidents", "export"])
def test_cli_unknown_names_are_usage_errors_naming_the_option(
    seeded: str, command: str, options: list[str], option: str, words: str
) -> None:
    if command == "export" and options[0] == "--sort":
        pytest.skip("export takes the filters, not the order")
    result = invoke(command, "--db", seeded, *options, env={"COLUMNS": "4000"})
    assert result.exit_code == 2, result.output
    assert option in result.stderr and words in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


@pytest.mark.parametrize(
    "command", [["incidents"], ["show", "inc-sangin"], ["export"], ["serve", "--port", "0"]]
)
def test_cli_read_commands_never_create_a_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.sqlite"
    result = invoke(*command, "--db", str(missing))
    assert result.exit_code == 1, result.output
    assert f"no database at {missing}" in result.stderr and "Traceback" not in result.output
    assert not missing.exists()


def test_cli_export_takes_the_filters_of_incidents(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "iraq.csv"
    result = invoke("export", "--db", seeded, "--country", "Iraq", "--actor", "", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["location"] for r in rows] == ["Tal Afar"]
    result = invoke("export", "--db", seeded, "--format", "jsonl", "--min-deaths", "3", "-q", "rockets")
    assert [json.loads(line)["location"] for line in result.stdout.splitlines()] == ["Sangin"]


def test_cli_export_to_a_file_keeps_it_when_a_filter_is_unknown(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "kept.csv"
    out.write_text("an analyst's earlier export\n", encoding="utf-8")
    result = invoke("export", "--db", seeded, "--country", "Narnia", "--out", str(out))
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "an analyst's earlier export\n"


def test_cli_incidents_reads_db_from_environment(seeded: str) -> None:
    result = invoke("incidents", env={"CONFLICTDB_DB": seeded})
    assert "inc-sangin" in result.stdout


def test_cli_show_tells_claims_speakers_figures_and_evidence(seeded: str) -> None:
    result = invoke("show", "inc-sangin", "--db", seeded)
    assert result.exit_code == 0, result.output
    assert "Wali Jan (district chief)" in result.stdout
    assert "killed civilians: at least 6" in result.stdout
    assert "injured unspecified: 11" in result.stdout
    assert "Rockets killed at least 6 civilians" in result.stdout
    assert "fatalities: 6" in result.stdout


def test_cli_show_unknown_incident_fails_cleanly(seeded: str) -> None:
    result = invoke("show", "nope", "--db", seeded)
    assert result.exit_code == 1
    assert "no incident 'nope'" in result.stderr
    assert "Traceback" not in result.output


def test_cli_export_csv_to_stdout(seeded: str) -> None:
    result = invoke("export", "--format", "csv", "--db", seeded)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["incident_id"] for r in rows] == ["inc-talafar", "inc-sangin"]
    assert rows[1]["fatalities"] == "6" and rows[1]["source"] == "Helmand Wire"
    assert "exported 2 incidents" in result.stderr


def test_cli_export_geojson_and_jsonl_to_files(seeded: str, tmp_path: Path) -> None:
    geo, lines = tmp_path / "out.geojson", tmp_path / "out.jsonl"
    assert invoke("export", "--format", "geojson", "--out", str(geo), "--db", seeded).exit_code == 0
    assert invoke("export", "--format", "jsonl", "--out", str(lines), "--db", seeded).exit_code == 0
    features = json.loads(geo.read_text(encoding="utf-8"))["features"]
    assert [f["id"] for f in features] == ["inc-sangin"]  # Tal Afar has no coordinates
    records = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    assert [r["incident_id"] for r in records] == ["inc-talafar", "inc-sangin"]
    assert records[1]["mentions"][0]["claims"][0]["speaker"] == "Wali Jan"


def test_cli_bad_database_is_a_clear_error(tmp_path: Path) -> None:
    garbled = tmp_path / "garbled.sqlite"
    garbled.write_bytes(b"these bytes are no SQLite database" * 100)
    result = invoke("incidents", "--db", f"sqlite:///{garbled}")
    assert result.exit_code == 1
    assert "cannot open database" in result.stderr
    assert "Traceback" not in result.output


def test_cli_format_figure() -> None:
    assert format_figure(Figure(Outcome.KILLED, Category.CIVILIANS, None, 9)) == "killed civilians: up to 9"
    assert format_figure(Figure(Outcome.KILLED, Category.MILITANTS, 3, 7)) == "killed militants: 3 to 7"
    vague = Figure(Outcome.INJURED, Category.UNSPECIFIED, None, None, vague="dozens")
    assert format_figure(vague) == "injured unspecified: dozens"


# --- commands over real files (need the pipeline) ------------------------------------------------


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A folder with two good articles and three bad files."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good_one.txt").write_text(GOOD_ONE, encoding="utf-8")
    (folder / "good_two.txt").write_text(GOOD_TWO, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20 + b" not text")
    return folder


BAD_FILES = {"binary.txt": "binary", "empty.txt": "empty", "latin.txt": "UTF-8"}


def test_cli_ingest_reports_bad_files_stores_good_ones_and_is_idempotent(inbox: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    first = invoke("ingest", str(inbox), "--db", db)
    assert first.exit_code == EXIT_SOME_FAILED, first.output  # stored what it could, and says some failed
    for name, reason in BAD_FILES.items():
        line = next(line for line in first.stderr.splitlines() if name in line)
        assert str(inbox / name) in line and reason in line
    assert "Traceback" not in first.output
    assert "files read: 5" in first.stdout
    assert "2 new, 0 unchanged, 3 failed" in first.stdout
    with open_store(db) as store:
        stats = store.stats()
    assert stats.articles == 2
    assert stats.incidents >= 2 and stats.figures >= 2  # a bombing in Ghazni, an air strike in Kunduz
    listing = invoke("incidents", "--db", db)
    assert "Kunduz" in listing.stdout and "Ghazni" in listing.stdout

    second = invoke("ingest", str(inbox), "--db", db)
    assert second.exit_code == EXIT_SOME_FAILED, second.output
    assert "0 new, 2 unchanged, 3 failed" in second.stdout
    assert "mentions added: 0; incidents added: 0" in second.stdout
    with open_store(db) as store:
        assert store.stats() == stats


def test_cli_ingest_fails_when_every_input_fails(inbox: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'none.sqlite'}"
    result = invoke(
        "ingest", str(inbox / "empty.txt"), str(inbox / "binary.txt"), str(tmp_path / "gone.txt"), "--db", db
    )
    assert result.exit_code == 1
    assert "gone.txt" in result.stderr and "no such file" in result.stderr
    assert "0 new, 0 unchanged, 3 failed" in result.stdout


def test_cli_extract_prints_one_json_line_per_article_sorted(inbox: Path) -> None:
    result = invoke("extract", str(inbox / "good_two.txt"), str(inbox), "--format", "jsonl")
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["good_one", "good_two"]  # a file named twice is read once
    assert all(isinstance(r["mentions"], list) for r in records)
    for name in BAD_FILES:
        assert name in result.stderr and name not in result.stdout


def test_cli_extract_codes_actors_as_acled_does_and_stays_in_the_shared_format(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hotel.txt").write_text(HOTEL, encoding="utf-8")
    (folder / "shelling.txt").write_text(SHELLING, encoding="utf-8")
    result = invoke("extract", str(folder), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    coded = {
        r["id"]: [
            (m["actor1"], m["inter1"], m["actor2"], m["inter2"], m["interaction"]) for m in r["mentions"]
        ]
        for r in map(json.loads, result.stdout.splitlines())
    }
    assert coded == {
        "hotel": [("Al Shabaab", 2, "Civilians (Somalia)", 7, 27)],
        "shelling": [("Military Forces of Turkey (2016-)", 8, "Civilians (Iraq)", 7, 78)],  # abroad: external
    }
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(result.stdout, encoding="utf-8")
    validator = shared_or_skip("eval", "validate.py")
    checked = subprocess.run(
        [sys.executable, str(validator), "--articles", str(folder), "--pred", str(predictions)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0 and "0 problems in 2 records" in checked.stdout, checked.stdout


def test_cli_extract_and_ingest_read_standard_input(tmp_path: Path) -> None:
    extracted = CliRunner().invoke(app, ["extract", "-"], input=GOOD_TWO)
    assert extracted.exit_code == 0, extracted.output
    (record,) = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert record["id"] == "stdin" and record["mentions"][0]["place"] == "Ghazni"
    url = f"sqlite:///{tmp_path / 'piped.sqlite'}"
    lines = "".join(
        json.dumps({"id": name, "text": text}) + "\n" for name, text in (("one", GOOD_ONE), ("two", GOOD_TWO))
    )
    ingested = CliRunner().invoke(app, ["ingest", "-", "--db", url], input=lines)
    assert ingested.exit_code == 0, ingested.output
    assert "articles: 2 new" in ingested.stdout
    with open_store(url) as store:
        assert {row.location for row in store.incidents()} == {"Kunduz", "Ghazni"}
    refused = CliRunner().invoke(app, ["ingest", "-", "--db", url, "--engine", "dask"], input=lines)
    assert refused.exit_code == 2 and "standard input" in refused.stderr


def test_cli_serve_listens_before_it_prints_its_address() -> None:
    """A client that connects the moment it reads the printed address is queued, not refused, even while the
    app is still starting (the browser tests start `serve` and go straight to that address)."""
    sock = _bound_socket(uvicorn.Config("conflictdb.api:app", host="127.0.0.1", port=0))
    try:
        with socket.create_connection(sock.getsockname()[:2], timeout=5):
            pass  # accepted into the backlog: before the fix, refused (bound, not listening)
    finally:
        sock.close()
