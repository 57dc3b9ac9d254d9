"""Tests for conflictdb.extract.actor_names: a protesting or rioting crowd of foreigners is named for its
nationality (ACLED's convention), refugees of no nationality told as International.

Every sentence is written for these tests (invented places and people).
"""

from __future__ import annotations

import datetime as dt

import pytest

from conflictdb.extract.actor_lexicon import load_actor_lexicon
from conflictdb.extract.actor_names import crowd_nationality
from conflictdb.extract.actors import find_actors

_LEXICON = load_actor_lexicon()
_DAY = dt.date(2020, 5, 1)
PROTEST = ("Protests", "Peaceful protest")
RIOT = ("Riots", "Mob violence")

# text, country of the event, event, actor1
CROWDS = [
    (
        "On 2 May 2020, about 40 Chinese tourists held a sit-in at the airport in Tulo.",
        "NP",
        PROTEST,
        "Protesters (China)",
    ),
    (
        "On 2 May 2020, a group of Russian nationals stuck in Tulo protested outside the town hall.",
        "IN",
        PROTEST,
        "Protesters (Russia)",
    ),
    (
        "On 2 May 2020, Venezuelan demonstrators blocked the bridge at Tulo.",
        "CO",
        PROTEST,
        "Protesters (Venezuela)",
    ),
    (
        "On 2 May 2020, twelve Indian citizens attacked a border guard near Tulo.",
        "NP",
        RIOT,
        "Rioters (India)",
    ),
    (
        "On 2 May 2020, some 200 refugees staged a sit-in outside the aid office in Tulo camp.",
        "KE",
        PROTEST,
        "Protesters (International)",
    ),
    (
        "On 2 May 2020, asylum seekers gathered at the gate of the Tulo centre demanding transfers.",
        "GR",
        PROTEST,
        "Protesters (International)",
    ),
    # no nationality told, or foreigners who are not the crowd: the event's country
    (
        "On 2 May 2020, traders protested in Tulo market over new stall fees.",
        "KE",
        PROTEST,
        "Protesters (Kenya)",
    ),
    (
        "On 2 May 2020, residents of Tulo protested against the arrival of Chinese workers.",
        "KE",
        PROTEST,
        "Protesters (Kenya)",
    ),
    (
        "On 2 May 2020, villagers rallied in Tulo to ask that refugees be moved elsewhere.",
        "UG",
        PROTEST,
        "Protesters (Uganda)",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor1"), CROWDS)
def test_actors_a_crowd_of_foreigners_is_named_for_its_nationality(text, country, event, actor1):
    assert find_actors(text, _LEXICON, country=country, day=_DAY, event=event).coding.actor1 == actor1


def test_actors_refugees_with_a_nationality_are_not_international():
    text = "On 2 May 2020, Syrian refugees protested in Tulo over cuts to food aid."
    assert crowd_nationality(text, _LEXICON.naming) == "SY"


def test_actors_a_crowd_of_foreigners_keeps_armed_events_as_they_were():
    text = "On 2 May 2020, gunmen attacked Chinese tourists near Tulo."
    event = ("Violence against civilians", "Attack")
    coding = find_actors(text, _LEXICON, country="NP", day=_DAY, event=event).coding
    assert coding.actor1 == "Unidentified Armed Group (Nepal)"  # the crowd's naming is for crowds only
