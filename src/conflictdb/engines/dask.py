"""Extraction on a Dask cluster: partitions of input files, each read and extracted on a worker.

Workers run the function the pipeline gives (`pipeline.process_article`, as the local engine does),
with the pipeline's resources loaded once per worker (`WorkerResources`), never shipped in the task
graph. Partitions run one per worker thread and are collected as they complete, but handed on in input
order: storing with `link=True` decides incidents chunk by chunk, so the order of articles matters, and
in input order the store ends the same as with the local engine whichever partition finishes first.

A partition is a run of input files read by its worker: on a real cluster every worker must see the
input paths (a shared file system) and have the package installed with its gazetteer.
"""

from __future__ import annotations

import math
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import dask
from distributed import Client, Future, LocalCluster, Worker, WorkerPlugin, as_completed, get_worker

from conflictdb import ingest
from conflictdb.engines.local import OnError, Process
from conflictdb.errors import ConflictdbError, IngestError, PartitionError
from conflictdb.geo import build, gazetteer
from conflictdb.ingest.limits import InputLimits
from conflictdb.records import Article, Result

if TYPE_CHECKING:
    from conflictdb.resources import Resources

DEFAULT_RETRIES = 2  # a partition whose task fails (or whose worker dies) is tried this many more times
MAX_PARTITION_SIZE = 100  # files per partition when not given: a few seconds of work, a small result
PARTITIONS_PER_THREAD = 4  # when not given, enough partitions to balance the workers
WINDOW_PER_THREAD = 4  # partitions run ahead of a slow one: bounds the results waiting in memory
CONNECT_TIMEOUT = "10s"  # a scheduler still starting up gets this long


@dataclass(frozen=True, slots=True)
class Partition:
    """Consecutive input files processed by one task."""

    index: int
    files: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """A partition's articles with their mentions, in input order; `error` if the partition failed."""

    partition: Partition
    results: list[Result]
    error: PartitionError | None = None


@dataclass(frozen=True, slots=True)
class DaskEngine:
    """Extraction on a Dask cluster: the scheduler at `scheduler`, else a LocalCluster of `workers`
    processes; `on_partition` hears of each partition once its results are handed on."""

    scheduler: str | None = None
    workers: int = 2
    partition_size: int | None = None
    retries: int = DEFAULT_RETRIES
    limits: InputLimits | None = None
    on_partition: Callable[[PartitionResult], None] | None = None

    def run(
        self,
        sources: Iterable[Path | Article],
        resources: Resources | None,
        process: Process,
        *,
        on_error: OnError,
    ) -> Iterator[Result]:
        """`process` over every article of the files `sources`, read by the workers, in input order;
        `resources` are left unused (each worker loads its own)."""
        files = list(sources)
        if any(isinstance(source, Article) for source in files):
            raise ConflictdbError("the dask engine reads files on its workers: give it paths, not articles")
        for part in process_files(
            files,  # type: ignore[arg-type]
            process=process,
            scheduler=self.scheduler,
            workers=self.workers,
            partition_size=self.partition_size,
            retries=self.retries,
            limits=self.limits,
            on_error=on_error,
        ):
            yield from part.results
            if self.on_partition is not None:
                self.on_partition(part)


class WorkerResources(WorkerPlugin):
    """The pipeline's resources on one Dask worker: loaded by its first partition, closed when it stops."""

    name = "conflictdb-resources"
    idempotent = True  # every run registers it; a worker keeps what it has loaded

    def setup(self, worker: Worker) -> None:
        # Loading takes seconds: done by the first task in the worker's thread pool, not here on its
        # event loop, where it would stall the worker's heartbeats.
        self._lock = threading.Lock()
        self._resources: Resources | None = None

    def resources(self) -> Resources:
        """This worker's resources, loaded on first use."""
        with self._lock:
            if self._resources is None:
                from conflictdb.resources import load_resources  # on the worker: seconds to import and load

                self._resources = load_resources()
            return self._resources

    def teardown(self, worker: Worker) -> None:
        if self._resources is not None:
            self._resources.gazetteer.close()


def _worker_resources() -> Resources:
    """The resources of the worker this task runs on (the plugin is registered by `process_files`)."""
    plugin = get_worker().plugins.get(WorkerResources.name)
    if not isinstance(plugin, WorkerResources):
        raise ConflictdbError("conflictdb's WorkerResources plugin is not registered on this Dask worker")
    return plugin.resources()


def extract_partition(
    files: Sequence[Path], process: Process, limits: InputLimits | None = None
) -> tuple[list[Result], list[ConflictdbError]]:
    """On a worker: every article of the files, processed by `process`; unreadable files (and those over
    `limits`, by default the worker's resources' input limits) and failed articles are returned with the
    results, as the local engine reports them."""
    resources = _worker_resources()
    inputs = resources.inputs if limits is None else replace(resources.inputs, limits=limits)
    results: list[Result] = []
    problems: list[ConflictdbError] = []
    for path in files:
        # file by file: a vanished file must not hide the next ones
        for item in ingest.ingest([path], inputs=inputs):
            if isinstance(item, IngestError):
                problems.append(item)
                continue
            try:
                results.append(process(item, resources))
            except ConflictdbError as error:
                problems.append(error)
    return results, problems


def partition_files(files: Sequence[Path], size: int) -> list[Partition]:
    """Consecutive runs of `size` files."""
    starts = range(0, len(files), size)
    return [Partition(i, tuple(files[start : start + size])) for i, start in enumerate(starts)]


def default_partition_size(files: int, threads: int) -> int:
    """Files per partition: PARTITIONS_PER_THREAD partitions per worker thread, at most MAX_PARTITION_SIZE."""
    return max(1, min(MAX_PARTITION_SIZE, math.ceil(files / (PARTITIONS_PER_THREAD * max(threads, 1)))))


def start_local_cluster(
    *, workers: int, retries: int = DEFAULT_RETRIES, memory_limit: str | int = "auto"
) -> LocalCluster:
    """A LocalCluster of `workers` single-threaded processes (the pipeline holds the GIL); a partition
    whose worker dies is tried on up to `retries` more workers."""
    rules = build.load_store_rules()
    path = gazetteer.default_path(rules)
    if not path.exists():  # built once here rather than by every worker at once
        build.build_gazetteer(path, rules)
    with dask.config.set({"distributed.scheduler.allowed-failures": retries}):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=memory_limit,
            dashboard_address=":0",  # any free port: 8787 may be taken by another cluster
        )


@contextmanager
def connect(
    scheduler: str | None = None, *, workers: int = 2, retries: int = DEFAULT_RETRIES
) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, else of a new LocalCluster (closed afterwards)."""
    if scheduler is None:
        with start_local_cluster(workers=workers, retries=retries) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as e:
        raise ConflictdbError(f"cannot connect to the Dask scheduler at {scheduler}: {e}") from e
    with client:
        yield client


def process_files(
    files: Sequence[Path],
    *,
    process: Process,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int | None = None,
    retries: int = DEFAULT_RETRIES,
    limits: InputLimits | None = None,
    on_error: Callable[[ConflictdbError], None],
) -> Iterator[PartitionResult]:
    """`process` over every article of `files` on a Dask cluster (the scheduler at
    `scheduler`, else a LocalCluster of `workers` processes): one PartitionResult per partition, in
    input order.

    Bad files and articles go to `on_error` as with the local engine. A partition whose task fails is
    retried `retries` times (on a LocalCluster, also when its worker dies; an existing scheduler has
    its own `allowed-failures`), then reported to `on_error` as a PartitionError; the others go on.
    """
    if not files:
        return
    with connect(scheduler, workers=workers, retries=retries) as client:
        try:
            client.register_plugin(WorkerResources())
        except Exception as e:  # raised on a worker: most often conflictdb is not installed there
            raise ConflictdbError(f"the Dask workers cannot set up conflictdb: {e}") from e
        threads = sum(client.nthreads().values()) or workers  # an existing cluster may have none yet
        size = partition_size or default_partition_size(len(files), threads)
        yield from run_partitions(
            client, partition_files(files, size), process, retries=retries, limits=limits, on_error=on_error
        )


def run_partitions(
    client: Client,
    partitions: Sequence[Partition],
    process: Process,
    *,
    retries: int,
    limits: InputLimits | None = None,
    on_error: Callable[[ConflictdbError], None],
) -> Iterator[PartitionResult]:
    """Run partitions on the cluster, collect them as they complete and hand them on in input order.

    At most one partition runs per worker thread: the scheduler counts a worker's death against every
    task assigned to it, so a partition queued behind one that kills its worker would be charged too.
    At most WINDOW_PER_THREAD partitions per thread are run ahead of the first unfinished one.
    """
    run = uuid.uuid4().hex[:8]  # task keys of concurrent runs on one scheduler must differ
    owners: dict[str, Partition] = {}
    finished: dict[int, PartitionResult] = {}
    running = as_completed()
    submitted = released = 0
    while released < len(partitions):
        threads = max(1, sum(client.nthreads().values()))  # workers may come, go, or not be there yet
        ahead = min(len(partitions), released + WINDOW_PER_THREAD * threads)
        while len(owners) < threads and submitted < ahead:
            partition = partitions[submitted]
            key = f"conflictdb-partition-{run}-{partition.index}"
            owners[key] = partition
            running.add(
                client.submit(extract_partition, partition.files, process, limits, key=key, retries=retries)
            )
            submitted += 1
        future = next(running)
        partition = owners.pop(future.key)
        finished[partition.index] = collect_partition(future, partition, on_error=on_error)
        future.release()
        while released in finished:
            yield finished.pop(released)
            released += 1


def collect_partition(
    future: Future, partition: Partition, *, on_error: Callable[[ConflictdbError], None]
) -> PartitionResult:
    """A completed partition's results with its problems reported; a failed partition reported whole."""
    try:
        results, problems = future.result()
    except Exception as e:  # whatever ended the task after its retries: a dead worker, a lost one, a bug
        error = PartitionError(partition.index, tuple(map(str, partition.files)), f"{type(e).__name__}: {e}")
        on_error(error)
        return PartitionResult(partition, [], error)
    for problem in problems:
        on_error(problem)
    return PartitionResult(partition, results)
