"""Opening a database: the URL (a path is SQLite), SQLite's connection settings, and the migrations; every
message about a URL shows it with its password masked."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from conflictdb.errors import StoreError
from conflictdb.redact import redact, url_secrets
from conflictdb.store.concurrency import BEGIN_IMMEDIATE
from conflictdb.store.migrations import migrate

if TYPE_CHECKING:
    from conflictdb.store.lexicons import StoreLexicons

DEFAULT_URL = "sqlite:///conflictdb.sqlite"
ENV_VAR = "CONFLICTDB_DB"
# busy_timeout first: a writer waits up to a minute for another process's write lock
SQLITE_PRAGMAS = ("busy_timeout=60000", "foreign_keys=ON", "synchronous=NORMAL")
SQLITE_WAL_WAIT = 60.0  # seconds to keep retrying the switch of a new file to WAL while others hold it


def resolve_url(url: str | None = None) -> str:
    """The database URL: the one given, else $CONFLICTDB_DB, else ./conflictdb.sqlite; a path is SQLite."""
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    return chosen if "://" in chosen else f"sqlite:///{chosen}"


def _switch_to_wal(cursor: Any, *, wait: float = SQLITE_WAL_WAIT) -> None:
    """Put the database file in write-ahead-log mode, once for the file's lifetime (the mode is stored in
    the file). Switching needs the file to itself, and SQLite answers "database is locked" at once, without
    the busy handler, while another process opening the same new file holds a lock; so retry until the
    other is done. A file already in WAL (every file after its first opening) takes no lock at all."""
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] in ("wal", "memory"):
            return
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            contended = "locked" in str(e) or "busy" in str(e)
            if not contended or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _explicit_sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, open transactions (so DDL is transactional), enforce foreign keys,
    and write-ahead log with normal sync (durable at checkpoints, many times faster commits)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
        _switch_to_wal(cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(BEGIN_IMMEDIATE)  # a writer: see store.concurrency
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def missing_sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names when it does not exist (None for other backends, memory, or a file)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.database.startswith("file:"):  # a URI filename: left to SQLite
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def open_engine(url: str | None, *, create: bool, lexicons: StoreLexicons) -> Engine:
    """The engine of a database (see `resolve_url`), migrated to the current schema; a SQLite file that does
    not exist is created, or with `create=False` a StoreError. Every error names the URL with its password
    masked, and chains no cause (a driver's message may hold the URL, password and all)."""
    resolved = resolve_url(url)
    secrets = url_secrets(resolved)

    def failure(reason: str) -> StoreError:
        shown = redact(resolved, secrets=secrets)
        return StoreError(f"cannot open database {shown}: {redact(reason, secrets=secrets)}")

    if not create:
        try:
            missing = missing_sqlite_file(resolved)
        except (ArgumentError, ValueError) as e:  # a URL SQLAlchemy cannot read ("host:port" not a number)
            raise failure(str(e)) from None
        if missing is not None:
            raise StoreError(f"no database at {missing}: ingest articles into it first (conflictdb ingest)")
    try:
        engine = create_engine(resolved)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        raise failure(str(e)) from None
    if engine.dialect.name == "sqlite":
        _explicit_sqlite_transactions(engine)
    try:
        migrate(engine, lexicons=lexicons)
    except SQLAlchemyError as e:
        engine.dispose()
        raise failure(f"{e.__class__.__name__}: {e.orig or e}") from None
    except StoreError:
        engine.dispose()
        raise
    return engine
