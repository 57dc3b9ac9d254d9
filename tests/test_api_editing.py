"""The API's write side in process: analysts' corrections, merges and splits over a real SQLite store
filled by the real pipeline, the token check, and the one error shape."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from typer.testing import CliRunner

from conflictdb.api import create_app
from conflictdb.cli import app as cli_app
from conflictdb.resources import Resources
from conflictdb.store import Store, open_store
from tests.test_api import BAIDOA_A, Client, build_database
from tests.test_api_schema import serving

TOKEN = "s3cret-team-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BAIDOA_PLACE = {"location": "Baidoa livestock market", "country": "SO", "admin1": "Bay", "admin2": "Baydhaba"}


class Writer(Client):
    """The in-process client, with any method, a JSON body and headers."""

    def call(
        self, method: str, url: str, *, body: Any = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        async def call() -> httpx.Response:
            async with httpx.AsyncClient(transport=self.transport, base_url="http://127.0.0.1") as client:
                return await client.request(method, url, json=body, headers=headers)

        return asyncio.run(call())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Path:
    """The invented web articles ingested once; each test edits its own copy."""
    path = tmp_path_factory.mktemp("editing") / "web.sqlite"
    build_database(f"sqlite:///{path}", resources)
    return path


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "web.sqlite"
    shutil.copy(template, copy)
    with open_store(f"sqlite:///{copy}") as opened:
        yield opened


@pytest.fixture
def client(store: Store) -> Writer:
    return Writer(create_app(store, write_token=TOKEN))


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (status, code) and error["message"]
    return error


def baidoa(client: Writer) -> dict[str, Any]:
    (item,) = ok(client.get("/api/incidents", country="SO"))["items"]
    return ok(client.get(f"/api/incidents/{item['id']}"))


def claim_of(incident: dict[str, Any], speaker: str) -> dict[str, Any]:
    return next(c for m in incident["mentions"] for c in m["claims"] if c["speaker"] == speaker)


def killed_total(incident: dict[str, Any]) -> dict[str, Any]:
    return incident["figures"]["killed"]["total"]


def writes(incident_id: str, claim_id: int) -> list[tuple[str, str, dict[str, Any]]]:
    """One request of each write endpoint, each valid."""
    return [
        ("PATCH", f"/api/incidents/{incident_id}", {"by": "amina", "sub_event_type": "Suicide bomb"}),
        ("PATCH", f"/api/claims/{claim_id}", {"by": "amina", "stance": "rejected"}),
        ("POST", f"/api/incidents/{incident_id}/merge", {"by": "amina", "incidents": ["other"]}),
        ("POST", f"/api/incidents/{incident_id}/split", {"by": "amina", "mentions": ["a#0"]}),
    ]


# --- who may write -------------------------------------------------------------------------------------


def test_api_editing_read_only_server_refuses_every_write_with_403(store: Store) -> None:
    read_only = Writer(create_app(store))
    incident = baidoa(read_only)
    claim_id = claim_of(incident, "police")["id"]
    for method, url, body in writes(incident["id"], claim_id):
        error = assert_error(read_only.call(method, url, body=body, headers=AUTH), 403, "forbidden")
        assert "--write" in error["message"]
    assert ok(read_only.get("/api/config"))["write"] is False
    assert ok(read_only.get(f"/api/incidents/{incident['id']}/edits"))["items"] == []


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer "},
    ],
)
def test_api_editing_missing_or_wrong_token_gives_401(client: Writer, headers: dict[str, str]) -> None:
    incident = baidoa(client)
    claim_id = claim_of(incident, "police")["id"]
    for method, url, body in writes(incident["id"], claim_id):
        response = client.call(method, url, body=body, headers=headers)
        assert_error(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"
    assert ok(client.get(f"/api/incidents/{incident['id']}/edits"))["items"] == []
    assert baidoa(client)["sub_event_type"] == incident["sub_event_type"]


# --- corrections -------------------------------------------------------------------------------------------


def test_api_editing_event_type_and_place_show_in_lists_exports_and_history(client: Writer) -> None:
    incident = baidoa(client)
    assert incident["sub_event_type"] != "Suicide bomb"
    body = {"by": "amina", "sub_event_type": "Suicide bomb", "place": BAIDOA_PLACE, "note": "per the UN"}
    before = dt.datetime.now(dt.UTC)
    answer = ok(client.call("PATCH", f"/api/incidents/{incident['id']}", body=body, headers=AUTH))
    assert answer["incident"]["event_type"] == "Explosions/Remote violence"
    assert (answer["incident"]["sub_event_type"], answer["incident"]["location"]) == (
        "Suicide bomb",
        "Baidoa livestock market",
    )
    listed = ok(client.get("/api/incidents", sub_event_type="Suicide bomb"))["items"]
    assert [(i["id"], i["admin2"]) for i in listed] == [(incident["id"], "Baydhaba")]
    exported = list(csv.DictReader(io.StringIO(client.get("/api/export", country="SO").text)))
    assert (exported[0]["sub_event_type"], exported[0]["location"]) == (
        "Suicide bomb",
        "Baidoa livestock market",
    )
    (edit,) = ok(client.get(f"/api/incidents/{incident['id']}/edits"))["items"]
    assert (edit["kind"], edit["by"], edit["note"]) == ("incident", "amina", "per the UN")
    assert before <= dt.datetime.fromisoformat(edit["at"]) <= dt.datetime.now(dt.UTC)
    assert edit["changes"]["sub_event_type"] == {
        "before": incident["sub_event_type"],
        "after": "Suicide bomb",
    }
    assert edit == answer["edit"]


def test_api_editing_actors_show_in_lists_exports_and_history(client: Writer) -> None:
    incident = baidoa(client)
    body = {"by": "amina", "actors": {"actor1": "Al Shabaab", "actor2": "Civilians (Somalia)"}}
    answer = ok(client.call("PATCH", f"/api/incidents/{incident['id']}", body=body, headers=AUTH))
    assert (answer["incident"]["actor1"], answer["incident"]["actor2"]) == (
        "Al Shabaab",
        "Civilians (Somalia)",
    )
    listed = ok(client.get("/api/incidents", actor="Shabaab"))["items"]
    assert [i["id"] for i in listed] == [incident["id"]]
    assert (listed[0]["inter1"], listed[0]["inter2"], listed[0]["interaction"]) == (2, 7, 27)
    exported = list(csv.DictReader(io.StringIO(client.get("/api/export", country="SO").text)))
    assert (exported[0]["actor1"], exported[0]["inter1"], exported[0]["interaction"]) == (
        "Al Shabaab",
        "2",
        "27",
    )
    (edit,) = ok(client.get(f"/api/incidents/{incident['id']}/edits"))["items"]
    assert edit["changes"]["actor1"] == {"before": incident["actor1"], "after": "Al Shabaab"}
    refused = client.call(
        "PATCH",
        f"/api/incidents/{incident['id']}",
        body={"by": "amina", "actors": {"actor1": ""}},
        headers=AUTH,
    )
    assert refused.status_code in (400, 422) and "actor1" in refused.text
    reset = {"by": "amina", "fields": ["actors"]}
    ok(client.call("POST", f"/api/incidents/{incident['id']}/reset", body=reset, headers=AUTH))
    assert ok(client.get(f"/api/incidents/{incident['id']}"))["actor1"] == incident["actor1"]


def test_api_editing_claim_correction_changes_fatalities_and_best(client: Writer) -> None:
    incident = baidoa(client)
    assert incident["fatalities"] == 12 and killed_total(incident)["best"] == 15  # police 12, hospital 15
    police = claim_of(incident, "police")
    figures = [{"outcome": "killed", "category": "civilians", "min": 20, "max": 20}]
    answer = ok(
        client.call(
            "PATCH", f"/api/claims/{police['id']}", body={"by": "li", "figures": figures}, headers=AUTH
        )
    )
    corrected = answer["incident"]
    assert corrected["fatalities"] == 15 and killed_total(corrected)["best"] == 20
    assert [f["min"] for f in claim_of(corrected, "police")["figures"]] == [20]
    assert answer["edit"]["claim"]["article_id"] == BAIDOA_A
    article = ok(client.get(f"/api/articles/{quote(BAIDOA_A, safe='')}"))  # its claims, as corrected
    (shown,) = [c for m in article["mentions"] for c in m["claims"] if c["speaker"] == "police"]
    assert shown["corrected"] == ["figures"] and [f["min"] for f in shown["figures"]] == [20]

    hospital = claim_of(corrected, "the director of Baidoa regional hospital")
    rejected = {"by": "li", "stance": "rejected", "note": "counts another blast"}
    after = ok(client.call("PATCH", f"/api/claims/{hospital['id']}", body=rejected, headers=AUTH))["incident"]
    assert after["fatalities"] == 20 and claim_of(after, hospital["speaker"])["stance"] == "rejected"
    assert baidoa(client)["fatalities"] == 20  # stored, not only answered
    kinds = [(e["kind"], e["by"]) for e in ok(client.get(f"/api/incidents/{incident['id']}/edits"))["items"]]
    assert kinds == [("claim", "li"), ("claim", "li")]


def test_api_editing_reset_puts_claim_and_incident_back_to_automatic(client: Writer) -> None:
    incident = baidoa(client)
    police = claim_of(incident, "police")
    figures = [{"outcome": "killed", "category": "civilians", "min": 20, "max": 20}]
    ok(
        client.call(
            "PATCH", f"/api/claims/{police['id']}", body={"by": "li", "figures": figures}, headers=AUTH
        )
    )
    event = {"by": "li", "sub_event_type": "Suicide bomb"}
    ok(client.call("PATCH", f"/api/incidents/{incident['id']}", body=event, headers=AUTH))

    answer = ok(client.call("POST", f"/api/claims/{police['id']}/reset", body={"by": "amina"}, headers=AUTH))
    assert answer["edit"]["reset"] is True and answer["incident"]["fatalities"] == 12
    assert claim_of(answer["incident"], "police")["figures"] == police["figures"]  # as extracted
    body = {"by": "amina", "fields": ["event"]}
    back = ok(client.call("POST", f"/api/incidents/{incident['id']}/reset", body=body, headers=AUTH))
    assert back["incident"]["sub_event_type"] == incident["sub_event_type"] != "Suicide bomb"
    again = client.call("POST", f"/api/incidents/{incident['id']}/reset", body=body, headers=AUTH)
    assert_error(again, 400, "bad_request")
    bad = client.call(
        "POST", f"/api/incidents/{incident['id']}/reset", body={"by": "x", "fields": ["a"]}, headers=AUTH
    )
    assert bad.status_code == 422
    items = ok(client.get(f"/api/incidents/{incident['id']}/edits"))["items"]
    assert [(e["by"], e["reset"]) for e in items] == [
        ("li", False),
        ("li", False),
        ("amina", True),
        ("amina", True),
    ]


def test_api_editing_speaker_left_out_stays_and_null_is_the_outlet(client: Writer) -> None:
    incident = baidoa(client)
    police = claim_of(incident, "police")
    url = f"/api/claims/{police['id']}"
    unchanged = ok(client.call("PATCH", url, body={"by": "li", "stance": "asserted"}, headers=AUTH))[
        "incident"
    ]
    assert claim_of(unchanged, "police")["id"] == police["id"]
    outlet = ok(client.call("PATCH", url, body={"by": "li", "speaker": None}, headers=AUTH))["incident"]
    assert (
        next(c for m in outlet["mentions"] for c in m["claims"] if c["id"] == police["id"])["speaker"] is None
    )


def test_api_editing_merge_and_split_are_recorded(client: Writer) -> None:
    incident = baidoa(client)
    moved = incident["mentions"][1]["key"]
    split = ok(
        client.call(
            "POST",
            f"/api/incidents/{incident['id']}/split",
            body={"by": "jonas", "mentions": [moved]},
            headers=AUTH,
        )
    )
    new_id = split["new_incident"]
    assert split["incident"]["mentions_count"] == 1 and ok(client.get("/api/incidents"))["total"] == 4
    merge = {"by": "amina", "incidents": [new_id]}
    merged = ok(client.call("POST", f"/api/incidents/{incident['id']}/merge", body=merge, headers=AUTH))
    assert merged["incident"]["mentions_count"] == 2 and ok(client.get("/api/incidents"))["total"] == 3
    items = ok(client.get(f"/api/incidents/{incident['id']}/edits"))["items"]
    assert [(e["kind"], e["by"]) for e in items] == [("split", "jonas"), ("merge", "amina")]
    assert items[0]["detail"] == {"new_incident": new_id, "mentions": [moved]}


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("incident", {"by": "amina", "sub_event_type": "Drone strike"}, 400, "bad_request"),
        ("incident", {"by": "amina", "place": BAIDOA_PLACE | {"country": "ZZ"}}, 400, "bad_request"),
        ("incident", {"by": "amina", "place": BAIDOA_PLACE | {"country": "Somalia"}}, 422, "invalid_request"),
        ("incident", {"by": "amina", "place": BAIDOA_PLACE | {"lat": 2.9}}, 400, "bad_request"),
        (
            "incident",
            {"by": "amina", "place": BAIDOA_PLACE | {"lat": 200, "lon": 43}},
            422,
            "invalid_request",
        ),
        ("incident", {"by": "amina"}, 400, "bad_request"),
        ("incident", {"sub_event_type": "Grenade"}, 422, "invalid_request"),
        (
            "claim",
            {"by": "li", "figures": [{"outcome": "killed", "category": "civilians", "min": 9, "max": 3}]},
            400,
            "bad_request",
        ),
        (
            "claim",
            {"by": "li", "figures": [{"outcome": "dead", "category": "civilians", "min": 9}]},
            422,
            "invalid_request",
        ),
        ("claim", {"by": "li", "stance": "doubtful"}, 422, "invalid_request"),
        ("/api/incidents/nope", {"by": "amina", "sub_event_type": "Grenade"}, 404, "not_found"),
        ("/api/claims/999999", {"by": "li", "stance": "rejected"}, 404, "not_found"),
        ("merge", {"by": "amina", "incidents": ["nope"]}, 400, "bad_request"),
        ("split", {"by": "amina", "mentions": ["nowhere#3"]}, 400, "bad_request"),
        # beyond the bounds of data/api.yaml or of a 64-bit integer: 422, never a 500
        (f"/api/claims/{2**70}", {"by": "li", "stance": "rejected"}, 422, "invalid_request"),
        ("/api/claims/0", {"by": "li", "stance": "rejected"}, 422, "invalid_request"),
        (
            "claim",
            {"by": "li", "figures": [{"outcome": "killed", "category": "civilians", "min": 2**70}]},
            422,
            "invalid_request",
        ),
        (
            "claim",
            {"by": "li", "figures": [{"outcome": "killed", "category": "civilians", "max": 10_000_001}]},
            422,
            "invalid_request",
        ),
        ("claim", {"by": "li", "speaker": "the\x00police"}, 422, "invalid_request"),
        ("incident", {"by": "amina\x00", "sub_event_type": "Grenade"}, 422, "invalid_request"),
        (
            "incident",
            {"by": "amina", "note": "n" * 2001, "sub_event_type": "Grenade"},
            422,
            "invalid_request",
        ),
        (
            "incident",
            {"by": "amina", "place": BAIDOA_PLACE | {"location": "Baidoa\x00"}},
            422,
            "invalid_request",
        ),
        ("merge", {"by": "amina", "incidents": ["x"] * 501}, 422, "invalid_request"),
        ("split", {"by": "amina", "mentions": ["a" * 2101]}, 422, "invalid_request"),
    ],
)
def test_api_editing_refused_edits_share_the_error_shape(
    client: Writer, path: str, body: dict[str, Any], status: int, code: str
) -> None:
    incident = baidoa(client)
    urls = {
        "incident": ("PATCH", f"/api/incidents/{incident['id']}"),
        "claim": ("PATCH", f"/api/claims/{claim_of(incident, 'police')['id']}"),
        "merge": ("POST", f"/api/incidents/{incident['id']}/merge"),
        "split": ("POST", f"/api/incidents/{incident['id']}/split"),
    }
    method, url = urls.get(path, ("PATCH", path))
    assert_error(client.call(method, url, body=body, headers=AUTH), status, code)
    assert ok(client.get(f"/api/incidents/{incident['id']}/edits"))["items"] == []


# --- what the dashboard and the docs read --------------------------------------------------------------


def test_api_editing_config_and_taxonomy_for_the_edit_form(client: Writer) -> None:
    assert ok(client.get("/api/config"))["write"] is True
    events = {e["event_type"]: e["sub_event_types"] for e in ok(client.get("/api/taxonomy"))["event_types"]}
    assert "Suicide bomb" in events["Explosions/Remote violence"] and "Armed clash" in events["Battles"]


def test_api_editing_openapi_documents_the_writes_and_the_bearer_token(client: Writer) -> None:
    schema = ok(client.get("/openapi.json"))
    paths = schema["paths"]
    assert "patch" in paths["/api/incidents/{incident_id}"] and "patch" in paths["/api/claims/{claim_id}"]
    assert {"/api/incidents/{incident_id}/merge", "/api/incidents/{incident_id}/split"} <= set(paths)
    assert "get" in paths["/api/incidents/{incident_id}/edits"]
    patch = paths["/api/incidents/{incident_id}"]["patch"]
    assert {"400", "401", "403"} <= set(patch["responses"]) and patch["security"] == [{"HTTPBearer": []}]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_api_editing_serve_refuses_write_without_a_token() -> None:
    result = CliRunner().invoke(
        cli_app, ["serve", "--write", "--port", "0"], env={"CONFLICTDB_WRITE_TOKEN": ""}
    )
    assert result.exit_code == 2 and "--write needs a token" in result.stderr


# --- edits that keep the data whole, over real HTTP on loopback ---------------------------------------


@pytest.fixture
def http(store: Store) -> Iterator[httpx.Client]:
    """A client of the app served by uvicorn on a loopback port, with the write token."""
    with serving(store, write_token=TOKEN) as base, httpx.Client(base_url=base, headers=AUTH) as client:
        yield client


def answer(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def listed_ids(http: httpx.Client, **params: Any) -> list[str]:
    return [item["id"] for item in answer(http.get("/api/incidents", params=params))["items"]]


def test_api_editing_http_place_is_found_in_the_gazetteer(http: httpx.Client) -> None:
    (incident,) = listed_ids(http, country="SO")
    body = {"by": "amina", "place": {"location": "Kismayo"}}  # the incident's country, looked up
    corrected = answer(http.patch(f"/api/incidents/{incident}", json=body))["incident"]
    assert (corrected["location"], corrected["country"], corrected["geo_precision"]) == ("Kismayo", "SO", 1)
    assert corrected["admin1"] and corrected["latitude"] is not None and corrected["longitude"] is not None
    inside = {
        "by": "amina",
        "place": {"location": "Baidoa cattle market", "country": "SO", "admin2": "Baydhaba"},
    }
    market = answer(http.patch(f"/api/incidents/{incident}", json=inside))["incident"]
    assert (market["location"], market["admin2"], market["geo_precision"]) == (
        "Baidoa cattle market",
        "Baydhaba",
        2,
    )
    assert market["latitude"] is not None  # at its district's point: still on the map
    refused = http.patch(
        f"/api/incidents/{incident}", json={"by": "amina", "place": {"location": "Qwzrtlpk"}}
    )
    assert refused.status_code == 400 and "not in the gazetteer" in refused.json()["error"]["message"]
    kinds = [
        item["changes"].get("location", {}).get("after")
        for item in answer(http.get(f"/api/incidents/{incident}/edits"))["items"]
    ]
    assert kinds == ["Kismayo", "Baidoa cattle market"]


def test_api_editing_http_date_with_its_precision(http: httpx.Client) -> None:
    (incident,) = listed_ids(http, country="SO")
    body = {"by": "li", "date": "2022-03", "note": "the month is all the reports agree on"}
    corrected = answer(http.patch(f"/api/incidents/{incident}", json=body))
    assert (corrected["incident"]["event_date"], corrected["incident"]["time_precision"]) == ("2022-03-01", 3)
    assert corrected["edit"]["changes"]["date"] == {"before": "2022-03-13", "after": "2022-03-01"}
    week = answer(
        http.patch(
            f"/api/incidents/{incident}", json={"by": "li", "date": "2022-03-07", "date_precision": "week"}
        )
    )
    assert week["incident"]["time_precision"] == 2
    bad = http.patch(f"/api/incidents/{incident}", json={"by": "li", "date": "2022-02-30"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["error"]["message"]


def test_api_editing_http_discounted_incident_is_counted_in_nothing(http: httpx.Client) -> None:
    (incident,) = listed_ids(http, country="SO")
    before = answer(http.get("/api/stats"))
    assert incident in listed_ids(http)
    done = answer(http.patch(f"/api/incidents/{incident}", json={"by": "amina", "discounted": True}))
    assert done["incident"]["discounted"] is True and done["edit"]["changes"]["discounted"]["after"] is True
    assert incident not in listed_ids(http) and listed_ids(http, discounted="true") == [incident]
    after = answer(http.get("/api/stats"))
    assert (after["incidents"], after["discounted_incidents"]) == (before["incidents"] - 1, 1)
    assert after["deaths"] < before["deaths"] and after["articles"] == before["articles"]
    exported = http.get("/api/export", params={"format": "csv"}).text
    assert incident not in exported
    assert answer(http.get(f"/api/incidents/{incident}"))["discounted"] is True  # kept, and shown
    back = answer(http.post(f"/api/incidents/{incident}/reset", json={"by": "amina", "fields": ["discount"]}))
    assert back["incident"]["discounted"] is False and incident in listed_ids(http)


def test_api_editing_http_merge_across_countries_needs_force_and_split_keeps_the_id_form(
    http: httpx.Client,
) -> None:
    (somalia,) = listed_ids(http, country="SO")
    (nigeria,) = listed_ids(http, country="NG")
    refused = http.post(f"/api/incidents/{somalia}/merge", json={"by": "jonas", "incidents": [nigeria]})
    assert refused.status_code == 400 and '"force": true' in refused.json()["error"]["message"]
    assert nigeria in listed_ids(http)
    merged = answer(
        http.post(
            f"/api/incidents/{somalia}/merge", json={"by": "jonas", "incidents": [nigeria], "force": True}
        )
    )
    assert merged["incident"]["mentions_count"] == 3
    moved = next(m["key"] for m in merged["incident"]["mentions"] if "maiduguri" in m["key"])
    split = answer(http.post(f"/api/incidents/{somalia}/split", json={"by": "jonas", "mentions": [moved]}))
    assert re.fullmatch(r"inc-[0-9a-f]{12}", split["new_incident"])
    kinds = [item["kind"] for item in answer(http.get(f"/api/incidents/{somalia}/edits"))["items"]]
    assert kinds == ["merge", "split"]
