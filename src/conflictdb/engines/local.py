"""Extraction on every core of this machine: a process pool over articles, results in input order.

`LocalEngine` is the engine `pipeline.extract_records` and `pipeline.ingest` use by default: it runs the
function they give it (`pipeline.process_article`) on every article.

A worker that dies (the kernel's OOM killer, `kill -9`) takes its chunk down and breaks the pool. The
chunks lost with it are run again in a fresh pool, each alone: a chunk that kills its worker again when
alone is split into its articles, each run alone, and an article that kills its worker by itself is
reported as failed. Every other article is extracted as if nothing had happened.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictdb import ingest
from conflictdb.errors import ConflictdbError, ExtractionError, IngestError
from conflictdb.ingest.rules import InputRules
from conflictdb.records import Article, Result

if TYPE_CHECKING:
    from conflictdb.resources import Resources

log = logging.getLogger(__name__)

# The workers are forked from this process and inherit its loaded resources (spaCy, lexicons, the
# gazetteer's name index) copy-on-write; each opens its own gazetteer connection in the initializer.
_WORKER: dict[str, Any] = {}

SMALL_BATCH = 24  # below this many articles, starting workers costs more than it saves
CHUNK = 8  # articles per task sent to a worker
MAX_AHEAD_PER_WORKER = 500  # results of a worker that may wait for the caller
PARENT_CHECK_SECONDS = 1.0  # how often a worker looks whether the process that started it still runs
IN_POOL_PER_WORKER = 2  # chunks in the pool per worker (one running, one ready): what a dead worker loses
DIED = "its worker process died while extracting it, also when run alone (out of memory, or killed)"

Outcome = Result | ConflictdbError  # a result, or the error of a failed article
Process = Callable[[Article, "Resources"], Result]  # what extracts one article (pipeline.process_article)
OnError = Callable[[ConflictdbError], None]


@dataclass(frozen=True, slots=True)
class LocalEngine:
    """Extraction on this machine: in this process, or for a batch of SMALL_BATCH articles or more on
    `workers` forked processes."""

    workers: int = 1

    def run(
        self, sources: Iterable[Path | Article], resources: Resources, process: Process, *, on_error: OnError
    ) -> Iterator[Result]:
        """`process` over every article of `sources` (articles, or files and folders read here first), in
        input order; bad inputs and failed articles go to `on_error`."""
        sources = list(sources)
        if all(isinstance(source, Article) for source in sources):
            articles: list[Article] = sources  # type: ignore[assignment]
        else:
            articles = read_articles(sources, inputs=resources.inputs, on_error=on_error)  # type: ignore[arg-type]
        return process_articles(articles, resources, process, workers=self.workers, on_error=on_error)


def _start_worker() -> None:
    resources = _WORKER["resources"]
    reconnect = getattr(resources.gazetteer, "reconnect", None)
    if reconnect is not None:
        reconnect()
    threading.Thread(target=_end_with_parent, args=(_WORKER["parent"],), daemon=True).start()


def _end_with_parent(parent: int) -> None:
    """End this worker once the process that started it is gone (killed, say): the pool's queues do not
    tell a waiting worker, which would otherwise wait forever, holding its memory."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _process(article: Article) -> Outcome:
    """Process one article in a worker; an error comes back as it is (errors pickle with their context)."""
    try:
        return _WORKER["process"](article, _WORKER["resources"])
    except ConflictdbError as error:
        return error


def _process_chunk(articles: list[Article]) -> list[Outcome]:
    """Process a chunk of articles in a worker."""
    return [_process(article) for article in articles]


def read_articles(
    paths: Iterable[Path], *, inputs: InputRules, on_error: Callable[[ConflictdbError], None]
) -> list[Article]:
    """Every article under `paths` read by `inputs`; bad files and records reported to `on_error`."""
    articles = []
    for item in ingest.ingest(paths, inputs=inputs):
        if isinstance(item, IngestError):
            on_error(item)
        else:
            articles.append(item)
    return articles


def freeze_loaded() -> None:
    """Once per process: what is loaded (spaCy, lexicons, the gazetteer's index) lives on, so the collector
    leaves it alone: a full collection in this process does not go over it again (linking and storing
    make many objects), nor do forked workers' collectors touch, so copy, the pages they share with it."""
    if not _WORKER.get("frozen"):
        gc.freeze()
        _WORKER["frozen"] = True


def process_articles(
    articles: list[Article],
    resources: Resources,
    process: Process,
    *,
    workers: int,
    on_error: OnError,
) -> Iterator[Result]:
    """`process` over every article on `workers` processes, in input order (in this process for small
    batches, and for every batch with one worker)."""
    if workers > 1:
        freeze_loaded()
    if workers <= 1 or len(articles) < SMALL_BATCH:
        for article in articles:
            try:
                yield process(article, resources)
            except ConflictdbError as error:
                on_error(error)
        return
    _WORKER["resources"] = resources
    _WORKER["process"] = process
    _WORKER["parent"] = os.getpid()
    pool = _ChunkPool(articles, workers=workers)
    try:
        for outcomes in pool.chunks():
            for outcome in outcomes:
                if isinstance(outcome, ConflictdbError):
                    on_error(outcome)
                else:
                    yield outcome
                pool.handed_on(1)
    finally:
        pool.close()


@dataclass(eq=False)
class _Chunk:
    """Consecutive articles processed by one task."""

    articles: list[Article]
    suspect: bool = False  # lost with a dead worker: runs alone until it has passed
    future: Future | None = None
    outcomes: list[Outcome] | None = None  # once done
    error: BaseException | None = None  # a task that raised (a bug: not a ConflictdbError)


def _chunks_of(articles: Iterable[Article]) -> Iterator[_Chunk]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == CHUNK:
            yield _Chunk(chunk)
            chunk = []
    if chunk:
        yield _Chunk(chunk)


class _ChunkPool:
    """Chunks of articles on a pool of forked workers, handed on in input order; a pool broken by a dead
    worker is replaced and the chunks it lost run again (see the module's docstring).

    Chunks are given to the pool from its own thread as tasks finish (done callbacks), so the workers go on
    while the caller stores; at most IN_POOL_PER_WORKER unfinished chunks per worker are in the pool, and at
    most MAX_AHEAD_PER_WORKER articles per worker are taken and not yet handed on (backpressure: a caller
    slower than the workers would otherwise gather every result in memory, and the garbage collector's
    passes over that growing heap slow it down further).
    """

    def __init__(self, articles: Iterable[Article], *, workers: int) -> None:
        self._workers = workers
        self._source = _chunks_of(articles)
        self._exhausted = False
        self._queue: deque[_Chunk] = deque()  # taken from the source, not yet handed on, in input order
        self._waiting: deque[_Chunk] = deque()  # in the queue, to be (re)submitted, in input order
        self._unfinished: set[_Chunk] = set()  # in the pool, not done
        self._ahead = 0  # articles taken and not yet handed on
        self._changed = threading.Condition()
        self._broken = self._closed = False
        self._executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(self._workers, mp_context=context, initializer=_start_worker)

    def chunks(self) -> Iterator[list[Outcome]]:
        """Each chunk's outcomes, in input order."""
        while True:
            with self._changed:
                self._fill()
                while not (self._head_ready() or self._broken):
                    if not self._queue:
                        return
                    self._changed.wait()
                head = None if self._broken else self._queue.popleft()
            if head is None:
                self._recover()
                continue
            if head.error is not None:
                raise head.error
            yield head.outcomes or []

    def handed_on(self, count: int) -> None:
        """`count` more articles reached the caller: room for more in the pool."""
        with self._changed:
            self._ahead -= count
            self._fill()

    def close(self) -> None:
        """Stop: cancel what has not started, wait for what runs."""
        with self._changed:
            self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _head_ready(self) -> bool:
        return bool(self._queue) and (self._queue[0].outcomes is not None or self._queue[0].error is not None)

    def _fill(self) -> None:
        """Submit chunks while there is room (called holding the lock). A suspect runs alone."""
        limit = IN_POOL_PER_WORKER * self._workers
        while not (self._closed or self._broken) and len(self._unfinished) < limit:
            if any(chunk.suspect for chunk in self._unfinished):
                return
            if not self._waiting:
                room = MAX_AHEAD_PER_WORKER * self._workers - self._ahead
                if self._exhausted or (room < CHUNK and self._ahead > 0):
                    return
                chunk = next(self._source, None)
                if chunk is None:
                    self._exhausted = True
                    return
                self._queue.append(chunk)
                self._waiting.append(chunk)
                self._ahead += len(chunk.articles)
            chunk = self._waiting[0]
            if chunk.suspect and self._unfinished:
                return
            try:
                chunk.future = self._executor.submit(_process_chunk, chunk.articles)
            except BrokenProcessPool:
                self._broken = True
                return
            self._waiting.popleft()
            self._unfinished.add(chunk)
            chunk.future.add_done_callback(lambda future, chunk=chunk: self._finished(chunk, future))

    def _finished(self, chunk: _Chunk, future: Future) -> None:
        """A chunk's task is done (in the pool's thread, or in `close`)."""
        with self._changed:
            self._unfinished.discard(chunk)
            if not future.cancelled():
                error = future.exception()
                if isinstance(error, BrokenProcessPool):
                    self._broken = True
                elif error is not None:
                    chunk.error = error
                else:
                    chunk.outcomes = future.result()
                    self._fill()
            self._changed.notify_all()

    def _recover(self) -> None:
        """Replace a broken pool; the chunks it lost run again, alone (a lost suspect: its articles alone,
        and a lost single article is reported)."""
        self._executor.shutdown(wait=True)  # its thread ends once every future it held has failed
        with self._changed:
            replaced: deque[_Chunk] = deque()
            again = 0
            for chunk in self._queue:
                if chunk.outcomes is not None or chunk.error is not None or chunk.future is None:
                    replaced.append(chunk)  # done, or not yet given to the pool
                    continue
                again += len(chunk.articles)
                if not chunk.suspect:
                    replaced.append(_Chunk(chunk.articles, suspect=True))
                elif len(chunk.articles) > 1:
                    replaced.extend(_Chunk([article], suspect=True) for article in chunk.articles)
                else:
                    again -= 1
                    replaced.append(
                        _Chunk(
                            chunk.articles, outcomes=[ExtractionError(chunk.articles[0].id, "extract", DIED)]
                        )
                    )
            log.warning("an extraction worker process died: %d articles lost with it run again", again)
            self._queue = replaced
            self._waiting = deque(c for c in replaced if c.future is None and c.outcomes is None)
            self._unfinished.clear()
            self._broken = False
            self._executor = self._new_executor()
            self._fill()
