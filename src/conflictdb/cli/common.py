"""What the commands share: the --db option and the store it opens, the consoles, and error reporting."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from conflictdb.errors import ConflictdbError, QueryError
from conflictdb.redact import redact

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when a command needs it: not for `extract`
    from conflictdb.store import Store, StoreLexicons

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy URL or SQLite file [env CONFLICTDB_DB; default ./conflictdb.sqlite]"
    ),
]

QUERY_OPTIONS = {"text": "--search", "order": "--sort"}  # the CLI's name of a query field, where it differs


def open_store(db: str | None, *, create: bool = True, lexicons: StoreLexicons | None = None) -> Store:
    """The store for a command that reads or writes it, loaded only then: SQLAlchemy is slow to import,
    and `conflictdb extract` never opens a store. A command that only reads passes `create=False`: a
    SQLite file that does not exist is then an error, not a new empty store. The store's `lexicons` are
    read from the data files unless the command has them already."""
    from conflictdb.store import open_store as open_the_store

    return open_the_store(db, create=create, lexicons=lexicons)


def stdout() -> Console:
    """Rich console on the current stdout."""
    console = Console(file=sys.stdout)
    if not console.is_terminal:  # piped or captured: wide enough for the incident table
        console = Console(file=sys.stdout, width=140)
    return console


def stderr() -> Console:
    """Rich console on the current stderr."""
    return Console(file=sys.stderr)


@contextmanager
def errors_reported() -> Iterator[None]:
    """Turn a ConflictdbError into a one-line message on stderr and exit code 1, without a traceback; a
    QueryError (a filter naming nothing known) into a usage error naming the option, exit code 2."""
    try:
        yield
    except QueryError as e:
        option = QUERY_OPTIONS.get(e.parameter, "--" + e.parameter.replace("_", "-"))
        raise typer.BadParameter(e.reason, param_hint=f"'{option}'") from None
    except ConflictdbError as e:
        stderr().print(f"[bold red]error:[/] {escape(redact(str(e)))}", soft_wrap=True)
        raise typer.Exit(1) from None
