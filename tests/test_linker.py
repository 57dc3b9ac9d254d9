"""The one linker: `extract`, `ingest` in one batch and `ingest` one article at a time group alike."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conflictdb import pipeline
from conflictdb.records import Article, DatePrecision, DateValue, Mention, Place, Span
from conflictdb.resolve.link import DocumentFrequencies, known_day, load_link_lexicon
from conflictdb.resolve.linker import HeldIncident, MemoryIndex, Profile, held_by_key, link, link_mentions
from conflictdb.resources import Resources
from conflictdb.store import Store, open_store, schema
from tests.conftest import shared_or_skip

LEXICON = load_link_lexicon()
DAY = dt.date(2024, 3, 9)
TOWN = Place("Mabota", country="MZ", admin1="Cabo Delgado", lat=-11.9, lon=39.6, precision=1)
# a town some 17 km off: reports placed at the two link only when their words are alike (one town and one
# day would lower the bar below any words)
NEARBY = Place("Ntessa", country="MZ", admin1="Cabo Delgado", lat=-11.75, lon=39.65, precision=1)

Result = tuple[Article, list[Mention]]
Grouping = frozenset[frozenset[tuple[str, int]]]

# invented reports: the first two share no rare word, the third tells both acts as one
CONVOY = "Insurgents ambushed a fuel convoy beside the Kolweni bridge, torching two tankers."
POST = "Gunmen overran the Tessaba customs post overnight, seizing rifles and radios."
BOTH = (
    "Insurgents ambushed a fuel convoy beside the Kolweni bridge and torched two tankers, then the "
    "same gunmen overran the Tessaba customs post, seizing rifles and radios."
)
RETOLD = "Witnesses say insurgents ambushed a fuel convoy beside the Kolweni bridge, torching two tankers."
TOLD_AGAIN = (
    "Police confirm insurgents ambushed a fuel convoy beside the Kolweni bridge, torching two tankers."
)
OTHER = "A farmer found an unexploded mortar round in a cassava field near the Lurio river."


def report(
    article_id: str, text: str, *, day: dt.date | None = DAY, published: int = 1, place: Place = TOWN
) -> Result:
    """One invented article with one mention spanning its text."""
    article = Article(
        article_id, f"/in/{article_id}.txt", text, text, published=DAY + dt.timedelta(days=published)
    )
    date = DateValue(day, DatePrecision.DAY, "on Saturday") if day else DateValue(None, None)  # told
    mention = Mention(article_id, "Battles", "Armed clash", date, place, span=Span(0, len(text)))
    return article, [mention]


def grouping(incident_of: dict[tuple[str, int], str]) -> Grouping:
    """The partition of mention keys the incident ids make (ids themselves set aside)."""
    groups: dict[str, set[tuple[str, int]]] = {}
    for key, incident_id in incident_of.items():
        groups.setdefault(incident_id, set()).add(key)
    return frozenset(frozenset(g) for g in groups.values())


def by_extract(results: Sequence[Result], resources: Resources) -> Grouping:
    linked = pipeline.link_incidents(list(results), resources)
    return grouping({(m.article_id, m.index): m.incident_id or "" for _, ms in linked for m in ms})


def by_memory_one_at_a_time(results: Sequence[Result]) -> Grouping:
    index = MemoryIndex(LEXICON)
    for result in results:
        index.add([result])
    return grouping(index.incident_of())


def stored(store: Store) -> Grouping:
    """The stored grouping, each mention keyed by the name its article was read under (extract's id)."""
    with store.engine.connect() as conn:
        m, a = schema.mentions, schema.articles
        name = func.coalesce(a.c.name, a.c.id)
        rows = conn.execute(select(name, m.c.idx, m.c.incident_id).join(a, a.c.id == m.c.article_id)).all()
    return grouping({(article, i): incident_id for article, i, incident_id in rows})


def by_ingest(results: Sequence[Result], url: str, *, one_at_a_time: bool) -> Grouping:
    with open_store(url) as store:
        if one_at_a_time:
            for result in results:
                store.add_batch([result], link=True)
        else:
            store.add_batch(results, link=True)
        return stored(store)


def in_publication_order(results: Sequence[Result]) -> list[Result]:
    return sorted(results, key=lambda r: (r[0].published is None, r[0].published or DAY, r[0].id))


@pytest.fixture
def sqlite_urls(tmp_path: Path) -> Iterator[str]:
    """New SQLite databases, one per call of next()."""
    return (f"sqlite:///{tmp_path / f'db{n}.sqlite'}" for n in itertools.count())


def test_linker_news_corpus_groups_alike_through_extract_ingest_batch_and_one_at_a_time(
    resources: Resources, sqlite_urls: Iterator[str]
) -> None:
    news = shared_or_skip("corpus", "news", "articles.jsonl")
    results = in_publication_order(pipeline.extract_records([news], resources, link=False))
    extracted = by_extract(results, resources)
    assert len(extracted) < sum(len(ms) for _, ms in results)  # some reports are linked
    assert by_ingest(results, next(sqlite_urls), one_at_a_time=False) == extracted
    assert by_ingest(results, next(sqlite_urls), one_at_a_time=True) == extracted
    assert by_memory_one_at_a_time(results) == extracted


CASES = {
    # a report that tells both acts joins the two incidents held apart until it came
    "bridging report": (
        [report("convoy", CONVOY), report("post", POST, place=NEARBY), report("both", BOTH)],
        1,
    ),
    "bridging report first": (
        [report("both", BOTH), report("convoy", CONVOY), report("post", POST, place=NEARBY)],
        1,
    ),
    # an unrelated find the same day stays apart
    "unrelated report": ([report("convoy", CONVOY), report("mortar", OTHER, place=NEARBY)], 2),
    # the same words three days apart, both dated to the day: never one incident
    "days apart": ([report("convoy", CONVOY), report("convoy-b", RETOLD, day=DAY + dt.timedelta(3))], 2),
    # an undated report between two days further apart than the window joins one of them only
    "undated between": (
        [
            report("convoy", CONVOY),
            report("convoy-b", RETOLD, day=DAY + dt.timedelta(3), published=4),
            report("convoy-c", TOLD_AGAIN, day=None, published=2),
        ],
        2,
    ),
}


@pytest.mark.parametrize(("results", "incidents"), CASES.values(), ids=CASES.keys())
def test_linker_small_cases_group_alike_every_way(
    results: list[Result], incidents: int, sqlite_urls: Iterator[str], resources: Resources
) -> None:
    extracted = by_extract(results, resources)
    assert len(extracted) == incidents
    assert by_memory_one_at_a_time(results) == extracted
    assert by_ingest(results, next(sqlite_urls), one_at_a_time=False) == extracted
    assert by_ingest(results, next(sqlite_urls), one_at_a_time=True) == extracted


def test_linker_bridging_report_groups_alike_in_every_arrival_order(
    sqlite_urls: Iterator[str], resources: Resources
) -> None:
    results = [
        report("convoy", CONVOY),
        report("post", POST, place=NEARBY),
        report("both", BOTH),
        report("mortar", OTHER, place=NEARBY),
    ]
    expected = by_extract(results, resources)
    for order in itertools.permutations(results):
        assert by_memory_one_at_a_time(order) == expected
    assert by_ingest(results[::-1], next(sqlite_urls), one_at_a_time=True) == expected


def test_linker_stored_incidents_joined_by_a_new_report_become_one(database_url: str) -> None:
    with open_store(database_url) as store:
        store.add_batch([report("convoy", CONVOY)], link=True)
        store.add_batch([report("post", POST, place=NEARBY)], link=True)
        assert len(stored(store)) == 2
        counts = store.add_batch([report("both", BOTH)], link=True)
        assert counts.incidents == -1  # one incident joined into the other, none made
        assert len(stored(store)) == 1 and store.stats().incidents == 1


def test_linker_two_incidents_an_analyst_corrected_are_never_joined(database_url: str) -> None:
    with open_store(database_url) as store:
        store.add_batch([report("convoy", CONVOY), report("post", POST, place=NEARBY)], link=True)
        with store.engine.connect() as conn:
            ids = conn.execute(select(schema.incidents.c.id)).scalars().all()
        for incident_id in ids:
            store.correct_incident(incident_id, by="analyst", sub_event_type="Attack")
        store.add_batch([report("both", BOTH)], link=True)
        assert len(stored(store)) == 2  # the new report joins one of them, not both


def test_linker_joined_held_incidents_keep_the_pinned_then_the_first() -> None:
    def held(first: str, *, pinned: bool = False) -> HeldIncident:
        return HeldIncident(frozenset({first}), frozenset({f"{first}#0"}), None, (first, 0), pinned)

    class Source:
        def __init__(self, incidents: dict[str, HeldIncident]) -> None:
            self.held = incidents

        def candidates(self, profile: Profile) -> list[Profile]:
            return [
                Profile(Mention(h.first[0], "Battles", "Armed clash", DateValue(DAY, DatePrecision.DAY), TOWN,
                                span=None, incident_id=i), None, {w: 1 for w in ("kolweni", "tessaba")},
                        frozenset())
                for i, h in self.held.items()
            ]  # fmt: skip

        def incidents(self, ids: Sequence[str]) -> dict[str, HeldIncident]:
            return {i: self.held[i] for i in ids}

        def held_for(self, new: Sequence[Profile]) -> list[Profile]:
            return held_by_key(self.candidates(profile) for profile in new)

    article, mentions = report("new", "Kolweni Tessaba")
    new = [Profile.of(article, mentions[0], LEXICON)]
    frequencies = DocumentFrequencies({}, 300)
    plain = {"inc-b": held("b"), "inc-a": held("a")}
    assert [g.incidents for g in link(new, frequencies, LEXICON, source=Source(plain))] == [
        ("inc-a", "inc-b")
    ]
    corrected = {"inc-b": held("b", pinned=True), "inc-a": held("a")}
    assert [g.incidents for g in link(new, frequencies, LEXICON, source=Source(corrected))] == [
        ("inc-b", "inc-a")
    ]


def test_linker_ids_agree_between_extract_and_one_ingest_batch(database_url: str) -> None:
    results = [
        report("convoy", CONVOY),
        report("post", POST, place=NEARBY),
        report("both", BOTH),
        report("mortar", OTHER, place=NEARBY),
    ]
    extracted = {(m.article_id, m.index): m.incident_id for m in link_mentions(results, LEXICON)}
    with open_store(database_url) as store:
        store.add_batch(results, link=True)
        with store.engine.connect() as conn:
            m = schema.mentions
            rows = conn.execute(select(m.c.article_id, m.c.idx, m.c.incident_id)).all()
    assert {(a, i): incident_id for a, i, incident_id in rows} == extracted


def test_linker_a_stored_incident_is_never_stretched_past_the_day_window(database_url: str) -> None:
    undated = report("convoy-c", TOLD_AGAIN, day=None, published=2)
    later = report("convoy-b", RETOLD, day=DAY + dt.timedelta(3), published=4)
    with open_store(database_url) as store:
        store.add_batch([report("convoy", CONVOY), undated], link=True)
        assert len(stored(store)) == 1  # the undated retelling joins the report of the day
        store.add_batch([later], link=True)  # alike in words, but three days after the stored one
        assert len(stored(store)) == 2


@pytest.mark.parametrize("one_at_a_time", [False, True], ids=["batch", "one at a time"])
def test_linker_ingest_of_acled_dev_notes_gives_no_incident_of_two_days_or_two_families(
    resources: Resources, sqlite_urls: Iterator[str], one_at_a_time: bool
) -> None:
    """ACLED codes one event per day and location: stored through `ingest`, no incident of its
    development notes holds two days known to the day or two sub-event families (as bench/incident_purity.py
    counts them; a day with no date words in a read text is the publication day, not a known one)."""
    corpus = shared_or_skip("corpus", "acled-dev", "articles")
    results = in_publication_order(pipeline.extract_records([corpus], resources, link=False))
    days: dict[str, set[dt.date]] = {}
    families: dict[str, set[str]] = {}
    with open_store(next(sqlite_urls)) as store:
        if one_at_a_time:
            for result in results:
                store.add_batch([result], link=True)
        else:
            store.add_batch(results, link=True)
        m = schema.mentions
        columns = (m.c.incident_id, m.c.sub_event_type, m.c.date, m.c.date_precision, m.c.date_text)
        with store.engine.connect() as conn:
            rows = conn.execute(select(*columns, m.c.span_start).where(m.c.background.is_(False))).all()
    for incident_id, sub_event_type, day, precision, date_text, span_start in rows:
        date = DateValue(day, DatePrecision(precision) if precision else None, date_text)
        if (known := known_day(date, read=span_start is not None)) is not None:
            days.setdefault(incident_id, set()).add(known)
        families.setdefault(incident_id, set()).add(LEXICON.families[sub_event_type])
    assert len(families) > 100  # the notes were stored
    assert [i for i, d in days.items() if len(d) > 1] == []
    assert [i for i, f in families.items() if len(f) > 1] == []
