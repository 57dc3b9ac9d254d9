"""Secrets never printed: a URL's password is masked in CLI errors and logs, whatever the URL's fault."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictdb.cli import app
from conflictdb.redact import MASK, RedactingFilter, redact, url_secrets

PASSWORD = "Tr0ub4dor-x9"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgres://user:Pw1@db.example/conflict", "postgres://user:***@db.example/conflict"),
        (
            "cannot open 'postgresql+psycopg://ana:p@ss@h:5/d': no",
            "cannot open 'postgresql+psycopg://ana:***@h:5/d': no",
        ),
        (
            "https://reader:k3y@feeds.example/rss and ftp://a:b@c/d",
            "https://reader:***@feeds.example/rss and ftp://a:***@c/d",
        ),
        ("postgresql://user@db.example/conflict", "postgresql://user@db.example/conflict"),  # no password
        ("sqlite:///data/conflictdb.sqlite", "sqlite:///data/conflictdb.sqlite"),
        ("https://example.org/a:b@c", "https://example.org/a:b@c"),  # a path, not a password
    ],
)
def test_redact_masks_the_password_of_every_url(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_masks_the_pieces_a_parser_made_of_a_password() -> None:
    url = "postgresql+psycopg://ana:S3c@ret%21@127.0.0.1:1/db"
    secrets = url_secrets(url)
    message = "failed to resolve host 'ret%21@127.0.0.1'; password 'S3c@ret!' refused"
    masked = redact(message, secrets=secrets)
    assert "ret%21" not in masked and "S3c" not in masked and "ret!" not in masked
    assert url_secrets("postgresql://user@h/db") == ()


def test_redact_filter_masks_log_messages() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "feed %s: %s", ("https://u:pw1@h/rss", 404), None
    )
    assert RedactingFilter().filter(record)
    assert record.getMessage() == f"feed https://u:{MASK}@h/rss: 404"


URLS = [
    f"postgres://analyst:{PASSWORD}@127.0.0.1:1/conflictdb",  # a dialect SQLAlchemy cannot load
    f"postgresql+psycopg://analyst:{PASSWORD}@127.0.0.1:1/conflictdb",  # nothing listens on port 1
    f"postgresql+psycopg://analyst:{PASSWORD}@127.0.0.1:port/conflictdb",  # a port that is no number
    f"postgresql+psycopg://analyst:{PASSWORD}@127.0.0.1:99999/conflictdb",  # a port out of range
    f"mysql://analyst:{PASSWORD}@127.0.0.1:1/conflictdb",  # a driver not installed
]
COMMANDS = [
    ["ingest", "{folder}"],
    ["-v", "incidents"],
    ["show", "abc123"],
    ["export", "--format", "csv"],
    ["merge", "abc123", "def456"],
    ["serve", "--port", "0"],
    ["watch", "--once", "{folder}/feed.xml"],
    ["edit", "history", "abc123"],
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "command", COMMANDS, ids=lambda command: command[-1] if command[0] == "-v" else command[0]
)
def test_cli_never_prints_a_database_password(url: str, command: list[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Gunmen killed four villagers in Gwoza, Borno state, on Monday.")
    args = [part.format(folder=tmp_path) for part in command]
    given = CliRunner().invoke(app, [*args, "--db", url])
    from_env = CliRunner().invoke(app, args, env={"CONFLICTDB_DB": url})
    for result in (given, from_env):
        assert result.exit_code == 1, result.output
        assert "cannot open database" in result.output and MASK in result.output
        assert PASSWORD not in result.output


@pytest.mark.parametrize(
    "command",
    [["ingest", "{folder}"], ["serve", "--port", "0"], ["watch", "--once", "{folder}/feed.xml"]],
    ids=["ingest", "serve", "watch"],
)
def test_cli_process_never_prints_a_database_password(command: list[str], tmp_path: Path) -> None:
    """The installed command in a process of its own, as a user runs it, logging on (-v): neither its
    output nor its error stream (log lines, a traceback) shows the password, given by flag or environment."""
    (tmp_path / "a.txt").write_text("Gunmen killed four villagers in Gwoza, Borno state, on Monday.")
    url = "postgresql://user:SECRET@127.0.0.1:1/x"  # nothing listens on port 1
    cli = str(Path(sys.executable).with_name("conflictdb"))
    args = [cli, "-v", *(part.format(folder=tmp_path) for part in command)]
    env = {k: v for k, v in os.environ.items() if k != "CONFLICTDB_DB"}
    runs = [
        subprocess.run([*args, "--db", url], capture_output=True, text=True, timeout=120, env=env),
        subprocess.run(args, capture_output=True, text=True, timeout=120, env={**env, "CONFLICTDB_DB": url}),
    ]
    for run in runs:
        shown = run.stdout + run.stderr
        assert run.returncode == 1, shown
        assert "cannot open database postgresql://user:***@127.0.0.1:1/x" in " ".join(shown.split())
        assert "SECRET" not in shown
