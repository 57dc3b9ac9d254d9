"""`conflictdb ingest` and `conflictdb extract`: inputs read, extracted under a progress bar, linked, and
stored or written as JSON lines."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from conflictdb.cli.common import DbOption, errors_reported, open_store, stderr, stdout
from conflictdb.errors import ConflictdbError
from conflictdb.redact import redact
from conflictdb.resources import loaded_resources, store_lexicons

if TYPE_CHECKING:
    from conflictdb.records import Article
    from conflictdb.resources import Resources

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


def _pipeline() -> ModuleType:
    """conflictdb.pipeline, imported only when a command needs it (spaCy and every stage are slow to
    import), with the collector paused meanwhile: the imports make objects that all live on."""
    from conflictdb.resources import collector_paused

    with collector_paused():
        from conflictdb import pipeline
    return pipeline


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


@contextmanager
def _progress(console: Console, description: str, total: int) -> Iterator[Callable[..., None]]:
    """A progress bar on stderr for the length of the block; the block calls `advance(done=1)`."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda done=1: progress.advance(task, done)


@contextmanager
def _here(
    files: list[Path], errors: ErrorLog, description: str, *, resources: Resources, workers: int
) -> Iterator[tuple[list[Article], dict[str, Any]]]:
    """Extraction on this machine: the files' articles read (by the resources' input rules), and
    the options that extract them on `workers` processes under a progress bar on stderr."""
    from conflictdb.engines.local import LocalEngine, read_articles

    articles = read_articles(files, inputs=resources.inputs, on_error=errors)
    with _progress(errors.console, description, len(articles)) as advance:
        options = {"engine": LocalEngine(workers), "on_error": errors, "on_result": lambda _: advance()}
        yield articles, options


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
    with errors_reported(), ExitStack() as stack:
        # extracting here, the store works with the resources' lexicons: each data file read once
        resources = stack.enter_context(loaded_resources()) if engine is Engine.LOCAL else None
        lexicons = store_lexicons(resources) if resources is not None else None
        store = stack.enter_context(open_store(db, lexicons=lexicons))
        files = input_files(paths, errors)
        pipeline = _pipeline()
        if engine is Engine.DASK:
            from conflictdb.engines.dask import DaskEngine

            # distributed sets its loggers to INFO when imported; they follow --verbose like ours
            logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
            with _progress(errors.console, "ingesting files on dask", len(files)) as advance:
                cluster = DaskEngine(
                    scheduler=scheduler,
                    workers=workers,
                    partition_size=partition_size,
                    on_partition=lambda part: advance(len(part.partition.files)),
                )
                counts = pipeline.ingest(store, files, engine=cluster, on_error=errors)
        else:
            assert resources is not None  # loaded above for the local engine
            here = _here(files, errors, "ingesting", resources=resources, workers=workers)
            with here as (articles, options):
                counts = pipeline.ingest(store, articles, resources=resources, **options)
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
        pipeline = _pipeline()
        with (
            loaded_resources() as resources,
            _here(files, errors, "extracting", resources=resources, workers=workers) as (articles, options),
        ):
            results = pipeline.extract_records(articles, resources, **options)
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
