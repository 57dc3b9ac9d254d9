"""Shared fixtures: one gazetteer and one set of resources for the whole test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflictdb.resources import Resources, load_resources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = Path(__file__).parent / "corpus"
CORPUS_B = Path(__file__).parent / "corpus_b"  # held out: written apart, never tuned on


@pytest.fixture(scope="session", autouse=True)
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test, the CLI's included, uses one gazetteer built in pytest's temp dir."""
    path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
    before = os.environ.get("CONFLICTDB_GAZETTEER")
    os.environ["CONFLICTDB_GAZETTEER"] = str(path)
    yield path
    if before is None:
        os.environ.pop("CONFLICTDB_GAZETTEER", None)
    else:
        os.environ["CONFLICTDB_GAZETTEER"] = before


@pytest.fixture(scope="session")
def resources(gazetteer_path: Path) -> Resources:
    """Every lexicon and the gazetteer, loaded once."""
    return load_resources(gazetteer_path=gazetteer_path)


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path
