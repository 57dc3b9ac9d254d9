"""`conflictdb serve`: the read-only REST API and dashboard on uvicorn (mounted by cli.py)."""

from __future__ import annotations

import os
import socket
import sys
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.markup import escape

from conflictdb.errors import ConflictdbError

TILE_ENV = "CONFLICTDB_TILE_URL"


def serve_command(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="SQLAlchemy URL or SQLite file [env CONFLICTDB_DB; default ./conflictdb.sqlite]"
        ),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: any free port).")] = 8000,
    tile_url: Annotated[
        str | None,
        typer.Option(
            "--tile-url",
            help="Map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png "
            f"[env {TILE_ENV}; default none: offline country outlines only]",
        ),
    ] = None,
    tile_attribution: Annotated[
        str | None, typer.Option("--tile-attribution", help="Credit line shown for the tiles.")
    ] = None,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/), read-only."""
    from conflictdb.api import DashboardConfig, create_app
    from conflictdb.store import open_store

    err = Console(file=sys.stderr)
    try:
        store = open_store(db)
    except ConflictdbError as e:
        err.print(f"[bold red]error:[/] {escape(str(e))}", soft_wrap=True)
        raise typer.Exit(1) from None
    config = DashboardConfig(
        tile_url=tile_url or os.environ.get(TILE_ENV) or None, tile_attribution=tile_attribution
    )
    server = uvicorn.Server(
        uvicorn.Config(create_app(store, config=config), host=host, port=port, log_level="warning")
    )
    try:
        server.run(sockets=[_bound_socket(server.config)])
    finally:
        store.close()


def _bound_socket(config: uvicorn.Config) -> socket.socket:
    """Bind first so the address printed is the one listened on (port 0 picks a free port)."""
    sock = config.bind_socket()
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    Console(file=sys.stdout).print(
        f"conflictdb serving on http://{shown}:{port}/  (API docs: /docs; Ctrl-C stops)"
    )
    sys.stdout.flush()
    return sock


if __name__ == "__main__":  # `python -m conflictdb.cli_serve`, before cli.py mounts the command
    typer.run(serve_command)
