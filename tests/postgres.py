"""A throwaway PostgreSQL 15 server for the tests: a fresh cluster in a temp dir, on 127.0.0.1 only.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` user Debian's package
creates (or `nobody`). Password authentication with a random password, so no other local user gets in.
$CONFLICTDB_TEST_POSTGRES_URL names a server of your own instead (its user must be allowed to create
databases); the tests then make and drop their databases on it.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import URL, create_engine, make_url, text

PG_BIN = Path("/usr/lib/postgresql/15/bin")
URL_VAR = "CONFLICTDB_TEST_POSTGRES_URL"
SUPERUSER = "conflictdb"
# A server for tests only: nothing is fsynced, so a crash may lose it; that is all right here.
SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=50")


class PostgresServer:
    """A running server on which the tests create (and drop) one database each."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self._admin = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)

    def create_database(self) -> str:
        """A new empty database; its SQLAlchemy URL, password included."""
        name = f"conflictdb_test_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        """Drop a database made by `create_database`, closing whatever is still connected to it."""
        name = make_url(url).database
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        self._admin.dispose()


def _run(command: list[str], owner: str | None, log: Path) -> None:
    """Run a PostgreSQL program, as `owner` when given (we are root); its output goes to `log`."""
    prefix = ["runuser", "-u", owner, "--"] if owner else []
    with log.open("a") as out:
        done = subprocess.run(prefix + command, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}):\n{log.read_text()[-3000:]}")


def _owner() -> str | None:
    """The unprivileged user the cluster runs as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root, but there is no postgres or nobody user to own the cluster")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def temporary_server(bin_dir: Path = PG_BIN) -> Iterator[PostgresServer]:
    """initdb a cluster into a new temp dir, start it on a free port of 127.0.0.1, stop and delete it."""
    owner = _owner()
    home = Path(tempfile.mkdtemp(prefix="conflictdb-pg-"))
    data, log, password = home / "data", home / "commands.log", secrets.token_hex(16)
    try:
        (home / "password").write_text(password + "\n")
        if owner:
            entry = pwd.getpwnam(owner)
            for path in (home, home / "password"):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-E", "UTF8"]
        initdb += ["--locale=C.UTF-8", "--auth=scram-sha-256", f"--pwfile={home / 'password'}", "--no-sync"]
        _run(initdb, owner, log)
        (home / "password").unlink()
        port = _start(bin_dir, data, home, log, owner)
        url = URL.create("postgresql+psycopg", SUPERUSER, password, "127.0.0.1", port, "postgres")
        server = PostgresServer(url)
        try:
            yield server
        finally:
            server.close()
            _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], owner, log)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _start(bin_dir: Path, data: Path, home: Path, log: Path, owner: str | None) -> int:
    """pg_ctl start on a free port (a few tries: another program may take the port first)."""
    server_log = home / "server.log"  # written by the server itself, so not `log`, which we own
    error: RuntimeError | None = None
    for _ in range(3):
        port = _free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {home} "
        options += " ".join(f"-c {setting}" for setting in SETTINGS)
        command = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(server_log), "-w", "-o", options]
        try:
            _run([*command, "start"], owner, log)
            return port
        except RuntimeError as e:
            error = e
    shown = server_log.read_text()[-3000:] if server_log.exists() else ""
    raise RuntimeError(f"PostgreSQL did not start:\n{shown}") from error


@contextlib.contextmanager
def server_from_environment_or_temporary() -> Iterator[PostgresServer | str]:
    """The server $CONFLICTDB_TEST_POSTGRES_URL names, else a temporary one; a reason to skip (str)
    when neither can be had."""
    given = os.environ.get(URL_VAR)
    if given:
        server = PostgresServer(make_url(given))
        try:
            yield server
        finally:
            server.close()
    elif not (PG_BIN / "initdb").exists():
        yield f"no {PG_BIN}/initdb (`make postgres` installs PostgreSQL 15) and ${URL_VAR} is unset"
    else:
        with temporary_server() as server:
            yield server
