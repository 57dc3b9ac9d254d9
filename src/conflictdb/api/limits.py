"""What the API accepts: the bounds on every parameter (data/api.yaml, loaded once per app) and the checks
the schema cannot say alone (no NUL in text, dates written YYYY-MM-DD)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError

INT64_MAX = 2**63 - 1  # the store's integer columns (claim ids) hold no more
NO_NUL = r"^[^\x00]*$"  # shown in the schema; refuse_nul says why
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class ApiLimits:
    """Bounds on what a request may carry (data/api.yaml explains each)."""

    text_length: int
    search_length: int
    search_words: int
    id_length: int
    note_length: int
    ids_per_request: int
    offset: int
    deaths: int


def load_api_limits(data_dir: Path = DATA_DIR) -> ApiLimits:
    """Read data/api.yaml: every bound a positive integer."""
    values = load_yaml("api.yaml", data_dir=data_dir)
    names = [f.name for f in fields(ApiLimits)]
    if set(values) != set(names):
        raise ConflictdbError(f"api.yaml: expected the keys {', '.join(names)}")
    for name in names:
        if not isinstance(values[name], int) or not 0 < values[name] <= INT64_MAX:
            raise ConflictdbError(f"api.yaml: {name} must be a positive integer, not {values[name]!r}")
    return ApiLimits(**values)


def refuse_nul(value: Any) -> Any:
    """Text with a NUL character is refused: no stored text has one, and SQL text cannot carry it."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("contains a NUL character (\\x00)")
    return value


def iso_date_only(value: Any) -> Any:
    """A date must be written YYYY-MM-DD (a bare number would otherwise be read as seconds since 1970)."""
    if value is None or isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


def words_at_most(count: int) -> Any:
    """A check that a search has at most `count` words."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and len(value.split()) > count:
            raise ValueError(f"at most {count} words are searched at once")
        return value

    return check
