"""Resolution in the store: incremental linking, near-duplicate sources, manual merge and split, migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from conflictdb.cli import app
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
)
from conflictdb.resolve.link import DocumentFrequencies, load_link_lexicon, mention_words
from conflictdb.resolve.linker import MemoryIndex, Profile
from conflictdb.resolve.pair_rules import required_similarity
from conflictdb.store import MIGRATIONS, Store, open_store, resolution, schema

KANDAHAR = Place("Kandahar", country="AF", admin1="Kandahar", lat=31.61, lon=65.71, precision=1)
DAY = dt.date(2023, 5, 14)
LINKING = load_link_lexicon()

MARKET_1 = (
    "Motorcycle bomb tears through Mandawi grain market\n"
    "A bomb hidden on a motorcycle exploded in the Mandawi grain market of Kandahar city on Sunday, killing "
    "9 traders and wounding 17, provincial police spokesman Jamal Barakzai said."
)
MARKET_2 = (
    "Kandahar market blast toll rises\n"
    "The toll from Sunday's motorcycle bomb in Kandahar's crowded Mandawi grain market rose to 11 traders, "
    "police spokesman Jamal Barakzai told reporters, adding that 17 people remained in hospital."
)
MARKET_3 = (
    "Traders bury dead after Mandawi bombing\n"
    "Shopkeepers in the Mandawi grain market of Kandahar buried 11 traders killed by Sunday's motorcycle "
    "bomb, and the market stayed shut on Monday."
)
CHECKPOINT = (
    "Gunmen storm Arghandab police checkpoint\n"
    "Taliban gunmen stormed a police checkpoint in Arghandab district of Kandahar province on Sunday night, "
    "killing 4 policemen in a two-hour firefight, district governor Haji Wazir said."
)
WIRE = (
    "KANDAHAR (Wire) - A bomb hidden on a motorcycle exploded in the Mandawi grain market of Kandahar city "
    "on Sunday, killing 9 traders and wounding 17, provincial police spokesman Jamal Barakzai said. The "
    "market, the largest in southern Afghanistan, had been crowded with farmers selling the spring harvest. "
    "No group claimed the attack. Kandahar has seen a string of bombings against traders this year."
)


def report(
    article_id: str,
    text: str,
    *,
    outlet: str,
    published: dt.date = DAY + dt.timedelta(days=1),
    sub_event: str = "Remote explosive/landmine/IED",
    killed: int = 9,
    category: Category = Category.CIVILIANS,
) -> tuple[Article, list[Mention]]:
    """One invented article with one mention spanning its text."""
    article = Article(article_id, f"/in/{article_id}.txt", text, text, outlet=outlet, published=published)
    claim = Claim(Span(0, len(text)), (Figure(Outcome.KILLED, category, killed, killed),), speaker="police")
    event = "Battles" if sub_event == "Armed clash" else "Explosions/Remote violence"
    mention = Mention(
        article_id,
        event,
        sub_event,
        DateValue(DAY, DatePrecision.DAY, "on Sunday"),
        KANDAHAR,
        claims=(claim,),
        span=Span(0, len(text)),
    )
    return article, [mention]


def market(n: int, article_id: str | None = None, outlet: str | None = None) -> tuple[Article, list[Mention]]:
    text = (MARKET_1, MARKET_2, MARKET_3)[n - 1]
    return report(article_id or f"market{n}", text, outlet=outlet or f"Outlet {n}")


def checkpoint() -> tuple[Article, list[Mention]]:
    return report("checkpoint", CHECKPOINT, outlet="Outlet 4", sub_event="Armed clash", killed=4)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """An empty store, once on SQLite and once on PostgreSQL."""
    with open_store(database_url) as opened:
        yield opened


def incident_of(store: Store, article_id: str) -> str:
    """The incident holding the (only) mention of an article."""
    with store.engine.connect() as conn:
        m = schema.mentions
        return conn.execute(select(m.c.incident_id).where(m.c.article_id == article_id)).scalar_one()


def snapshot(store: Store) -> tuple[object, ...]:
    """Every table count and every mention's incident."""
    with store.engine.connect() as conn:
        m = schema.mentions
        placed = sorted(conn.execute(select(m.c.article_id, m.c.idx, m.c.incident_id)).all())
    return (store.stats(), tuple(placed), len(store.decisions()))


def test_resolve_store_second_outlet_joins_stored_incident_and_other_event_stays_apart(store: Store) -> None:
    first = store.add_batch([market(1)], link=True)
    assert (first.new, first.incidents) == (1, 1)
    second = store.add_batch([market(2), checkpoint()], link=True)
    assert (second.new, second.incidents) == (2, 1)  # only the checkpoint attack is a new incident
    assert incident_of(store, "market2") == incident_of(store, "market1")
    assert incident_of(store, "checkpoint") != incident_of(store, "market1")
    detail = store.incident(incident_of(store, "market1"))
    assert detail is not None and detail.sources == ("Outlet 1", "Outlet 2")


def test_resolve_store_links_within_a_batch_as_before(store: Store) -> None:
    store.add_batch([market(1), market(2), checkpoint()], link=True)
    assert incident_of(store, "market1") == incident_of(store, "market2") != incident_of(store, "checkpoint")


def test_resolve_store_reingest_changes_nothing(store: Store) -> None:
    store.add_batch([market(1), market(2)], link=True)
    store.add_batch([checkpoint()], link=True)
    before = snapshot(store)
    again = store.add_batch([checkpoint(), market(2), market(1)], link=True)
    assert (again.new, again.unchanged, again.mentions, again.incidents) == (0, 3, 0, 0)
    assert snapshot(store) == before


def test_resolve_store_word_frequencies_follow_the_articles_stored_and_replaced(store: Store) -> None:
    """Linking's IDF comes from counts the store keeps, a stored mention's words added and a replaced one's
    taken out: the counts, and so the vectors, of one fit over every mention stored. A library TF-IDF
    (scikit-learn's TfidfVectorizer) fits in memory with no partial fit and no removal: each chunk would
    re-read every stored mention's words to refit."""
    store.add_batch([market(1)], link=True)
    store.add_article(*checkpoint(), link=True)
    store.add_batch([market(2)], link=True)
    rewritten = report("market1", MARKET_3, outlet="Outlet 1")  # the same article id, another text
    store.add_article(*rewritten, replace=True, link=True)
    bags = [
        mention_words(a, m, LINKING.stopwords) for a, ms in (market(2), checkpoint(), rewritten) for m in ms
    ]
    with store.engine.connect() as conn:
        t = schema.term_frequencies
        held = Counter({term: n for term, n in conn.execute(select(t.c.term, t.c.documents)) if n})
    assert held == Counter(word for bag in bags for word in bag) and held["mandawi"] == 2
    assert "wounding" not in held  # only market1's first text said it
    refit = DocumentFrequencies.of(bags, reference_documents=LINKING.reference_documents)
    kept = DocumentFrequencies(held, max(len(bags), LINKING.reference_documents))
    assert kept.vectors(bags) == refit.vectors(bags)


def test_resolve_store_republished_copy_is_one_source_group(store: Store) -> None:
    original = report("wire", "Bomb kills 9 in Kandahar market\n" + WIRE, outlet="Wire")
    copy_text = "HOME | NEWS | ASIA\nNine traders die in Kandahar bazaar explosion\n" + WIRE.replace(
        "9", "nine"
    )
    copy = report("copy", copy_text, outlet="Daily Mirror", published=DAY + dt.timedelta(days=2))
    other = market(2)
    store.add_batch([original, copy, other], link=True)
    detail = store.incident(incident_of(store, "wire"))
    assert detail is not None
    groups = {a.id: a.source_group for a in detail.articles}
    assert groups == {"wire": "wire", "copy": "wire", "market2": "market2"}


def test_resolve_store_near_duplicate_a_month_later_is_a_new_source(store: Store) -> None:
    store.add_batch([report("wire", WIRE, outlet="Wire")], link=True)
    late = report("late", WIRE + " Updated.", outlet="Wire", published=DAY + dt.timedelta(days=40))
    store.add_batch([late], link=True)
    with store.engine.connect() as conn:
        a = schema.articles
        assert dict(conn.execute(select(a.c.id, a.c.source_group)).all()) == {"wire": "wire", "late": "late"}


def test_resolve_store_split_is_recorded_and_never_undone(store: Store) -> None:
    store.add_batch([market(1), market(2)], link=True)
    incident = incident_of(store, "market1")
    decision = store.split_incident(incident, ["market2#0"], by="analyst")
    moved = decision.detail["new_incident"]
    assert (incident_of(store, "market1"), incident_of(store, "market2")) == (incident, moved)
    (recorded,) = store.decisions()
    assert (recorded.action, recorded.incident_id, recorded.decided_by) == ("split", incident, "analyst")
    assert recorded.detail == {"new_incident": moved, "mentions": ["market2#0"]}

    before = snapshot(store)
    store.add_batch([market(1), market(2)], link=True)  # re-ingest: nothing changes
    assert snapshot(store) == before
    store.add_batch([market(3)], link=True)  # a third report joins one side, never both
    assert incident_of(store, "market1") == incident and incident_of(store, "market2") == moved
    assert incident_of(store, "market3") in {incident, moved}

    art, mentions = market(2)
    revised = Article(
        art.id, art.source, art.text + " Updated.", art.clean_text + " Updated.", outlet="Outlet 2"
    )
    store.add_article(revised, mentions, replace=True, link=True)  # the revised article stays where put
    assert incident_of(store, "market2") == moved


def test_resolve_store_split_pair_is_not_relinked_inside_a_new_batch(store: Store) -> None:
    store.add_batch([market(1), market(2)], link=True)
    incident = incident_of(store, "market1")
    moved = store.split_incident(incident, ["market2#0"], by="analyst").detail["new_incident"]
    with store.engine.begin() as conn:  # both articles leave the store, then come back in one batch
        for article_id in ("market1", "market2"):
            conn.execute(schema.mentions.delete().where(schema.mentions.c.article_id == article_id))
            conn.execute(schema.articles.delete().where(schema.articles.c.id == article_id))
    store.add_batch([market(1), market(2)], link=True)
    assert incident_of(store, "market1") == incident and incident_of(store, "market2") == moved


def test_resolve_store_merge_is_recorded_and_holds(store: Store) -> None:
    store.add_batch([market(1), checkpoint()], link=True)
    keep, other = incident_of(store, "market1"), incident_of(store, "checkpoint")
    decision = store.merge_incidents(keep, [other], by="analyst")
    assert (decision.action, decision.detail) == ("merge", {"merged": [other]})
    assert incident_of(store, "checkpoint") == keep and store.incident(other) is None
    store.add_batch([market(2), market(3)], link=True)
    assert {incident_of(store, a) for a in ("market1", "checkpoint", "market2", "market3")} == {keep}
    detail = store.incident(keep)
    assert detail is not None and detail.mentions_count == 4


def test_resolve_store_figures_and_grade_are_recomputed_on_merge_and_split(store: Store) -> None:
    store.add_batch([market(1), checkpoint()], link=True)
    keep, other = incident_of(store, "market1"), incident_of(store, "checkpoint")

    def summary(incident_id: str) -> tuple[int | None, str | None]:
        detail = store.incident(incident_id)
        assert detail is not None
        return detail.fatalities, detail.grade

    assert (summary(keep), summary(other)) == ((9, "weak"), (4, "weak"))
    store.merge_incidents(keep, [other], by="analyst")
    merged = summary(keep)
    assert merged[1] == "fair"  # two outlets now tell it
    moved = store.split_incident(keep, ["checkpoint#0"], by="analyst").detail["new_incident"]
    assert (summary(keep), summary(moved)) == ((9, "weak"), (4, "weak"))  # each side's own figures again


def test_resolve_store_bad_decisions_are_refused(store: Store) -> None:
    from conflictdb.errors import StoreError

    store.add_batch([market(1), checkpoint()], link=True)
    incident = incident_of(store, "market1")
    with pytest.raises(StoreError, match="no incident"):
        store.merge_incidents(incident, ["nope"], by="a")
    with pytest.raises(StoreError, match="no mention"):
        store.split_incident(incident, ["checkpoint#0"], by="a")
    with pytest.raises(StoreError, match="at least one"):
        store.split_incident(incident, ["market1#0"], by="a")
    assert store.decisions() == []


def test_resolve_store_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'wal.sqlite'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_resolve_store_failing_article_keeps_the_rest_of_its_chunk(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from conflictdb.store import write

    real = write._insert_claims

    def fail_on_market2(conn, claims):  # type: ignore[no-untyped-def]
        if any(art.id == "market2" for art, *_ in claims):
            raise SQLAlchemyError("boom")
        return real(conn, claims)

    monkeypatch.setattr(write, "_insert_claims", fail_on_market2)
    errors: list[Exception] = []
    counts = store.add_batch([market(1), market(2), checkpoint()], link=True, on_error=errors.append)
    assert (counts.new, counts.failed) == (2, 1) and "market2" in str(errors[0])
    assert store.stats().articles == 2 and store.stats().mentions == 2


# --- migration from schema version 2 --------------------------------------------------------------------

V2_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL, description VARCHAR(500) NOT NULL,
  applied_at DATETIME NOT NULL, PRIMARY KEY (version));
CREATE TABLE articles (id VARCHAR(200) NOT NULL, source TEXT NOT NULL, url TEXT, outlet VARCHAR(500),
  title TEXT, published DATE, content_hash VARCHAR(128) NOT NULL, text TEXT NOT NULL,
  clean_text TEXT NOT NULL, ingested_at DATETIME NOT NULL, PRIMARY KEY (id), UNIQUE (content_hash));
CREATE TABLE incidents (id VARCHAR(200) NOT NULL, event_type VARCHAR(500), sub_event_type VARCHAR(500),
  date DATE, date_precision VARCHAR(10), country VARCHAR(2), admin1 VARCHAR(500), admin2 VARCHAR(500),
  location VARCHAR(500), lat FLOAT, lon FLOAT, geo_precision INTEGER, actor1 VARCHAR(500),
  actor2 VARCHAR(500), fatalities INTEGER, notes TEXT, PRIMARY KEY (id));
CREATE INDEX ix_incidents_country ON incidents (country);
CREATE INDEX ix_incidents_date ON incidents (date);
CREATE TABLE mentions (id INTEGER NOT NULL, article_id VARCHAR(200) NOT NULL,
  incident_id VARCHAR(200) NOT NULL, idx INTEGER NOT NULL, event_type VARCHAR(500) NOT NULL,
  sub_event_type VARCHAR(500) NOT NULL, date DATE, date_precision VARCHAR(10), date_text TEXT,
  place_name VARCHAR(500), country VARCHAR(2), admin1 VARCHAR(500), admin2 VARCHAR(500), lat FLOAT,
  lon FLOAT, geo_precision INTEGER, place_words TEXT, perpetrator VARCHAR(500), target VARCHAR(500),
  background BOOLEAN NOT NULL, coded_fatalities INTEGER, span_start INTEGER, span_end INTEGER,
  PRIMARY KEY (id), FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE,
  FOREIGN KEY(incident_id) REFERENCES incidents (id));
CREATE INDEX ix_mentions_incident_id ON mentions (incident_id);
CREATE INDEX ix_mentions_article_id ON mentions (article_id);
CREATE TABLE claims (id INTEGER NOT NULL, mention_id INTEGER NOT NULL, idx INTEGER NOT NULL,
  speaker VARCHAR(500), speaker_role VARCHAR(500), relay VARCHAR(500), stance VARCHAR(20) NOT NULL,
  stance_words TEXT, partisan BOOLEAN NOT NULL, evidence_start INTEGER NOT NULL,
  evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL, PRIMARY KEY (id),
  FOREIGN KEY(mention_id) REFERENCES mentions (id) ON DELETE CASCADE);
CREATE INDEX ix_claims_mention_id ON claims (mention_id);
CREATE TABLE figures (id INTEGER NOT NULL, claim_id INTEGER NOT NULL, idx INTEGER NOT NULL,
  outcome VARCHAR(20) NOT NULL, category VARCHAR(30) NOT NULL, min INTEGER, max INTEGER,
  approximate BOOLEAN NOT NULL, vague VARCHAR(500), part_of_total BOOLEAN NOT NULL, women INTEGER,
  children INTEGER, words TEXT NOT NULL, PRIMARY KEY (id),
  FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE);
CREATE INDEX ix_figures_claim_id ON figures (claim_id);
INSERT INTO schema_version VALUES (1, 'articles, incidents, mentions, claims, figures',
  '2024-01-01 00:00:00');
INSERT INTO schema_version VALUES (2, 'mentions.coded_fatalities', '2024-01-01 00:00:00');
"""


def old_database(path: Path) -> None:
    """A database as conflictdb left it at schema version 2, holding the first market report."""
    text = MARKET_1
    with sqlite3.connect(path) as db:
        db.executescript(V2_SCHEMA)
        db.execute(
            "INSERT INTO articles VALUES ('market1', '/in/market1.txt', NULL, 'Outlet 1', NULL, '2023-05-15',"
            " 'h1', ?, ?, '2023-05-15 10:00:00')",
            (text, text),
        )
        db.execute(
            "INSERT INTO incidents (id, country, admin1, date)"
            " VALUES ('inc-old', 'AF', 'Kandahar', '2023-05-14')"
        )
        db.execute(
            "INSERT INTO mentions VALUES (1, 'market1', 'inc-old', 0, 'Explosions/Remote violence',"
            " 'Remote explosive/landmine/IED', '2023-05-14', 'day', 'on Sunday', 'Kandahar', 'AF',"
            " 'Kandahar', NULL, 31.61, 65.71, 1, NULL, NULL, NULL, 0, NULL, 0, ?)",
            (len(text),),
        )
        db.execute(
            "INSERT INTO claims VALUES (1, 1, 0, 'Jamal Barakzai', NULL, NULL, 'asserted', NULL, 0, 0, ?, ?)",
            (len(text), text),
        )


def test_resolve_store_migrates_version_2_and_links_to_old_incidents(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old_database(path)
    with open_store(f"sqlite:///{path}") as store:
        assert store.stats().schema_version == len(MIGRATIONS)
        assert (store.stats().articles, store.stats().incidents, store.stats().mentions) == (1, 1, 1)
        with store.engine.connect() as conn:
            a, m, t = schema.articles, schema.mentions, schema.term_frequencies
            assert conn.execute(select(a.c.source_group)).scalar_one() == "market1"
            terms, speakers = conn.execute(select(m.c.terms, m.c.named_speakers)).one()
            assert '"mandawi":' in terms and speakers == '["jamal barakzai"]'
            assert conn.execute(select(t.c.documents).where(t.c.term == "mandawi")).scalar_one() == 1
        (old,) = store.incident("inc-old").mentions
        assert old.type_guessed is False  # stored before version 9: read as told
        store.add_batch([market(2)], link=True)
        assert incident_of(store, "market2") == "inc-old"
        detail = store.incident("inc-old")
        assert detail is not None and detail.mentions_count == 2


# --- the CLI ---------------------------------------------------------------------------------------------


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})


def test_resolve_store_cli_merge_and_split_record_who(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    with open_store(url) as store:
        store.add_batch([market(1), market(2), checkpoint()], link=True)
        market_id, checkpoint_id = incident_of(store, "market1"), incident_of(store, "checkpoint")
    split = invoke("split", market_id, "market2#0", "--db", url, env={"USER": "amina"})
    assert split.exit_code == 0, split.output
    assert "moved 1 mentions" in split.stdout and "by amina" in split.stdout
    merge = invoke("merge", market_id, checkpoint_id, "--db", url, "--by", "jonas")
    assert merge.exit_code == 0, merge.output
    assert f"merged {checkpoint_id} into {market_id}" in merge.stdout
    bad = invoke("split", market_id, "nowhere#3", "--db", url)
    assert bad.exit_code == 1 and "no mention nowhere#3" in bad.stderr and "Traceback" not in bad.output
    with open_store(url) as store:
        assert [(d.action, d.decided_by) for d in store.decisions()] == [
            ("split", "amina"),
            ("merge", "jonas"),
        ]
        assert incident_of(store, "checkpoint") == market_id != incident_of(store, "market2")


def test_resolve_store_candidates_carry_the_place_a_batch_reads(store: Store) -> None:
    """Stored candidates know their town and its coordinates, so the place rules (same town, towns far
    apart) score a pair the same in the store as in a batch."""
    store.add_batch([market(1)], link=True)
    article, (mention,) = market(2)
    with store.engine.connect() as conn:
        profile = resolution.profile_of(article, mention, LINKING)
        (candidate,) = resolution.stored_candidates(conn, profile, LINKING)
    assert candidate.mention.place == KANDAHAR


@pytest.mark.parametrize("guessed", [True, False])
def test_resolve_store_candidates_carry_a_guessed_type(store: Store, guessed: bool) -> None:
    """A stored mention whose type is a guess (a bare strike that shelling told elsewhere made a shelling)
    comes back as one, so a new report's "strike" is held to the same bar as in a batch."""
    shelled_article, (shelled,) = market(1)
    shelled = replace(shelled, sub_event_type="Shelling/artillery/missile attack", type_guessed=guessed)
    store.add_batch([(shelled_article, [shelled])], link=True)
    article, (mention,) = market(2)
    mention = replace(mention, sub_event_type="Air/drone strike", type_guessed=True)
    with store.engine.connect() as conn:
        profile = resolution.profile_of(article, mention, LINKING)
        (candidate,) = resolution.stored_candidates(conn, profile, LINKING)
    assert candidate.mention.type_guessed is guessed
    assert store.incident(incident_of(store, "market1")).mentions[0].type_guessed is guessed
    bar = required_similarity(mention, candidate.mention, LINKING)
    assert bar == required_similarity(mention, shelled, LINKING)
    assert (bar == required_similarity(mention, mention, LINKING)) is guessed


def test_resolve_store_candidates_are_bounded_and_reports_placed_in_time_come_first(store: Store) -> None:
    """A store of many reports placed in no time (texts with no day and no publication day, as a folder of
    them gives) hands a new report at most `max_stored_candidates` of them, the latest stored: each new
    article costs the same however many came before. Reports placed in time in its windows are bounded on
    their own, and come first."""
    timeless = []
    for n in range(6):
        article, (mention,) = report(f"undated{n}", f"{MARKET_3} Copy {n}.", outlet=f"Outlet {n}")
        article = replace(article, published=None)
        timeless.append((article, [replace(mention, date=DateValue(None, None))]))
    store.add_batch([market(1), *timeless], link=True)
    lexicon = replace(LINKING, max_stored_candidates=3)
    article, (mention,) = market(2)
    with store.engine.connect() as conn:
        profile = resolution.profile_of(article, mention, lexicon)
        every = resolution.stored_candidates(conn, profile, LINKING)
        bounded = resolution.stored_candidates(conn, profile, lexicon)
    assert len(every) == 7
    assert [c.mention.article_id for c in bounded] == ["market1", "undated5", "undated4", "undated3"]


def test_resolve_store_candidates_of_its_country_and_of_none_are_bounded_together(store: Store) -> None:
    """Stored reports placed in the new report's country and reports placed in no country are read apart
    (one index range each) and bounded together: the latest stored of both, interleaved as stored."""
    timeless = []
    for n in range(6):
        article, (mention,) = report(f"undated{n}", f"{MARKET_3} Copy {n}.", outlet=f"Outlet {n}")
        place = KANDAHAR if n % 2 else None  # odd ones in Kandahar, even ones placed nowhere
        timeless.append(
            (replace(article, published=None), [replace(mention, place=place, date=DateValue(None, None))])
        )
    store.add_batch(timeless, link=True)
    article, (mention,) = market(2)
    with store.engine.connect() as conn:
        profile = resolution.profile_of(replace(article, published=None), mention, LINKING)
        every = resolution.stored_candidates(conn, profile, LINKING)
        bounded = resolution.stored_candidates(conn, profile, replace(LINKING, max_stored_candidates=3))
    assert [c.mention.article_id for c in every] == [f"undated{n}" for n in range(5, -1, -1)]
    assert [c.mention.article_id for c in bounded] == ["undated5", "undated4", "undated3"]


def test_resolve_store_notes_stay_the_first_stored_reports_first_claim(store: Store) -> None:
    """An incident's notes are the words of its first stored report's first claim, whichever report joins
    it later and whatever claims that report gives."""
    first = market(1)
    store.add_batch([first], link=True)
    later, (mention,) = market(2)
    extra = replace(mention.claims[0], evidence=Span(0, 30))
    store.add_batch([(later, [replace(mention, claims=(extra, *mention.claims))])], link=True)
    incident = incident_of(store, "market1")
    assert incident_of(store, "market2") == incident
    (row,) = [row for row in store.incidents() if row.id == incident]
    assert row.notes == MARKET_1


def test_resolve_store_a_batch_meets_at_most_its_bound_of_stored_mentions(store: Store) -> None:
    """However many queries one batch of new mentions asks, it is compared with at most
    `max_stored_candidates_per_batch` stored mentions, the latest stored, in key order; under the bound
    every one found."""
    timeless = []
    for n in range(5):
        article, (mention,) = report(f"undated{n}", f"{MARKET_3} Copy {n}.", outlet=f"Outlet {n}")
        timeless.append((replace(article, published=None), [replace(mention, date=DateValue(None, None))]))
    store.add_batch([market(1), *timeless], link=True)
    new = [market(2), checkpoint()]
    with store.engine.connect() as conn:
        profiles = [resolution.profile_of(a, m, LINKING) for a, ms in new for m in ms]
        every = resolution.StoreSource(conn, LINKING).held_for(profiles)
        bounded = replace(LINKING, max_stored_candidates_per_batch=3)
        held = resolution.StoreSource(conn, bounded).held_for(profiles)
    assert [p.mention.article_id for p in every] == ["market1", *(f"undated{n}" for n in range(5))]
    assert [p.mention.article_id for p in held] == ["undated2", "undated3", "undated4"]


def _held_grid() -> list[tuple[Article, list[Mention]]]:
    """Stored reports of every kind of place, publication day and date a candidate query tells apart."""
    places = [KANDAHAR, Place("Lashkar Gah", country="AF", admin1="Helmand"), Place("", country="PK"), None]
    published = [DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=30), None]
    dates = [
        DateValue(DAY, DatePrecision.DAY, "on Sunday"),
        DateValue(DAY + dt.timedelta(days=3), DatePrecision.DAY, "on Wednesday"),
        DateValue(DAY, DatePrecision.MONTH, "in May"),
        DateValue(None, None),
    ]
    grid = []
    for n, (place, day, date) in enumerate((p, d, t) for p in places for d in published for t in dates):
        article, (mention,) = report(f"held{n:02d}", f"{MARKET_1} Note {n}.", outlet=f"Outlet {n}")
        grid.append((replace(article, published=day), [replace(mention, place=place, date=date)]))
    return grid


@pytest.mark.parametrize("published", [DAY + dt.timedelta(days=2), None])
@pytest.mark.parametrize("place", [KANDAHAR, Place("", country="AF"), None])
@pytest.mark.parametrize("date", [DateValue(DAY, DatePrecision.DAY, "on Sunday"), DateValue(None, None)])
def test_resolve_store_candidates_are_those_memory_finds(
    store: Store, published: dt.date | None, place: Place | None, date: DateValue
) -> None:
    """Whatever a new report knows of its place, publication day and day, the store's candidate queries
    (built once per such shape, its values bound) find the stored reports the in-memory index finds."""
    grid = _held_grid()
    store.add_batch(grid)
    article, (mention,) = market(2)
    article, mention = replace(article, published=published), replace(mention, place=place, date=date)
    memory = MemoryIndex(LINKING)
    memory.profiles = {(a.id, 0): Profile.of(a, ms[0], LINKING) for a, ms in grid}
    with store.engine.connect() as conn:
        profile = resolution.profile_of(article, mention, LINKING)
        stored = resolution.stored_candidates(conn, profile, LINKING)
    expected = sorted(p.mention.article_id for p in memory.candidates(profile))
    assert sorted(p.mention.article_id for p in stored) == expected
    assert expected  # every shape finds some
