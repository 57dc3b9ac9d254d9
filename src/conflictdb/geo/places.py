"""The geo package's own records: a place row on its way into the gazetteer store; and whether a named
place holds towns (the shared place records are in records/places.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conflictdb.records.places import GazPlace, PlaceKind


def holds_towns(level: PlaceKind | None, candidates: Iterable[GazPlace]) -> bool:
    """Is a named place one that holds towns? A province or district when the text says so; told without
    its level, a province ("Kherson" is a province and its city) or a district with no town of its name
    ("Beryslav", a district too, is a town first)."""
    if level is not None:
        return level in (PlaceKind.ADMIN1, PlaceKind.ADMIN2)
    kinds = {c.kind for c in candidates}
    return PlaceKind.ADMIN1 in kinds or PlaceKind.CITY not in kinds


@dataclass(frozen=True, slots=True)
class StoreRow:
    """A place row on its way into the store, with the names it is known by."""

    values: tuple
    names: tuple[str, ...]
    # a third-level unit, or a town's: (the second-level unit's name, its own ASCII name and id); it is
    # the admin2 where the conventions table lifts that second-level unit to admin1 (Iraq's Kurdistan)
    district: tuple[str, str, int] | None = None
    namesake_seat: bool = False  # a town, its province's most populous one named like it ("Hama" in Hama)
