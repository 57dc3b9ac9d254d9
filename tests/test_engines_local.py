"""The local engine: results in input order, workers never far ahead of a slow caller, early stops, dead
workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflictdb import pipeline
from conflictdb.engines import local
from conflictdb.errors import ConflictdbError, ExtractionError
from conflictdb.records import Article, Result
from conflictdb.resources import Resources
from conflictdb.store import open_store

TEXT = "Gunmen killed {n} villagers in Gwoza, Borno state, on Monday, police spokesman Bello Musa said."


class CountedArticles(list[Article]):
    """A list of articles that counts how many were taken from it."""

    taken = 0

    def __iter__(self) -> Iterator[Article]:
        for article in super().__iter__():
            self.taken += 1
            yield article


def articles(count: int) -> CountedArticles:
    return CountedArticles(
        Article(id=f"a{n:03d}", source=f"a{n:03d}.txt", text=TEXT.format(n=n + 2)) for n in range(count)
    )


def test_engines_local_results_come_in_input_order(resources: Resources) -> None:
    batch = articles(40)
    results = list(
        local.process_articles(batch, resources, pipeline.process_article, workers=2, on_error=pytest.fail)
    )
    assert [a.id for a, _ in results] == [a.id for a in batch]
    assert all(ms and ms[0].claims for _, ms in results)


def test_engines_local_workers_stay_close_ahead_of_a_slow_caller(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local, "MAX_AHEAD_PER_WORKER", 4)
    batch = articles(200)
    results = local.process_articles(
        batch, resources, pipeline.process_article, workers=2, on_error=pytest.fail
    )
    for _ in range(3):
        next(results)
    time.sleep(1.0)  # time enough for the workers to run through all 200 if nothing held them
    assert batch.taken <= 3 + 2 * 4 + 1
    assert len(list(results)) == 197


def test_engines_local_caller_stopping_early_shuts_the_pool_down(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local, "MAX_AHEAD_PER_WORKER", 4)
    batch = articles(200)
    results = local.process_articles(
        batch, resources, pipeline.process_article, workers=2, on_error=pytest.fail
    )
    next(results)
    start = time.monotonic()
    results.close()
    # wall time: a pool left to finish would extract the 200 articles (minutes on a busy machine)
    assert time.monotonic() - start < 10, "closing waited for the pool to finish the batch"
    assert batch.taken < 200


# --- a dead worker --------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _ingest_with_workers(tmp_path: Path, count: int) -> tuple[subprocess.Popen[str], list[int], Path]:
    """A real `conflictdb ingest` of `count` invented articles in its own process, once its two extraction
    workers run; with their process ids and the database."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:03d}.txt").write_text(TEXT.format(n=n + 2) + f" It was report number {n}.")
    db = tmp_path / "store.sqlite"
    cli = str(Path(sys.executable).with_name("conflictdb"))
    command = [cli, "ingest", str(folder), "--db", str(db), "--workers", "2"]
    ingest = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    # both workers, seen twice a tenth of a second apart: a short-lived child of the ingest (a library
    # looking something up in a subprocess) is no worker
    workers: list[int] = []
    while len(workers) < 2 and ingest.poll() is None:
        if time.monotonic() > deadline:
            ingest.kill()
            pytest.fail("no worker started")
        seen = _children(ingest.pid)
        time.sleep(0.1)
        workers = [pid for pid in _children(ingest.pid) if pid in seen] if len(seen) >= 2 else []
    if len(workers) < 2:
        pytest.fail(f"the ingest ended before its workers could be seen: {ingest.communicate()}")
    return ingest, workers, db


def test_engines_local_ingest_goes_on_when_a_worker_is_killed(resources: Resources, tmp_path: Path) -> None:
    # SIGKILL is what the kernel's OOM killer sends
    count = 200
    ingest, workers, db = _ingest_with_workers(tmp_path, count)
    try:
        killed_at = time.monotonic()
        os.kill(workers[0], signal.SIGKILL)
        out, err = ingest.communicate(timeout=60)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.communicate()
    # wall time: an ingest waiting on its dead worker would hang until communicate's timeout (60 s) raised
    assert time.monotonic() - killed_at < 60, "the ingest waited on its dead worker"
    assert ingest.returncode == 0, err
    assert "worker process died" in err
    assert f"articles: {count} new, 0 unchanged, 0 failed" in out
    with open_store(str(db)) as store:
        assert store.stats().articles == count


def test_engines_local_workers_end_when_the_ingest_is_killed(resources: Resources, tmp_path: Path) -> None:
    ingest, workers, _ = _ingest_with_workers(tmp_path, 200)
    ingest.kill()
    ingest.communicate()
    deadline = time.monotonic() + 10 * local.PARENT_CHECK_SECONDS
    while (alive := [pid for pid in workers if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "workers left running by a killed ingest"


def _running(pid: int) -> bool:
    """Whether process `pid` runs (a zombie waiting for its parent to read its end does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _die_on_poison(article: Article, resources: Resources) -> Result:
    """pipeline.process_article, except that the worker process dies on the article called "poison" (as
    if the kernel killed it for the memory that article took)."""
    if article.id == "poison":
        os._exit(137)
    return pipeline.process_article(article, resources)


def test_engines_local_article_that_kills_its_worker_is_reported_and_the_rest_extracted(
    resources: Resources,
) -> None:
    batch = list(articles(60))
    batch[29] = Article(id="poison", source="poison.txt", text=TEXT.format(n=7))
    failed: list[ConflictdbError] = []
    start = time.monotonic()
    results = list(
        local.process_articles(batch, resources, _die_on_poison, workers=2, on_error=failed.append)
    )
    # wall time: 60 invented articles take seconds; a pool waiting on the dead worker would hang for good
    assert time.monotonic() - start < 60, "the pool waited on its dead worker"
    assert [a.id for a, _ in results] == [a.id for a in batch if a.id != "poison"]
    assert [(e.article_id, e.reason) for e in failed if isinstance(e, ExtractionError)] == [
        ("poison", local.DIED)
    ]
    assert len(failed) == 1
