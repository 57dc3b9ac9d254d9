"""Places as the gazetteer knows them and as a text names them: a gazetteer entry and its level (GazPlace,
PlaceKind), and a place name found in a text with its candidates (ToponymMatch)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from conflictdb.records.frozen import quick_init


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
