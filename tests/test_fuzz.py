"""No input stops a batch: random text, bytes and JSON, and a slice of the seeded fuzz run (bench/fuzz.py),
go through reading, extraction, linking, the extract output and the store, and only the project's own
errors come out."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench import fuzz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictdb.errors import ConflictdbError
from conflictdb.resources import Resources
from conflictdb.store import Store, open_store

SLICE = 1_000  # inputs of the seeded run in `make test`; `make fuzz` runs 20,000
EXAMPLES = settings(
    max_examples=25,
    deadline=None,  # extraction's time is the fuzz slice's to bound, in CPU seconds
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SUFFIXES = (".txt", ".html", ".jsonl", ".json", ".warc", ".warc.gz")
ANY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates included
PIECES = st.one_of(  # report words among random text, so extraction has something to chew on
    st.text(ANY_CHARACTER, max_size=40),
    st.sampled_from(
        [
            "Gunmen killed ",
            " 9223372036854775808 ",
            " soldiers in Kandahar on ſunday",
            "Aprİl 3, 2024",
            "Published: ſept 4, 2023\n",
            " at least twelve civilians ",
            "(…)" * 20,
            "=" * 50,
            ", police said.\n\n",
        ]
    ),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHARACTER, max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {"text": st.lists(PIECES, max_size=12).map("".join)},
    optional={name: JSON | st.text(ANY_CHARACTER, max_size=20) for name in ("id", "title", "url", "outlet")}
    | {"published": st.sampled_from(["Aprİl 3, 2024", "ſept 4", "2024-13-45", "x"]) | JSON},
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def store(folder: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{folder / 'fuzz.sqlite'}") as opened:
        yield opened


def _through_everything(data: bytes, suffix: str, folder: Path, resources: Resources, store: Store) -> None:
    """One input file through what `ingest` and `extract` do; a project error raised is fine too."""
    case = fuzz.Case(0, "hypothesis", suffix, data)
    with contextlib.suppress(ConflictdbError):
        fuzz.run_case(case, folder, resources, store)


@EXAMPLES
@given(text=st.lists(PIECES, max_size=20).map("".join), suffix=st.sampled_from((".txt", ".html")))
def test_fuzz_random_text_raises_only_project_errors(
    text: str, suffix: str, folder: Path, resources: Resources, store: Store
) -> None:
    _through_everything(text.encode("utf-8", "surrogatepass"), suffix, folder, resources, store)


@EXAMPLES
@given(data=st.binary(max_size=3_000), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_random_bytes_raise_only_project_errors(
    data: bytes, suffix: str, folder: Path, resources: Resources, store: Store
) -> None:
    _through_everything(data, suffix, folder, resources, store)


@EXAMPLES
@given(records=st.lists(RECORD | JSON, min_size=1, max_size=3), as_list=st.booleans())
def test_fuzz_random_json_raises_only_project_errors(
    records: list[Any], as_list: bool, folder: Path, resources: Resources, store: Store
) -> None:
    if as_list:
        data, suffix = json.dumps(records), ".json"
    else:
        data, suffix = "\n".join(json.dumps(r) for r in records), ".jsonl"
    _through_everything(data.encode(), suffix, folder, resources, store)


def test_fuzz_seeded_inputs_are_made_again_the_same() -> None:
    again = [fuzz.make_case(i) for i in (5, 17, 123)]
    assert again == [fuzz.make_case(i) for i in (5, 17, 123)]
    assert len({fuzz.make_case(i).generator for i in range(len(fuzz.GENERATORS))}) == len(fuzz.GENERATORS)


@pytest.fixture(scope="module")
def fuzz_slice(resources: Resources) -> fuzz.Outcome:
    """The first SLICE inputs of the seeded run, each stopped once it is slow (5 CPU seconds)."""
    return fuzz.run(0, SLICE, resources=resources, stop=fuzz.SLOW_SECONDS)


def test_fuzz_slice_raises_only_project_errors(fuzz_slice: fuzz.Outcome) -> None:
    report = fuzz.summary(fuzz_slice, seed=fuzz.DEFAULT_SEED, start=0)
    assert fuzz_slice.inputs == SLICE
    assert not fuzz_slice.uncaught, report
    # both outcomes exercised: articles extracted and stored, bad inputs reported
    assert fuzz_slice.articles > SLICE // 5 and fuzz_slice.reported > SLICE // 5, report


def test_fuzz_slice_has_no_slow_input(fuzz_slice: fuzz.Outcome) -> None:
    # 5 CPU s per input under 100 KB (fuzz.SLOW_SECONDS): CPU time, so other processes' turns do not count,
    # though shared cores slow it some; the slowest of these 1,000 inputs took 1.05 CPU s in session 20
    assert not fuzz_slice.slow, fuzz.summary(fuzz_slice, seed=fuzz.DEFAULT_SEED, start=0)


def test_fuzz_summary_names_the_threshold_the_run_was_given() -> None:
    """`--slow 2.5` is what the summary's line of slow inputs counts against, not the default."""
    outcome = fuzz.Outcome(inputs=3, slow=[(7, "long_lines", 40_000, "2.6 s")])
    report = fuzz.summary(outcome, seed=fuzz.DEFAULT_SEED, start=0, slow=2.5)
    assert "inputs over 2.5 CPU s under" in report
    assert f"inputs over {fuzz.SLOW_SECONDS:g} CPU s" not in report
