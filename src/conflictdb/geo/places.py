"""The geo package's records: a gazetteer place and its level, a place row on its way into the store, and
a place name found in a text (ToponymMatch)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from conflictdb.records import quick_init


class PlaceKind(StrEnum):
    """Administrative level of a gazetteer entry."""

    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    CITY = "city"


@dataclass(frozen=True, slots=True)
class GazPlace:
    """One gazetteer entry with its administrative parents."""

    id: int
    name: str
    ascii_name: str
    kind: PlaceKind
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    feature_code: str | None = None
    admin1_id: int | None = None
    admin2_id: int | None = None
    geonameid: int | None = None
    code: str | None = None


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


@quick_init
@dataclass(frozen=True, slots=True)
class ToponymMatch:
    """A place name in the text with its gazetteer candidates and the cues around it."""

    start: int
    end: int
    surface: str
    candidates: tuple[GazPlace, ...]
    cues: frozenset[str] = frozenset()  # "near", "capital", "feature", "person", "distance", "locative",
    # "dateline" (where the reporter filed), "credit" (an outlet: "(AFP)"), "role" (named in another role
    # than where things happened: "travelling to X")
    level: PlaceKind | None = None  # from a following "province" / "district" / "city"
    country: str | None = None  # set when the name is a country's
    fuzzy: bool = False  # matched by transliteration skeleton only
    cue_end: int = 0  # end of the name plus its level word ("Nad Ali district")
    said_country: str | None = None  # the country a demonym gives it ("the Lebanese town of X")
    container: int | None = None  # start of the match naming the unit that holds it ("X (Y, Z)")
