"""ACLED's names the store checks what it is given against: event and sub-event types (current and older
names) and countries. Loaded once by whoever opens the store (`load_acled_names`) and held by it."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pycountry

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError, EditError, QueryError
from conflictdb.geo.admin_names import ACLED_COUNTRIES_FILE, load_acled_countries


@dataclass(frozen=True, slots=True)
class AcledName:
    """What an ACLED name stands for in ACLED's current names: event types, and one sub-event type if any."""

    event_types: tuple[str, ...]
    sub_event_type: str | None = None


def read_acled_taxonomy(data_dir: Path = DATA_DIR) -> Mapping[str, tuple[str, ...]]:
    """data/acled_taxonomy.yaml: every ACLED event type with its sub-event types."""
    raw = load_yaml("acled_taxonomy.yaml", data_dir=data_dir)
    return MappingProxyType({str(event): tuple(subs) for event, subs in raw.items()})


def _older_names(raw: Mapping[str, Any], taxonomy: Mapping[str, tuple[str, ...]]) -> dict[str, AcledName]:
    """data/acled_older_names.yaml as written, every current name it gives checked against the taxonomy."""
    subs = {sub for names in taxonomy.values() for sub in names}
    names = {}
    for older, spec in raw.items():
        name = AcledName(tuple(spec["event_types"]), spec.get("sub_event_type"))
        unknown = set(name.event_types) - set(taxonomy)
        if name.sub_event_type is not None and name.sub_event_type not in subs:
            unknown.add(name.sub_event_type)
        if unknown:
            raise ConflictdbError(f"acled_older_names.yaml: {older}: unknown {sorted(unknown)}")
        names[str(older)] = name
    return names


@dataclass(frozen=True, slots=True)
class AcledNames:
    """ACLED's event types with their sub-event types, older names and what they became, and the
    countries (by case-folded alpha-2 code or ACLED name: (alpha-2 code, ACLED name))."""

    taxonomy: Mapping[str, tuple[str, ...]]
    older_as_written: Mapping[str, AcledName]
    countries: Mapping[str, tuple[str, str]]

    def older_name(self, name: str) -> AcledName | None:
        """What an older ACLED name ("Remote violence") became; None for any other."""
        wanted = name.strip().casefold()
        return next((n for older, n in self.older_as_written.items() if older.casefold() == wanted), None)

    def current(self, name: str) -> AcledName | None:
        """An event or sub-event type, current or older, in ACLED's current names, matched regardless of
        case ("Battle-No change of territory": Battles, Armed clash); None for a name ACLED never used."""
        wanted = name.strip().casefold()
        for event, subs in self.taxonomy.items():
            if event.casefold() == wanted:
                return AcledName((event,))
            for sub in subs:
                if sub.casefold() == wanted:
                    return AcledName((event,), sub)
        return self.older_name(wanted)

    def checked_event_type(self, sub_event_type: str, event_type: str | None = None) -> tuple[str, str]:
        """(event type, sub-event type) with ACLED's current names, matched regardless of case, older names
        read as the current ones; EditError otherwise."""
        wanted, parent = sub_event_type.strip().casefold(), (event_type or "").strip().casefold()
        older_sub, older_parent = self.older_name(wanted), self.older_name(parent)
        if older_sub is not None and older_sub.sub_event_type is not None:
            wanted = older_sub.sub_event_type.casefold()
        parents = {e.casefold() for e in older_parent.event_types} if older_parent else {parent}
        for event, subs in self.taxonomy.items():
            for sub in subs:
                if sub.casefold() == wanted and (parent == "" or event.casefold() in parents):
                    return event, sub
        if any(wanted == sub.casefold() for subs in self.taxonomy.values() for sub in subs):
            raise EditError(f"{sub_event_type!r} is not a sub-event type of {event_type!r}")
        raise EditError(f"unknown ACLED sub-event type {sub_event_type!r} (see data/acled_taxonomy.yaml)")

    def query_name(self, name: str, *, parameter: str) -> AcledName:
        """An event or sub-event type a query filters by; QueryError listing the valid names otherwise."""
        found = self.current(name)
        if found is not None:
            return found
        valid = "; ".join(f"{event}: {', '.join(subs)}" for event, subs in self.taxonomy.items())
        raise QueryError(
            parameter, f"unknown event type {name!r}; ACLED's event types and sub-event types: {valid}"
        )

    def sub_event_name(self, name: str) -> AcledName:
        """A sub-event type (or an older name) a query filters by; an event type is refused, naming the
        filter it fits."""
        found = self.query_name(name, parameter="sub_event_type")
        if found.sub_event_type is None and self.older_name(name) is None:
            raise QueryError(
                "sub_event_type",
                f"{name!r} is an event type, not a sub-event type (filter by it as the event type)",
            )
        return found

    def event_type_names(self) -> tuple[str, ...]:
        """Every name the event_type filter takes, as ACLED writes it: event types and sub-event types
        (current, then older)."""
        current = [name for event, subs in self.taxonomy.items() for name in (event, *subs)]
        return (*current, *self.older_as_written)

    def sub_event_type_names(self) -> tuple[str, ...]:
        """Every name the sub_event_type filter takes: sub-event types (current, then older names)."""
        current = [sub for subs in self.taxonomy.values() for sub in subs]
        return (*current, *self.older_as_written)

    def country_code(self, name: str) -> str:
        """The ISO alpha-2 code of a country given by its code (UA, UKR) or English name (as ACLED or ISO
        3166 writes it); QueryError naming the input and what is valid otherwise."""
        wanted = name.strip().casefold()
        known = self.countries
        if wanted in known:
            return known[wanted][0]
        try:
            found = pycountry.countries.lookup(wanted).alpha_2
        except LookupError:
            found = None
        if found is not None and found.casefold() in known:
            return found
        close = difflib.get_close_matches(wanted, [n for n in known if len(n) > 2], n=3, cutoff=0.75)
        hint = f"; did you mean {' or '.join(known[n][1] for n in close)}?" if close else ""
        raise QueryError(
            "country",
            f"unknown country {name!r}: give an ISO 3166-1 code or an English name, e.g. UA or Ukraine{hint}",
        )

    def country_codes(self) -> tuple[str, ...]:
        """Every ISO alpha-2 code a query's country may be, sorted."""
        return tuple(sorted({code for code, _ in self.countries.values()}))


def load_acled_names(data_dir: Path = DATA_DIR) -> AcledNames:
    """Read acled_taxonomy.yaml, acled_older_names.yaml and acled_countries.csv into AcledNames."""
    taxonomy = read_acled_taxonomy(data_dir)
    older = _older_names(load_yaml("acled_older_names.yaml", data_dir=data_dir), taxonomy)
    countries: dict[str, tuple[str, str]] = {}
    for code, country in load_acled_countries(data_dir / ACLED_COUNTRIES_FILE).items():
        countries[code.casefold()] = countries[country.name.casefold()] = (code, country.name)
    return AcledNames(taxonomy, MappingProxyType(older), MappingProxyType(countries))
