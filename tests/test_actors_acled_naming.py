"""Tests for conflictdb.extract.actors: actor1 and actor2 under ACLED's naming conventions, by mechanism.

Every sentence is written for these tests (invented places and people); the names on the right are ACLED's
published conventions.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conflictdb.extract.actors import find_actors, load_actor_lexicon

_LEXICON = load_actor_lexicon()
_DAY = dt.date(2020, 5, 1)


def _coding(text: str, country: str, event: tuple[str, str | None], day: dt.date = _DAY):
    return find_actors(text, _LEXICON, country=country, day=day, event=event).coding


# A group named where no phrase pattern reads who acted: the group acted, unless it is the one hit.
# text, country, event, actor1
NAMED_GROUP_ACTED = [
    (
        "On 3 March 2020, JNIM militants seized two lorries on the road out of Kelbo.",
        "ML",
        ("Violence against civilians", "Abduction/forced disappearance"),
        "JNIM: Group for Support of Islam and Muslims",
    ),
    (
        "On 3 March 2020, about 20 Al Shabaab fighters were seen moving through Dhalo village.",
        "SO",
        ("Strategic developments", "Change to group/activity"),
        "Al Shabaab",
    ),
    (
        "Two farmers died when their cart hit a mine near Garo. Al Shabaab was believed responsible.",
        "KE",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        "Al Shabaab",
    ),
    # no group named: the event type's unidentified armed group stays
    (
        "On 3 March 2020, a trader was shot dead in the market of Tondi.",
        "NG",
        ("Violence against civilians", "Attack"),
        "Unidentified Armed Group (Nigeria)",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor1"), NAMED_GROUP_ACTED)
def test_actors_named_group_acts_when_no_pattern_reads_the_doer(text, country, event, actor1):
    assert _coding(text, country, event).actor1 == actor1


def test_actors_named_group_that_was_hit_is_not_the_doer():
    coding = _coding(
        "On 3 March 2020, five Taliban militants were killed near Dara.", "AF", ("Battles", "Armed clash")
    )
    assert coding.actor1 == "Unidentified Armed Group (Afghanistan)"
    assert coding.actor2 == "Taliban"
