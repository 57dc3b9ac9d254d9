"""The library API as a user calls it: `conflictdb.extract(text, ...)` and `conflictdb.open(url)`, the
README's example run as written, against real SQLite files (and PostgreSQL behind its marker)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import conflictdb
from conflictdb import formats
from conflictdb.cli import app
from conflictdb.errors import IngestError, QueryError, StoreError
from conflictdb.resources import Resources

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "conflictdb" / "examples"
TEXT = (
    "Mortar fire kills five in Baidoa\n"
    "Mortar rounds fired into a livestock market in Baidoa killed five people and wounded twelve on "
    "Wednesday, a regional health official said.\n"
)


def readme_blocks() -> tuple[str, str]:
    """The README's Python example and the output it says it prints (the block after it)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```python\n(.*?)```\s*\nprints\s*\n\n```\n(.*?)```", readme, re.DOTALL)
    assert found, "README.md has no ```python block followed by the output it prints"
    return found[1], found[2]


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples ingested into a folder's conflictdb.sqlite, as `make run` does (read only)."""
    db = tmp_path_factory.mktemp("library") / "conflictdb.sqlite"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_library_import_loads_neither_the_pipeline_nor_the_store() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, conflictdb; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    heavy = [name for name in loaded if name.split(".")[0] in ("spacy", "sqlalchemy", "numpy", "yaml")]
    ours = [name for name in loaded if name.startswith("conflictdb")]
    assert heavy == [] and ours == ["conflictdb"]


def test_library_readme_example_prints_what_the_readme_says(examples_db: Path) -> None:
    code, printed = readme_blocks()
    run = subprocess.run([sys.executable, "-c", code], cwd=examples_db.parent, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout == printed


def test_library_extract_gives_the_records_cli_extract_writes(tmp_path: Path, resources: Resources) -> None:
    record = {"id": "baidoa", "url": "https://example.org/baidoa", "published": "2023-02-10", "text": TEXT}
    (tmp_path / "one.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "one.jsonl")])
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(text) for text in result.stdout.splitlines()]
    mentions = conflictdb.extract(
        TEXT, published="2023-02-10", url=record["url"], article_id="baidoa", resources=resources
    )
    assert (
        line["mentions"]
        and [
            formats.mention_record(m, rules=resources.reconcile, tables=resources.exports)
            for m in mentions
            if not m.background
        ]
        == line["mentions"]
    )
    coded = [(m["actor1"], m["inter1"], m["interaction"]) for m in line["mentions"]]
    assert coded == [("Unidentified Armed Group (Somalia)", 3, 37)]  # ACLED's inter codes beside the names


def test_library_extract_reads_the_text_it_is_given(resources: Resources) -> None:
    (mention,) = conflictdb.extract(TEXT, published="Feb 10, 2023", resources=resources)
    assert mention.incident_id and mention.incident_id.startswith("inc-")
    assert mention.article_id.startswith("text-") and mention.place and mention.place.name == "Baidoa"
    assert mention.date.value is not None and mention.date.value.isoformat() == "2023-02-08"
    (claim,) = mention.claims
    assert claim.speaker == "a regional health official"
    assert "killed five people" in TEXT[claim.evidence.start : claim.evidence.end]
    assert {(f.outcome.value, f.min) for f in claim.figures} == {("killed", 5), ("injured", 12)}


def test_library_extract_stays_callable_after_the_stages_are_imported(resources: Resources) -> None:
    import conflictdb.extract.dates  # Python sets conflictdb.extract to the subpackage here

    assert conflictdb.extract.dates.find_date_expressions
    assert conflictdb.extract(TEXT, url="https://example.org/x", resources=resources)[0].article_id == (
        "https://example.org/x"
    )


@pytest.mark.parametrize("published", ["soon", "2023-02-30", "31/31/2023"])
def test_library_extract_names_a_publication_date_it_cannot_read(published: str) -> None:
    with pytest.raises(IngestError, match=re.escape(f"published={published!r}: not a date")):
        conflictdb.extract(TEXT, published=published)


def test_library_extract_takes_text_only(resources: Resources) -> None:
    with pytest.raises(IngestError, match="text: expected the article's text as a str, got bytes"):
        conflictdb.extract(TEXT.encode(), resources=resources)
    assert conflictdb.extract("", resources=resources) == []


def test_library_open_queries_the_store(examples_db: Path) -> None:
    db = examples_db
    with conflictdb.open(db) as store:  # a Path, a path string and a URL alike
        (row,) = store.incidents(country="Sudan")
        assert row.location == "El Fasher" and store.incident(row.id).mentions
        assert {r.id for r in store.incidents(country="SD", min_deaths=5)} == {row.id}
        with pytest.raises(QueryError, match="XX"):
            store.incidents(country="XX")
    with conflictdb.open(f"sqlite:///{db}") as store:
        assert len(store.incidents()) == 8


def test_library_open_refuses_a_missing_file_and_creates_one_when_asked(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.sqlite"
    with pytest.raises(StoreError, match=f"no database at {re.escape(str(missing))}"):
        conflictdb.open(str(missing))
    assert not missing.exists()
    with conflictdb.open(missing, create=True) as store:
        assert store.incidents() == []
    assert missing.exists()


@pytest.mark.parametrize(
    ("url", "named"),
    [
        (
            "postgresql://analyst:hunter2@127.0.0.1:1/conflicts",
            "postgresql://analyst:***@127.0.0.1:1/conflicts",
        ),
        ("oracle+nosuch://analyst:hunter2@db.invalid/x", "oracle+nosuch://analyst:***@db.invalid/x"),
        ("", "''"),
        ("   ", "'   '"),
    ],
)
def test_library_open_names_a_bad_url_with_its_password_masked(url: str, named: str) -> None:
    with pytest.raises(StoreError) as error:
        conflictdb.open(url)
    assert f"cannot open database {named}" in str(error.value)
    assert "hunter2" not in str(error.value) and error.value.__cause__ is None


@pytest.mark.postgresql
def test_library_open_takes_a_plain_postgresql_url(postgres_url: str) -> None:
    plain = re.sub(r"^postgresql\+\w+://", "postgresql://", postgres_url)
    with conflictdb.open(plain) as store:
        assert store.incidents() == [] and store.stats().incidents == 0
