"""The one incident query layer (store.query) over a real store filled by the real pipeline from invented
articles (Baidoa, Maiduguri, Taiz): its filters, names, order and pages; and the CLI and the API, the
real `serve` on loopback, selecting the same incidents for the same filters."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from conflictdb.cli import app
from conflictdb.errors import QueryError
from conflictdb.resources import Resources
from conflictdb.store import IncidentQuery, Store, open_store
from conflictdb.store.names import load_acled_names
from conflictdb.store.query import find_incidents
from tests.test_api import build_database

NAMES = load_acled_names()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, resources: Resources
) -> Iterator[Store]:
    """The invented web articles ingested once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('query') / 'web.sqlite'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database()
        request.addfinalizer(lambda: server.drop_database(url))
    build_database(url, resources)
    with open_store(url) as opened:
        yield opened


def places(store: Store, query: IncidentQuery) -> list[str | None]:
    return [row.location for row in store.incidents(query)]


# --- names ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "code"),
    [("UA", "UA"), ("ua", "UA"), ("UKR", "UA"), ("Ukraine", "UA"), ("  ukraine ", "UA"), ("Russia", "RU")]
    + [("Russian Federation", "RU"), ("Democratic Republic of Congo", "CD"), ("Kosovo", "XK")],
)
def test_query_country_code_reads_codes_and_names(given: str, code: str) -> None:
    assert NAMES.country_code(given) == code


@pytest.mark.parametrize(
    ("given", "hint"), [("XX", "e.g. UA or Ukraine"), ("Somalai", "did you mean Somalia")]
)
def test_query_unknown_country_names_the_input_and_what_is_valid(given: str, hint: str) -> None:
    with pytest.raises(QueryError, match=f"unknown country '{given}'") as raised:
        NAMES.country_code(given)
    assert raised.value.parameter == "country" and hint in raised.value.reason


# --- filters ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (IncidentQuery(), ["Taiz", "Maiduguri", "Baidoa"]),  # newest first
        (IncidentQuery(country="Somalia"), ["Baidoa"]),
        (IncidentQuery(country="nga"), ["Maiduguri"]),
        (IncidentQuery(admin1="borno"), ["Maiduguri"]),
        (IncidentQuery(event_type="Explosions/Remote violence"), ["Taiz", "Baidoa"]),
        # a sub-event type given as the event type matches its sub-event type only
        (IncidentQuery(event_type="shelling/artillery/missile attack"), ["Taiz"]),
        (IncidentQuery(sub_event_type="Remote explosive/landmine/IED"), ["Baidoa"]),
        (IncidentQuery(event_type="Remote violence"), ["Taiz", "Baidoa"]),  # ACLED's older name
        (IncidentQuery(event_type="Battles"), []),
        (IncidentQuery(actor="al-shabaab"), ["Baidoa"]),
        (IncidentQuery(min_deaths=7), ["Maiduguri", "Baidoa"]),
        (IncidentQuery(grade="CONFIRMED"), ["Baidoa"]),
        (IncidentQuery(text="livestock market"), ["Baidoa"]),
        (IncidentQuery(text="50%"), []),  # LIKE's wildcards are matched literally
        (IncidentQuery(date_from=dt.date(2022, 3, 14), date_to=dt.date(2022, 3, 31)), ["Maiduguri"]),
        (IncidentQuery(country="SO", min_deaths=13), []),
    ],
)
def test_query_filters_select_the_incidents_named(
    store: Store, query: IncidentQuery, expected: list[str]
) -> None:
    assert places(store, query) == expected


def test_query_orders_pages_and_counts_every_match(store: Store) -> None:
    by_deaths = IncidentQuery(order="-fatalities")
    assert places(store, by_deaths) == ["Baidoa", "Maiduguri", "Taiz"]
    assert places(store, replace(by_deaths, order="fatalities")) == ["Taiz", "Maiduguri", "Baidoa"]
    with store.engine.connect() as conn:
        page = find_incidents(conn, replace(by_deaths, limit=1, offset=1), NAMES)
    assert ([row.location for row in page.rows], page.total) == (["Maiduguri"], 3)
    assert set(page.optional[page.rows[0].id]) >= {"grade", "figures"}


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        (IncidentQuery(country="Atlantis"), "country", "unknown country 'Atlantis'"),
        (IncidentQuery(event_type="Skirmish"), "event_type", "Armed clash"),  # the valid names listed
        (IncidentQuery(sub_event_type="Battles"), "sub_event_type", "is an event type"),
        (IncidentQuery(order="-notes"), "sort", "one of date, fatalities"),
        (IncidentQuery(grade="B"), "grade", "one of confirmed, fair, weak, contested, discounted"),
    ],
)
def test_query_refuses_a_name_it_does_not_know(
    store: Store, query: IncidentQuery, parameter: str, words: str
) -> None:
    with pytest.raises(QueryError) as raised:
        store.incidents(query)
    assert raised.value.parameter == parameter and words in raised.value.reason


# --- the CLI and the API agree ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(store: Store) -> Iterator[str]:
    """The real `serve` command over the SQLite store, on a free loopback port."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the CLI is compared with the API on the SQLite store")
    from tests.test_web_e2e import serving  # imported here: that module skips without Playwright

    with serving(store.engine.url.render_as_string(hide_password=False)) as address:
        yield address


SAME_FILTERS = [  # (CLI options, API parameters): the same filters in each adapter's words
    ([], {}),
    (["--country", "Yemen"], {"country": "YE"}),
    (["--admin1", "Bay"], {"admin1": "Bay"}),
    (["--event-type", "Attack"], {"event_type": "Attack"}),
    (
        ["--sub-event-type", "Shelling/artillery/missile attack"],
        {"sub_event_type": "Shelling/artillery/missile attack"},
    ),
    (["--actor", "houthi"], {"actor": "houthi"}),
    (["--min-deaths", "5", "--from", "2022-03-14"], {"min_deaths": 5, "date_from": "2022-03-14"}),
    (["--to", "2022-03-19"], {"date_to": "2022-03-19"}),
    (["--grade", "weak"], {"grade": "weak"}),
    (["--search", "neighbourhood"], {"q": "neighbourhood"}),
    (
        ["--sort", "fatalities", "--limit", "2", "--offset", "1"],
        {"sort": "fatalities", "limit": 2, "offset": 1},
    ),
]


@pytest.mark.parametrize(("options", "params"), SAME_FILTERS)
def test_query_cli_and_api_select_the_same_incidents(
    store: Store, served: str, options: list[str], params: dict[str, Any]
) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["incidents", "--db", url, "--format", "json", *options])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    with httpx.Client(base_url=served, trust_env=False) as client:
        response = client.get("/api/incidents", params=params)
    assert response.status_code == 200, response.text
    answered = response.json()
    assert [item["id"] for item in listed["items"]] == [item["id"] for item in answered["items"]]
    assert listed["total"] == answered["total"]
    assert f"showing {len(listed['items'])} of {listed['total']}" in result.stderr


@pytest.mark.parametrize(
    ("options", "params", "words"),
    [
        (["--country", "XX"], {"country": "XX"}, "unknown country 'XX'"),
        (["--event-type", "Skirmish"], {"event_type": "Skirmish"}, "unknown event type 'Skirmish'"),
    ],
)
def test_query_cli_and_api_refuse_the_same_unknown_names(
    store: Store, served: str, options: list[str], params: dict[str, Any], words: str
) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["incidents", "--db", url, *options], env={"COLUMNS": "4000"})
    assert result.exit_code == 2 and words in result.stderr, result.output
    assert result.stdout == ""
    with httpx.Client(base_url=served, trust_env=False) as client:
        response = client.get("/api/incidents", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and error["message"].startswith(f"query.{next(iter(params))}: ")
    assert words in error["message"]
