"""Near-duplicate wire copies are one source (resolve.duplicates): through `extract` and through `ingest`,
two copies of one story (another headline, small edits) count once in an incident's grade and in its
low/best/high, and a third outlet's own report counts as another source."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conflictdb import pipeline
from conflictdb.cli import app
from conflictdb.records import Article
from conflictdb.resolve import duplicates
from conflictdb.resolve.grade import grade_incident
from conflictdb.resolve.reconcile import load_reconcile_rules, reconcile_incident
from conflictdb.resources import Resources
from conflictdb.store import open_store

NEAR = duplicates.load_duplicate_lexicon()
RULES = load_reconcile_rules()

# invented: one wire story, its copy a day later (another headline, the toll updated), and a report of the
# same raid that another outlet wrote itself
WIRE = (
    "Gunmen on motorbikes attacked a cattle market outside Tillaberi in western Niger on Thursday morning, "
    "killing {toll} herders and wounding four others. The attackers fired into the crowd for several "
    "minutes before riding off towards the border. Traders said the weekly market had drawn buyers from "
    "three countries. Soldiers were sent to the area in the afternoon and roads out of the town stayed "
    "closed until nightfall."
)
OWN = (
    "Nine herders were shot dead when armed men on motorcycles raided a livestock market near Tillaberi "
    "on Thursday, residents said by telephone. A trader who hid behind his truck counted the bodies "
    "himself. The regional governor called the raid cowardly and promised more patrols."
)
FEED = [
    {
        "id": "wire-first",
        "title": "Gunmen kill herders at Niger cattle market",
        "outlet": "Sahel Wire",
        "url": "https://example.org/sahel-wire/market",
        "published": "2025-02-14",
        "text": WIRE.format(toll="nine"),
    },
    {
        "id": "wire-copy",
        "title": "Niger: attack on Tillaberi market leaves 11 dead",
        "outlet": "Daily Courier",
        "url": "https://example.org/courier/tillaberi",
        "published": "2025-02-15",
        "text": WIRE.format(toll="11") + " Updated with the latest toll.",
    },
    {
        "id": "own-report",
        "title": "Herders shot dead in Tillaberi raid",
        "outlet": "Niamey Observer",
        "url": "https://example.org/observer/raid",
        "published": "2025-02-14",
        "text": OWN,
    },
]
# the copies are one source: its later toll (11) supersedes its first (9); with the residents' 9, low 9,
# best 11 (the upper median of two), high 11; three sources would give best 9 (of 9, 11, 9)
KILLED = {"low": 9, "best": 11, "high": 11}
GRADED = "2 independent credible sources"


# The signature of the wire story as a store holds it (articles.shingle_signature) and indexes its bands
# (article_bands). A library MinHash (datasketch's: num_perm hashes of every shingle, no bin left empty)
# gives other values: each stored article would have to be signed again. It also took 2 to 6 times as
# long over our corpora, for source groups that differed on acled-world (measured in session 19).
WIRE_SIGNATURE_SHA256 = "53841c897ad8971e294d506d8f8160bcfa6e37de86986bb574aa2dbd73b1f49f"


def article(article_id: str, text: str, published: dt.date | None = dt.date(2025, 2, 14)) -> Article:
    return Article(article_id, f"/in/{article_id}.txt", text, text, published=published)


@pytest.mark.parametrize(
    ("second", "same_source"),
    [
        (article("copy", "HEADLINE | " + WIRE.format(toll="11")), True),  # other headline, other toll
        (article("later", WIRE.format(toll="nine"), published=dt.date(2025, 3, 20)), False),  # weeks on
        (article("own", OWN), False),  # the same raid in other words
        (article("undated", WIRE.format(toll="nine").replace("Traders said", "Buyers said"), None), True),
    ],
)
def test_duplicates_copies_share_a_source_group(second: Article, same_source: bool) -> None:
    first = article("wire", WIRE.format(toll="nine"))
    signed = [(a, duplicates.signature(a.text, NEAR)) for a in (first, second)]
    groups = duplicates.source_groups(signed, NEAR)
    assert groups[0] == "wire" and (groups[1] == "wire") is same_source


def test_duplicates_extract_names_a_group_for_its_earliest_article_whatever_the_order() -> None:
    copy = article("a-copy", WIRE.format(toll="11"), published=dt.date(2025, 2, 15))
    first = article("z-first", WIRE.format(toll="nine"))
    grouped = duplicates.with_source_groups([copy, first], NEAR)
    assert [a.source_group for a in grouped] == ["z-first", "z-first"]


def write_feed(folder: Path) -> Path:
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(row) + "\n" for row in FEED), encoding="utf-8")
    return feed


def killed_total(figures: dict[str, Any]) -> dict[str, int]:
    total = figures["killed"]["total"]
    return {k: total[k] for k in ("low", "best", "high")}


def test_duplicates_extract_counts_copies_as_one_source(resources: Resources, tmp_path: Path) -> None:
    linked = pipeline.extract_records([write_feed(tmp_path)], resources)
    assert {a.id: a.source_group for a, _ in linked} == {
        "wire-first": "wire-first",
        "wire-copy": "wire-first",
        "own-report": "own-report",
    }
    mentions = [m for _, ms in linked for m in ms if not m.background]
    assert len({m.incident_id for m in mentions}) == 1  # the three tell one raid
    articles = [a for a, _ in linked]
    figures = reconcile_incident(mentions, articles, rules=RULES)
    total = next(t for t in figures.totals if t.outcome.value == "killed")
    assert {"low": total.low, "best": total.best, "high": total.high} == KILLED
    assert grade_incident(mentions, articles, figures, rules=RULES).reasons == (GRADED,)
    printed = CliRunner().invoke(app, ["extract", str(tmp_path / "feed.jsonl")])
    assert printed.exit_code == 0, printed.output
    lines = [json.loads(line) for line in printed.stdout.splitlines() if line.startswith("{")]
    assert {row["id"]: row["source_group"] for row in lines}["wire-copy"] == "wire-first"


@pytest.mark.parametrize("one_at_a_time", [False, True], ids=["one batch", "one article at a time"])
def test_duplicates_ingest_counts_copies_as_one_source(tmp_path: Path, one_at_a_time: bool) -> None:
    url = f"sqlite:///{tmp_path / 'copies.sqlite'}"
    feed = write_feed(tmp_path)
    feeds = [feed]
    if one_at_a_time:
        feeds = []
        for n, row in enumerate(FEED):
            feeds.append(tmp_path / f"feed{n}.jsonl")
            feeds[-1].write_text(json.dumps(row) + "\n", encoding="utf-8")
    for path in feeds:
        done = CliRunner().invoke(app, ["ingest", str(path), "--db", url])
        assert done.exit_code == 0, done.output
    with open_store(url) as store:
        (row,) = store.incidents()
        detail = store.incident(row.id)
    assert detail is not None and detail.articles_count == 3
    groups = {a.id: a.source_group for a in detail.articles}  # stored under their URLs
    assert groups[FEED[1]["url"]] == FEED[0]["url"] != groups[FEED[2]["url"]]
    assert row.grade_reason == GRADED
    assert killed_total(json.loads(row.figures_json or "{}")) == KILLED


def test_duplicates_signature_is_the_one_stores_hold() -> None:
    signature = duplicates.signature(WIRE.format(toll="nine"), NEAR)
    assert hashlib.sha256(duplicates.pack(signature)).hexdigest() == WIRE_SIGNATURE_SHA256
    assert duplicates.unpack(duplicates.pack(signature)) == signature


def shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {
        " ".join(words[i : i + NEAR.shingle_words])
        for i in range(max(1, len(words) - NEAR.shingle_words + 1))
    }


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Shells fell on the river port at dawn", "Shells fell on the river port at noon"),
        ("A drone hit a fuel depot near the airport", "A drone hit a fuel depot near the airport"),
        ("Two guards died when the convoy was ambushed", "Nothing was heard from the village for days"),
        ("Rockets struck the camp", "Rockets struck the camp at night"),
    ],
)
def test_duplicates_short_texts_resemble_by_their_exact_jaccard(first: str, second: str) -> None:
    """Fewer shingles than bins: one-permutation hashing leaves bins empty and counts only filled ones, so
    the resemblance of short texts is their shingles' Jaccard itself, where k-permutation MinHash (a
    library's) would only estimate it."""
    a, b = shingles(first), shingles(second)
    found = duplicates.resemblance(duplicates.signature(first, NEAR), duplicates.signature(second, NEAR))
    assert found == len(a & b) / len(a | b)
