"""The Dask engine on a real LocalCluster of 2 worker processes, against the local engine's database."""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner, Result

from conflictdb import pipeline
from conflictdb.cli import app
from conflictdb.engines import dask as dask_engine
from conflictdb.engines.dask import DaskEngine
from conflictdb.errors import ConflictdbError, IngestError, PartitionError
from conflictdb.ingest.limits import InputLimits
from conflictdb.resources import Resources
from conflictdb.store import open_store
from tests.conftest import CORPUS

ARTICLES = sorted((CORPUS / "articles").glob("*.txt"))
PROCESS = pipeline.process_article  # what the pipeline's engines run on every article


@pytest.fixture(scope="module")
def cluster(resources: Resources) -> Iterator[LocalCluster]:
    """Two single-threaded workers of 1 GiB each, as the engine starts them; a partition whose worker
    dies is tried on one more. (`resources` first: the gazetteer is built before the workers start.)"""
    with dask_engine.start_local_cluster(workers=2, retries=1, memory_limit="1GiB") as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    """A client of the test's own, with every worker's resources loaded and the task stream recorded."""
    with Client(cluster) as client:
        client.register_plugin(dask_engine.WorkerResources())
        workers = list(client.scheduler_info()["workers"])
        warm = [
            client.submit(dask_engine.extract_partition, (), PROCESS, workers=[w], key=f"warm-{w}")
            for w in workers
        ]
        assert client.gather(warm) == [([], [])] * len(workers)
        client.get_task_stream()  # starts recording
        yield client


def partition_stops(client: Client, since: float) -> dict[int, float]:
    """When each partition run since `since` finished computing, by partition index."""
    stops = {}
    for record in client.get_task_stream(start=since):
        if str(record["key"]).startswith("conflictdb-partition-"):
            computed = [s["stop"] for s in record["startstops"] if s["action"] == "compute"]
            stops[int(str(record["key"]).rsplit("-", 1)[1])] = max(computed)
    return stops


def ingested(url: str, files: list[Path], **options: object) -> None:
    """`files` stored at `url` by pipeline.ingest (on the local engine unless `options` name another)."""
    with open_store(url) as store:
        counts = pipeline.ingest(store, files, on_error=pytest.fail, **options)  # type: ignore[arg-type]
    assert counts.failed == 0


def snapshot(path: Path) -> dict[str, object]:
    """What a store holds, without generated ids and times: articles, mentions, claims, figures, and
    incidents as their groups of mentions with fatalities, type, date and place."""
    with sqlite3.connect(path) as conn:
        members: dict[str, set[str]] = defaultdict(set)
        for article_id, idx, incident_id in conn.execute("SELECT article_id, idx, incident_id FROM mentions"):
            members[incident_id].add(f"{article_id}#{idx}")
        incidents = conn.execute("SELECT id, fatalities, event_type, date, country, location FROM incidents")
        return {
            "articles": sorted(
                conn.execute("SELECT id, content_hash, published, source_group FROM articles")
            ),
            "mentions": sorted(
                conn.execute(
                    "SELECT article_id, idx, sub_event_type, date, country, admin1, place_name FROM mentions"
                ),
                key=repr,
            ),
            "claims": conn.execute("SELECT count(*) FROM claims").fetchone()[0],
            "figures": conn.execute("SELECT count(*) FROM figures").fetchone()[0],
            "incidents": sorted(((sorted(members[i]), *rest) for i, *rest in incidents), key=repr),
        }


def local_snapshot(files: list[Path], resources: Resources, path: Path) -> dict[str, object]:
    """The store the single-machine engine makes of `files`."""
    ingested(f"sqlite:///{path}", files, resources=resources)
    return snapshot(path)


@pytest.fixture(scope="module")
def corpus_snapshot(resources: Resources, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return local_snapshot(ARTICLES, resources, tmp_path_factory.mktemp("local") / "local.sqlite")


@pytest.fixture
def long_first(tmp_path: Path) -> list[Path]:
    """The corpus behind a long round-up of all its stories (twice), so the first partition is the slowest."""
    bodies = [path.read_text(encoding="utf-8").split("\n", 1)[1] for path in ARTICLES]
    long = tmp_path / "a-roundup.txt"
    long.write_text("Round-up of the week's attacks\n" + "\n\n".join(bodies * 2), encoding="utf-8")
    return [long, *ARTICLES]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_dask_hands_on_partitions_in_input_order_whatever_finishes_first(
    cluster: LocalCluster, client: Client, long_first: list[Path], resources: Resources
) -> None:
    started = time.time()
    parts = list(
        dask_engine.process_files(
            long_first,
            process=PROCESS,
            scheduler=cluster.scheduler_address,
            partition_size=4,
            on_error=pytest.fail,
        )
    )
    stops = partition_stops(client, started)
    assert sorted(stops) == list(range(6))
    assert stops[0] > stops[1]  # the long first partition finished after the next one
    assert [part.partition.index for part in parts] == list(range(6))
    assert [part.error for part in parts] == [None] * 6
    in_order = pipeline.extract_records(long_first, resources, link=False, on_error=pytest.fail)
    assert [result for part in parts for result in part.results] == in_order


def test_dask_store_is_the_local_engines_store(
    cluster: LocalCluster, client: Client, long_first: list[Path], resources: Resources, tmp_path: Path
) -> None:
    expected = local_snapshot(long_first, resources, tmp_path / "local.sqlite")
    on_cluster = DaskEngine(scheduler=cluster.scheduler_address, partition_size=3)
    ingested(f"sqlite:///{tmp_path / 'dask.sqlite'}", long_first, engine=on_cluster)
    got = snapshot(tmp_path / "dask.sqlite")
    assert got == expected
    assert len(got["articles"]) == 24 and got["incidents"] and got["figures"]  # type: ignore[arg-type]


def test_dask_reports_unreadable_files_and_keeps_the_rest_of_their_partition(
    cluster: LocalCluster, client: Client, tmp_path: Path
) -> None:
    good = [tmp_path / path.name for path in ARTICLES[:3]]
    for source, copy in zip(ARTICLES, good, strict=False):
        copy.write_bytes(source.read_bytes())
    vanished, corrupt = tmp_path / "vanished.txt", tmp_path / "corrupt.txt"
    vanished.write_text("Listed, then deleted before a worker reads it\n", encoding="utf-8")
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    files = [good[0], vanished, good[1], corrupt, good[2]]
    vanished.unlink()
    errors: list[ConflictdbError] = []
    parts = list(
        dask_engine.process_files(
            files,
            process=PROCESS,
            scheduler=cluster.scheduler_address,
            partition_size=5,
            on_error=errors.append,
        )
    )
    assert [a.id for part in parts for a, _ in part.results] == [path.stem for path in good]
    assert [(type(e), getattr(e, "source", None)) for e in errors] == [
        (IngestError, str(vanished)),
        (IngestError, str(corrupt)),
    ]
    assert "no such file" in str(errors[0]) and "binary" in str(errors[1])


def test_cli_ingest_dask_on_a_given_scheduler(
    cluster: LocalCluster, client: Client, corpus_snapshot: dict[str, object], tmp_path: Path
) -> None:
    started = time.time()
    db = tmp_path / "cli.sqlite"
    result = invoke(
        "ingest", str(CORPUS / "articles"), "--db", str(db), "--engine", "dask",
        "--scheduler", cluster.scheduler_address, "--partition-size", "5",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "files read: 23; articles: 23 new, 0 unchanged, 0 failed" in result.stdout
    assert sorted(partition_stops(client, started)) == list(range(5))  # 23 files in 5s, on that cluster
    assert snapshot(db) == corpus_snapshot


def test_cli_ingest_dask_starts_a_local_cluster(corpus_snapshot: dict[str, object], tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    result = invoke("ingest", str(CORPUS / "articles"), "--db", str(db), "--engine", "dask", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "articles: 23 new" in result.stdout
    assert snapshot(db) == corpus_snapshot


@pytest.mark.parametrize("option", [["--scheduler", "tcp://127.0.0.1:8786"], ["--partition-size", "10"]])
def test_cli_ingest_dask_options_need_the_dask_engine(option: list[str], tmp_path: Path) -> None:
    result = invoke("ingest", str(CORPUS / "articles"), "--db", str(tmp_path / "x.sqlite"), *option)
    assert result.exit_code == 2
    assert "need --engine dask" in result.output
    assert not (tmp_path / "x.sqlite").exists()


def test_dask_partition_that_kills_its_workers_is_retried_then_reported_and_the_others_stored(
    cluster: LocalCluster, client: Client, tmp_path: Path
) -> None:
    # Last in the module: its workers are killed (and restarted by their nannies).
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(3 * 2**30)  # a 3 GiB hole: no disk used, but more than a worker's memory to read
    files = [*ARTICLES[:4], huge, *ARTICLES[4:8]]
    errors: list[ConflictdbError] = []
    unbounded = InputLimits(  # read, not refused
        text_bytes=2**40, page_bytes=2**40, record_bytes=2**40, non_ascii_share=0.1
    )
    parts = list(
        dask_engine.process_files(
            files,
            process=PROCESS,
            scheduler=cluster.scheduler_address,
            partition_size=3,
            retries=1,
            limits=unbounded,
            on_error=errors.append,
        )
    )
    assert len(errors) == 1 and isinstance(errors[0], PartitionError), errors
    failed = errors[0]
    assert failed.index == 1 and failed.files == tuple(map(str, files[3:6]))
    assert str(huge) in str(failed)
    assert "KilledWorker" in failed.reason and "on 2 different workers" in failed.reason  # tried, retried
    assert [part.partition.index for part in parts] == [0, 1, 2]
    assert parts[1].error is failed and parts[1].results == []
    stored = [a.id for part in parts for a, _ in part.results]
    assert stored == [path.stem for path in [*files[:3], *files[6:]]]
