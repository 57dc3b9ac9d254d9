"""`conflictdb serve`: the REST API and dashboard on uvicorn (mounted by cli/main.py); read-only unless
started with --write and a token."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from conflictdb.cli.common import DbOption
from conflictdb.errors import ConflictdbError
from conflictdb.redact import redact

if TYPE_CHECKING:
    import uvicorn

TILE_ENV = "CONFLICTDB_TILE_URL"
TOKEN_ENV = "CONFLICTDB_WRITE_TOKEN"
HOSTS_ENV = "CONFLICTDB_ALLOWED_HOSTS"


def serve_command(
    db: DbOption = None,
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
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Accept analysts' edits (event types, places, claims, merges, splits) with the token.",
        ),
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help=f"The token writers send (Authorization: Bearer TOKEN) [env {TOKEN_ENV}, which keeps it "
            "out of the process list]",
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A name requests may give in their Host header besides loopback names and the --host "
            f"address (repeat it; '*' for any) [env {HOSTS_ENV}, comma-separated]",
        ),
    ] = None,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/); read-only unless --write."""
    import uvicorn  # loaded only to serve: the other commands start without it

    from conflictdb.api import DashboardConfig, create_app
    from conflictdb.store import open_store

    err = Console(file=sys.stderr)
    write_token = (token or os.environ.get(TOKEN_ENV) or "").strip() or None
    if write and write_token is None:
        err.print(f"[bold red]error:[/] --write needs a token: --token TOKEN or ${TOKEN_ENV}", soft_wrap=True)
        raise typer.Exit(2)
    if write and not _loopback(host):
        err.print(f"[yellow]warning:[/] the token travels in clear to {escape(host)}: serve behind HTTPS")
    try:
        store = open_store(db, create=False)
    except ConflictdbError as e:
        err.print(f"[bold red]error:[/] {escape(redact(str(e)))}", soft_wrap=True)
        raise typer.Exit(1) from None
    config = DashboardConfig(
        tile_url=tile_url or os.environ.get(TILE_ENV) or None, tile_attribution=tile_attribution
    )
    hosts = served_hosts(host, allowed_host or os.environ.get(HOSTS_ENV, "").split(","))
    if _wildcard(host) and not hosts:
        err.print(
            f"[yellow]warning:[/] listening on {escape(host)} but answering only to loopback names: "
            "give the names clients use with --allowed-host NAME",
            soft_wrap=True,
        )
    app = create_app(store, config=config, write_token=write_token if write else None, allowed_hosts=hosts)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    try:
        server.run(sockets=[_bound_socket(server.config, writable=write)])
    finally:
        store.close()


def served_hosts(host: str, allowed: list[str]) -> list[str]:
    """The names requests may give in Host besides loopback ones: those allowed, and the address listened
    on unless it is every address (0.0.0.0, ::)."""
    names = [name.strip() for name in allowed if name.strip()]
    return names if _wildcard(host) else [host, *names]


def _wildcard(host: str) -> bool:
    """Whether an address to listen on is every address of the machine."""
    try:
        return not host or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def _loopback(host: str) -> bool:
    """Whether an address to listen on is this machine only."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _bound_socket(config: uvicorn.Config, *, writable: bool = False) -> socket.socket:
    """Bind and listen first, so the address printed is the one listened on (port 0 picks a free port) and a
    client that connects as soon as it reads it waits in the backlog while the app starts, not refused."""
    sock = config.bind_socket()
    sock.listen(config.backlog)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    mode = "edits accepted with the token" if writable else "read-only"
    Console(file=sys.stdout).print(
        f"conflictdb serving on http://{shown}:{port}/  (API docs: /docs; {mode}; Ctrl-C stops)",
        soft_wrap=True,
    )
    sys.stdout.flush()
    return sock


if __name__ == "__main__":  # `python -m conflictdb.cli.serve`, before cli/main.py mounts the command
    typer.run(serve_command)
