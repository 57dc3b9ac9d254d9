"""Analysts' corrections in the store: recorded with who and when, and kept over re-ingest, new articles,
merges and the refresh of reconciled figures; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conflictdb import export
from conflictdb.cli import app
from conflictdb.errors import EditError
from conflictdb.records import Article, Category, Figure, Outcome, Place, Stance
from conflictdb.resources import Resources
from conflictdb.store import Decision, Edit, Store, open_store
from conflictdb.store.checks import parse_date
from tests.test_resolve_store import checkpoint, incident_of, market, old_database

MANDAWI = Place(
    "Mandawi", country="AF", admin1="Kandahar", admin2="Kandahar", lat=31.62, lon=65.70, precision=1
)
FOURTEEN = Figure(Outcome.KILLED, Category.CIVILIANS, 14, 14)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """An empty store, once on SQLite and once on PostgreSQL."""
    with open_store(database_url) as opened:
        yield opened


def killed_total(store: Store, incident_id: str) -> dict[str, Any]:
    detail = store.incident(incident_id)
    assert detail is not None and detail.figures_json
    return json.loads(detail.figures_json).get("killed", {}).get("total", {})


def test_edits_incident_correction_is_recorded_with_who_when_before_and_after(store: Store) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    before = dt.datetime.now(dt.UTC)
    edit = store.correct_incident(
        incident, by="amina", sub_event_type="suicide bomb", place=MANDAWI, note="per the governor"
    )
    detail = store.incident(incident)
    assert detail is not None
    assert (detail.event_type, detail.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert (detail.location, detail.admin2, detail.lat, detail.lon) == ("Mandawi", "Kandahar", 31.62, 65.70)
    (recorded,) = store.history(incident)
    assert isinstance(recorded, Edit) and recorded == edit
    assert (recorded.target, recorded.edited_by, recorded.note) == ("incident", "amina", "per the governor")
    assert before <= recorded.edited_at <= dt.datetime.now(dt.UTC)
    assert recorded.changes["sub_event_type"] == ("Remote explosive/landmine/IED", "Suicide bomb")
    assert recorded.changes["location"] == ("Kandahar", "Mandawi")


def test_edits_claim_correction_changes_best_and_fatalities(store: Store) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    assert killed_total(store, incident)["best"] == 9
    store.correct_claim("market1#0#0", by="jonas", figures=[FOURTEEN])
    detail = store.incident(incident)
    assert detail is not None and detail.fatalities == 14
    assert killed_total(store, incident) == {"low": 14, "best": 14, "high": 14}
    assert detail.mentions[0].claims[0].figures == (FOURTEEN,)  # what readers of the incident see
    (edit,) = store.history(incident)
    assert isinstance(edit, Edit) and edit.claim is not None and edit.claim.article_id == "market1"
    assert [f["min"] for f in edit.changes["figures"][0]] == [9]


def test_edits_rejected_claim_counts_for_nothing_and_can_be_restored(store: Store) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    store.correct_claim("market1#0#0", by="jonas", stance=Stance.REJECTED, note="about another blast")
    detail = store.incident(incident)
    assert detail is not None and detail.fatalities is None and killed_total(store, incident) == {}
    assert detail.mentions[0].claims[0].stance is Stance.REJECTED
    assert detail.mentions[0].claims[0].figures[0].min == 9  # kept to be seen, not counted
    store.correct_claim("market1#0#0", by="amina", stance="asserted")
    restored = store.incident(incident)
    assert restored is not None and restored.fatalities == 9


def test_edits_speaker_correction_to_the_outlet_and_back(store: Store) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    store.correct_claim("market1#0#0", by="jonas", speaker=None)
    detail = store.incident(incident)
    assert detail is not None and detail.mentions[0].claims[0].speaker is None
    store.correct_claim("market1#0#0", by="jonas", speaker="  provincial police  ")
    edits = [e for e in store.history(incident) if isinstance(e, Edit)]
    assert [e.changes["speaker"] for e in edits] == [("police", None), (None, "provincial police")]


def test_edits_kept_over_reingest_of_the_same_article_and_a_new_one_joining(store: Store) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    store.correct_incident(incident, by="amina", sub_event_type="Suicide bomb", place=MANDAWI)
    store.correct_claim("market1#0#0", by="jonas", figures=[FOURTEEN])

    again = store.add_batch([market(1)], link=True)  # the same article again
    assert (again.new, again.unchanged) == (0, 1)
    store.add_batch([market(2)], link=True)  # a new report links into the incident and refreshes it
    assert incident_of(store, "market2") == incident
    joined = store.incident(incident)
    assert joined is not None and (joined.sub_event_type, joined.location) == ("Suicide bomb", "Mandawi")
    art, mentions = market(1)  # the article revised: stored again, its claims extracted again
    revised = Article(
        art.id, art.source, art.text + " Updated.", art.clean_text + " Updated.", outlet="Outlet 1"
    )
    store.add_article(revised, mentions, replace=True, link=True)

    detail = store.incident(incident)
    assert detail is not None and "market2" in {m.article_id for m in detail.mentions}
    assert (detail.sub_event_type, detail.location, detail.geo_precision) == ("Suicide bomb", "Mandawi", 1)
    assert incident_of(store, "market1") == incident  # the revised article stays in its incident
    (claim,) = [m.claims[0] for m in detail.mentions if m.article_id == "market1"]
    assert claim.figures == (FOURTEEN,)  # and the claim's correction follows it
    assert detail.fatalities == 9  # ACLED's fatalities: the lowest figure, market2's 9 against 14
    (row,) = [r for r in store.incidents() if r.id == incident]
    assert (
        export.acled_row(row, lexicons=store.lexicons)["sub_event_type"] == "Suicide bomb"
    )  # lists and exports read the table
    assert export.acled_row(row, lexicons=store.lexicons)["location"] == "Mandawi"


def test_edits_kept_when_the_only_article_of_an_incident_is_revised(store: Store) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    store.correct_incident(incident, by="amina", sub_event_type="Suicide bomb")
    art, mentions = market(1)
    revised = Article(
        art.id, art.source, art.text + " Updated.", art.clean_text + " Updated.", outlet="Outlet 1"
    )
    store.add_article(revised, mentions, replace=True, link=True)
    assert incident_of(store, "market1") == incident  # not a new incident without the correction
    detail = store.incident(incident)
    assert detail is not None and detail.sub_event_type == "Suicide bomb"
    assert store.stats().incidents == 1


def test_edits_reset_puts_incident_and_claim_back_to_automatic_and_holds(store: Store) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    store.correct_incident(incident, by="amina", sub_event_type="Suicide bomb", place=MANDAWI)
    store.correct_claim("market1#0#0", by="jonas", figures=[FOURTEEN], speaker="the governor")
    with pytest.raises(EditError, match="not corrected"):
        store.reset_claim("market1#0#0", by="li", fields=["stance"])

    reset = store.reset_incident(incident, by="li", fields=["place"], note="the market is right")
    assert reset.reset and set(reset.changes) == {"location", "country", "admin1", "admin2", "lat", "lon",
                                                   "geo_precision"}  # fmt: skip
    detail = store.incident(incident)
    assert detail is not None and (detail.sub_event_type, detail.location) == ("Suicide bomb", "Kandahar")
    store.reset_claim("market1#0#0", by="li", fields=["figures"])
    detail = store.incident(incident)
    assert detail is not None and detail.fatalities == 9  # the extracted figure again
    assert detail.mentions[0].claims[0].speaker == "the governor"  # the speaker's correction stays

    store.add_batch([market(2)], link=True)  # a refresh: the resets hold, the remaining edits too
    detail = store.incident(incident)
    assert detail is not None and (detail.sub_event_type, detail.location) == ("Suicide bomb", "Kandahar")
    store.reset_incident(incident, by="li")
    assert (store.incident(incident) or detail).sub_event_type == "Remote explosive/landmine/IED"
    history = [e for e in store.history(incident) if isinstance(e, Edit)]
    assert [(e.edited_by, e.reset) for e in history] == [
        ("amina", False), ("jonas", False), ("li", True), ("li", True), ("li", True)
    ]  # fmt: skip
    with pytest.raises(EditError, match="not corrected"):
        store.reset_incident(incident, by="li")
    with pytest.raises(EditError, match="reset which fields"):
        store.reset_incident(incident, by="li", fields=["weather"])


def test_edits_follow_claims_into_a_merge_and_the_history_tells_it(store: Store) -> None:
    store.add_batch([market(1), checkpoint()], link=True)
    keep, other = incident_of(store, "market1"), incident_of(store, "checkpoint")
    store.correct_claim(
        "checkpoint#0#0", by="jonas", figures=[Figure(Outcome.KILLED, Category.SECURITY_FORCES, 6, 6)]
    )
    store.correct_incident(keep, by="amina", sub_event_type="Grenade")
    store.merge_incidents(keep, [other], by="amina")
    detail = store.incident(keep)
    assert detail is not None and detail.sub_event_type == "Grenade"
    killed = {m.article_id: m.claims[0].figures[0].min for m in detail.mentions}
    assert killed == {"market1": 9, "checkpoint": 6}
    kinds = [
        (type(x).__name__, getattr(x, "target", getattr(x, "action", None))) for x in store.history(keep)
    ]
    assert kinds == [("Edit", "claim"), ("Edit", "incident"), ("Decision", "merge")]
    assert isinstance(store.history(other)[-1], Decision)  # the merged-away incident's history ends there


def test_edits_place_date_and_discount_hold_over_new_reports(store: Store, resources: Resources) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    store.correct_incident(incident, by="amina", place=Place("Lashkar Gah"), gazetteer=resources.gazetteer)
    store.correct_incident(incident, by="amina", date=parse_date("2023-05"), discounted=True)
    store.add_batch([market(2), market(3)], link=True)  # resolved again with two more reports
    detail = store.incident(incident)
    assert detail is not None and detail.articles_count == 3 and detail.discounted
    assert (detail.location, detail.country, detail.admin1) == ("Lashkar Gah", "AF", "Helmand")
    assert detail.lat is not None and (detail.date, detail.date_precision) == (dt.date(2023, 5, 1), "month")
    assert store.stats().incidents == 0 and store.incidents() == []
    assert [row.id for row in store.incidents(discounted=True)] == [incident]
    (place, date) = [e for e in store.history(incident) if isinstance(e, Edit)]
    assert date.changes == {
        "date": ("2023-05-14", "2023-05-01"),
        "date_precision": ("day", "month"),
        "discounted": (False, True),
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sub_event_type": "Drone strike"}, "unknown ACLED sub-event type"),
        ({"sub_event_type": "Armed clash", "event_type": "Riots"}, "not a sub-event type of 'Riots'"),
        ({"event_type": "Battles"}, "give the sub-event type"),
        ({"place": Place("Mandawi", country="ZZ")}, "unknown country code"),
        ({"place": Place("Mandawi", country="Afghanistan")}, "unknown country code"),
        ({"place": Place(" ", country="AF")}, "needs a location name"),
        ({"place": Place("Mandawi", country="AF", lat=31.6)}, "both latitude and longitude"),
        ({"place": Place("Mandawi", country="AF", lat=131.6, lon=65.7)}, "out of range"),
        ({"place": Place("Mandawi", country="AF", precision=4)}, "geo_precision"),
        ({}, "nothing to correct"),
        ({"by": "  ", "sub_event_type": "Grenade"}, "who makes it"),
    ],
)
def test_edits_bad_incident_corrections_are_refused(
    store: Store, change: dict[str, Any], message: str
) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    with pytest.raises(EditError, match=message):
        store.correct_incident(incident, **({"by": "amina"} | change))
    assert store.history(incident) == []


@pytest.mark.parametrize(
    ("claim", "change", "message"),
    [
        ("market1#0#0", {"figures": [Figure(Outcome.KILLED, Category.CIVILIANS, -1, 3)]}, "negative"),
        ("market1#0#0", {"figures": [Figure(Outcome.KILLED, Category.CIVILIANS, 9, 4)]}, "above max"),
        ("market1#0#0", {"figures": [Figure(Outcome.KILLED, Category.CIVILIANS, None, None)]}, "needs a min"),
        ("market1#0#0", {"stance": "doubtful"}, "unknown stance"),
        ("market1#0#0", {}, "nothing to correct"),
        ("market1#0#7", {"stance": "rejected"}, "no claim"),
        ("market1-0-0", {"stance": "rejected"}, "article_id#mention#claim"),
        (999_999, {"stance": "rejected"}, "no claim"),
    ],
)
def test_edits_bad_claim_corrections_are_refused(
    store: Store, claim: int | str, change: dict[str, Any], message: str
) -> None:
    store.add_batch([market(1)], link=True)
    with pytest.raises(EditError, match=message):
        store.correct_claim(claim, by="jonas", **change)
    assert store.history(incident_of(store, "market1")) == []


def test_edits_on_a_database_migrated_from_version_2(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old_database(path)
    with open_store(f"sqlite:///{path}") as migrated:
        migrated.correct_incident("inc-old", by="amina", sub_event_type="Suicide bomb")
        migrated.correct_claim("market1#0#0", by="amina", figures=[FOURTEEN])
        detail = migrated.incident("inc-old")
        assert detail is not None and (detail.sub_event_type, detail.fatalities) == ("Suicide bomb", 14)
        assert [e.edited_by for e in migrated.history("inc-old")] == ["amina", "amina"]  # type: ignore[union-attr]


def test_edits_unknown_incident_is_refused(store: Store) -> None:
    with pytest.raises(EditError, match="no incident"):
        store.correct_incident("nope", by="amina", sub_event_type="Grenade")


# --- the CLI ---------------------------------------------------------------------------------------------


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})


def test_edits_actors_corrected_hold_over_a_new_article_and_reset(store: Store) -> None:
    store.add_batch([market(1)], link=True)
    incident = incident_of(store, "market1")
    automatic = store.incident(incident)
    assert automatic is not None
    actors = {"actor1": "Taliban", "assoc_actor_1": None, "actor2": "  Civilians   (Afghanistan) "}
    edit = store.correct_incident(incident, by="amina", actors=actors)
    assert edit.changes["actor1"] == (automatic.actor1, "Taliban")
    store.add_batch([market(2)], link=True)  # re-resolution: the correction holds
    detail = store.incident(incident)
    assert detail is not None and (detail.actor1, detail.actor2) == ("Taliban", "Civilians (Afghanistan)")
    with pytest.raises(EditError, match="actor1 cannot be empty"):
        store.correct_incident(incident, by="amina", actors={"actor1": " "})
    with pytest.raises(EditError, match="unknown actor field"):
        store.correct_incident(incident, by="amina", actors={"actor3": "Taliban"})
    store.reset_incident(incident, by="amina", fields=["actors"])
    assert (store.incident(incident) or detail).actor1 == automatic.actor1


def test_edits_cli_corrects_actors_and_show_prints_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    with open_store(url) as opened:
        opened.add_batch([market(1)], link=True)
        incident = incident_of(opened, "market1")
    given = [
        "--actor1",
        "Taliban",
        "--actor2",
        "Civilians (Afghanistan)",
        "--assoc-actor-2",
        "Teachers (Afghanistan)",
    ]
    done = invoke("edit", "incident", incident, *given, "--db", url, "--by", "amina")
    assert done.exit_code == 0, done.output
    shown = invoke("show", incident, "--db", url)
    assert "actor1: Taliban (inter 2)" in shown.stdout
    assert "actor2: Civilians (Afghanistan) (inter 7); with Teachers (Afghanistan)" in shown.stdout
    assert "interaction: 27" in shown.stdout
    history = invoke("edit", "history", incident, "--db", url)
    assert "Taliban" in history.stdout and "amina" in history.stdout
    bad = invoke("edit", "incident", incident, "--actor1", "", "--db", url, "--by", "amina")
    assert bad.exit_code == 1 and "actor1 cannot be empty" in bad.stderr


def test_edits_cli_corrects_incident_and_claim_and_prints_history(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    with open_store(url) as opened:
        opened.add_batch([market(1)], link=True)
        incident = incident_of(opened, "market1")
    kind = invoke("edit", "incident", incident, "--sub-event-type", "Grenade", "--db", url, "--by", "amina")
    assert kind.exit_code == 0, kind.output
    place = [
        "--location",
        "Mandawi",
        "--country",
        "AF",
        "--lat",
        "31.62",
        "--lon",
        "65.70",
        "--precision",
        "1",
    ]
    moved = invoke("edit", "incident", incident, *place, "--db", url, env={"USER": "jonas"})
    assert moved.exit_code == 0, moved.output
    claim = invoke(
        "edit", "claim", "market1#0#0", "--figure", "killed:civilians:14", "--db", url, "--by", "li"
    )
    assert claim.exit_code == 0, claim.output
    bad = invoke("edit", "incident", incident, "--sub-event-type", "Drone strike", "--db", url)
    assert (
        bad.exit_code == 1 and "unknown ACLED sub-event type" in bad.stderr and "Traceback" not in bad.output
    )
    shown = invoke("edit", "history", incident, "--db", url)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert [line.split()[1] for line in lines if line[:4].isdigit()] == ["amina", "jonas", "li"]
    assert "sub_event_type: Remote explosive/landmine/IED -> Grenade" in shown.stdout
    with open_store(url) as opened:
        detail = opened.incident(incident)
        assert detail is not None
        assert (detail.sub_event_type, detail.location, detail.fatalities) == ("Grenade", "Mandawi", 14)
    reset = invoke("edit", "reset-incident", incident, "--event", "--db", url, "--by", "li")
    assert reset.exit_code == 0 and "sub_event_type: Grenade -> automatic" in reset.stdout, reset.output
    again = invoke("edit", "reset-claim", "market1#0#0", "--db", url, "--by", "li")
    assert again.exit_code == 0 and "figures: killed civilians 14 -> killed civilians 9" in again.stdout
    nothing = invoke("edit", "reset-claim", "market1#0#0", "--db", url)
    assert nothing.exit_code == 1 and "nothing to reset" in nothing.stderr
    with open_store(url) as opened:
        detail = opened.incident(incident)
        assert detail is not None
        assert (detail.sub_event_type, detail.location, detail.fatalities) == (
            "Remote explosive/landmine/IED",
            "Mandawi",
            9,
        )
