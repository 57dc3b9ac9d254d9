"""The tables the ACLED and UCDP GED exports follow (data/exports.yaml, data/acled_regions.yaml), read once.

Column lists, ACLED's disorder types, regions and inter codes, and the rules of UCDP's type of violence
are data: `load_export_tables()` reads them into one immutable `ExportTables` that the exports take.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.geo.admin_names import AcledConventions, load_acled_conventions
from conflictdb.records import Place

EXPORTS_FILE = "exports.yaml"
ACTORS_FILE = "actors.yaml"
REGIONS_FILE = "acled_regions.yaml"
GEO_FILE = "geo.yaml"  # its admin2 words: a place coded to its district


@dataclass(frozen=True, slots=True)
class InterCode:
    """An ACLED inter code given to actors whose ACLED name starts with a pattern."""

    pattern: re.Pattern[str]
    code: int


@dataclass(frozen=True, slots=True)
class ViolenceRules:
    """How UCDP's type of violence and deaths by side are worked out (data/exports.yaml)."""

    organised_event_types: frozenset[str]
    one_sided_event_types: frozenset[str]
    battle_event_types: frozenset[str]  # civilians alone among the dead of a battle tell no side
    state_codes: frozenset[int]
    non_state_armed_codes: frozenset[int]
    civilian_codes: frozenset[int]
    state_categories: tuple[str, ...]
    non_state_categories: tuple[str, ...]
    civilian_categories: tuple[str, ...]
    civilians_side: str  # UCDP's side_b of one-sided violence


@dataclass(frozen=True, slots=True)
class ExportTables:
    """Everything the ACLED and UCDP GED exports need, ACLED's naming conventions among it."""

    acled_columns: tuple[str, ...]
    own_columns: tuple[str, ...]  # ours, after ACLED's
    range_columns: Mapping[str, tuple[str, str, str]]  # column -> (outcome, category, bound)
    evidence_path: str  # with {id}
    unknown_country: str  # event_id_cnty's prefix when the country is unknown
    disorder_by_sub_event: Mapping[str, str]
    disorder_by_event: Mapping[str, str]
    civilian_targeting: str
    targeting_event_types: frozenset[str]
    targeting_civilian_categories: tuple[str, ...]
    targeting_armed_categories: tuple[str, ...]
    regions: Mapping[str, str]  # ISO alpha-2 -> ACLED region
    state_forces: re.Pattern[str]
    state_code: int
    foreign_state_code: int
    inter_codes: tuple[InterCode, ...]
    ucdp_published: tuple[str, ...]  # every UCDP GED column, in the codebook's order
    ucdp_columns: tuple[str, ...]  # the ones written, then ours
    ucdp_date_prec: Mapping[str, int]
    district_words: re.Pattern[str]  # a place's words ending so are coded to the district (ucdp_where_prec)
    violence: ViolenceRules
    acled: AcledConventions  # countries, admin names and levels as ACLED writes them

    @property
    def csv_columns(self) -> tuple[str, ...]:
        """The ACLED CSV's header: ACLED's 31 columns, then ours."""
        return self.acled_columns + self.own_columns

    def evidence_url(self, incident_id: str) -> str:
        """The path of the incident's page, where its claims and evidence are shown."""
        return self.evidence_path.format(id=incident_id)


def range_columns(spec: Mapping[str, Any]) -> dict[str, tuple[str, str, str]]:
    """{column: (outcome, category, bound)} of low/best/high by outcome and category ("total" unnamed)."""
    return {
        "_".join(part for part in (outcome, category, bound) if part != "total"): (outcome, category, bound)
        for outcome in spec["outcomes"]
        for category in spec["categories"]
        for bound in spec["bounds"]
    }


def load_regions(data_dir: Path = DATA_DIR) -> Mapping[str, str]:
    """data/acled_regions.yaml as {alpha-2: region}."""
    by_region = load_yaml(REGIONS_FILE, data_dir=data_dir)
    return MappingProxyType({code: region for region, codes in by_region.items() for code in codes})


def _violence_rules(data: Mapping[str, Any]) -> ViolenceRules:
    """The type-of-violence part of data/exports.yaml."""
    return ViolenceRules(
        frozenset(data["organised_violence_event_types"]),
        frozenset(data["one_sided_event_types"]),
        frozenset(data["battle_event_types"]),
        frozenset(data["state_codes"]),
        frozenset(data["non_state_armed_codes"]),
        frozenset(data["civilian_codes"]),
        tuple(data["state_categories"]),
        tuple(data["non_state_categories"]),
        tuple(data["civilian_categories"]),
        data["ucdp_civilians_side"],
    )


def named_entries(actors: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The named actors of data/actors.yaml as read: its `named` groups, then its political parties as
    entries of the same shape (`patterns` from their names and abbreviations, `only_in` their country)."""
    parties = actors.get("parties") or {}
    member = "|".join(sorted(parties.get("member_words", ()), key=len, reverse=True))
    entries = list(actors["named"])
    for country, listed in (parties.get("by_country") or {}).items():
        for party in listed:
            said = [*party.get("names", ()), *party.get("short", ())]
            patterns = [rf"(?:{'|'.join(said)})(?=[ -](?:{member})\b)"]  # a party's people, not the party
            entries.append(
                {
                    "acled": party["acled"],
                    "inter": parties["inter"],
                    "patterns": patterns,
                    "only_in": [country],
                }
            )
    return entries


def named_inter_codes(actors: Mapping[str, Any]) -> tuple[InterCode, ...]:
    """The inter codes of the named actors of data/actors.yaml, as read ({country} in a name matching any
    country)."""
    codes = []
    for actor in named_entries(actors):
        if actor.get("inter") is None:
            continue
        for name in _named_names(actor):
            pattern = re.escape(name).replace(re.escape("{country}"), "[^)]+") + "$"
            codes.append(InterCode(re.compile(pattern), int(actor["inter"])))
    return tuple(codes)


def _named_names(actor: Mapping[str, Any]) -> list[str]:
    """Every ACLED name an entry of actors.yaml's `named` gives: its name, later names and names by country
    (a name, or [[first day, name], ...])."""
    renamed = [name for _, name in actor.get("renamed", ())]
    specs = [actor.get("acled"), *renamed, *actor.get("by_country", {}).values()]
    names = [n for spec in specs if spec for n in ([spec] if isinstance(spec, str) else [n for _, n in spec])]
    return list(dict.fromkeys(names))


def _district_words(admin2_words: list[str], not_district: list[str]) -> re.Pattern[str]:
    """A place's words that end with an admin2 word other than `not_district` ("Nawa district")."""
    words = sorted(set(admin2_words) - set(not_district), key=lambda w: (-len(w), w))
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})$", re.IGNORECASE)


def load_export_tables(
    data_dir: Path = DATA_DIR,
    *,
    actors: Mapping[str, Any] | None = None,
    acled: AcledConventions | None = None,
    geo: Mapping[str, Any] | None = None,
) -> ExportTables:
    """Read data/exports.yaml, data/acled_regions.yaml and ACLED's naming conventions from `data_dir`,
    with the named actors of data/actors.yaml and data/geo.yaml's admin2 words as given (`resources` reads
    those files once for these and the actor and place lexicons) or read here."""
    data = load_yaml(EXPORTS_FILE, data_dir=data_dir)
    geo = geo if geo is not None else load_yaml(GEO_FILE, data_dir=data_dir)
    actors = actors if actors is not None else load_yaml(ACTORS_FILE, data_dir=data_dir)
    ranges = range_columns(data["ranges"])
    own = (*data["own_columns_before_ranges"], *ranges, *data["own_columns_after_ranges"])
    targeting = data["civilian_targeting"]
    return ExportTables(
        acled_columns=tuple(data["acled_columns"]),
        own_columns=tuple(own),
        range_columns=MappingProxyType(ranges),
        evidence_path=data["evidence_path"],
        unknown_country=data["unknown_country_prefix"],
        disorder_by_sub_event=MappingProxyType(data["disorder_by_sub_event_type"]),
        disorder_by_event=MappingProxyType(data["disorder_by_event_type"]),
        civilian_targeting=targeting["value"],
        targeting_event_types=frozenset(targeting["event_types"]),
        targeting_civilian_categories=tuple(targeting["civilian_categories"]),
        targeting_armed_categories=tuple(targeting["armed_categories"]),
        regions=load_regions(data_dir),
        state_forces=re.compile(data["state_forces"]),
        state_code=data["state_code"],
        foreign_state_code=data["foreign_state_code"],
        inter_codes=tuple(InterCode(re.compile(i["pattern"]), i["code"]) for i in data["inter_codes"])
        + named_inter_codes(actors),
        ucdp_published=tuple(data["ucdp_columns"]),
        ucdp_columns=(*data["ucdp_written"], *data["ucdp_own_columns"]),
        ucdp_date_prec=MappingProxyType(data["ucdp_date_prec"]),
        district_words=_district_words(geo["level_after"]["admin2"], data["ucdp_not_district_words"]),
        violence=_violence_rules(data),
        acled=acled or load_acled_conventions(data_dir),
    )


def ucdp_where_prec(place: Place, tables: ExportTables) -> int:
    """UCDP where_prec of a place: 1 the exact location, 2 within 25 km of it, 3 a second-order admin
    unit (a district), 4 a first-order one (a province), 6 only the country."""
    if place.precision == 1:
        return 1
    if place.precision == 2:
        if place.words and tables.district_words.search(place.words):
            return 3  # "Nad Ali district", "a village of Nawa district": coded to the district
        return 2
    return 4 if place.admin1 else 6
