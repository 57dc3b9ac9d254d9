"""An article's identity in the store (store.identity): its URL, else a hash of its source and text; the
name it was read under kept as a field; nothing refused for its name; the same article twice changes
nothing. Through the CLI, the store on SQLite and PostgreSQL, and the API over real HTTP."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import create_engine, select, text
from typer.testing import CliRunner, Result

from conflictdb.cli import app
from conflictdb.errors import StoreError
from conflictdb.ingest.build import build_article, content_hash
from conflictdb.ingest.limits import load_input_limits
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
from conflictdb.store import MIGRATIONS, Store, load_store_lexicons, migrate, open_store, schema
from conflictdb.store.identity import HASH_LENGTH, HASH_PREFIX, article_identity, keyed, new_incident_id
from tests.test_api_schema import serving

LIMITS = load_input_limits()

# invented reports, in our own words
HILLTOP = (
    "Militants stormed a hilltop police post near the town of Orvella on Tuesday and killed four officers, "
    "a regional police spokesman said.\n"
)
FERRY = (
    "Two civilians were killed and seven wounded when shells landed near the ferry landing at Tamsk on "
    "Sunday, the district administration said.\n"
)
BRIDGE = "A roadside bomb killed three soldiers on the Kessel bridge road on Friday, the army said.\n"
ORCHARD = "Drone strikes on an orchard outside Velmar killed five farm workers on Monday, villagers said.\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def stored_articles(url: str) -> list[dict[str, object]]:
    with open_store(url) as store, store.engine.connect() as conn:
        a = schema.articles
        rows = conn.execute(select(a.c.id, a.c.name, a.c.url).order_by(a.c.id)).mappings().all()
    return [dict(row) for row in rows]


# --- the identity itself -------------------------------------------------------------------------------


def test_identity_is_the_url_without_its_fragment() -> None:
    article = build_article(
        id="x", source="in/x.txt", text=HILLTOP, url=" https://news.example/a/1#comments ", limits=LIMITS
    )
    assert article.name == "x" and article.id == "x"  # what `extract` writes stays the reader's id
    assert article_identity(article) == "https://news.example/a/1"


@pytest.mark.parametrize(
    ("other_source", "other_text", "same"),
    [
        ("in/x.txt", HILLTOP, True),  # the same file read again
        ("elsewhere/x.txt", HILLTOP, False),
        ("in/x.txt", FERRY, False),
    ],
)
def test_identity_without_url_is_a_hash_of_source_and_text(
    other_source: str, other_text: str, same: bool
) -> None:
    first = article_identity(build_article(id="x", source="in/x.txt", text=HILLTOP, limits=LIMITS))
    second = article_identity(build_article(id="x", source=other_source, text=other_text, limits=LIMITS))
    assert first.startswith(HASH_PREFIX) and len(first) == len(HASH_PREFIX) + HASH_LENGTH
    assert (first == second) is same


def test_identity_keeps_the_id_of_an_article_a_caller_named_and_moves_read_ones() -> None:
    mention = _mention("x")
    own = Article(id="my-own-key", source="memory", text=HILLTOP)
    assert keyed(own, [mention]) == (own, [mention])
    read = build_article(id="x", source="in/x.txt", text=HILLTOP, url="https://news.example/b", limits=LIMITS)
    article, (moved,) = keyed(read, [mention])
    assert (article.id, article.name, moved.article_id) == ("https://news.example/b", "x", article.id)
    assert keyed(article, [moved]) == (article, [moved])  # keyed twice: the same key


def test_identity_new_incident_ids_take_the_linkers_form() -> None:
    made = {new_incident_id() for _ in range(50)}
    assert len(made) == 50
    assert all(i.startswith("inc-") and len(i) == 16 for i in made)


# --- the store, on SQLite and PostgreSQL --------------------------------------------------------------


def _mention(article_id: str) -> Mention:
    claim = Claim(Span(0, 40), (Figure(Outcome.KILLED, Category.SECURITY_FORCES, 4, 4),))
    return Mention(
        article_id=article_id,
        event_type="Battles",
        sub_event_type="Armed clash",
        date=DateValue(dt.date(2024, 4, 2), DatePrecision.DAY, "on Tuesday"),
        place=Place("Orvella", country="AF", lat=34.4, lon=70.4, precision=1),
        claims=(claim,),
    )


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with open_store(database_url) as opened:
        yield opened


def test_identity_same_names_are_both_stored_and_twice_changes_nothing(store: Store) -> None:
    batch = [
        (build_article(id="x", source="html/x.html", text=HILLTOP, limits=LIMITS), [_mention("x")]),
        (build_article(id="x", source="txt/x.txt", text=FERRY, limits=LIMITS), []),
        (
            build_article(
                id="crawl-1",
                source="day2/crawl.jsonl:1",
                text=BRIDGE,
                url="https://n.example/3",
                limits=LIMITS,
            ),
            [],
        ),
    ]
    counts = store.add_batch(batch, link=True)
    assert (counts.new, counts.failed) == (3, 0)
    before = store.stats()
    with store.engine.connect() as conn:
        a, m = schema.articles, schema.mentions
        names = conn.execute(select(a.c.id, a.c.name).order_by(a.c.name, a.c.id)).all()
        (owner,) = conn.execute(select(m.c.article_id)).scalars()
    assert sorted(name for _, name in names) == ["crawl-1", "x", "x"]
    assert ("https://n.example/3", "crawl-1") in names
    assert owner == article_identity(batch[0][0])  # the mention follows its article
    again = store.add_batch(batch, link=True)
    assert (again.new, again.unchanged, again.failed) == (0, 3, 0)
    assert store.stats() == before


def test_identity_another_text_at_a_stored_url_is_refused_and_loses_nothing(store: Store) -> None:
    store.add_article(
        build_article(id="a", source="a.txt", text=HILLTOP, url="https://n.example/9", limits=LIMITS), []
    )
    revised = build_article(id="b", source="b.txt", text=FERRY, url="https://n.example/9", limits=LIMITS)
    with pytest.raises(StoreError, match="https://n.example/9.*already stored with other content"):
        store.add_article(revised, [])
    assert store.stats().articles == 1
    assert store.add_article(revised, [], replace=True) is True  # a revision, when the caller says so
    assert store.stats().articles == 1


def test_identity_migration_keeps_stored_ids_and_names_them(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        assert migrate(engine, lexicons=load_store_lexicons(), steps=MIGRATIONS[:9]) == 9
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO articles (id, source, content_hash, text, clean_text, ingested_at)"
                    " VALUES ('x', 'in/x.txt', :h, :t, :t, :at)"
                ),
                {"h": content_hash(HILLTOP), "t": HILLTOP, "at": dt.datetime(2024, 1, 1)},
            )
            conn.execute(text("INSERT INTO incidents (id) VALUES ('inc-000000000001')"))
    finally:
        engine.dispose()
    with open_store(database_url) as opened:
        assert opened.stats().schema_version == len(MIGRATIONS)  # every migration run, from 10 on
        with opened.engine.connect() as conn:
            a, i = schema.articles, schema.incidents
            assert conn.execute(select(a.c.id, a.c.name)).all() == [("x", "x")]
            assert conn.execute(select(i.c.discounted)).scalar_one() is None  # counted, as before
        # the same file again is the same article: nothing new, by its content
        assert (
            opened.add_article(build_article(id="x", source="in/x.txt", text=HILLTOP, limits=LIMITS), [])
            is False
        )


# --- through the CLI -----------------------------------------------------------------------------------


def _page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line)
    filler = (
        "<p>Residents said the area had been calm for weeks before the attack, and shops stayed shut.</p>"
    )
    head = f"<head><title>{title}</title></head>"
    return f"<html>{head}<body><article><h1>{title}</h1>{paragraphs}{filler}</article></body></html>"


def test_identity_cli_ingests_two_files_of_one_name_and_twice_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "html").mkdir(parents=True)
    (folder / "txt").mkdir()
    (folder / "html" / "x.html").write_text(_page("Police post attacked", HILLTOP), encoding="utf-8")
    (folder / "txt" / "x.txt").write_text("Shells hit ferry landing\n" + FERRY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.sqlite'}"
    first = invoke("ingest", str(folder), "--db", db)
    assert first.exit_code == 0, first.output
    assert "2 new, 0 unchanged, 0 failed" in first.stdout
    rows = stored_articles(db)
    assert [row["name"] for row in rows] == ["x", "x"] and len({row["id"] for row in rows}) == 2
    second = invoke("ingest", str(folder), "--db", db)
    assert second.exit_code == 0, second.output
    assert "0 new, 2 unchanged, 0 failed" in second.stdout
    assert stored_articles(db) == rows
    extracted = invoke("extract", str(folder))
    assert [json.loads(line)["id"] for line in extracted.stdout.splitlines()] == ["x", "x"]  # FORMAT.md's id


def _crawl(path: Path, records: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_identity_cli_ingests_a_second_days_crawl_of_the_same_name(tmp_path: Path) -> None:
    _crawl(
        tmp_path / "day1" / "crawl.jsonl", [{"text": HILLTOP, "url": "https://n.example/1"}, {"text": FERRY}]
    )
    _crawl(
        tmp_path / "day2" / "crawl.jsonl", [{"text": BRIDGE, "url": "https://n.example/2"}, {"text": ORCHARD}]
    )
    db = f"sqlite:///{tmp_path / 'crawl.sqlite'}"
    for day in ("day1", "day2"):
        result = invoke("ingest", str(tmp_path / day / "crawl.jsonl"), "--db", db)
        assert result.exit_code == 0, result.output
        assert "2 new, 0 unchanged, 0 failed" in result.stdout
    rows = stored_articles(db)
    assert sorted(row["name"] for row in rows) == ["crawl-1", "crawl-1", "crawl-2", "crawl-2"]
    ids = {row["id"] for row in rows}
    assert {"https://n.example/1", "https://n.example/2"} <= ids
    assert sum(i.startswith(HASH_PREFIX) for i in ids) == 2
    again = invoke("ingest", str(tmp_path / "day1"), str(tmp_path / "day2"), "--db", db)
    assert "0 new, 4 unchanged, 0 failed" in again.stdout
    assert stored_articles(db) == rows


def test_identity_api_serves_an_article_by_its_url_over_http(tmp_path: Path) -> None:
    url = "https://n.example/news/2024/04/attack?ref=feed"
    with open_store(f"sqlite:///{tmp_path / 'api.sqlite'}") as store:
        article = build_article(id="crawl-1", source="crawl.jsonl:1", text=HILLTOP, url=url, limits=LIMITS)
        store.add_article(article, [_mention("crawl-1")])
        with serving(store) as base, httpx.Client(base_url=base) as client:
            listed = client.get("/api/articles", params={"q": "crawl-1"}).json()
            assert [(a["id"], a["name"]) for a in listed["items"]] == [(url, "crawl-1")]
            found = client.get(f"/api/articles/{quote(url, safe='')}")
            assert found.status_code == 200, found.text
            assert (found.json()["id"], found.json()["name"], len(found.json()["mentions"])) == (
                url,
                "crawl-1",
                1,
            )
            assert client.get(f"/articles/{quote(url, safe='')}").status_code == 200  # the page
