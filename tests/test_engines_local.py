"""The local engine: results in input order, workers never far ahead of a slow caller, early stops."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from conflictdb.engines import local
from conflictdb.records import Article
from conflictdb.resources import Resources

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
    results = list(local.process_articles(batch, resources, workers=2, on_error=pytest.fail))
    assert [a.id for a, _ in results] == [a.id for a in batch]
    assert all(ms and ms[0].claims for _, ms in results)


def test_engines_local_workers_stay_close_ahead_of_a_slow_caller(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local, "MAX_AHEAD_PER_WORKER", 4)
    batch = articles(200)
    results = local.process_articles(batch, resources, workers=2, on_error=pytest.fail)
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
    results = local.process_articles(batch, resources, workers=2, on_error=pytest.fail)
    next(results)
    start = time.monotonic()
    results.close()
    assert time.monotonic() - start < 10
    assert batch.taken < 200
