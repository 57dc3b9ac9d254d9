"""Tests for the doer's phrase grammar of conflictdb.extract.actors: some members of a group, a doer told
with how it came ("on patrol"), deeds told in the present tense or in the passive with "to death"."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictdb.extract.actor_lexicon import load_actor_lexicon
from conflictdb.extract.actors import acled_actor, find_actors

_LEXICON = load_actor_lexicon()
_DAY = dt.date(2021, 5, 3)
VAC = ("Violence against civilians", "Attack")
POLICE = "Police Forces of Nigeria (2015-)"
ARMY = "Military Forces of Nigeria (2015-)"
JNIM = "JNIM: Group for Support of Islam and Muslims"


@pytest.fixture(scope="module")
def lexicon():
    return _LEXICON


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("some members of the police", "Police Forces of Nigeria (2015-)"),
        ("two elements of the army", "Military Forces of Nigeria (2015-)"),
        ("a member of Boko Haram", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"),
        ("army men", "Military Forces of Nigeria (2015-)"),
        ("police authorities", "Police Forces of Nigeria (2015-)"),
    ],
)
def test_actors_some_members_of_a_group_are_the_group(lexicon, phrase, name):
    assert acled_actor(phrase, lexicon, country="NG", day=_DAY) == name


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # a part of a group named before it
        ("Some members of the police beat up a cyclist at the toll gate.", POLICE),
        ("Three members of the Nigerian army shot a herder at the ford.", ARMY),
        # a single soldier told with how he came, a group on motorbikes
        ("An army soldier on patrol killed a fisherman near the jetty.", ARMY),
        ("Unknown gunmen on motorbikes kill a tailor near the depot.", "Unidentified Armed Group (Nigeria)"),
        # deeds the older patterns did not read: raped, stabbed; "to death" after a passive verb
        ("Nigerian soldiers reportedly raped a farmer near the well.", "Military Forces of Nigeria (2015-)"),
        ("A tailor was beaten to death by police officers at the depot.", "Police Forces of Nigeria (2015-)"),
        ("A clerk was assaulted by two police men in the hall.", "Police Forces of Nigeria (2015-)"),
    ],
)
def test_actors_doer_phrase_grammar(lexicon, text, actor1):
    coding = find_actors(text, lexicon, country="NG", day=_DAY, event=VAC).coding
    assert coding.actor1 == actor1


def test_actors_members_of_a_group_still_need_a_group(lexicon):
    assert acled_actor("some members of the choir", lexicon, country="NG", day=_DAY) is None


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("Gunmen attack a convoy of traders near the ford.", "Gunmen"),
        # a noun compound is no deed: "artillery attack", "militant attacks"
        ("Sirens warned of an artillery attack on the town.", None),
        ("The report counts 300 militant attacks during the year.", None),
    ],
)
def test_actors_attack_in_the_present_is_a_deed_only_before_its_object(lexicon, text, perpetrator):
    found = find_actors(text, lexicon, country="NG", day=_DAY, event=VAC)
    assert found.perpetrator == perpetrator


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        # a single officer, trooper or militiaman; forces named by the state they serve or by their dress
        ("a police officer", POLICE),
        ("an officer", POLICE),
        ("a trooper", ARMY),
        ("plainclothes policemen", POLICE),
        ("uniformed soldiers", ARMY),
        ("state forces", ARMY),
        ("a militiaman", "Unidentified Armed Group (Nigeria)"),
    ],
)
def test_actors_single_doers_and_forces_by_dress(lexicon, phrase, name):
    assert acled_actor(phrase, lexicon, country="NG", day=_DAY) == name


def test_actors_property_set_ablaze_names_its_doer(lexicon):
    text = "Uniformed soldiers set ablaze two granaries at the edge of the hamlet."
    found = find_actors(text, lexicon, country="NG", day=_DAY, event=("Strategic developments", "Looting"))
    assert found.perpetrator == "Uniformed soldiers"


def test_actors_some_members_of_a_group_are_read_for_the_doer_only(lexicon):
    # the one a deed was done to is read as before: "members of" opens no target phrase
    found = find_actors("Farmers killed several members of the gang near the well.", lexicon, country="NG")
    assert found.target is None or "members" not in found.target


@pytest.mark.parametrize(
    ("text", "country", "actor1"),
    [
        # the group the hyphened name ties to acted, not the group named first
        (
            "Four soldiers died fighting Islamic State-linked Abu Sayyaf Group gunmen last week.",
            "PH",
            "Abu Sayyaf Group",
        ),
        ("Al Qaeda-affiliated JNIM fighters ambushed a convoy near the dune.", "ML", JNIM),
        # without a name after it, the tie names no doer: the armed men stay unidentified
        (
            "Al-Qaeda-linked gunmen shot a trader outside the grain store.",
            "NG",
            "Unidentified Armed Group (Nigeria)",
        ),
    ],
)
def test_actors_a_group_tied_to_another_by_a_hyphen_is_not_that_other(lexicon, text, country, actor1):
    assert find_actors(text, lexicon, country=country, day=_DAY).coding.actor1 == actor1


def test_actors_the_tie_is_stripped_from_the_phrase_before_it_is_named(lexicon):
    phrase = "Islamic State-linked Bangsamoro Islamic Freedom Fighters"
    assert acled_actor(phrase, lexicon, country="PH", day=_DAY) == "BIFF: Bangsamoro Islamic Freedom Fighters"


@pytest.mark.parametrize(
    "text",
    [
        "Militiamen raided a camp for displaced people on the edge of the market town.",
        "Gunmen attacked an IDP camp outside the town at dawn.",
        "Bandits stormed a refugee camp near the river crossing.",
    ],
)
def test_actors_a_camp_of_people_driven_from_home_is_civilians(lexicon, text):
    assert find_actors(text, lexicon, country="NG", day=_DAY).target_acled == "Civilians (Nigeria)"


def test_actors_a_camp_alone_is_not_civilians(lexicon):
    assert acled_actor("camp", lexicon, country="NG", day=_DAY) is None


@pytest.mark.parametrize(
    "phrase", ["a displacement camp", "the IDP camps", "refugees", "a camp of displaced civilians"]
)
def test_actors_people_driven_from_home_and_their_camps_name_civilians(lexicon, phrase):
    assert acled_actor(phrase, lexicon, country="NG", day=_DAY) == "Civilians (Nigeria)"


@pytest.mark.parametrize(
    "phrase", ["the diners", "a crowded restaurant", "churchgoers", "a village church", "shoppers"]
)
def test_actors_people_told_by_what_they_were_doing_name_civilians(lexicon, phrase):
    assert acled_actor(phrase, lexicon, country="NG", day=_DAY) == "Civilians (Nigeria)"
