"""The command line: a thin Typer adapter over the pipeline, the store and the exports.

`app` (the console script `conflictdb`) is built in cli/main.py and imported on first use, so that
`python -m conflictdb.cli.serve` runs a command module without the rest of the command line.
"""

from __future__ import annotations

__all__ = ["app"]


def __getattr__(name: str) -> object:
    """`app`, imported from cli/main.py when first asked for."""
    if name == "app":
        from conflictdb.cli.main import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
