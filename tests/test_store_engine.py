"""Opening a database (store.engine): URLs, SQLite files, and a real PostgreSQL server refusing a URL whose
password must never be shown, through the library and through the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import make_url

import conflictdb
from conflictdb.errors import StoreError
from conflictdb.redact import MASK
from conflictdb.store import load_store_lexicons, open_store
from conflictdb.store.engine import missing_sqlite_file, open_engine, resolve_url


@pytest.mark.parametrize(
    ("given", "resolved"),
    [
        ("events.sqlite", "sqlite:///events.sqlite"),
        ("/data/events.sqlite", "sqlite:////data/events.sqlite"),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
    ],
)
def test_store_engine_resolve_url_reads_a_path_as_sqlite(given: str, resolved: str) -> None:
    assert resolve_url(given) == resolved


def test_store_engine_resolve_url_falls_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTDB_DB", "from-env.sqlite")
    assert resolve_url(None) == "sqlite:///from-env.sqlite"
    monkeypatch.delenv("CONFLICTDB_DB")
    assert resolve_url(None) == "sqlite:///conflictdb.sqlite"


def test_store_engine_missing_sqlite_file(tmp_path: Path) -> None:
    there = tmp_path / "there.sqlite"
    there.write_bytes(b"")
    assert missing_sqlite_file(f"sqlite:///{there}") is None
    assert missing_sqlite_file(f"sqlite:///{tmp_path / 'absent.sqlite'}") == tmp_path / "absent.sqlite"
    assert missing_sqlite_file("sqlite://") is None  # in memory
    assert missing_sqlite_file("postgresql://u@h/db") is None


def test_store_engine_reading_never_creates_a_file(tmp_path: Path) -> None:
    absent = tmp_path / "absent.sqlite"
    with pytest.raises(StoreError, match="no database at"):
        open_engine(f"sqlite:///{absent}", create=False, lexicons=load_store_lexicons())
    assert not absent.exists()


def test_store_engine_opens_with_the_lexicons_given(tmp_path: Path) -> None:
    lexicons = load_store_lexicons()
    with open_store(f"sqlite:///{tmp_path / 'x.sqlite'}", lexicons=lexicons) as store:
        assert store.lexicons is lexicons
        assert store.stats().articles == 0


def _refused_urls(real: str) -> list[str]:
    """URLs of a running server that it refuses, each holding the server's real password: a database that
    does not exist, and a user the server does not know."""
    url = make_url(real)
    return [
        url.set(database="no_such_database_here").render_as_string(hide_password=False),
        url.set(username="nobody_known_here").render_as_string(hide_password=False),
    ]


@pytest.mark.postgresql
def test_store_engine_library_masks_the_password_of_a_refused_url(postgres_url: str) -> None:
    password = make_url(postgres_url).password
    assert password
    for url in _refused_urls(postgres_url):
        with pytest.raises(StoreError) as error:
            conflictdb.open(url)
        message = str(error.value)
        assert message.startswith("cannot open database") and f":{MASK}@" in message, message
        assert password not in message and error.value.__cause__ is None
        with pytest.raises(StoreError) as again:
            open_store(url)
        assert password not in str(again.value)


@pytest.mark.postgresql
@pytest.mark.parametrize("command", [["incidents"], ["ingest", "{folder}"]], ids=["incidents", "ingest"])
def test_store_engine_command_masks_the_password_of_a_refused_url(
    postgres_url: str, command: list[str], tmp_path: Path
) -> None:
    """The installed command in a process of its own, logging on (-v): the real server's password shows
    nowhere in its output or its error stream."""
    (tmp_path / "a.txt").write_text("Gunmen shot dead three farmers near a river crossing on Sunday.")
    password = make_url(postgres_url).password
    assert password
    cli = str(Path(sys.executable).with_name("conflictdb"))
    env = {k: v for k, v in os.environ.items() if k != "CONFLICTDB_DB"}
    args = [cli, "-v", *(part.format(folder=tmp_path) for part in command)]
    for url in _refused_urls(postgres_url):
        run = subprocess.run([*args, "--db", url], capture_output=True, text=True, timeout=180, env=env)
        shown = run.stdout + run.stderr
        assert run.returncode == 1, shown
        assert "cannot open database" in shown and f":{MASK}@" in shown
        assert password not in shown
