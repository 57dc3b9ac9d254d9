"""`conflictdb ingest` and `conflictdb extract`: inputs read, extracted under a progress bar, linked, and
stored or written as JSON lines."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from conflictdb.cli.common import DbOption, errors_reported, open_store, stderr, stdout
from conflictdb.errors import ConflictdbError
from conflictdb.records import Article, Mention
from conflictdb.redact import redact

if TYPE_CHECKING:  # the pipeline (spaCy and every stage) loads when a command needs it
    from conflictdb.resources import Resources

Result = tuple[Article, list[Mention]]
DEFAULT_WORKERS = os.cpu_count() or 1
EXIT_SOME_FAILED = 3  # `ingest` and `extract`: some inputs failed (each reported), the others were done
WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, help="Processes that extract in parallel [default: one per core]")
]


class ExtractFormat(StrEnum):
    """Formats of `conflictdb extract`."""

    JSONL = "jsonl"


class Engine(StrEnum):
    """Where `conflictdb ingest` extracts: processes of this machine, or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


# --- reading and processing inputs ------------------------------------------------------------------


def _loaded_resources() -> AbstractContextManager[Resources]:
    """pipeline.loaded_resources, the pipeline imported only when a command needs it (spaCy and every stage
    are slow to import), with the collector paused meanwhile: the imports make objects that all live on."""
    from conflictdb.resources import collector_paused

    with collector_paused():
        from conflictdb.pipeline import loaded_resources
    return loaded_resources()


@dataclass
class ErrorLog:
    """Bad inputs reported as they happen, and counted."""

    console: Console
    errors: list[ConflictdbError] = field(default_factory=list)

    def __call__(self, error: ConflictdbError) -> None:
        self.errors.append(error)
        self.console.print(f"[yellow]skipped[/] {escape(redact(str(error)))}", soft_wrap=True)


def input_files(paths: list[Path], on_error: Callable[[ConflictdbError], None]) -> list[Path]:
    """Every input file under the given paths, each once; a missing path is reported and skipped."""
    from conflictdb import ingest  # imported when needed: readers and the pipeline are slow to load

    files: list[Path] = []
    for path in paths:
        try:
            files.extend(ingest.iter_input_files([path]))
        except ConflictdbError as e:
            on_error(e)
    return list(dict.fromkeys(files))


def process_files(files: list[Path], resources: Any, errors: ErrorLog, *, workers: int) -> list[Result]:
    """Read the files, process every article under a progress bar on stderr, link incidents."""
    from conflictdb import pipeline
    from conflictdb.engines import local

    articles = local.read_articles(files, on_error=errors)
    results: list[Result] = []
    words = []  # linking's word bags, taken while the workers extract the next articles
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors.console, transient=True) as progress:
        task = progress.add_task("extracting", total=len(articles))
        for result in local.process_articles(articles, resources, workers=workers, on_error=errors):
            results.append(result)
            words.extend(pipeline.link_words(result, resources))
            progress.advance(task)
    return pipeline.link_incidents(results, resources, words=words) if results else []


def extracted(files: list[Path], resources: Any, errors: ErrorLog, *, workers: int) -> Iterator[Result]:
    """Read the files and yield every processed article under a progress bar on stderr (not linked)."""
    from conflictdb.engines import local

    articles = local.read_articles(files, on_error=errors)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors.console, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(articles))
        for result in local.process_articles(articles, resources, workers=workers, on_error=errors):
            yield result
            progress.advance(task)


def extracted_on_dask(
    files: list[Path], errors: ErrorLog, *, scheduler: str | None, workers: int, partition_size: int | None
) -> Iterator[Result]:
    """Extract the files on a Dask cluster and yield every article in input order, files done shown
    under a progress bar on stderr (not linked)."""
    from conflictdb.engines import dask as dask_engine

    # distributed sets its loggers to INFO when imported; they follow --verbose like ours
    logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors.console, transient=True) as progress:
        task = progress.add_task("ingesting files on dask", total=len(files))
        for part in dask_engine.process_files(
            files, scheduler=scheduler, workers=workers, partition_size=partition_size, on_error=errors
        ):
            yield from part.results
            progress.advance(task, len(part.partition.files))


def ingest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Article files or folders (.txt, .html, .jsonl, .json, .warc, .warc.gz); "
            "- reads standard input."
        ),
    ],
    db: DbOption = None,
    workers: WorkersOption = DEFAULT_WORKERS,
    engine: Annotated[
        Engine, typer.Option("--engine", help="Extract here (local) or on a Dask cluster (dask).")
    ] = Engine.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address [default: a LocalCluster of --workers]."),
    ] = None,
    partition_size: Annotated[
        int | None, typer.Option("--partition-size", min=1, help="Files per Dask task [default: automatic].")
    ] = None,
) -> None:
    """Read, extract and store articles, linking their mentions to incidents new and already stored."""
    if engine is Engine.LOCAL and (scheduler is not None or partition_size is not None):
        raise typer.BadParameter("--scheduler and --partition-size need --engine dask")
    if engine is Engine.DASK and Path("-") in paths:
        raise typer.BadParameter("standard input (-) is read here, not on a cluster: use --engine local")
    errors = ErrorLog(stderr())
    out = stdout()
    with errors_reported(), open_store(db) as store:
        files = input_files(paths, errors)
        if engine is Engine.DASK:
            results = extracted_on_dask(
                files, errors, scheduler=scheduler, workers=workers, partition_size=partition_size
            )
            counts = store.add_batch(results, link=True, on_error=errors)
        else:
            with _loaded_resources() as resources:
                results = extracted(files, resources, errors, workers=workers)
                counts = store.add_batch(results, link=True, on_error=errors)
        total = store.stats()
    failed = len(errors.errors)
    out.print(
        f"files read: {len(files)}; articles: {counts.new} new, {counts.unchanged} unchanged, "
        f"{failed} failed; "
        f"mentions added: {counts.mentions}; incidents added: {counts.incidents}"
        + (f", background records added: {counts.background}" if counts.background else "")
        + f" (store: {total.articles} articles, {total.incidents} incidents)",
        soft_wrap=True,
    )
    if counts.new + counts.unchanged == 0:
        stderr().print("[bold red]error:[/] nothing was ingested", soft_wrap=True)
        raise typer.Exit(1)
    _exit_if_failed(errors)


def _exit_if_failed(errors: ErrorLog) -> None:
    """Exit with EXIT_SOME_FAILED when some inputs failed (after the others were done)."""
    if errors.errors:
        stderr().print(
            f"[bold yellow]warning:[/] {len(errors.errors)} inputs failed (reported above)", soft_wrap=True
        )
        raise typer.Exit(EXIT_SOME_FAILED)


def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders; - reads standard input.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="Output format.")] = ExtractFormat.JSONL,
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    """Extract without a database: one JSON line per article, incidents linked across the inputs."""
    errors = ErrorLog(stderr())
    with errors_reported():
        files = input_files(paths, errors)
        with _loaded_resources() as resources:
            results = process_files(files, resources, errors, workers=workers)
    from conflictdb import formats

    for article, mentions in sorted(results, key=lambda result: result[0].id):
        record = formats.extract_record(
            article, mentions, rules=resources.reconcile, tables=resources.exports
        )
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if not results:
        stderr().print("[bold red]error:[/] no article could be read", soft_wrap=True)
        raise typer.Exit(1)
    _exit_if_failed(errors)
