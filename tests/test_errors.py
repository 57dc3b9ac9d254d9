"""The error hierarchy: errors keep their context when they cross a process boundary."""

from __future__ import annotations

import pickle

import pytest

from conflictdb.errors import (
    ConflictdbError,
    ExtractionError,
    FetchError,
    GazetteerError,
    IngestError,
    PartitionError,
)


@pytest.mark.parametrize(
    "error",
    [
        IngestError("/in/a.txt", "binary file (contains NUL bytes)"),
        FetchError("https://example.org/feed", "HTTP 503", status=503, transient=True),
        ExtractionError("a", "extract", "ValueError: bad span"),
        PartitionError(3, ("/in/a.txt", "/in/b.txt"), "KilledWorker: worker died"),
        GazetteerError("cannot open the gazetteer at /x: disk I/O error"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_errors_pickle_with_their_context(error: ConflictdbError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


def test_errors_partition_error_names_its_files() -> None:
    files = tuple(f"/in/{n}.txt" for n in range(7))
    error = PartitionError(2, files, "KilledWorker")
    assert (
        str(error)
        == "partition 2 (/in/0.txt, /in/1.txt, /in/2.txt, /in/3.txt, /in/4.txt and 2 more): KilledWorker"
    )
    assert error.files == files
