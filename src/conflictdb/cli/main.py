"""The `conflictdb` command group: its options and every command mounted, each from the module of its
subject (ingest, read, edit, gazetteer, serve, watch)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.logging import RichHandler

from conflictdb.cli.common import stderr
from conflictdb.cli.edit import edit_app, merge_command, split_command
from conflictdb.cli.gazetteer import gazetteer_app
from conflictdb.cli.ingest import extract_command, ingest_command
from conflictdb.cli.read import export_command, incidents_command, show_command
from conflictdb.cli.serve import serve_command
from conflictdb.cli.watch import watch_command
from conflictdb.redact import RedactingFilter

app = typer.Typer(
    name="conflictdb",
    help="News reports of armed-conflict incidents turned into a sourced, geocoded incident database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# `conflictdb --help` lists the commands in this order, then the groups
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(edit_app, name="edit")
app.command("serve")(serve_command)
app.command("watch")(watch_command)
app.command("ingest")(ingest_command)
app.command("merge")(merge_command)
app.command("split")(split_command)
app.command("incidents")(incidents_command)
app.command("show")(show_command)
app.command("export")(export_command)
app.command("extract")(extract_command)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    """conflictdb: ingest articles, query incidents, export them."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=stderr(), show_path=False)],
        force=True,
    )
    for handler in logging.getLogger().handlers:  # a URL's password never reaches the log
        handler.addFilter(RedactingFilter())
