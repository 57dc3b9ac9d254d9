"""Extraction on every core of this machine: a process pool over articles, results in input order."""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from conflictdb import ingest, pipeline
from conflictdb.errors import ConflictdbError, IngestError
from conflictdb.records import Article
from conflictdb.resources import Resources

# The workers are forked from this process and inherit its loaded resources (spaCy, lexicons, the
# gazetteer's name index) copy-on-write; each opens its own gazetteer connection in the initializer.
_WORKER: dict[str, Any] = {}

SMALL_BATCH = 24  # below this many articles, starting workers costs more than it saves
CHUNK = 8  # articles per task sent to a worker
MAX_AHEAD_PER_WORKER = 500  # results of a worker that may wait for the caller


def _start_worker() -> None:
    resources = _WORKER["resources"]
    reconnect = getattr(resources.gazetteer, "reconnect", None)
    if reconnect is not None:
        reconnect()


def _process(article: Article) -> pipeline.Result | ConflictdbError:
    """Process one article in a worker; an error comes back as it is (errors pickle with their context)."""
    try:
        return pipeline.process_article(article, _WORKER["resources"])
    except ConflictdbError as error:
        return error


def read_articles(paths: Iterable[Path], *, on_error: Callable[[ConflictdbError], None]) -> list[Article]:
    """Every article under `paths`; bad files and records reported to `on_error`."""
    articles = []
    for item in ingest.ingest(paths):
        if isinstance(item, IngestError):
            on_error(item)
        else:
            articles.append(item)
    return articles


def process_articles(
    articles: list[Article],
    resources: Resources,
    *,
    workers: int,
    on_error: Callable[[ConflictdbError], None],
) -> Iterator[pipeline.Result]:
    """pipeline.process_article over every article on `workers` processes, in input order
    (in this process for small batches)."""
    if workers <= 1 or len(articles) < SMALL_BATCH:
        for article in articles:
            try:
                yield pipeline.process_article(article, resources)
            except ConflictdbError as error:
                on_error(error)
        return
    _WORKER["resources"] = resources
    if not _WORKER.get("frozen"):  # once: what is loaded lives on; the workers' collectors leave it alone
        gc.freeze()  # (and do not touch, so copy, the pages they share with this process)
        _WORKER["frozen"] = True
    context = multiprocessing.get_context("fork")
    # Backpressure: the workers run at most so many articles ahead of the caller. Without it a caller
    # slower than the workers (storing and linking) gathers every result in memory, and the garbage
    # collector's passes over that growing heap slow it down further.
    ahead, stopped = threading.Semaphore(MAX_AHEAD_PER_WORKER * workers), threading.Event()

    def fed() -> Iterator[Article]:
        for article in articles:  # runs in the pool's task-feeding thread, never in the caller's
            while not ahead.acquire(timeout=0.1):
                if stopped.is_set():  # the caller stopped early: let the pool shut down
                    return
            yield article

    with context.Pool(workers, initializer=_start_worker) as pool:
        try:
            for outcome in pool.imap(_process, fed(), chunksize=CHUNK):
                ahead.release()
                if isinstance(outcome, ConflictdbError):
                    on_error(outcome)
                else:
                    yield outcome
        finally:
            stopped.set()
