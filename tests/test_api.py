"""The REST API in process over a real store (SQLite, and PostgreSQL) filled by the real pipeline from
invented articles."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI

from conflictdb import pipeline
from conflictdb.api import DashboardConfig, create_app, queries
from conflictdb.errors import ConflictdbError
from conflictdb.export_tables import load_export_tables
from conflictdb.resources import Resources
from conflictdb.store import Store, open_store

ARTICLES = Path(__file__).parent / "fixtures" / "web" / "articles.jsonl"
BAIDOA_A = "https://example.org/baidoa-a"  # the store's id of web_baidoa_market_a: its URL


def build_database(url: str, resources: Resources) -> None:
    """Ingest the invented web articles with the real pipeline into an empty database."""
    results = pipeline.extract_records([ARTICLES], resources)
    with open_store(url) as store:
        for article, mentions in results:
            store.add_article(article, mentions)


class Client:
    """A synchronous client calling the ASGI app in process (httpx's ASGI transport)."""

    def __init__(self, app: FastAPI, *, raise_app_exceptions: bool = True) -> None:
        self.transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)

    def get(self, url: str, **params: Any) -> httpx.Response:
        return self.request("GET", url, params=params)

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        async def call() -> httpx.Response:
            async with httpx.AsyncClient(transport=self.transport, base_url="http://127.0.0.1") as client:
                return await client.request(method, url, **options)

        return asyncio.run(call())


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, resources: Resources
) -> Iterator[Store]:
    """The store the API serves, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'web.sqlite'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database()
        request.addfinalizer(lambda: server.drop_database(url))
    build_database(url, resources)
    with open_store(url) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(store: Store) -> Client:
    return Client(create_app(store))


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def locations(body: dict[str, Any]) -> list[str]:
    return [item["location"] for item in body["items"]]


def baidoa_id(client: Client) -> str:
    return ok(client.get("/api/incidents", country="SO"))["items"][0]["id"]


# --- incidents ---------------------------------------------------------------------------------------


def test_api_incidents_lists_every_incident_newest_first(client: Client) -> None:
    body = ok(client.get("/api/incidents"))
    assert body["total"] == 3
    assert locations(body) == ["Taiz", "Maiduguri", "Baidoa"]
    baidoa = body["items"][2]
    assert baidoa["country"] == "SO" and baidoa["admin1"] == "Bay"
    assert baidoa["articles_count"] == 2 and baidoa["sources"] == ["Bay Region Courier", "Horn Wire"]
    assert baidoa["fatalities"] == 12  # the lowest of 12 (police) and 15 (hospital)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "so"}, ["Baidoa"]),
        ({"admin1": "Borno"}, ["Maiduguri"]),
        ({"sub_event_type": "Shelling/artillery/missile attack"}, ["Taiz"]),
        ({"event_type": "Violence against civilians"}, ["Maiduguri"]),
        # ACLED's older names, read as what they became
        ({"event_type": "remote violence"}, ["Taiz", "Baidoa"]),
        ({"sub_event_type": "Remote violence"}, ["Taiz", "Baidoa"]),
        ({"event_type": "Riots/Protests"}, []),
        ({"event_type": "Battle-No change of territory"}, []),
        ({"actor": "boko haram"}, ["Maiduguri"]),
        ({"min_deaths": 5}, ["Maiduguri", "Baidoa"]),
        ({"date_from": "2022-03-15"}, ["Taiz", "Maiduguri"]),
        ({"date_to": "2022-03-19"}, ["Maiduguri", "Baidoa"]),
        ({"date_from": "2022-03-14", "date_to": "2022-03-31"}, ["Maiduguri"]),
        ({"q": "livestock market"}, ["Baidoa"]),
        ({"q": "Taizz"}, ["Taiz"]),
        ({"q": "100%_"}, []),  # LIKE wildcards are matched literally
        ({"country": "SO", "min_deaths": 13}, []),
    ],
)
def test_api_incidents_filters(client: Client, params: dict[str, Any], expected: list[str]) -> None:
    body = ok(client.get("/api/incidents", **params))
    assert locations(body) == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("fatalities", ["Taiz", "Maiduguri", "Baidoa"]),
        ("-fatalities", ["Baidoa", "Maiduguri", "Taiz"]),
        ("country", ["Maiduguri", "Baidoa", "Taiz"]),
        ("date", ["Baidoa", "Maiduguri", "Taiz"]),
    ],
)
def test_api_incidents_sort(client: Client, sort: str, expected: list[str]) -> None:
    assert locations(ok(client.get("/api/incidents", sort=sort))) == expected


def test_api_incidents_pages_keep_the_total(client: Client) -> None:
    first = ok(client.get("/api/incidents", limit=2))
    second = ok(client.get("/api/incidents", limit=2, offset=2))
    assert (first["total"], second["total"]) == (3, 3)
    assert locations(first) + locations(second) == ["Taiz", "Maiduguri", "Baidoa"]


def test_api_incident_has_claims_figures_and_quoted_evidence(client: Client, store: Store) -> None:
    body = ok(client.get(f"/api/incidents/{baidoa_id(client)}"))
    assert body["fatalities"] == 12 and len(body["mentions"]) == 2
    speakers = {claim["speaker"] for m in body["mentions"] for claim in m["claims"]}
    assert {"police", "the director of Baidoa regional hospital"} <= speakers
    texts = {a.id: a.text for a in store.incident(body["id"]).articles}
    for mention in body["mentions"]:
        for claim in mention["claims"]:
            evidence = claim["evidence"]
            assert texts[mention["article_id"]][evidence["start"] : evidence["end"]] == evidence["text"]
            context = claim["context"]
            lo, hi = context["highlight"]
            assert context["text"][lo:hi] == evidence["text"]
            for figure in claim["figures"]:
                assert figure["words"].lower() in evidence["text"].lower()
    killed = [
        figure["min"]
        for m in body["mentions"]
        for c in m["claims"]
        for figure in c["figures"]
        if figure["outcome"] == "killed"
    ]
    assert sorted(killed) == [12, 15]


# --- articles ----------------------------------------------------------------------------------------


def test_api_articles_list_newest_first_with_counts(client: Client) -> None:
    body = ok(client.get("/api/articles"))
    assert body["total"] == 4
    assert body["items"][0]["name"] == "web_taiz_shelling"  # the record's id; the store's is its URL
    assert body["items"][0]["id"] == "https://example.org/taiz"
    assert all(item["mentions_count"] == 1 and "text" not in item for item in body["items"])
    assert [i["name"] for i in ok(client.get("/api/articles", q="horn"))["items"]] == ["web_baidoa_market_b"]


def test_api_article_spans_lie_in_the_text_and_quote_it(client: Client) -> None:
    body = ok(client.get(f"/api/articles/{quote(BAIDOA_A, safe='')}"))
    text = body["text"]
    kinds = {span["kind"] for span in body["spans"]}
    assert {"evidence", "figure", "speaker", "place"} <= kinds
    for span in body["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
        if not span["exact"]:
            assert text[span["start"] : span["end"]].lower() == span["label"].lower()
    figures = [text[s["start"] : s["end"]] for s in body["spans"] if s["kind"] == "figure"]
    assert "killing 12 civilians" in figures
    assert body["mentions"][0]["incident_id"] == baidoa_id(client)


# --- export, stats, timeline ---------------------------------------------------------------------------


def test_api_export_csv_with_filters(client: Client) -> None:
    response = client.get("/api/export", format="csv", min_deaths=5)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == load_export_tables().csv_columns
    assert sorted(row["location"] for row in rows) == ["Baidoa", "Maiduguri"]


def test_api_export_geojson_and_jsonl(client: Client) -> None:
    collection = json.loads(client.get("/api/export", format="geojson").text)
    assert len(collection["features"]) == 3
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])
    lines = client.get("/api/export", format="jsonl", country="SO").text.splitlines()
    assert len(lines) == 1 and len(json.loads(lines[0])["mentions"]) == 2


def test_api_export_ucdp_is_the_commands_export(client: Client) -> None:
    response = client.get("/api/export", format="ucdp")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="incidents.ucdp.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and tuple(rows[0]) == load_export_tables().ucdp_columns
    for row in rows:  # GED events only: organised violence with deaths, split to add up to best
        parts = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
        assert int(row["best"]) > 0 and sum(int(row[c]) for c in parts) == int(row["best"])


def test_api_stats_counts_tables_and_groups(client: Client) -> None:
    body = ok(client.get("/api/stats"))
    assert (body["articles"], body["incidents"], body["mentions"]) == (4, 3, 4)
    assert body["first_date"] == "2022-03-13" and body["last_date"] == "2022-04-02"
    assert body["deaths"] == 12 + 7 + 3
    assert {row["value"] for row in body["by_country"]} == {"SO", "NG", "YE"}


@pytest.mark.parametrize("interval", ["auto", "day", "week", "month", "year"])
def test_api_timeline_adds_up_to_the_filtered_incidents(client: Client, interval: str) -> None:
    body = ok(client.get("/api/timeline", interval=interval))
    assert sum(b["incidents"] for b in body["buckets"]) == 3
    assert sum(b["deaths"] for b in body["buckets"]) == 22
    filtered = ok(client.get("/api/timeline", interval=interval, country="NG"))
    assert [(b["incidents"], b["deaths"]) for b in filtered["buckets"]] == [(1, 7)]


def test_api_timeline_weeks_start_on_monday(client: Client) -> None:
    buckets = ok(client.get("/api/timeline", interval="week"))["buckets"]
    assert [b["start"] for b in buckets] == [
        "2022-03-07",
        "2022-03-14",
        "2022-03-28",
    ]  # Sun 13, Sat 19, Sat 2
    assert [b["end"] for b in buckets] == ["2022-03-13", "2022-03-20", "2022-04-03"]


@pytest.mark.parametrize(
    ("interval", "buckets"),
    [
        ("month", [("2022-03-01", "2022-03-31", 2), ("2022-04-01", "2022-04-30", 1)]),
        ("year", [("2022-01-01", "2022-12-31", 3)]),
    ],
)
def test_api_timeline_months_and_years_run_first_to_last_day(
    client: Client, interval: str, buckets: list[tuple[str, str, int]]
) -> None:
    body = ok(client.get("/api/timeline", interval=interval))
    assert (body["interval"], body["automatic"]) == (interval, False)
    assert [(b["start"], b["end"], b["incidents"]) for b in body["buckets"]] == buckets


def test_api_timeline_auto_says_which_interval_it_took(client: Client) -> None:
    body = ok(client.get("/api/timeline"))  # three weeks of incidents: days
    assert (body["interval"], body["automatic"]) == ("day", True)
    assert all(b["start"] == b["end"] for b in body["buckets"])
    assert ok(client.get("/api/timeline", country="XK"))["buckets"] == []  # nothing dated: no bars


D = dt.date


@pytest.mark.parametrize(
    ("first", "last", "bars", "interval"),
    [
        (D(2023, 5, 2), D(2023, 5, 6), 60, "day"),  # a few days
        (D(2023, 1, 1), D(2023, 3, 1), 60, "day"),  # 60 days: 60 bars
        (D(2023, 1, 1), D(2023, 3, 2), 60, "week"),  # 61 days
        (D(2023, 1, 2), D(2023, 12, 31), 60, "week"),  # a year: 52 weeks
        (D(2021, 1, 15), D(2023, 11, 3), 60, "month"),  # years: 35 months
        (D(2019, 1, 31), D(2023, 12, 1), 60, "month"),  # 60 months
        (D(2012, 4, 1), D(2023, 12, 31), 60, "year"),  # a decade
        (D(1900, 1, 1), D(2023, 12, 31), 60, "year"),  # more years than bars: years all the same
        (D(2023, 5, 2), D(2023, 5, 2), 1, "day"),
        (D(2023, 5, 2), D(2023, 5, 3), 1, "week"),  # Tuesday and Wednesday
        (D(2023, 5, 28), D(2023, 6, 1), 1, "year"),  # a Sunday in May and a Thursday in June
    ],
)
def test_api_timeline_interval_is_the_finest_in_the_bars(
    first: dt.date, last: dt.date, bars: int, interval: str
) -> None:
    assert queries.timeline_interval(first, last, bars=bars) == interval


@pytest.mark.parametrize(
    ("day", "interval", "start", "end"),
    [
        (D(2022, 3, 13), "week", D(2022, 3, 7), D(2022, 3, 13)),  # a Sunday: the week's last day
        (D(2024, 2, 10), "month", D(2024, 2, 1), D(2024, 2, 29)),  # a leap year's February
        (D(2023, 12, 25), "month", D(2023, 12, 1), D(2023, 12, 31)),  # December: into the next year
        (D(2023, 7, 4), "year", D(2023, 1, 1), D(2023, 12, 31)),
        (D(2023, 7, 4), "day", D(2023, 7, 4), D(2023, 7, 4)),
    ],
)
def test_api_timeline_buckets_hold_their_days(
    day: dt.date, interval: str, start: dt.date, end: dt.date
) -> None:
    assert queries.bucket_start(day, interval) == start
    assert queries.bucket_end(start, interval) == end


@pytest.mark.parametrize("bars", [0, -3, "sixty", None])
def test_api_timeline_bars_must_be_a_positive_integer(tmp_path: Path, bars: object) -> None:
    (tmp_path / "dashboard.yaml").write_text(f"timeline_bars: {json.dumps(bars)}\n", encoding="utf-8")
    with pytest.raises(ConflictdbError, match="timeline_bars must be a positive integer"):
        queries.load_timeline_bars(tmp_path)


@pytest.mark.skipif(not queries.has_column("grade"), reason="the store has no grade column yet")
def test_api_incidents_grade_filter(client: Client) -> None:
    body = ok(client.get("/api/incidents"))
    grade = body["items"][0]["grade"]
    assert all(item["grade"] == grade for item in ok(client.get("/api/incidents", grade=grade))["items"])


# --- errors --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "params", "status", "code"),
    [
        ("/api/incidents/no-such-incident", {}, 404, "not_found"),
        ("/api/articles/no-such-article", {}, 404, "not_found"),
        ("/api/no-such-endpoint", {}, 404, "not_found"),
        ("/api/incidents", {"date_from": "14 March"}, 422, "invalid_request"),
        ("/api/incidents", {"limit": 0}, 422, "invalid_request"),
        ("/api/incidents", {"sort": "notes"}, 422, "invalid_request"),
        ("/api/incidents", {"min_deaths": -1}, 422, "invalid_request"),
        ("/api/export", {"format": "xlsx"}, 422, "invalid_request"),
        ("/api/timeline", {"interval": "fortnight"}, 422, "invalid_request"),
    ],
)
def test_api_errors_share_one_shape(
    client: Client, url: str, params: dict[str, Any], status: int, code: str
) -> None:
    response = client.get(url, **params)
    assert response.status_code == status
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert isinstance(error["message"], str) and error["message"]


def test_api_error_500_has_the_same_shape(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(queries, "total_deaths", broken)
    response = Client(create_app(store), raise_app_exceptions=False).get("/api/stats")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"status": 500, "code": "internal", "message": "internal error: RuntimeError"}
    }


# --- what a request may carry: every bad one a 4xx naming the parameter and why ---------------------------

TOO_BIG = 2**70  # beyond the 64-bit integers of SQLite and PostgreSQL


@pytest.mark.parametrize(
    ("url", "params", "named", "reason"),
    [
        ("/api/incidents", {"offset": TOO_BIG}, "query.offset", "less than or equal to 1000000000"),
        ("/api/articles", {"offset": TOO_BIG}, "query.offset", "less than or equal to 1000000000"),
        ("/api/incidents", {"min_deaths": TOO_BIG}, "query.min_deaths", "less than or equal to 10000000"),
        ("/api/export", {"min_deaths": TOO_BIG}, "query.min_deaths", "less than or equal"),
        ("/api/incidents", {"q": "x" * 50_000}, "query.q", "at most 500 characters"),
        ("/api/articles", {"q": "x" * 50_000}, "query.q", "at most 500 characters"),
        ("/api/incidents", {"q": " ".join("word" for _ in range(21))}, "query.q", "at most 20 words"),
        ("/api/incidents", {"q": "Baidoa\x00"}, "query.q", "NUL"),
        ("/api/incidents", {"actor": "\x00"}, "query.actor", "NUL"),
        ("/api/timeline", {"country": "S\x00"}, "query.country", "NUL"),
        ("/api/incidents", {"actor": "a" * 201}, "query.actor", "at most 200 characters"),
        ("/api/incidents", {"date_to": "0"}, "query.date_to", "YYYY-MM-DD"),
        ("/api/incidents", {"date_from": "1647302400"}, "query.date_from", "YYYY-MM-DD"),
        ("/api/incidents", {"date_from": "2022-02-30"}, "query.date_from", "day value is outside"),
        ("/api/incidents/bad%00id", {}, "path.incident_id", "NUL"),
        ("/api/articles/" + "a" * 2101, {}, "path.article_id", "at most 2100 characters"),
    ],
)
def test_api_refuses_a_bad_parameter_naming_it(
    client: Client, url: str, params: dict[str, Any], named: str, reason: str
) -> None:
    response = client.get(url, **params)
    assert response.status_code == 422, response.text
    message = response.json()["error"]["message"]
    assert message.startswith(f"{named}: ") and reason in message, message


def test_api_nul_in_a_search_matches_nothing_rather_than_everything(client: Client) -> None:
    assert client.get("/api/incidents", q="\x00").status_code == 422
    assert ok(client.get("/api/incidents", q="Baidoa"))["total"] == 1  # the search itself still works


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("DELETE", "/api/incidents/x", "GET, PATCH"),
        ("PUT", "/api/stats", "GET"),
        ("POST", "/api/articles", "GET"),
        ("POST", "/static/style.css", "GET, HEAD"),
    ],
)
def test_api_405_says_which_methods_are_allowed(client: Client, method: str, url: str, allowed: str) -> None:
    response = client.request(method, url)
    assert response.status_code == 405
    assert response.headers["allow"] == allowed
    assert response.json()["error"]["message"] == f"{method} is not allowed on {url}: only {allowed}"


@pytest.mark.parametrize(
    "url", ["/", "/articles/x", "/api/incidents", "/api/incidents/none", "/api/incidents?limit=0", "/docs"]
)
def test_api_every_response_carries_the_security_headers(client: Client, url: str) -> None:
    headers = client.get(url).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    policy = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    assert policy["img-src"] == "'self' data:"  # no tile server given: nothing from elsewhere


def test_api_security_headers_on_static_files_and_5xx(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(queries, "total_deaths", broken)
    client = Client(create_app(store), raise_app_exceptions=False)
    for url, status in (("/static/common.js", 200), ("/api/stats", 500)):
        response = client.get(url)
        assert response.status_code == status
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("tile_url", "source"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png", "https://*.tile.example.org:8443"),
        ("https://tiles.example.org;script-src *;/{z}.png", "https:"),  # no policy words from a setting
    ],
)
def test_api_policy_lets_the_map_load_its_tiles(store: Store, tile_url: str, source: str) -> None:
    client = Client(create_app(store, config=DashboardConfig(tile_url=tile_url)))
    policy = client.get("/").headers["content-security-policy"]
    assert f"img-src 'self' data: {source};" in policy
    assert policy.count("script-src") == 1


@pytest.mark.parametrize(
    ("host", "allowed_hosts", "status"),
    [
        ("127.0.0.1:8000", (), 200),
        ("localhost", (), 200),
        ("[::1]:8000", (), 200),
        ("evil.example", (), 400),
        ("rebound.example:8000", ("conflicts.example.org",), 400),
        ("Conflicts.Example.org:8000", ("conflicts.example.org",), 200),
        ("anything.example", ("*",), 200),
    ],
)
def test_api_answers_only_to_its_own_host_names(
    store: Store, host: str, allowed_hosts: tuple[str, ...], status: int
) -> None:
    client = Client(create_app(store, allowed_hosts=allowed_hosts))
    response = client.request("GET", "/api/stats", headers={"Host": host})
    assert response.status_code == status, response.text
    if status == 400:
        assert host.split(":")[0] in response.json()["error"]["message"]
        assert response.headers["x-frame-options"] == "DENY"


# --- docs and pages ------------------------------------------------------------------------------------


def test_api_docs_page_uses_local_assets_only(client: Client) -> None:
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_api_openapi_schema_lists_every_endpoint(client: Client) -> None:
    paths = ok(client.get("/openapi.json"))["paths"]
    assert {
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/export",
        "/api/stats",
        "/api/timeline",
    } <= set(paths)
    assert not any(path.startswith("/static") or path == "/" for path in paths)


@pytest.mark.parametrize("path", ["/", "/incidents/x", "/articles", "/articles/x"])
def test_api_dashboard_pages_are_html_with_a_credit_footer(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "GeoNames" in response.text and "CC BY 4.0" in response.text


def test_api_serve_answers_to_loopback_and_the_names_it_is_given(tmp_path: Path) -> None:
    from tests.test_web_e2e import serving  # the real `serve` command, on a free loopback port

    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    open_store(url).close()  # `serve` reads a store; it never creates one
    with (
        serving(url, "--allowed-host", "conflicts.example.org") as address,
        httpx.Client(base_url=address, trust_env=False) as client,
    ):
        answers = {
            host: client.get("/api/config", headers={"Host": host}).status_code
            for host in ("conflicts.example.org", "localhost", "127.0.0.1", "rebound.example")
        }
    assert answers == {
        "conflicts.example.org": 200,
        "localhost": 200,
        "127.0.0.1": 200,
        "rebound.example": 400,
    }
