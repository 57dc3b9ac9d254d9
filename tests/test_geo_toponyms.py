"""Toponym recognition: names, cues, transliterations and what must not be taken for a place."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.lexicon import GeoLexicon, load_geo_lexicon
from conflictdb.geo.toponyms import find_toponyms
from conflictdb.geo.words import tokenize_words
from conflictdb.records.places import PlaceKind
from tests.renamed_dates import NEW_MARCH, NEW_SUNDAY, renamed_dates


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer.open(tmp_path_factory.getbasetemp() / "gazetteer.sqlite")


@pytest.fixture(scope="module")
def lexicon() -> GeoLexicon:
    return load_geo_lexicon()


@pytest.mark.parametrize(
    ("text", "surface", "cue", "level"),
    [
        ("Clashes were reported in Logar province.", "Logar", None, PlaceKind.ADMIN1),
        ("A bomb went off in Nad Ali district.", "Nad Ali", None, PlaceKind.ADMIN2),
        ("Gunmen attacked a post in Nad Ali (Marja) district.", "Nad Ali", None, PlaceKind.ADMIN2),
        ("Shelling hit the outskirts of Kandahar.", "Kandahar", "near", None),
        ("A blast was heard near Aleppo.", "Aleppo", "near", None),
        ("A rocket landed 15 km north of Kunduz city.", "Kunduz", "distance", PlaceKind.CITY),
        ("Lashkar Gah, the provincial capital, came under fire.", "Lashkar Gah", None, None),
        ("A car bomb exploded on Jalalabad road in Kabul.", "Jalalabad", "feature", None),
        ("Two soldiers of the Kandahar brigade died in clashes.", "Kandahar", "feature", None),
        ("Fighting continued in Deir ez-Zor.", "Deir ez-Zor", None, None),
    ],
)
def test_geo_toponyms_cues(
    text: str,
    surface: str,
    cue: str | None,
    level: PlaceKind | None,
    gazetteer: Gazetteer,
    lexicon: GeoLexicon,
) -> None:
    match = next(m for m in find_toponyms(text, gazetteer, lexicon) if m.surface == surface)
    assert text[match.start : match.end] == surface
    if cue is not None:
        assert cue in match.cues
    assert match.level is level


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Lowgar", "Logar"),
        ("Ningarhar", "Nangarhar"),
        ("Hilmand", "Helmand"),
        ("Kondoz", "Kunduz"),
        ("Qunduz", "Kunduz"),
        ("Miyanishin", "Mya Neshin"),
        ("Mianisheen", "Mya Neshin"),
        ("Urozgan", "Uruzgan"),
    ],
)
def test_geo_toponyms_transliteration_variants(
    variant: str, canonical: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    matches = find_toponyms(f"Fighting was reported in {variant} on Monday.", gazetteer, lexicon)
    assert matches and matches[0].surface == variant
    assert any(p.ascii_name.startswith(canonical) for p in matches[0].candidates)


@pytest.mark.parametrize(
    "text",
    [
        "Afghan forces said the Taliban lost ground.",
        "The Islamic State claimed the attack on Monday.",
        "Police said the attack happened in May.",
        "Reuters and AFP reported heavy fighting.",
    ],
)
def test_geo_toponyms_ignores_demonyms_and_common_words(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert find_toponyms(text, gazetteer, lexicon) == []


def test_geo_toponyms_marks_person_titles(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    matches = find_toponyms("President Ghani visited the wounded.", gazetteer, lexicon)
    assert all("person" in m.cues for m in matches)


def test_geo_toponyms_country_names_carry_their_code(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    matches = find_toponyms("Strikes hit Yemen and Syria.", gazetteer, lexicon)
    assert [m.country for m in matches] == ["YE", "SY"]


def test_geo_toponyms_territories_are_places(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    (match,) = find_toponyms("Strikes hit the Gaza Strip.", gazetteer, lexicon)
    assert match.country is None and {p.country for p in match.candidates} == {"PS"}


def test_geo_toponyms_possessive(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    (match,) = find_toponyms("Jets struck Beirut's southern suburbs.", gazetteer, lexicon)
    assert match.surface == "Beirut's" and not match.fuzzy


def test_geo_toponyms_spans_quote_the_text(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    text = "In Kabul, Herat and Mazar-e Sharif, officials said."
    assert [text[m.start : m.end] for m in find_toponyms(text, gazetteer, lexicon)] == [
        "Kabul",
        "Herat",
        "Mazar-e Sharif",
    ]


def test_geo_toponyms_data_lists_are_strings() -> None:
    data = load_yaml("geo.yaml")
    for value in data.values():
        items = [x for v in value.values() for x in v] if isinstance(value, dict) else value
        assert all(isinstance(x, str) for x in items)


def test_geo_toponyms_every_alias_points_into_the_gazetteer(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    missing = [a.key for a in lexicon.aliases.values() if not gazetteer.candidates_by_key(a.key)]
    assert missing == []


def _match(text: str, surface: str, gazetteer: Gazetteer, lexicon: GeoLexicon):
    return next(m for m in find_toponyms(text, gazetteer, lexicon) if m.surface == surface)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        (
            "KANDAHAR, May 2 (Reuters) - A bomb killed three people in Spin Boldak, officials said.",
            "KANDAHAR",
        ),
        ("Herat, Afghanistan \u2013 Gunmen shot dead two guards at a checkpoint, police said.", "Herat"),
        ("June 3, 2020 (HERAT) \u2013 Gunmen shot dead two guards at a checkpoint, police said.", "HERAT"),
    ],
)
def test_geo_toponyms_marks_the_dateline(
    text: str, surface: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert "dateline" in _match(text, surface, gazetteer, lexicon).cues


def test_geo_toponyms_outlet_credit_is_no_place(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    text = "Monday, June 3, 2019 (HOL) - Gunmen attacked a checkpoint near Baidoa, the governor told HOL."
    credits = [m for m in find_toponyms(text, gazetteer, lexicon) if m.surface == "HOL"]
    assert len(credits) == 2 and all("credit" in m.cues for m in credits)


def test_geo_toponyms_cues_stop_at_a_line_break(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    text = "Death toll in bus bombing rises to\n\nKunduz officials said on Monday that nine people died."
    assert "locative" not in _match(text, "Kunduz", gazetteer, lexicon).cues


def test_geo_toponyms_name_spelt_in_two_words(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    match = _match("Mourners gathered in Beled Weyne on Friday.", "Beled Weyne", gazetteer, lexicon)
    assert {p.country for p in match.candidates} == {"SO"}


def test_geo_toponyms_demonym_gives_the_country(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    text = "A rocket hit the northern Syrian town of Azaz on Sunday."
    assert _match(text, "Azaz", gazetteer, lexicon).said_country == "SY"


def test_geo_toponyms_name_after_a_title_is_a_person(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    text = "Army spokesman Col. Ahmed Hassan said the strikes hit supply lines."
    assert "person" in _match(text, "Hassan", gazetteer, lexicon).cues


def test_geo_toponyms_lebanese_caza_by_its_own_name(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    match = _match("A drone hit a motorcycle near Bint Jbeil on Sunday.", "Bint Jbeil", gazetteer, lexicon)
    assert {(p.country, p.admin1) for p in match.candidates} == {("LB", "Nabatieh")}


def test_geo_every_place_alias_names_where_its_spelling_is_used() -> None:
    with (DATA_DIR / "place_aliases.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["source"].strip() for row in rows)
    assert not {row["variant"].lower() for row in rows} & {"heart", "suki", "marja"}  # a typo, single notes


@pytest.mark.parametrize("word", ["neighbourhood", "camp", "convention", "region name", "district of"])
def test_geo_every_place_alias_is_a_spelling_of_the_same_place(word: str) -> None:
    """An alias spells the place it points at; a quarter, a camp or a region coded to a town is no alias."""
    with (DATA_DIR / "place_aliases.csv").open(encoding="utf-8", newline="") as handle:
        sources = [row["source"].lower() for row in csv.DictReader(handle)]
    assert not [s for s in sources if word in s]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Rockets fell on Kandahar at dawn.", "Kandahar was calm by noon."),
        ("Troops left Mazar-e Sharif on Monday.", "In Mazar-e Sharif, shops reopened."),
        ("Officials in Herat said nothing.", "Herat Province saw no fighting."),
    ],
)
def test_geo_toponyms_remembered_phrases_match_alike(
    gazetteer: Gazetteer, lexicon: GeoLexicon, first: str, second: str
) -> None:
    """A phrase looked up once (gazetteer.memo) is found again the same way in another text."""
    fresh = Gazetteer.open(gazetteer.path)
    try:
        before = [(m.surface, m.candidates, m.country) for m in find_toponyms(second, fresh, lexicon)]
        find_toponyms(first, gazetteer, lexicon)
        after = [(m.surface, m.candidates, m.country) for m in find_toponyms(second, gazetteer, lexicon)]
        assert after == before and after
    finally:
        fresh.close()


def test_geo_toponyms_memo_is_per_lexicon_and_emptied_on_reload(gazetteer: Gazetteer) -> None:
    mine, other = load_geo_lexicon(), load_geo_lexicon()
    gazetteer.memo(mine)["Velmora"] = (0, (), None, False)
    assert "Velmora" not in gazetteer.memo(other)
    assert gazetteer.memo(mine)["Velmora"] == (0, (), None, False)
    gazetteer.reload()
    assert "Velmora" not in gazetteer.memo(mine)


@pytest.mark.parametrize(
    ("opening", "town", "country"),
    [
        ("In", "Garissa", "KE"),
        ("In", "Dori", "BF"),
        ("In", "Goma", "CD"),
        ("In", "Sumy", "UA"),
        ("In", "Taiz", "YE"),
        ("In", "Homs", "SY"),
        ("In", "Sokoto", "NG"),
        ("At", "Agadez", "NE"),
        ("At", "Mandera", "KE"),
    ],
)
def test_geo_toponyms_a_sentence_opening_word_is_no_part_of_the_name(
    opening: str, town: str, country: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    # "In Goma" at a sentence's start is capitalised like a two-word name; its skeleton must not be matched
    matches = find_toponyms(f"{opening} {town}, gunmen shot dead four traders on Monday.", gazetteer, lexicon)
    assert matches and matches[0].surface == town
    assert country in {p.country for p in matches[0].candidates}


@pytest.mark.parametrize(
    ("text", "surface", "country", "admin1"),
    [
        ("Police dispersed a rally in Santa Rosa (La Pampa) at noon.", "Santa Rosa", "AR", "La Pampa"),
        ("A shop was looted in Cordoba (Veracruz) overnight.", "Cordoba", "MX", "Veracruz"),
        ("Gunmen shot a driver in Valencia (Carabobo) on Sunday.", "Valencia", "VE", "Carabobo"),
        ("Students protested in Merida (Yucatan) against fees.", "Merida", "MX", "Yucatan"),
        ("Clashes erupted in Hyderabad (Sindh) after prayers.", "Hyderabad", "PK", "Sindh"),
        ("Riot police clashed with students in Aurangabad (Bihar).", "Aurangabad", "IN", "Bihar"),
        ("A mob burned a bus in Barcelona (Anzoategui) late on Monday.", "Barcelona", "VE", "Anzoategui"),
        ("A teacher was abducted in Kaya (Sanmatenga) on Tuesday.", "Kaya", "BF", "Centre-Nord"),
        (
            "Gunmen robbed a bakery in Santa Maria (Rio Grande do Sul).",
            "Santa Maria",
            "BR",
            "Rio Grande do Sul",
        ),
        ("Residents blocked a road in San Jose (Occidental Mindoro).", "San Jose", "PH", "Mimaropa"),
        ("Unknown men shot a guard in Pokrovsk (Donetsk) overnight.", "Pokrovsk", "UA", "Donetsk"),
        ("Protesters marched in San Antonio (Valparaiso) on Monday.", "San Antonio", "CL", "Valparaiso"),
        ("Traders closed their shops in Bama (Borno) in protest.", "Bama", "NG", "Borno"),
        ("Unidentified men burned a truck in Victoria (Tamaulipas).", "Victoria", "MX", "Tamaulipas"),
        ("Farmers marched in Alexandria (Teleorman) over prices.", "Alexandria", "RO", "Teleorman"),
        ("Residents blocked a road in Trujillo (La Libertad) for hours.", "Trujillo", "PE", "La Libertad"),
    ],
)
def test_geo_toponyms_bracketed_unit_chooses_among_namesakes(
    text: str, surface: str, country: str, admin1: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    """ "X (Y)", "X (Y, Z)": X keeps only the candidates that the bracketed unit holds."""
    held = _match(text, surface, gazetteer, lexicon).candidates
    alone = _match(text[: text.index(" (")] + ".", surface, gazetteer, lexicon).candidates
    assert held and len(held) < len(alone)
    assert any(p.country == country and admin1.lower() in (p.admin1 or "").lower() for p in held), held


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Protesters marched in Panama City (Bella Vista) at dusk.", "Panama City"),  # a part of the city
        ("Workers staged a sit-in in Dakar (Plateau) on Monday.", "Dakar"),
        ("Gunmen attacked a post in Nad Ali (Marja) district.", "Nad Ali"),  # another name of the place
    ],
)
def test_geo_toponyms_brackets_that_hold_nothing_leave_the_place(
    text: str, surface: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    alone = find_toponyms(text[: text.index(" (")] + ".", gazetteer, lexicon)
    assert (
        _match(text, surface, gazetteer, lexicon).candidates
        == next(m for m in alone if m.surface == surface).candidates
    )


@pytest.mark.parametrize(
    ("text", "unknown", "unit"),
    [
        ("Rebels burned houses in the village of Tangwe in Bui division.", "Tangwe", "Bui"),
        ("A boy was killed in Kurogwe village in the Nord-Ouest region.", "Kurogwe", "Nord-Ouest"),
        ("Soldiers raided the hamlet of Ngolowa in Ituri province.", "Ngolowa", "Ituri"),
        ("Villagers fled the hamlet of Zorbakan in Shindand district.", "Zorbakan", "Shindand"),
        ("An airstrike hit the village of Tanglowagai in Nangarhar province.", "Tanglowagai", "Nangarhar"),
        ("Raiders looted Mbikassa village in Ouham prefecture.", "Mbikassa", "Ouham"),
        ("Gunmen abducted traders in the village of Karaweru in Katsina state.", "Karaweru", "Katsina"),
        (
            "A bomb struck a bus near Ksar Bellouma town in Kasserine governorate.",
            "Ksar Bellouma",
            "Kasserine",
        ),
        ("Rioters torched the settlement of Zhuravlynivka in Kharkiv oblast.", "Zhuravlynivka", "Kharkiv"),
        ("Soldiers searched Hlaingbwe Ywathit village in Kayin state.", "Hlaingbwe Ywathit", "Kayin"),
        ("A car bomb exploded in Tal Abyad (Raqqa) on Sunday.", "Tal Abyad", "Raqqa"),
        ("Shots were heard in Ramos Mejia (Buenos Aires) at night.", "Ramos Mejia", "Buenos Aires"),
        ("Police arrested two in Cerro Navia (Metropolitana) on Monday.", "Cerro Navia", "Metropolitana"),
        ("Militants looted a shop at Hpakant (Kachin) on Sunday.", "Hpakant", "Kachin"),
    ],
)
def test_geo_toponyms_unknown_place_speaks_through_its_unit(
    text: str, unknown: str, unit: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    """A name the gazetteer lacks, placed by its syntax, is no match of its own: the unit named with it
    carries its preposition and is marked the container."""
    matches = find_toponyms(text, gazetteer, lexicon)
    assert not any(unknown in m.surface for m in matches)
    held_by = _match(text, unit, gazetteer, lexicon)
    assert {"container", "locative"} <= held_by.cues


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Shelling hit the Abu Kabul area on Monday.", "Kabul"),  # a known name inside is matched alone
        ("Clashes broke out in Donga LGA (Taraba) over land.", "Donga"),  # a name and its level word
        ("Officials in the Taliban-held Musa Qala district said nothing.", "Musa Qala"),
    ],
)
def test_geo_toponyms_unknown_phrase_never_swallows_a_known_name(
    text: str, surface: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert _match(text, surface, gazetteer, lexicon).candidates


@pytest.mark.parametrize(
    "text",
    [
        "In the Buzi Xanadu area, gunmen stopped a bus.",  # no unit named with it: nothing to place it by
        "The United Nations village of peace was inaugurated.",
        "Residents of the Xorvalo community gathered on Monday.",
        "Troops clashed with rebels in Sitio Malubog, Barangay Tinagtag on Friday.",  # unit words, no names
        "Farmers fled Purok Dos in Barangay Kalawag after the shelling.",
    ],
)
def test_geo_toponyms_unknown_place_without_unit_is_dropped(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert all(m.candidates or m.country for m in find_toponyms(text, gazetteer, lexicon))


def test_geo_toponyms_name_running_on_is_no_container(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    """ "X village, Helmand Omar said": Helmand runs on into a person's name, so it holds nothing."""
    text = "Gunmen raided Zorgawi village, Helmand Omar Zwak told reporters."
    assert "container" not in _match(text, "Helmand", gazetteer, lexicon).cues


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Police cordoned off a street in Al-Arish after the blast.", "Al-Arish", "EG"),
        ("A convoy was ambushed outside Al Arish on Sunday.", "Al Arish", "EG"),
        ("Jets flew over Ar-Raqqa at dawn.", "Ar-Raqqa", "SY"),
    ],
)
def test_geo_toponyms_arabic_article_before_a_listed_name(
    text: str, surface: str, country: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    match = next(m for m in find_toponyms(text, gazetteer, lexicon) if m.surface == surface)
    assert not match.fuzzy and {p.country for p in match.candidates} == {country}


def test_geo_toponyms_english_word_is_no_article(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    text = "At Kandahar airport the guards changed shifts."
    assert [m.surface for m in find_toponyms(text, gazetteer, lexicon)][:1] == ["Kandahar"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("A lecturer from Hilltop University was beaten on campus.", "University"),
        ("Cleaners at the Coastal Savings Bank walked out over pay.", "Bank"),
        ("Students of the Riverside Technical College blocked the gate.", "College"),
        ("Activists camped in Liberty Park for a week.", "Park"),
        ("Clerks gathered at the Town Hall to demand back pay.", "Hall"),
        ("University staff began a strike over unpaid grants.", "University"),
    ],
)
def test_geo_toponyms_last_word_of_an_institution_is_no_place(
    text: str, absent: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert absent not in [m.surface for m in find_toponyms(text, gazetteer, lexicon)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Gunmen attacked a market in Ouagadougou (Kadiogo, Centre) on Monday.", "Centre"),
        ("Voters marched in the Centre region on Sunday.", "Centre"),
    ],
)
def test_geo_toponyms_institution_word_as_a_unit(
    text: str, surface: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert surface in [m.surface for m in find_toponyms(text, gazetteer, lexicon)]


@pytest.mark.parametrize(
    ("text", "absent", "unit"),
    [
        ("Gunmen raided Victoria (Beyla, Nzerekore) at dawn.", "Victoria", "Beyla"),
        ("Herders clashed near Toledo (Banfora, Cascades) on Friday.", "Toledo", "Banfora"),
    ],
)
def test_geo_toponyms_bracketed_unit_of_one_country_rules_out_namesakes_abroad(
    text: str, absent: str, unit: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    """ "X (Y, Z)" where no reading of X lies in Z's country: X is a place the gazetteer lacks, held by Y."""
    assert absent not in [m.surface for m in find_toponyms(text, gazetteer, lexicon)]
    assert "container" in _match(text, unit, gazetteer, lexicon).cues


def test_geo_toponyms_lower_case_article_stays_inside_its_name(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    text = "Shelling hit the Tal as-Sultan area at night."
    exact = [m.surface for m in find_toponyms(text, gazetteer, lexicon) if not m.fuzzy]
    assert "as-Sultan" not in exact  # not "Sultan" read without its article


@pytest.mark.parametrize(
    ("text", "surface", "country", "admin1"),
    [
        ("Talks were held in Côte d’Ivoire on Monday.", "Côte d’Ivoire", "CI", None),
        ("Gunmen burned houses in Grand-Bois de l'Ouest, Haitian police said.", "l'Ouest", None, "Ouest"),
        ("Rain cut the roads of l’Ouest overnight.", "l’Ouest", None, "Ouest"),
    ],
)
def test_geo_toponyms_name_behind_an_elided_article(
    text: str,
    surface: str,
    country: str | None,
    admin1: str | None,
    gazetteer: Gazetteer,
    lexicon: GeoLexicon,
) -> None:
    """ "l'Ouest", "d'Ivoire": an article elided onto a name leaves it a name, found with or without it."""
    match = _match(text, surface, gazetteer, lexicon)
    assert match.country == country
    if admin1 is not None:
        assert any(p.kind is PlaceKind.ADMIN1 and p.ascii_name == admin1 for p in match.candidates)


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Shelling hit a farm in Tafileh overnight.", "Tafileh", "JO"),
        ("Patrols were seen near At-Tafileh on Sunday.", "At-Tafileh", "JO"),
    ],
)
def test_geo_toponyms_levantine_feminine_ending(
    text: str, surface: str, country: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    match = _match(text, surface, gazetteer, lexicon)
    assert not match.fuzzy
    assert any(p.country == country and p.kind is PlaceKind.ADMIN1 for p in match.candidates)


@pytest.mark.parametrize(
    ("text", "surface", "role"),
    [
        ("The minibus was travelling to the provincial capital Gardez.", "Gardez", True),
        ("The lorries were heading from Herat to Kandahar.", "Herat", True),
        ("The lorries were heading from Herat to Kandahar.", "Kandahar", True),
        ("A coach bound for Mazar-i-Sharif was stopped.", "Mazar-i-Sharif", True),
        ("Two traders on their way to Jalalabad were robbed.", "Jalalabad", True),
        ("The convoy was heading north when it was hit in Ghazni.", "Ghazni", False),
        ("Travellers returning home were stopped, and gunmen opened fire in Khost.", "Khost", False),
        ("Gunmen attacked a bus in Kunduz.", "Kunduz", False),
    ],
)
def test_geo_toponyms_marks_a_place_named_in_another_role(
    text: str, surface: str, role: bool, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    """An end of a journey told in the same clause ("travelling to X") is a role place; a place the
    clause tells after its role word has ended it is not."""
    match = next(m for m in find_toponyms(text, gazetteer, lexicon) if m.surface == surface)
    assert ("role" in match.cues) is role


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Families displaced by the fighting have flooded the Country since spring.", "Country"),
        ("The Resistance said its fighters had held the ridge.", "Resistance"),
        ("Marchers filled the avenue for Labor Day before police moved in.", "Labor Day"),
        ("Neither side gave a toll for the clash.", "Neither"),
    ],
)
def test_geo_toponyms_an_english_word_is_no_guessed_spelling(
    text: str, word: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    # a word of English is spelt right: its skeleton must not find a town it merely resembles
    assert not [m for m in find_toponyms(text, gazetteer, lexicon) if m.fuzzy and word in m.surface]


def test_geo_toponyms_a_misspelt_name_is_still_guessed(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    # a name below fuzzy_english_zipf (no word of English) keeps its guessed spelling
    matches = find_toponyms("A checkpoint in Kandahaar was stormed on Monday.", gazetteer, lexicon)
    match = next(m for m in matches if m.surface == "Kandahaar")
    assert match.fuzzy and "AF" in {p.country for p in match.candidates}


def test_geo_toponyms_elided_articles_are_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    assert [w.capitalised for w in tokenize_words("near l'Isere", load_geo_lexicon())] == [False, True]
    source = (data_dir / "geo.yaml").read_text(encoding="utf-8")
    edited = source.replace("elided_articles: [d, l, dell,", "elided_articles: [d, dell,")
    assert edited != source
    (data_dir / "geo.yaml").write_text(edited, encoding="utf-8")
    lexicon = load_geo_lexicon(data_dir=data_dir)
    assert [w.capitalised for w in tokenize_words("near l'Isere", lexicon)] == [False, False]


def test_lexicon_calendar_stop_words_come_from_the_date_lexicon(tmp_path: Path):
    """geo.yaml names months and weekdays by placeholders the date lexicon fills: renamed in dates.yaml, the
    new names are the capitalised words never taken for a place, and the old ones no longer are."""
    packaged, renamed = load_geo_lexicon(), load_geo_lexicon(dates=renamed_dates(tmp_path))
    sunday, march = NEW_SUNDAY.lower(), NEW_MARCH.lower()
    assert {"sunday", "march", "sept"} <= packaged.stop_words and not {sunday, march} & packaged.stop_words
    assert {sunday, march, "sept"} <= renamed.stop_words and not {"sunday", "march"} & renamed.stop_words
    assert not any("{" in word for word in renamed.stop_words)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a way named by the two places it joins: each name is a place, in the role of a feature
        ("Traders blocked the Kandahar-Herat highway for two hours.", ["Kandahar", "Herat"]),
        ("A bus was stopped on the Kabul-Jalalabad road.", ["Kabul", "Jalalabad"]),
    ],
)
def test_geo_toponyms_a_way_between_two_places_names_both(
    gazetteer: Gazetteer, lexicon: GeoLexicon, text: str, names: list[str]
) -> None:
    found = find_toponyms(text, gazetteer, lexicon)
    assert [m.surface for m in found] == names
    assert all("feature" in m.cues and m.candidates for m in found)


def test_geo_toponyms_a_hyphenated_word_before_no_way_stays_whole(lexicon: GeoLexicon) -> None:
    words = tokenize_words("A Kabul-based group and the Kabul-Jalalabad road.", lexicon)
    assert [w.text for w in words] == [
        "A",
        "Kabul-based",
        "group",
        "and",
        "the",
        "Kabul",
        "Jalalabad",
        "road",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Shops were burned in Ward 9 of Kandahar.",
        "Police fired tear gas in Zone 4 and Sector 12 of Kandahar.",
        "Residents of Block no. 7 marched to Kandahar.",
    ],
)
def test_geo_toponyms_numbered_part_of_a_town_is_no_place(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert [m.surface for m in find_toponyms(text, gazetteer, lexicon)] == ["Kandahar"]


def test_geo_toponyms_unit_word_without_number_is_still_a_name(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert "Ward" in [
        m.surface for m in find_toponyms("Fighting near Ward was reported.", gazetteer, lexicon)
    ]
