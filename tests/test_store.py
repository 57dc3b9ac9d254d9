"""The store: round trips, idempotent re-ingest, transactions, migrations and queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Text, create_engine, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from conflictdb.errors import StoreError
from conflictdb.records import (
    Article,
    Category,
    Claim,
    DatePrecision,
    DateValue,
    Figure,
    Mention,
    Outcome,
    Place,
    Span,
    Stance,
)
from conflictdb.resolve.reconcile import load_reconcile_rules
from conflictdb.store import (
    MIGRATIONS,
    Migration,
    Store,
    current_version,
    incident_fatalities,
    load_store_lexicons,
    migrate,
    open_store,
    resolve_url,
    schema,
)
from conflictdb.store import engine as engine_setup
from conflictdb.store import write as store_write

LEXICONS = load_store_lexicons()

TEXT_A = (
    "Strike hits market in Lashkar Gah\n"
    "An air strike killed at least 12 civilians and wounded 20 in Lashkar Gah on Monday, "
    "the provincial governor's spokesman Omar Zwak said. The army said 7 militants died."
)
TEXT_B = (
    "Helmand toll rises\n"
    "Officials said 15 civilians were killed in Monday's air strike on a market in Lashkar Gah. "
    "The ministry denied that any civilians were killed."
)
LASHKAR_GAH = Place("Lashkar Gah", country="AF", admin1="Helmand", lat=31.58, lon=64.36, precision=1)
MONDAY = DateValue(dt.date(2024, 3, 4), DatePrecision.DAY, "on Monday")


def killed(category: Category, low: int | None, high: int | None, **extra: object) -> Figure:
    """A killed figure."""
    return Figure(Outcome.KILLED, category, low, high, **extra)  # type: ignore[arg-type]


def article(article_id: str, text: str, **extra: object) -> Article:
    """An article whose clean text is its text."""
    return Article(id=article_id, source=f"/in/{article_id}.txt", text=text, clean_text=text, **extra)  # type: ignore[arg-type]


def evidence(text: str, words: str) -> Span:
    """The span of `words` inside `text`."""
    start = text.index(words)
    return Span(start, start + len(words))


def article_a() -> tuple[Article, list[Mention]]:
    """A first report: one incident, two claims."""
    art = article(
        "a1", TEXT_A, outlet="Kabul Daily", title="Strike hits market", published=dt.date(2024, 3, 5)
    )
    governor = Claim(
        evidence=evidence(TEXT_A, "An air strike killed at least 12 civilians"),
        figures=(
            killed(Category.CIVILIANS, 12, None, words="at least 12 civilians"),
            Figure(Outcome.INJURED, Category.CIVILIANS, 20, 20, words="20"),
        ),
        speaker="Omar Zwak",
        speaker_role="provincial governor's spokesman",
    )
    army = Claim(
        evidence=evidence(TEXT_A, "The army said 7 militants died."),
        figures=(killed(Category.MILITANTS, 7, 7, words="7 militants"),),
        speaker="the army",
        partisan=True,
    )
    mention = Mention(
        article_id="a1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=MONDAY,
        place=LASHKAR_GAH,
        claims=(governor, army),
        perpetrator="Afghan Air Force",
        target="Taliban",
        span=Span(0, len(TEXT_A)),
        actor1="Military Forces of Afghanistan (2014-)",
        actor2="Taliban",
        incident_id="inc-market",
    )
    return art, [mention]


def article_b(incident_id: str | None = "inc-market") -> tuple[Article, list[Mention]]:
    """A second report of the same incident with a higher toll and a denial."""
    art = article("b2", TEXT_B, outlet="Helmand Post", published=dt.date(2024, 3, 6))
    officials = Claim(
        evidence=evidence(TEXT_B, "Officials said 15 civilians were killed"),
        figures=(killed(Category.CIVILIANS, 15, 15),),
        speaker="officials",
    )
    denial = Claim(
        evidence=evidence(TEXT_B, "The ministry denied that any civilians were killed."),
        figures=(killed(Category.CIVILIANS, 0, 0),),
        speaker="the ministry",
        stance=Stance.DENIED,
        stance_words="denied",
    )
    mention = Mention(
        article_id="b2",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=DateValue(dt.date(2024, 3, 1), DatePrecision.WEEK, "last week"),
        place=Place("Helmand", country="AF", admin1="Helmand", lat=31.0, lon=64.0, precision=3),
        claims=(officials, denial),
        incident_id=incident_id,
    )
    return art, [mention]


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """An empty store, once on SQLite and once on PostgreSQL."""
    with open_store(database_url) as opened:
        yield opened


def counts(store: Store) -> tuple[int, int, int, int, int]:
    """Row counts of the five data tables."""
    s = store.stats()
    return s.articles, s.incidents, s.mentions, s.claims, s.figures


def test_store_round_trip_keeps_mentions_claims_and_figures(store: Store) -> None:
    art, mentions = article_a()
    assert store.add_article(art, mentions) is True
    detail = store.incident("inc-market")
    assert detail is not None
    assert detail.mentions == tuple(mentions)
    assert [a.id for a in detail.articles] == ["a1"]
    assert detail.articles[0].text == TEXT_A
    assert detail.articles[0].published == dt.date(2024, 3, 5)


def test_store_incident_summary_from_one_mention(store: Store) -> None:
    store.add_article(*article_a())
    (row,) = store.incidents()
    assert (row.id, row.date, row.date_precision) == ("inc-market", dt.date(2024, 3, 4), "day")
    assert (row.country, row.admin1, row.location, row.lat, row.geo_precision) == (
        "AF",
        "Helmand",
        "Lashkar Gah",
        31.58,
        1,
    )
    assert (row.actor1, row.actor2) == ("Military Forces of Afghanistan (2014-)", "Taliban")
    assert row.fatalities == 12  # the army's 7 militants is a partisan claim, left out while others count
    assert row.notes == "An air strike killed at least 12 civilians"
    assert (row.sources, row.articles_count, row.mentions_count, row.claims_count) == (
        ("Kabul Daily",),
        1,
        1,
        2,
    )


def test_store_second_article_joins_incident_and_recomputes(store: Store) -> None:
    store.add_article(*article_a())
    store.add_article(*article_b())
    (row,) = store.incidents()
    assert row.sources == ("Helmand Post", "Kabul Daily")
    assert (row.articles_count, row.mentions_count, row.claims_count) == (2, 2, 4)
    assert row.date == dt.date(2024, 3, 4)  # the day-precise date wins over "last week"
    assert row.location == "Lashkar Gah"  # the town wins over the province
    assert row.fatalities == 12  # civilians: the lower of 12 and 15; the partisan 7 and the denial left out


def test_store_mention_without_incident_id_gets_a_new_incident(store: Store) -> None:
    store.add_article(*article_a())
    store.add_article(*article_b(incident_id=None))
    rows = store.incidents()
    assert len(rows) == 2
    assert {r.id for r in rows} >= {"inc-market"}


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([], None),
        ([Claim(Span(0, 1), (killed(Category.CIVILIANS, 4, None),))], 4),
        ([Claim(Span(0, 1), (killed(Category.CIVILIANS, None, 9),))], 9),
        (
            [Claim(Span(0, 1), (killed(Category.CIVILIANS, None, None, vague="several"),))],
            10,
        ),  # ACLED codes "several" as 10
        (
            [
                Claim(
                    Span(0, 1),
                    (
                        killed(Category.CIVILIANS, 30, 30),
                        killed(Category.CIVILIANS, 27, 27, part_of_total=True),
                    ),
                )
            ],
            30,
        ),
        (
            [
                Claim(Span(0, 1), (killed(Category.CIVILIANS, 3, 3),)),
                Claim(Span(0, 1), (killed(Category.MILITANTS, 5, 5),)),
            ],
            8,  # different victims add up
        ),
        (
            [
                Claim(Span(0, 1), (killed(Category.CIVILIANS, 30, 30),)),
                Claim(Span(0, 1), (killed(Category.CIVILIANS, 26, 26),)),
            ],
            26,  # the same victims: the lowest figure
        ),
        ([Claim(Span(0, 1), (killed(Category.CIVILIANS, 0, 0),), stance=Stance.DENIED)], None),
        ([Claim(Span(0, 1), (killed(Category.CIVILIANS, 50, 50),), stance=Stance.HYPOTHETICAL)], None),
        ([Claim(Span(0, 1), (Figure(Outcome.INJURED, Category.CIVILIANS, 8, 8),))], None),
        ([Claim(Span(0, 1), (Figure(Outcome.KILLED, Category.UNSPECIFIED, 0, 0),))], 0),
    ],
)
def test_store_incident_fatalities(claims: list[Claim], expected: int | None) -> None:
    mention = Mention("x", "Battles", "Armed clash", DateValue(None, None), None, claims=tuple(claims))
    assert incident_fatalities([mention], rules=load_reconcile_rules()) == expected


def test_store_reingest_same_article_changes_nothing(store: Store) -> None:
    assert store.add_article(*article_a()) is True
    before = counts(store)
    assert store.add_article(*article_a()) is False
    art, mentions = article_a()
    assert store.add_article(dataclasses.replace(art, id="renamed"), mentions) is False  # same content
    assert counts(store) == before == (1, 1, 1, 2, 3)


def test_store_revised_article_replaces_its_mentions(store: Store) -> None:
    store.add_article(*article_a())
    art, _ = article_a()
    revised = dataclasses.replace(art, text=TEXT_A + " Update.", clean_text=TEXT_A + " Update.")
    with pytest.raises(StoreError, match="already stored with other content"):
        store.add_article(revised, [])
    assert counts(store) == (1, 1, 1, 2, 3)
    assert store.add_article(revised, [], replace=True) is True
    assert counts(store) == (1, 0, 0, 0, 0)  # the orphaned incident is gone


ARTICLES = {"a": article_a, "b": article_b}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(st.sampled_from(sorted(ARTICLES)), min_size=1, max_size=6))
def test_store_any_sequence_of_reingests_gives_the_same_counts(tmp_path: Path, sequence: list[str]) -> None:
    url = f"sqlite:///{tmp_path / f'hyp-{abs(hash(tuple(sequence)))}.sqlite'}"
    with open_store(url) as store:
        for name in sequence:
            store.add_article(*ARTICLES[name]())
        once = counts(store)
        for name in sequence:
            assert store.add_article(*ARTICLES[name]()) is False
        assert counts(store) == once
    with open_store(url) as reopened:
        assert counts(reopened) == once
    (tmp_path / url.rsplit("/", 1)[1]).unlink()


def test_store_failing_transaction_leaves_prior_data_intact(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_article(*article_a())
    before = counts(store)

    def broken_claim(*_args: object, **_kwargs: object) -> None:
        raise SQLAlchemyError("disk on fire")

    monkeypatch.setattr(store_write, "_insert_claims", broken_claim)
    with pytest.raises(StoreError, match="b2"):
        store.add_article(*article_b(incident_id=None))
    assert counts(store) == before
    assert store.incident("inc-market") is not None


def test_store_add_batch_reports_failures_and_goes_on(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = store_write._insert_claims

    def fail_on_b(conn, claims):  # type: ignore[no-untyped-def]
        if any(art.id == "b2" for art, *_ in claims):
            raise SQLAlchemyError("boom")
        return real(conn, claims)

    monkeypatch.setattr(store_write, "_insert_claims", fail_on_b)
    errors: list[Exception] = []
    result = store.add_batch([article_b(), article_a(), article_a()], on_error=errors.append)
    assert (result.new, result.unchanged, result.failed, result.mentions, result.incidents) == (1, 1, 1, 1, 1)
    assert len(errors) == 1 and "b2" in str(errors[0])


def test_store_migrates_empty_database_to_latest(database_url: str) -> None:
    url = database_url
    with open_store(url) as store:
        assert store.stats().schema_version == len(MIGRATIONS)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            for table in schema.metadata.sorted_tables:
                columns = {c["name"]: c["type"] for c in inspector.get_columns(table.name)}
                assert set(columns) == set(table.c.keys()), table.name
                unbounded = [c.name for c in table.c if isinstance(c.type, Text)]
                assert [name for name in unbounded if getattr(columns[name], "length", None)] == []
    finally:
        engine.dispose()


def test_store_reopen_keeps_data_and_does_not_remigrate(database_url: str) -> None:
    url = database_url
    with open_store(url) as store:
        store.add_article(*article_a())
    with open_store(url) as store:
        assert counts(store) == (1, 1, 1, 2, 3)
        with store.engine.connect() as conn:
            rows = conn.execute(schema.schema_version.select()).all()
        assert [r.version for r in rows] == list(range(1, len(MIGRATIONS) + 1))


LONG_ID = "https://news.example/" + "world/africa/2024/03/05/" * 10 + "kismayo-port-attack"  # 262 chars


def test_store_long_ids_and_names_are_kept_on_every_backend(store: Store) -> None:
    art, (mention,) = article_a()
    long_name = "the spokesman of the " + "provincial " * 50 + "council"
    art = dataclasses.replace(art, id=LONG_ID, outlet="Kabul Daily " * 50)
    claim = dataclasses.replace(mention.claims[0], speaker_role=long_name)
    mention = dataclasses.replace(mention, article_id=LONG_ID, perpetrator=long_name, claims=(claim,))
    assert store.add_article(art, [mention]) is True
    detail = store.incident("inc-market")
    assert detail is not None and detail.articles[0].id == LONG_ID and detail.mentions == (mention,)
    assert detail.sources == (art.outlet,)


@pytest.mark.postgresql
def test_store_postgresql_migration_5_widens_a_database_of_bounded_columns(postgres_url: str) -> None:
    with open_store(postgres_url) as store, store.engine.begin() as conn:  # as versions 1 to 4 left it
        conn.exec_driver_sql("ALTER TABLE articles ALTER COLUMN id TYPE VARCHAR(200)")
        conn.exec_driver_sql("ALTER TABLE mentions ALTER COLUMN article_id TYPE VARCHAR(200)")
        conn.exec_driver_sql("ALTER TABLE articles ALTER COLUMN outlet TYPE VARCHAR(500)")
        conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version >= 5))
    with open_store(postgres_url) as store:
        assert store.stats().schema_version == len(MIGRATIONS)
        art, (mention,) = article_a()
        long = dataclasses.replace(art, id=LONG_ID, outlet="O" * 600)
        assert store.add_article(long, [dataclasses.replace(mention, article_id=LONG_ID)]) is True
    with open_store(postgres_url) as store:  # and once is enough
        assert store.stats().articles == 1


def test_store_migration_steps_run_in_order_and_a_failing_step_rolls_back(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'steps.sqlite'}")
    engine_setup._explicit_sqlite_transactions(engine)
    ran: list[int] = []

    def second(conn, _lexicons) -> None:  # type: ignore[no-untyped-def]
        ran.append(2)
        conn.exec_driver_sql("ALTER TABLE incidents ADD COLUMN extra_note TEXT")

    def third(conn, _lexicons) -> None:  # type: ignore[no-untyped-def]
        ran.append(3)
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("step 3 broke")

    steps = (MIGRATIONS[0], Migration(2, "note", second), Migration(3, "broken", third))
    try:
        with pytest.raises(RuntimeError):
            migrate(engine, lexicons=LEXICONS, steps=steps)
        assert ran == [2, 3]
        with engine.connect() as conn:
            assert current_version(conn) == 2
            assert not inspect(conn).has_table("half_done")
            assert "extra_note" in {c["name"] for c in inspect(conn).get_columns("incidents")}
        assert migrate(engine, lexicons=LEXICONS, steps=steps[:2]) == 2
        with pytest.raises(StoreError, match="newer"):
            migrate(engine, lexicons=LEXICONS, steps=MIGRATIONS[:1])
        with pytest.raises(StoreError, match="misnumbered"):
            migrate(engine, lexicons=LEXICONS, steps=(MIGRATIONS[0], Migration(5, "gap", second)))
    finally:
        engine.dispose()


def test_store_open_bad_location_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite'}")


def test_store_resolve_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICTDB_DB", raising=False)
    assert resolve_url() == "sqlite:///conflictdb.sqlite"
    monkeypatch.setenv("CONFLICTDB_DB", "sqlite:///from-env.sqlite")
    assert resolve_url() == "sqlite:///from-env.sqlite"
    assert resolve_url("data/x.sqlite") == "sqlite:///data/x.sqlite"
    assert resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_store_incident_filters(store: Store) -> None:
    store.add_article(*article_a())
    art, (mention,) = article_b(incident_id="inc-other")
    elsewhere = dataclasses.replace(
        mention,
        event_type="Battles",
        sub_event_type="Armed clash",
        date=DateValue(dt.date(2024, 5, 1), DatePrecision.DAY),
        place=Place("Mosul", country="IQ", admin1="Nineveh"),
    )
    store.add_article(art, [elsewhere])
    assert [r.id for r in store.incidents()] == ["inc-other", "inc-market"]  # newest first
    assert [r.id for r in store.incidents(country="iq")] == ["inc-other"]
    assert [r.id for r in store.incidents(event_type="air/drone strike")] == ["inc-market"]
    assert [r.id for r in store.incidents(event_type="Battles")] == ["inc-other"]
    # ACLED's older names: an event type split or renamed, a battle type that became a sub-event type
    assert [r.id for r in store.incidents(event_type="Remote violence")] == ["inc-market"]
    assert [r.id for r in store.incidents(event_type="battle-no change of territory")] == ["inc-other"]
    assert store.incidents(event_type="Battle-Government regains territory") == []
    assert store.incidents(event_type="Riots/Protests") == []
    assert [r.id for r in store.incidents(date_from=dt.date(2024, 4, 1))] == ["inc-other"]
    assert [r.id for r in store.incidents(date_to=dt.date(2024, 4, 1))] == ["inc-market"]
    assert len(store.incidents(limit=1)) == 1
    assert store.incident("missing") is None
    assert [d.id for d in store.incident_details(country="AF")] == ["inc-market"]
    stats = store.stats()
    assert (stats.first_date, stats.last_date) == (dt.date(2024, 3, 4), dt.date(2024, 5, 1))


def _incident_rows(store: Store) -> list[tuple]:
    """Every stored incident's columns but its update time, in id order."""
    t = schema.incidents
    columns = [c for c in t.c if c.name != "updated_at"]
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(select(*columns).order_by(t.c.id))]


def test_store_summaries_of_new_incidents_equal_a_refresh_from_the_rows_read_back(store: Store) -> None:
    """A chunk's new incidents are summarised from the rows as written, not read back: refreshing them
    again from the database changes no column."""
    _, (first,) = article_a()
    third = article("c3", TEXT_A + " Nobody has claimed the attack.", outlet="Third Wire")
    retold = dataclasses.replace(first, article_id="c3", incident_id=None, place=None)
    store.add_batch([article_a(), article_b(), (third, [retold])])

    written = _incident_rows(store)
    assert len(written) == 2 and all(row[0] for row in written)
    with store.engine.begin() as conn:
        ids = [row[0] for row in written]
        store_write.refresh_incidents(conn, ids, rules=LEXICONS.reconcile)
    assert _incident_rows(store) == written


def test_store_summaries_of_joined_incidents_equal_a_refresh_from_the_rows_read_back(store: Store) -> None:
    """A chunk's mentions joining stored incidents are taken as written and the stored ones read: refreshing
    the incident again from the database alone changes no column (its mentions in stored order, its note)."""
    store.add_batch([article_a()])
    _, (first,) = article_a()
    earlier_id = article("a0", TEXT_A + " Rescuers searched the rubble.", outlet="Early Wire")  # sorts first
    store.add_batch([article_b(), (earlier_id, [dataclasses.replace(first, article_id="a0")])])

    written = _incident_rows(store)
    assert [row[0] for row in written] == ["inc-market"]
    assert store.incident("inc-market").mentions_count == 3
    with store.engine.begin() as conn:
        store_write.refresh_incidents(conn, ["inc-market"], rules=LEXICONS.reconcile)
    assert _incident_rows(store) == written
