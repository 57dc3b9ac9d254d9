"""ACLED's names the store checks corrections and queries against (store.names): event and sub-event
types, older names read as current ones, countries by code or name."""

from __future__ import annotations

import pytest

from conflictdb.errors import EditError, QueryError
from conflictdb.store.names import AcledName, load_acled_names

NAMES = load_acled_names()


@pytest.mark.parametrize(
    ("sub_event_type", "event_type", "expected"),
    [
        # ACLED's older names, read as the current ones (data/acled_older_names.yaml)
        ("Battle-No change of territory", None, ("Battles", "Armed clash")),
        ("battle-government regains territory", None, ("Battles", "Government regains territory")),
        (
            "Non-violent transfer of territory",
            None,
            ("Strategic developments", "Non-violent transfer of territory"),
        ),
        ("Grenade", "Remote violence", ("Explosions/Remote violence", "Grenade")),
        ("Violent demonstration", "Riots/Protests", ("Riots", "Violent demonstration")),
        ("Peaceful protest", "riots/protests", ("Protests", "Peaceful protest")),
        ("Arrests", "Strategic development", ("Strategic developments", "Arrests")),
        ("Air/drone strike", None, ("Explosions/Remote violence", "Air/drone strike")),
    ],
)
def test_store_names_older_acled_names_are_read_as_current(
    sub_event_type: str, event_type: str | None, expected: tuple[str, str]
) -> None:
    assert NAMES.checked_event_type(sub_event_type, event_type) == expected


@pytest.mark.parametrize(
    ("sub_event_type", "event_type", "message"),
    [
        ("Armed clash", "Riots/Protests", "not a sub-event type"),  # an older type keeps its own sub-types
        ("Riots/Protests", None, "unknown ACLED sub-event type"),  # an event type, no sub-event type
        ("Skirmish", None, "unknown ACLED sub-event type"),
    ],
)
def test_store_names_older_acled_names_keep_their_bounds(
    sub_event_type: str, event_type: str | None, message: str
) -> None:
    with pytest.raises(EditError, match=message):
        NAMES.checked_event_type(sub_event_type, event_type)


def test_store_names_every_older_acled_name_maps_to_current_names() -> None:
    taxonomy = NAMES.taxonomy
    for older, name in NAMES.older_as_written.items():
        assert name.event_types and set(name.event_types) <= set(taxonomy), older
        assert name.sub_event_type is None or any(
            name.sub_event_type in taxonomy[e] for e in name.event_types
        )
        assert NAMES.current(older) == name
    assert NAMES.current("Battles") == AcledName(("Battles",))
    assert NAMES.current("grenade") == AcledName(("Explosions/Remote violence",), "Grenade")
    assert NAMES.current("Skirmish") is None


def test_store_names_query_names_refuse_an_event_type_as_a_sub_event_type() -> None:
    assert NAMES.query_name("battles", parameter="event_type") == AcledName(("Battles",))
    assert NAMES.sub_event_name("armed clash") == AcledName(("Battles",), "Armed clash")
    with pytest.raises(QueryError, match="is an event type, not a sub-event type"):
        NAMES.sub_event_name("Battles")
    with pytest.raises(QueryError, match="unknown event type 'Skirmish'"):
        NAMES.query_name("Skirmish", parameter="event_type")


def test_store_names_filter_values_list_current_names_then_older_ones() -> None:
    events, subs = NAMES.event_type_names(), NAMES.sub_event_type_names()
    assert events[0] == next(iter(NAMES.taxonomy)) and "Battles" in events and "Battles" not in subs
    assert set(NAMES.older_as_written) <= set(events) and set(NAMES.older_as_written) <= set(subs)
    assert "XK" in NAMES.country_codes() and list(NAMES.country_codes()) == sorted(NAMES.country_codes())
