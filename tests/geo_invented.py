"""Invented gazetteer entries and matches for the geo tests: no real place, so each test reads one feature."""

from __future__ import annotations

from conflictdb.records.places import GazPlace, PlaceKind, ToponymMatch


def invented(
    pid: int, country: str, *, kind: PlaceKind = PlaceKind.CITY, population: int = 0, admin1_id: int = 1
):
    """An invented gazetteer entry."""
    return GazPlace(
        id=pid,
        name=f"Place{pid}",
        ascii_name=f"Place{pid}",
        kind=kind,
        country=country,
        admin1=f"Region{admin1_id}",
        admin2=None,
        lat=1.0,
        lon=1.0,
        population=population,
        admin1_id=admin1_id,
    )


def qarvon(*candidates: GazPlace, cues: frozenset[str] = frozenset(), level: PlaceKind | None = None):
    """A match of the invented name "Qarvon" with these readings."""
    return ToponymMatch(start=0, end=6, surface="Qarvon", candidates=candidates, cues=cues, level=level)


PROVINCE = invented(900, "XA", kind=PlaceKind.ADMIN1, admin1_id=900)
