"""`conflictdb watch`: poll news feeds and store every new article (mounted by cli/main.py; the polling
is conflictdb/watch.py)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from conflictdb.cli.common import DbOption
from conflictdb.errors import ConflictdbError
from conflictdb.redact import redact

if TYPE_CHECKING:
    from conflictdb.watch import PollReport


def watch_command(
    feeds: Annotated[
        list[str],
        typer.Argument(metavar="FEED_URL_OR_FILE...", help="RSS or Atom feeds: http(s) URLs or files."),
    ],
    every: Annotated[str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h, 1h30m.")] = "15m",
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
) -> None:
    """Poll feeds, fetch each new article's page once, extract and store it; Ctrl-C stops."""
    from conflictdb.store import open_store
    from conflictdb.watch import parse_duration, watch_feeds

    try:
        interval = parse_duration(every)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--every") from None
    out, err = Console(file=sys.stdout, width=200), Console(file=sys.stderr)
    reports: list[PollReport] = []

    def show(report: PollReport) -> None:
        reports.append(report)
        for line in poll_lines(report):
            out.print(line, soft_wrap=True, highlight=False)
        if not once:
            out.print(f"next poll in {escape(every)}", highlight=False)

    from conflictdb.resources import loaded_resources, store_lexicons

    try:
        with loaded_resources() as resources, open_store(db, lexicons=store_lexicons(resources)) as store:
            watch_feeds(
                feeds,
                store=store,
                resources=resources,
                every=interval,
                polls=1 if once else None,
                on_poll=show,
            )
    except ConflictdbError as e:
        err.print(f"[bold red]error:[/] {escape(redact(str(e)))}", soft_wrap=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("stopped")
        return
    if once and reports and all(feed.error is not None for feed in reports[-1].feeds):
        err.print("[bold red]error:[/] no feed could be read", soft_wrap=True)
        raise typer.Exit(1)


def poll_lines(report: PollReport) -> list[str]:
    """Rich markup lines telling one poll: per feed what was new, seen before or failed; then the store."""
    lines = [f"poll at {report.started:%Y-%m-%d %H:%M:%S} UTC"]
    for feed in report.feeds:
        name = escape(redact(feed.feed))
        if feed.error is not None:
            lines.append(f"  [red]feed failed[/] {name}: {escape(redact(feed.error.reason))}")
            continue
        modified = " (not modified)" if feed.not_modified else ""
        lines.append(
            f"  {name}{modified}: {feed.entries} entries, {len(feed.new)} new, "
            f"{feed.seen} seen before, {len(feed.failed)} failed"
            + (f", {feed.deferred} left for the next poll (time budget spent)" if feed.deferred else "")
        )
        for url in feed.new:
            note = " (from the feed's text)" if url in feed.from_feed_text else ""
            lines.append(f"    [green]new[/] {escape(redact(url))}{note}")
        for failure in feed.failed:
            when = f"retry after {failure.retry_at:%Y-%m-%d %H:%M} UTC" if failure.retry_at else "given up"
            failed, reason = escape(redact(failure.url)), escape(redact(failure.reason))
            lines.append(f"    [yellow]failed[/] {failed}: {reason} ({when})")
    stored = report.stored
    lines.append(
        f"  stored: {stored.new} new articles, {stored.unchanged} unchanged; "
        f"mentions added: {stored.mentions}; incidents added: {stored.incidents}"
        + (f", background records added: {stored.background}" if stored.background else "")
    )
    return lines


if __name__ == "__main__":  # `python -m conflictdb.cli.watch`, before cli/main.py mounts the command
    typer.run(watch_command)
