"""Incident summaries as the store keeps them: refreshed from stored cues, equal to a summary made afresh."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

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
from conflictdb.resolve.grade import TextCues
from conflictdb.store import MIGRATIONS, Store, load_store_lexicons, open_store, schema, summarise_incident
from conflictdb.store.rows import cues_value

LEXICONS = load_store_lexicons()
RULES = LEXICONS.reconcile
BAIDOA = Place("Baidoa", country="SO", admin1="Bay", lat=3.11, lon=43.65, precision=1)
TUESDAY = DateValue(dt.date(2025, 2, 4), DatePrecision.DAY, "on Tuesday")

# (article id, incident, text): invented reports; some hold a claim of responsibility or say the deaths
# were an accident, so what grading finds in texts decides grades. Ids are out of order on purpose: a
# later report may sort before the stored ones.
REPORTS = [
    ("m4", "inc-checkpoint", "Gunmen stormed a checkpoint near Baidoa on Tuesday and killed 6 soldiers."),
    (
        "k2",
        "inc-checkpoint",
        "A rebel faction claimed responsibility for the raid; 8 soldiers died.",
    ),
    ("t7", "inc-blast", "A blast at a depot in Baidoa killed 3 workers on Tuesday, police said."),
    ("b1", "inc-blast", "Engineers said the depot fire was an accident, and that 4 workers were killed."),
    ("x9", "inc-checkpoint", "Soldiers said 7 of their comrades were killed at the checkpoint."),
    ("c3", "inc-market", "A shell hit the market in Baidoa on Tuesday, killing 2 traders."),
    ("a0", "inc-market", "Traders said 5 people were killed when the shell hit the market."),
]


def report(article_id: str, incident_id: str, text: str) -> tuple[Article, list[Mention]]:
    """One article telling one incident, its one claim the sentence's killed figure."""
    count = next(int(word) for word in text.split() if word.isdigit())
    claim = Claim(
        evidence=Span(0, len(text)),
        figures=(Figure(Outcome.KILLED, Category.UNSPECIFIED, count, count, words=str(count)),),
        speaker="an official",
    )
    mention = Mention(
        article_id=article_id,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        date=TUESDAY,
        place=BAIDOA,
        claims=(claim,),
        span=Span(0, len(text)),
        incident_id=incident_id,
    )
    art = Article(
        id=article_id, source=f"/in/{article_id}.txt", text=text, clean_text=text, outlet=article_id
    )
    return art, [mention]


def fill(store: Store, reports: list[tuple[str, str, str]]) -> None:
    """Store the reports one batch each, as a feed brings them."""
    for item in reports:
        store.add_batch([report(*item)], link=False)


def summary_columns(store: Store) -> dict[str, tuple[dict[str, object], dict[str, object]]]:
    """Per incident: the stored summary columns, and those summarised afresh from all its mentions."""
    found = {}
    with store.engine.connect() as conn:
        ids = conn.execute(select(schema.incidents.c.id)).scalars().all()
    for incident_id in ids:
        detail = store.incident(incident_id)
        assert detail is not None
        fresh = summarise_incident(detail.mentions, detail.articles, rules=RULES)
        found[incident_id] = ({k: getattr(detail, k) for k in fresh}, fresh)
    return found


def test_store_summary_refreshed_over_many_batches_equals_one_from_all_mentions(database_url: str) -> None:
    with open_store(database_url, lexicons=LEXICONS) as store:
        fill(store, REPORTS)
        found = summary_columns(store)
    assert sorted(found) == ["inc-blast", "inc-checkpoint", "inc-market"]
    for stored, fresh in found.values():
        assert stored == fresh
    grades = {incident_id: stored["grade"] for incident_id, (stored, _) in found.items()}
    assert grades == {"inc-blast": "discounted", "inc-checkpoint": "confirmed", "inc-market": "fair"}


def test_store_summary_reads_stored_cues_and_not_the_texts(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'cues.sqlite'}"
    with open_store(url, lexicons=LEXICONS) as store:
        fill(store, REPORTS[:1])
        planted = cues_value(TextCues(discounting=("was a drill",)), RULES.cues_key)
        with store.engine.begin() as conn:  # cues no text holds: only read from the column can they count
            conn.execute(update(schema.mentions).values(grade_cues=planted))
        fill(store, REPORTS[1:2])
        assert store.incident("inc-checkpoint").grade == "discounted"  # type: ignore[union-attr]


def test_store_summary_cues_of_other_rules_are_read_again_from_the_texts(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'stale.sqlite'}"
    with open_store(url, lexicons=LEXICONS) as store:
        fill(store, REPORTS[:1])
        stale = cues_value(TextCues(discounting=("was a drill",)), "rules of another day")
        with store.engine.begin() as conn:
            conn.execute(update(schema.mentions).values(grade_cues=stale))
        fill(store, REPORTS[1:2])
        stored, fresh = summary_columns(store)["inc-checkpoint"]
    assert stored == fresh and stored["grade"] == "confirmed"


def test_store_summary_migration_12_finds_the_cues_of_an_older_store(database_url: str) -> None:
    with open_store(database_url, lexicons=LEXICONS) as store:
        fill(store, REPORTS)
        m = schema.mentions
        with store.engine.begin() as conn:  # as version 11 left it: no cues
            written = dict(conn.execute(select(m.c.article_id, m.c.grade_cues)).all())
            conn.execute(update(m).values(grade_cues=None))
            conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version >= 12))
    with open_store(database_url, lexicons=LEXICONS) as store:
        assert store.stats().schema_version == len(MIGRATIONS)
        with store.engine.connect() as conn:
            assert dict(conn.execute(select(m.c.article_id, m.c.grade_cues)).all()) == written
        assert sum('"claimed":[["' in value for value in written.values()) == 1
        fill(store, [("z5", "inc-blast", "Police later said 3 workers had been killed in the depot fire.")])
        for stored, fresh in summary_columns(store).values():
            assert stored == fresh
