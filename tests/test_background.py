"""Context is not news: an article's total "since September" (an aggregate) and an older event told as
background are kept as context, and no incident list, export, API endpoint, map layer or total shows them.

One invented article is ingested by `conflictdb ingest` into a real SQLite store, then every way out is read:
the extract format, `conflictdb incidents` and `export`, the store, and the API over HTTP (in process).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from typer.testing import CliRunner, Result

from conflictdb import formats, pipeline
from conflictdb.api import create_app
from conflictdb.cli import app
from conflictdb.resources import Resources
from conflictdb.store import open_store
from tests.test_api import Client, ok

ARTICLE = {
    "id": "ctx_kassala_mortar",
    "title": "Mortar rounds kill four in Kassala market",
    "outlet": "Eastern Ledger",
    "url": "https://example.org/kassala-mortar",
    "published": "2023-11-08",
    "text": (
        "KASSALA, Sudan - Mortar rounds fired by a rebel faction struck the central vegetable market of "
        "Kassala on Tuesday, killing four traders and wounding nine shoppers, a doctor at the town hospital "
        "said.\n\nThe shells landed shortly after dawn while stalls were opening, the doctor said.\n\n"
        "More than 1,200 people have died in fighting across the state since September, according to a "
        "monitoring group based in the capital."
    ),
}
NEWS_DEATHS = 4
CONTEXT_TOTAL = 1200


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store that `conflictdb ingest` filled with the invented article."""
    folder = tmp_path_factory.mktemp("context")
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'context.sqlite'}"
    result = invoke("ingest", str(feed), "--db", url)
    assert result.exit_code == 0, result.output
    # the total is a background record, not an incident added
    assert "incidents added: 1, background records added: 1 " in result.output
    return url


@pytest.fixture(scope="module")
def ids(database: str) -> dict[str, str]:
    """The stored incidents by what they are: the news and the context."""
    with open_store(database) as store:
        news = [row.id for row in store.incidents()]
        context = [row.id for row in store.incidents(background=True)]
    assert len(news) == 1 and len(context) == 1, (news, context)
    return {"news": news[0], "context": context[0]}


def test_extract_format_leaves_the_total_out(resources: Resources, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    [(article, mentions)] = pipeline.extract_records([feed], resources, link=False)
    assert [m.background for m in mentions].count(True) == 1
    record = formats.extract_record(article, mentions, rules=resources.reconcile, tables=resources.exports)
    minima = [f["min"] for m in record["mentions"] for c in m["claims"] for f in figure_values(c)]
    assert CONTEXT_TOTAL not in minima and NEWS_DEATHS in minima


def figure_values(claim: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for outcome in ("killed", "injured") for v in (claim.get(outcome) or {}).values()]


def test_store_keeps_the_total_as_context(database: str, ids: dict[str, str]) -> None:
    with open_store(database) as store:
        context = store.incident(ids["context"])
        stats = store.stats()
    assert context is not None and context.background
    assert all(m.background for m in context.mentions)
    assert stats.incidents == 1 and stats.background_incidents == 1


def test_cli_incidents_and_exports_show_no_context(
    database: str, ids: dict[str, str], tmp_path: Path
) -> None:
    listed = invoke("incidents", "--db", database)
    assert listed.exit_code == 0, listed.output
    assert ids["news"] in listed.output and ids["context"] not in listed.output
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv", "--db", database).stdout)))
    assert [r["incident_id"] for r in rows] == [ids["news"]]
    geo, lines = tmp_path / "map.geojson", tmp_path / "all.jsonl"
    assert invoke("export", "--format", "geojson", "--out", str(geo), "--db", database).exit_code == 0
    assert invoke("export", "--format", "jsonl", "--out", str(lines), "--db", database).exit_code == 0
    assert [f["id"] for f in json.loads(geo.read_text())["features"]] == [ids["news"]]
    assert [json.loads(line)["incident_id"] for line in lines.read_text().splitlines()] == [ids["news"]]


def test_api_shows_no_context_in_lists_exports_map_or_totals(database: str, ids: dict[str, str]) -> None:
    with open_store(database) as store:
        client = Client(create_app(store))
        listed = ok(client.get("/api/incidents"))
        assert listed["total"] == 1 and [i["id"] for i in listed["items"]] == [ids["news"]]
        rows = list(csv.DictReader(io.StringIO(client.get("/api/export", format="csv").text)))
        assert [r["incident_id"] for r in rows] == [ids["news"]]
        mapped = ok(client.get("/api/export", format="geojson"))  # the dashboard's map layer
        assert [f["id"] for f in mapped["features"]] == [ids["news"]]
        lines = client.get("/api/export", format="jsonl").text.splitlines()
        assert [json.loads(line)["incident_id"] for line in lines] == [ids["news"]]
        stats = ok(client.get("/api/stats"))
        assert stats["incidents"] == 1 and stats["deaths"] == NEWS_DEATHS
        assert sum(b["incidents"] for b in stats["by_country"]) == 1
        timeline = ok(client.get("/api/timeline"))
        assert sum(b["deaths"] for b in timeline["buckets"]) == NEWS_DEATHS
        context = ok(client.get(f"/api/incidents/{ids['context']}"))  # still there, shown as context
        assert context["background"] is True and context["context"] == []
        news = ok(client.get(f"/api/incidents/{ids['news']}"))
        assert news["background"] is False
        # reachable from the news incident its article tells: the article's context records
        assert [c["incident_id"] for c in news["context"]] == [ids["context"]]
        assert news["context"][0]["key"].startswith(ARTICLE["url"] + "#")  # the stored id: its URL
        # the stretch of the article that tells it, for the incident page's Background section
        assert news["context"][0]["article_id"] == ARTICLE["url"]
        assert news["context"][0]["text"] == ARTICLE["text"].split("\n\n")[-1]
        article = ok(client.get(f"/api/articles/{quote(ARTICLE['url'], safe='')}"))
        assert sorted(m["background"] for m in article["mentions"]) == [False, True]
