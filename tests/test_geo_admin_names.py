"""ACLED's admin names and levels (data/geo_admin_names.csv) and country names (data/acled_countries.csv)."""

from __future__ import annotations

import csv
import sqlite3
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from conflictdb.datafiles import DATA_DIR
from conflictdb.geo.admin_names import (
    EVERY_ADMIN2,
    admin_names_path,
    conventional_admins,
    load_acled_conventions,
    load_acled_countries,
    load_admin_names,
    load_bare_names,
)
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.names import fold_ascii, normalize_name
from conflictdb.records.places import PlaceKind

TABLE = load_admin_names()


@pytest.mark.parametrize(
    ("country", "admin1", "admin2", "expected"),
    [
        # renamed: a local or English form becomes ACLED's
        ("CM", "Far North", "Mayo-Sava", ("Extreme-Nord", "Mayo-Sava")),
        ("CM", "South-West", None, ("Sud-Ouest", None)),
        ("EG", "Shamal Sina", "Al Arish", ("North Sinai", "Al Arish")),
        ("ID", "Jawa Barat", None, ("West Java", None)),
        ("PH", "Davao", "Davao del Sur", ("Davao Region", "Davao del Sur")),
        ("IL", "Al Janubi", None, ("HaDarom", None)),
        ("LB", "Ash Shimal", None, ("North", None)),
        ("BD", "Chattogram", None, ("Chittagong", None)),
        ("GR", "Attiki", None, ("Attica", None)),
        ("KZ", "Qyzylorda oblysy", None, ("Qyzylorda", None)),
        # one level down: the unit becomes ACLED's admin2 under a larger admin1
        ("MW", "Lilongwe", None, ("Central", "Lilongwe")),
        ("MW", "Zomba", "Some Ward", ("Southern", "Zomba")),
        ("PS", "Khan Yunis", None, ("Gaza Strip", "Khan Yunis")),
        ("PS", "Jerusalem", None, ("West Bank", "Al Quds")),
        ("RS", "Zlatiborski okrug", "Uzice", ("Central Serbia", "Zlatibor")),
        ("RS", "Vojvodina", "Juznobacki okrug", ("Vojvodina", "South Backa")),
        ("RS", "Beograd", "Zemun", ("Belgrade", "Belgrade")),  # the city is one unit at the okrug level
        ("SL", "Western Area", None, ("Western", None)),
        # a first-level unit that is one second-level unit of its own: its admin2 is its name
        ("LY", "Misratah", None, ("Misrata", "Misrata")),
        ("LY", "Az Zawiyah", "Some Quarter", ("Zawiya", "Zawiya")),
        ("IL", "Al Quds", None, ("Jerusalem", "Jerusalem")),
        ("IL", "Tall Abib", None, ("Tel Aviv", "Tel Aviv")),
        ("LB", "Bayrut", None, ("Beirut", "Beirut")),
        ("LB", "Akkar", None, ("Akkar", "Akkar")),
        ("ET", "Harari People", None, ("Harari", "Harari")),
        ("ET", "Addis Ababa", "Bole", ("Addis Ababa", "Addis Ababa")),
        ("LB", "Al Biqa", "Zahleh", ("Bekaa", "Zahleh")),  # a governorate of several districts: kept
        # Ukraine's raions since 2020 by their adjectival names; a former city council as its raion
        ("UA", "Dnipropetrovska oblast", "Nikopol Raion", ("Dnipropetrovsk", "Nikopolskyi")),
        ("UA", "Donetska oblast", "Volnovakha Raion", ("Donetsk", "Volnovaskyi")),
        ("UA", "Kharkivska oblast", "Lozova City Council", ("Kharkiv", "Lozivskyi")),
        ("UA", "Kyiv", "Pechersk Raion", ("Kyiv", "Pechersk Raion")),  # the capital's districts: kept
        # one level up: an admin2 becomes ACLED's admin1
        ("IQ", "Iqlim Kurdistan", "Arbil", ("Erbil", None)),
        ("UG", "Northern", "Gulu", ("Gulu", None)),
        ("UG", "Northern", None, ("Northern", None)),
        # re-parented: Nepal's districts under the development regions and zones ACLED codes
        ("NP", "Bagmati", "Kathmandu", ("Central", "Bagmati")),
        ("NP", "Lumbini", "Nawalparasi", ("West", "Lumbini")),
        ("NP", "Karnali", "Rukum", ("Mid-West", "Rapti")),
        ("NP", "Sudurpashchim", "Kailali", ("Far-West", "Seti")),
        # kept: same name, or a country the table leaves alone
        ("AF", "Kandahar", "Arghandab", ("Kandahar", "Arghandab")),
        ("FR", "Bretagne", "Finistere", ("Bretagne", "Finistere")),
        ("CM", None, None, (None, None)),
    ],
)
def test_geo_admin_names_acled_admins(
    country: str, admin1: str | None, admin2: str | None, expected: tuple[str | None, str | None]
) -> None:
    assert conventional_admins(TABLE, country, admin1, admin2, acled=True) == expected


@pytest.mark.parametrize(
    ("country", "admin1", "spoken", "acled"),
    [
        ("CM", "Far North", "Far North", "Extreme-Nord"),  # French for ACLED, English in extraction
        ("IL", "Al Janubi", "Southern District", "HaDarom"),  # Hebrew for ACLED
        ("LB", "Al Janub", "South Lebanon", "South"),
        ("VE", "La Guaira", "La Guaira", "Vargas"),  # ACLED keeps the state's name before 2019
        ("EG", "Shamal Sina", "North Sinai", "North Sinai"),  # one English name for both
        # the export meets names already converted by the gazetteer: the English one leads to ACLED's
        ("IL", "Southern District", "Southern District", "HaDarom"),
        ("LB", "South Lebanon", "South Lebanon", "South"),
    ],
)
def test_geo_admin_names_extraction_speaks_english_the_export_acled(
    country: str, admin1: str, spoken: str, acled: str
) -> None:
    assert conventional_admins(TABLE, country, admin1, None) == (spoken, None)
    assert conventional_admins(TABLE, country, admin1, None, acled=True) == (acled, None)


@pytest.mark.parametrize("acled", [False, True])
def test_geo_admin_names_applying_twice_changes_nothing(acled: bool) -> None:
    """The export applies the table to names the gazetteer already converted: a second pass is a no-op."""
    for (country, admin1, admin2), _entry in TABLE.items():
        sample2 = "Some Place" if admin2 == EVERY_ADMIN2 else admin2 or "Some Place"
        once = conventional_admins(TABLE, country, admin1, sample2, acled=acled)
        assert conventional_admins(TABLE, country, *once, acled=acled) == once, (country, admin1, admin2)
        spoken = conventional_admins(TABLE, country, admin1, sample2)
        assert conventional_admins(TABLE, country, *spoken, acled=True) == conventional_admins(
            TABLE, country, admin1, sample2, acled=True
        ), (country, admin1, admin2)


def test_geo_admin_names_every_row_has_a_source_and_a_country() -> None:
    with admin_names_path().open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["source"].strip() and len(r["country"]) == 2 for r in rows)
    assert {r["match"] for r in rows} <= {"", "yes"}
    keys = [(r["country"], r["gazetteer_admin1"], r["gazetteer_admin2"]) for r in rows]
    assert len(keys) == len(set(keys))


def _store_units(path: Path) -> dict[str, dict[str, set[str]]]:
    """{country: {admin1 ASCII name: {admin2 names}}} of the store's admin units (an admin2's own name: its
    ASCII name is bare)."""
    units: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    with sqlite3.connect(path) as connection:
        for kind, country, name, parent in connection.execute(
            "SELECT p.kind, p.country, p.name, a.ascii_name FROM places p "
            "LEFT JOIN places a ON a.id = p.admin1_id WHERE p.kind IN ('admin1', 'admin2')"
        ):
            if kind == "admin1":
                units[country][fold_ascii(name)]  # noqa: B018 - an admin1 with no admin2 still counts
            elif parent:
                units[country][parent].add(name)
    return units


def test_geo_admin_names_each_country_covered_whole(gazetteer_path: Path) -> None:
    """A country in the table has every admin1 of the store: keyed itself, lifted with "*", or through
    every one of its admin2 units."""
    Gazetteer.open(gazetteer_path).close()  # built at first use
    units = _store_units(gazetteer_path)
    by_country: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for country, admin1, admin2 in TABLE:
        by_country[country].add((admin1, admin2))
    for country, keys in by_country.items():
        for admin1, admin2s in units[country].items():
            a1 = normalize_name(admin1)
            if (a1, "") in keys or (a1, EVERY_ADMIN2) in keys:
                continue
            missing = {a2 for a2 in admin2s if (a1, normalize_name(a2)) not in keys}
            assert admin2s and not missing, (country, admin1, sorted(missing)[:5])


def test_geo_admin_names_countries_table_is_whole_and_coded() -> None:
    countries = load_acled_countries()
    assert len(countries) >= 250
    assert (countries["CD"].iso, countries["CD"].name) == (180, "Democratic Republic of Congo")
    assert (countries["PS"].iso, countries["PS"].name) == (275, "Palestine")
    assert (countries["XK"].iso, countries["XK"].name) == (0, "Kosovo")
    assert (countries["AF"].iso, countries["CI"].name) == (4, "Ivory Coast")
    assert (countries["CD"].alpha3, countries["PS"].alpha3, countries["XK"].alpha3) == ("COD", "PSE", "XKX")
    alpha3 = {code: pycountry.countries.get(alpha_2=code) for code in countries if code != "XK"}
    assert all(c is not None and c.alpha_3 == countries[code].alpha3 for code, c in alpha3.items())
    isos = [c.iso for code, c in countries.items() if code != "XK"]
    assert len(isos) == len(set(isos)) and all(0 < iso < 1000 for iso in isos)
    with (DATA_DIR / "acled_countries.csv").open(encoding="utf-8", newline="") as handle:
        assert all(row["source"].strip() for row in csv.DictReader(handle))


def test_geo_admin_names_conventions_speak_for_a_place() -> None:
    conventions = load_acled_conventions()
    assert conventions.country("cm") is not None and conventions.country("cm").name == "Cameroon"
    assert conventions.country(None) is None
    assert conventions.admins("cm", "Far North", None) == ("Extreme-Nord", None)


BARE = load_bare_names()


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Provincia de Osorno", "Osorno"),
        ("Partido de La Matanza", "La Matanza"),  # the connector goes, the article stays
        ("Commune of Kalale", "Kalale"),
        ("Departement du Haut-Nkam", "Haut-Nkam"),
        ("Bashkia Shkoder", "Shkoder"),
        ("Kabupaten Jayawijaya", "Jayawijaya"),
        ("Fako Division", "Fako"),
        ("Rutshuru Territory", "Rutshuru"),
        ("Bozoum Sub-Prefecture", "Bozoum"),
        ("Kupiansk Raion", "Kupiansk"),
        ("Borena Zone", "Borena"),
        ("City of Cebu", "Cebu"),
        ("Pcinjski okrug", "Pcinjski"),
        ("Grad Rijeka", "Rijeka"),
        ("Canton Portoviejo", "Portoviejo"),
        ("Daira de Bordj Menaiel", "Bordj Menaiel"),
        ("Garut Regency", "Garut"),
        ("Distrito Central", "Distrito Central"),  # what is left is no name on its own
        ("Capital District", "Capital District"),
        ("Municipio Sucre", "Sucre"),
        # kept whole: no generic word, or nothing but one
        ("La Matanza", "La Matanza"),
        ("Zone 3", "Zone 3"),
        ("Municipality", "Municipality"),
        ("Sector", "Sector"),
        (None, None),
    ],
)
def test_geo_admin_names_bare_names(name: str | None, bare: str | None) -> None:
    assert BARE(name) == bare


@pytest.mark.parametrize(
    ("name", "country", "bare"),
    [
        ("Circunscricao de Chiure", "MZ", "Chiure"),  # Portuguese, in any country
        ("Concelho da Beira", "MZ", "Beira"),
        ("Silopi Ilcesi", "TR", "Silopi"),
        ("Amphoe Sungai Kolok", "TH", "Sungai Kolok"),  # a country's own words, in that country
        ("King Amphoe Kapho", "TH", "Kapho"),
        ("Khet Pathum Wan", "TH", "Pathum Wan"),
        ("Khan Chamkar Mon", "KH", "Chamkar Mon"),
        ("Krong Siem Reap", "KH", "Siem Reap"),
        ("Huyen Dong Anh", "VN", "Dong Anh"),
        ("Thanh Pho Hue", "VN", "Hue"),
        ("Municipiul Cluj-Napoca", "RO", "Cluj-Napoca"),
        ("Nelson Mandela Bay Metropolitan Municipality", "ZA", "Nelson Mandela Bay"),
        ("Ugu District Municipality", "ZA", "Ugu"),
        ("Nefat Ramla", "IL", "Ramla"),
        ("Krong Pi Nang", "TH", "Krong Pi Nang"),  # a word of one country is a name elsewhere
        ("Dera Ghazi Khan", "PK", "Dera Ghazi Khan"),
        ("Amphoe Yaring", None, "Amphoe Yaring"),
        ("Municipio A", "UY", "Municipio A"),  # a letter is no name on its own
    ],
)
def test_geo_admin_names_bare_names_of_a_country(name: str, country: str | None, bare: str) -> None:
    assert BARE(name, country) == bare


def test_geo_admin_names_bare_leaves_the_table_names_alone() -> None:
    assert conventional_admins(TABLE, "PS", "Gaza", None, bare=BARE) == ("Gaza Strip", "Gaza City")
    assert conventional_admins(TABLE, "CM", "South-West", "Fako Division", bare=BARE) == (
        "South-West",
        "Fako",
    )
    assert conventional_admins(TABLE, "AR", "Buenos Aires", "Partido de Quilmes", bare=BARE) == (
        "Buenos Aires",
        "Quilmes",
    )


def test_geo_admin_names_store_speaks_bare_admin2(gazetteer_path: Path) -> None:
    """A town's admin2 is bare and equals its unit's ASCII name; the unit is still found by its full name."""
    gazetteer = Gazetteer.open(gazetteer_path)
    units = [p for p in gazetteer.candidates("Provincia de Cordillera") if p.country == "CL"]
    assert units and all(p.ascii_name == "Cordillera" and p.admin2 == "Cordillera" for p in units)
    towns = [p for p in gazetteer.candidates("Puente Alto") if p.kind is PlaceKind.CITY and p.country == "CL"]
    assert towns and all(p.admin2 == "Cordillera" and p.admin2_id == units[0].id for p in towns)


@pytest.mark.parametrize(
    ("name", "spoken"),
    [
        ("Kandahar District", "Kandahar"),
        ("Nord Province", "Nord"),
        ("Southern District", "Southern District"),  # a direction alone is no name
        ("Capital District", "Capital"),
        ("Free State", "Free State"),  # "state" is a suffix of unit names, not one the spoken names drop
        ("Districtville", "Districtville"),
        ("", None),
        (None, None),
    ],
)
def test_geo_admin_names_spoken_name(name: str | None, spoken: str | None) -> None:
    assert BARE.spoken(name) == spoken


@pytest.mark.parametrize(
    ("name", "country"),
    [("Beni Suef", "EG"), ("Lower Kartli", "GE"), ("Mondul Kiri", "KH"), ("Qyzylorda", "KZ")],
)
def test_geo_admin_names_acled_names_of_a_province_find_it(
    gazetteer_path: Path, name: str, country: str
) -> None:
    """A province the gazetteer spells otherwise is found by the name ACLED's notes give it."""
    gazetteer = Gazetteer.open(gazetteer_path)
    try:
        found = [p for p in gazetteer.candidates(name) if p.kind is PlaceKind.ADMIN1]
    finally:
        gazetteer.close()
    assert [p.country for p in found] == [country], found
