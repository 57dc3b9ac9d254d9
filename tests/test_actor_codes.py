"""ACLED's inter codes and interaction: one coding for the extract records, the incident summaries, the
ACLED CSV and UCDP GED's sides."""

from __future__ import annotations

import pytest

from conflictdb import formats
from conflictdb.actor_codes import coded_actors, inter_code, interaction
from conflictdb.export_tables import load_export_tables
from conflictdb.extract.actor_names import ActorCoding
from conflictdb.records import DateValue, Mention, Place
from conflictdb.resolve.reconcile import load_reconcile_rules
from conflictdb.resources import Resources

TABLES = load_export_tables()


@pytest.mark.parametrize(
    ("actor", "country", "code"),
    [
        ("Military Forces of Somalia (2022-)", "Somalia", 1),
        ("Police Forces of Kenya (2022-) Prison Guards", "Kenya", 1),
        ("Military Forces of the United States", "United States", 1),
        ("Military Forces of the United States", "Syria", 8),  # abroad: external forces
        ("Military Forces of Russia (2000-)", "Ukraine", 8),
        ("Civilians (Mali)", "Mali", 7),
        ("Protesters (Kenya)", "Kenya", 6),
        ("Rioters (Kenya)", "Kenya", 5),
        ("Unidentified Armed Group (Niger)", "Niger", 3),
        ("Islamic State (Iraq)", "Iraq", 2),
        ("Al Shabaab", "Somalia", 2),
        ("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)", "Mali", 2),
        ("Dorava Communal Militia (Nigeria)", "Nigeria", 4),
        ("Hawiye-Abgal Sub-Clan Militia (Somalia)", "Somalia", 4),
        ("Unidentified Gang and/or Police Militia", "Brazil", 3),
        ("Southern Muslim Separatists (Thailand)", "Thailand", 2),
        ("Government of Turkey (2016-)", "Turkey", 1),
        ("gunmen", "Mali", None),  # words from the text, not an ACLED actor: no code
        (None, "Mali", None),
    ],
)
def test_actor_codes_inter_code_of_acled_actors(actor: str | None, country: str, code: int | None) -> None:
    assert inter_code(actor, country, TABLES) == code


@pytest.mark.parametrize(
    ("inter1", "inter2", "second_actor", "expected"),
    [
        (1, 7, True, 17),
        (7, 1, True, 17),  # the lower code first
        (6, None, False, 60),  # protesters alone
        (1, None, True, None),  # the second actor has no code: no interaction
        (None, 2, True, None),
        (3, 3, True, 33),
    ],
)
def test_actor_codes_interaction_combines_inter_codes(
    inter1: int | None, inter2: int | None, second_actor: bool, expected: int | None
) -> None:
    assert interaction(inter1, inter2, second_actor=second_actor) == expected


def test_actor_codes_are_in_acleds_order_with_none_where_unknown() -> None:
    coding = ActorCoding(actor1="Al Shabaab", assoc_actor_1="Militia (Clan)", actor2="Civilians (Somalia)")
    assert list(coded_actors(coding, "Somalia", TABLES).items()) == [
        ("actor1", "Al Shabaab"),
        ("assoc_actor_1", "Militia (Clan)"),
        ("inter1", 2),
        ("actor2", "Civilians (Somalia)"),
        ("assoc_actor_2", None),
        ("inter2", 7),
        ("interaction", 27),
    ]
    nobody = coded_actors(ActorCoding(), None, TABLES)
    assert set(nobody.values()) == {None}


@pytest.mark.parametrize(
    ("country", "inter1", "interaction_code"),
    [("NE", 1, 17), ("ML", 8, 78), (None, 8, 78)],  # the mention's own country, another, none known
)
def test_actor_codes_of_a_mention_follow_its_country(
    country: str | None, inter1: int, interaction_code: int
) -> None:
    place = None if country is None else Place("Somewhere", country=country)
    mention = Mention(
        "a1",
        "Violence against civilians",
        "Attack",
        DateValue(None, None),
        place,
        actor1="Military Forces of Niger (2023-)",
        actor2="Civilians (Niger)",
    )
    record = formats.mention_record(mention, rules=load_reconcile_rules(), tables=TABLES)
    assert (record["inter1"], record["inter2"], record["interaction"]) == (inter1, 7, interaction_code)


def test_actor_codes_named_groups_come_from_the_actor_table_given() -> None:
    given = {"named": [{"acled": "Lake Reed Brigade", "inter": 4, "patterns": ["reed brigade"]}]}
    tables = load_export_tables(actors=given)
    assert inter_code("Lake Reed Brigade", "Chad", tables) == 4
    assert inter_code("Al Shabaab", "Somalia", tables) is None  # only the table given, not the file's
    assert inter_code("Civilians (Chad)", "Chad", tables) == 7  # exports.yaml's generic names stay


def test_actor_codes_resources_read_the_actor_table_once_for_lexicon_and_exports(
    resources: Resources,
) -> None:
    named = {entry.pattern.pattern for entry in resources.exports.inter_codes}
    assert named == {entry.pattern.pattern for entry in TABLES.inter_codes}
    assert inter_code("Al Shabaab", "Somalia", resources.exports) == 2
