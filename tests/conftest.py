"""Shared fixtures: one gazetteer and one set of resources for the whole test session, and empty databases
(SQLite files, and PostgreSQL databases on a server the tests start themselves: tests/postgres.py)."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflictdb.extract.dates.lexicon import load_date_lexicon
from conflictdb.ingest import InputRules, load_input_rules
from conflictdb.resources import Resources, load_resources
from tests import postgres

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = Path(__file__).parent / "corpus"
CORPUS_B = Path(__file__).parent / "corpus_b"  # written apart; held out until session 3 (its README)
CORPUS_C = Path(__file__).parent / "corpus_c"  # written apart; measured blind once, then developed on
CORPUS_D = Path(__file__).parent / "corpus_d"  # written blind in session 6 (its README)
CORPUS_E1 = Path(__file__).parent / "corpus_e1"  # written blind in session 7 (its README)
CORPUS_E2 = Path(__file__).parent / "corpus_e2"  # written blind in session 7, by another author
CORPUS_F1 = Path(__file__).parent / "corpus_f1"  # written blind in session 12 (its README)
CORPUS_F2 = Path(__file__).parent / "corpus_f2"  # written blind in session 12, by another author
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"  # the README's pictures
REFRESH_SCREENSHOTS = "CONFLICTDB_REFRESH_SCREENSHOTS"  # set (to 1): the browser tests rewrite SCREENSHOTS
FLOORS_FILE = Path(__file__).with_name("floors.json")  # every accuracy floor of the tests, in one file


@pytest.fixture(scope="session", autouse=True)
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test, the CLI's included, uses one gazetteer built in pytest's temp dir."""
    path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
    before = os.environ.get("CONFLICTDB_GAZETTEER")
    os.environ["CONFLICTDB_GAZETTEER"] = str(path)
    yield path
    if before is None:
        os.environ.pop("CONFLICTDB_GAZETTEER", None)
    else:
        os.environ["CONFLICTDB_GAZETTEER"] = before


@pytest.fixture(scope="session")
def resources(gazetteer_path: Path) -> Resources:
    """Every lexicon and the gazetteer, loaded once."""
    return load_resources(gazetteer_path=gazetteer_path)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests save screenshots: a temporary folder, or the README's docs/screenshots/
    when asked to refresh them (REFRESH_SCREENSHOTS), so that a test run leaves the tree as it was."""
    return SCREENSHOTS if os.environ.get(REFRESH_SCREENSHOTS) else tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.PostgresServer]:
    """The PostgreSQL server of the session: $CONFLICTDB_TEST_POSTGRES_URL's, else one started here."""
    with postgres.server_from_environment_or_temporary() as server:
        if isinstance(server, str):
            pytest.skip(server)
        yield server


@pytest.fixture
def postgres_url(postgres_server: postgres.PostgresServer) -> Iterator[str]:
    """A new empty PostgreSQL database for one test, dropped after it."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, once SQLite and once PostgreSQL: the store's tests run on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    return request.getfixturevalue("postgres_url")


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@functools.cache
def input_rules() -> InputRules:
    """The readers' data as `Resources.inputs` holds it, without loading the rest of the resources."""
    return load_input_rules(months=load_date_lexicon().months)


def floors(section: str) -> dict[str, float]:
    """The accuracy floors of one section of tests/floors.json (a corpus, or one stage on one corpus)."""
    return json.loads(FLOORS_FILE.read_text(encoding="utf-8"))[section]
