"""`conflictdb gazetteer ...`: a thin Typer adapter over geo.gazetteer and geo.geonames.

Mounted by cli/main.py with `app.add_typer(gazetteer_app, name="gazetteer")`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from conflictdb.errors import ConflictdbError
from conflictdb.geo.gazetteer import Gazetteer, default_path
from conflictdb.geo.geonames import load_import_limits, update_from
from conflictdb.redact import redact

gazetteer_app = typer.Typer(
    name="gazetteer",
    help="The offline gazetteer: where it is, what it holds, and GeoNames imports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _open() -> Gazetteer:
    """The store at $CONFLICTDB_GAZETTEER or the default cache path (built at first use)."""
    try:
        return Gazetteer.open(default_path())
    except ConflictdbError as e:
        typer.secho(f"error: {redact(str(e))}", err=True, fg="red")
        raise typer.Exit(1) from e


@gazetteer_app.command("update")
def update(
    source: Annotated[
        str,
        typer.Option(
            "--from", help="GeoNames dump: allCountries.zip, cities500.zip, AF.zip or .txt; a path or URL."
        ),
    ],
    admin1_codes: Annotated[
        Path | None,
        typer.Option("--admin1-codes", exists=True, dir_okay=False, help="admin1CodesASCII.txt"),
    ] = None,
    admin2_codes: Annotated[
        Path | None,
        typer.Option("--admin2-codes", exists=True, dir_okay=False, help="admin2Codes.txt"),
    ] = None,
) -> None:
    """Import a GeoNames dump into the gazetteer (a URL is downloaded first, if the machine is online)."""
    gazetteer = _open()
    try:
        limits = load_import_limits()
        added = update_from(
            source, gazetteer, admin1_codes=admin1_codes, admin2_codes=admin2_codes, limits=limits
        )
    except ConflictdbError as e:
        typer.secho(f"error: {redact(str(e))}", err=True, fg="red")
        raise typer.Exit(1) from e
    finally:
        gazetteer.close()
    typer.echo(f"imported {added} places into {gazetteer.path}")


@gazetteer_app.command("info")
def info() -> None:
    """Where the gazetteer is, its version, and how many places of each kind it holds."""
    gazetteer = _open()
    try:
        counts = gazetteer.counts()
        version = gazetteer.version()
    except ConflictdbError as e:
        typer.secho(f"error: {redact(str(e))}", err=True, fg="red")
        raise typer.Exit(1) from e
    finally:
        gazetteer.close()
    typer.echo(f"path     {gazetteer.path}")
    typer.echo(f"version  {version}")
    for kind, count in counts.items():
        typer.echo(f"{kind:8s} {count}")
