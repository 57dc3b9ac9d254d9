"""The dashboard end to end: the real server (`python -m conflictdb.cli.serve`) on loopback, driven in
Debian's Chromium through Playwright. Screenshots go to a temporary folder; with
CONFLICTDB_REFRESH_SCREENSHOTS=1 they rewrite docs/screenshots/ for the README (conftest.screenshots).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from conflictdb.api.app import VENDOR_DIR
from conflictdb.resources import Resources
from tests.test_api import BAIDOA_A, build_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-proxy-server",
]

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)"
    ),
    pytest.mark.skipif(not VENDOR_DIR.is_dir(), reason="front-end assets not built (make frontend)"),
]
sync_api = pytest.importorskip("playwright.sync_api")


@contextmanager
def serving(url: str, *options: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """The real `serve` command over a database on a free loopback port; yields its address."""
    command = [
        sys.executable,
        "-m",
        "conflictdb.cli.serve",
        "--db",
        url,
        "--host",
        "127.0.0.1",
        "--port",
        "0",
    ]
    environment = os.environ | {"PYTHONUNBUFFERED": "1", "COLUMNS": "200"} | (env or {})
    server = subprocess.Popen(
        [*command, *options], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert found, f"serve printed {line!r}"
        yield found.group(0)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[str]:
    """The read-only server over a database of the invented articles."""
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'web.sqlite'}"
    build_database(url, resources)
    with serving(url) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    with browsing(browser, base_url) as opened:
        yield opened


@contextmanager
def browsing(browser: object, base_url: str) -> Iterator[object]:
    """A page that may only reach the server: any other request is refused and recorded."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})  # type: ignore[attr-defined]
    outside: list[str] = []

    def only_loopback(route: object) -> None:
        request_url = route.request.url  # type: ignore[attr-defined]
        if request_url.startswith(base_url) or request_url.startswith("data:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(request_url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", only_loopback)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    refused: list[str] = []  # what the Content-Security-Policy blocked: the pages must need none of it

    def on_console(message: object) -> None:
        if "Content Security Policy" in message.text:  # type: ignore[attr-defined]
            refused.append(message.text)  # type: ignore[attr-defined]

    opened.on("console", on_console)
    yield opened
    context.close()
    assert not outside, f"requests beyond the server: {outside}"
    assert not errors, f"JavaScript errors: {errors}"
    assert not refused, f"blocked by the Content-Security-Policy: {refused}"


def ready(page: object) -> None:
    page.wait_for_selector("body[data-ready=true]")  # type: ignore[attr-defined]


def shot(page: object, folder: Path, name: str) -> Path:
    """A full-page screenshot of the page as `name` in the folder; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)  # type: ignore[attr-defined]
    return folder / name


def test_web_dashboard_shows_map_timeline_and_table(page: object, base_url: str, screenshots: Path) -> None:
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    ready(page)
    expect = sync_api.expect
    expect(page.locator("#incidents tbody tr")).to_have_count(3)  # type: ignore[attr-defined]
    expect(page.locator("path.incident-marker")).to_have_count(3)  # type: ignore[attr-defined]
    expect(page.locator("#timeline rect.bar")).to_have_count(3)  # type: ignore[attr-defined]
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # type: ignore[attr-defined]  # countries
    expect(page.locator("footer")).to_contain_text("GeoNames")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]  # let the map settle after fitBounds
    shot(page, screenshots, "dashboard.png")


def test_web_filters_narrow_map_timeline_and_table(page: object, base_url: str) -> None:
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    ready(page)
    page.select_option("select[name=country]", "SO")  # type: ignore[attr-defined]
    page.click("#filters button[type=submit]")  # type: ignore[attr-defined]
    expect = sync_api.expect
    expect(page.locator("#incidents tbody tr")).to_have_count(1)  # type: ignore[attr-defined]
    expect(page.locator("path.incident-marker")).to_have_count(1)  # type: ignore[attr-defined]
    expect(page.locator("#timeline rect.bar")).to_have_count(1)  # type: ignore[attr-defined]
    expect(page.locator("#summary")).to_contain_text("1 incident matching country: SO")  # type: ignore[attr-defined]
    assert "country=SO" in page.url  # type: ignore[attr-defined]
    page.click("#reset")  # type: ignore[attr-defined]
    expect(page.locator("#incidents tbody tr")).to_have_count(3)  # type: ignore[attr-defined]
    page.click("#timeline rect.bar[data-start='2022-03-19']")  # type: ignore[attr-defined]  # a day on the timeline
    expect(page.locator("#incidents tbody tr")).to_have_count(1)  # type: ignore[attr-defined]
    expect(page.locator("#incidents tbody")).to_contain_text("Maiduguri")  # type: ignore[attr-defined]
    expect(page.locator("path.incident-marker")).to_have_count(1)  # type: ignore[attr-defined]
    assert page.input_value("input[name=date_from]") == "2022-03-19"  # type: ignore[attr-defined]
    page.fill("input[name=q]", "no such words anywhere")  # type: ignore[attr-defined]
    page.click("#filters button[type=submit]")  # type: ignore[attr-defined]
    expect(page.locator("#incidents tbody")).to_contain_text("No incident matches")  # type: ignore[attr-defined]


def test_web_incident_page_shows_claims_with_highlighted_evidence(
    page: object, base_url: str, screenshots: Path
) -> None:
    page.goto(base_url + "/?country=SO")  # type: ignore[attr-defined]
    ready(page)
    page.click("#incidents tbody a")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/incidents/"))  # type: ignore[attr-defined]
    ready(page)
    expect = sync_api.expect
    assert page.locator(".claim").count() >= 3  # type: ignore[attr-defined]  # police, hospital (2 sentences)
    expect(page.locator(".fatalities")).to_have_text("12")  # type: ignore[attr-defined]
    evidence = page.locator("mark.evidence")  # type: ignore[attr-defined]
    expect(evidence.first).to_contain_text("killing 12 civilians")  # type: ignore[attr-defined]
    expect(page.locator("b.fig").first).to_have_text("killing 12 civilians")  # type: ignore[attr-defined]
    expect(page.locator(".claims").first).to_contain_text("the director of Baidoa regional hospital")  # type: ignore[attr-defined]
    expect(page.locator("table.figures")).to_contain_text("civilians")  # type: ignore[attr-defined]
    shot(page, screenshots, "incident.png")
    page.click(".claim .source a >> nth=0")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/articles/.+#at-\d+"))  # type: ignore[attr-defined]
    ready(page)
    expect(page.locator(".flash")).to_have_count(1)  # type: ignore[attr-defined]


def test_web_incident_page_folds_the_claims_without_a_figure(page: object, base_url: str) -> None:
    """Claims that give no number (a claim of responsibility) are folded under their count; opened, they
    show as the others do."""
    page.goto(base_url + "/?country=SO")  # type: ignore[attr-defined]
    ready(page)
    page.click("#incidents tbody a")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/incidents/"))  # type: ignore[attr-defined]
    ready(page)
    incident_id = page.url.rsplit("/", 1)[1]  # type: ignore[attr-defined]
    with httpx.Client(base_url=base_url, trust_env=False) as client:
        detail = client.get(f"/api/incidents/{incident_id}").raise_for_status().json()
    claims = [c for m in detail["mentions"] for c in m["claims"]]
    bare = [c for c in claims if not c["figures"]]
    assert bare and len(bare) < len(claims)  # the claim of responsibility, beside the tolls
    expect = sync_api.expect
    folded = page.locator("details.no-figure")  # type: ignore[attr-defined]
    expect(folded.locator("summary")).to_have_text(f"Claims without a figure ({len(bare)})")
    expect(folded).not_to_have_attribute("open", "")
    expect(folded.locator(".claim")).to_have_count(len(bare))
    expect(folded.locator(".claim").first).to_be_hidden()
    expect(page.locator(".claim:visible")).to_have_count(len(claims) - len(bare))  # type: ignore[attr-defined]
    expect(page.locator(".claim:visible .claim-figures")).to_have_count(len(claims) - len(bare))  # type: ignore[attr-defined]
    folded.locator("summary").click()
    expect(folded.locator(".claim").first).to_be_visible()
    expect(folded).to_contain_text("Al-Shabaab")
    expect(page.locator(".claim:visible")).to_have_count(len(claims))  # type: ignore[attr-defined]


def test_web_map_draws_admin1_outlines_of_the_countries_in_view(page: object, base_url: str) -> None:
    """Admin-1 outlines (vendored by `make frontend`) for the countries holding incidents; zoomed in, for
    every country in view too, and no longer for those out of view."""
    page.goto(base_url + "/")  # type: ignore[attr-defined]
    ready(page)
    expect = sync_api.expect
    drawn = page.locator("#map")  # type: ignore[attr-defined]
    expect(drawn).to_have_attribute("data-admin1", "NG SO YE")  # Maiduguri, Baidoa, Taiz
    outlines = page.locator("path.admin1-outline")  # type: ignore[attr-defined]
    assert outlines.count() > 3 * 5  # type: ignore[attr-defined]  # each country's first-level units
    assert page.locator("path.admin1-FR").count() == 0  # type: ignore[attr-defined]
    page.select_option("select[name=country]", "SO")  # type: ignore[attr-defined]
    page.click("#filters button[type=submit]")  # type: ignore[attr-defined]
    expect(page.locator("path.incident-marker")).to_have_count(1)  # type: ignore[attr-defined]
    # one incident: the map closes in on Baidoa, and the neighbours in view get their outlines too
    # (waited for: the map may still be flying to the marker when it appears; polled from here, as
    # wait_for_function polls in the page with eval, which the page's Content-Security-Policy refuses)
    for _ in range(100):
        if page.evaluate("map.getZoom()") >= 5:  # type: ignore[attr-defined]
            break
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    assert page.evaluate("map.getZoom()") >= 5  # type: ignore[attr-defined]
    expect(drawn).to_have_attribute("data-admin1", re.compile(r"^(\w\w )*ET( \w\w)* KE( \w\w)* SO\b"))
    assert page.locator("path.admin1-ET").count() > 3  # type: ignore[attr-defined]
    zoom_out = page.locator(".leaflet-control-zoom-out")  # type: ignore[attr-defined]
    while page.evaluate("map.getZoom()") >= 5:  # type: ignore[attr-defined]
        zoom_out.click()
        page.wait_for_timeout(300)  # type: ignore[attr-defined]  # the zoom animation
    expect(drawn).to_have_attribute("data-admin1", "SO")  # zoomed out: the incident's country alone
    expect(page.locator("path.admin1-ET")).to_have_count(0)  # type: ignore[attr-defined]


def test_web_article_page_highlights_every_span(page: object, base_url: str, screenshots: Path) -> None:
    page.goto(f"{base_url}/articles/{quote(BAIDOA_A, safe='')}")  # type: ignore[attr-defined]
    ready(page)
    expect = sync_api.expect
    expect(page.locator("h1")).to_have_text("Car bomb kills 12 at Baidoa market, police say")  # type: ignore[attr-defined]
    expect(page.locator(".article-text .hl-figure").first).to_have_text("killing 12 civilians")  # type: ignore[attr-defined]
    assert page.locator(".article-text .hl-evidence").count() >= 1  # type: ignore[attr-defined]
    assert page.locator(".article-text .hl-place").count() >= 1  # type: ignore[attr-defined]
    shot(page, screenshots, "article.png")
    page.uncheck("input[data-kind=figure]")  # type: ignore[attr-defined]
    expect(page.locator(".article-text")).to_have_class(re.compile("hide-figure"))  # type: ignore[attr-defined]


def test_web_api_docs_render_from_local_assets(page: object, base_url: str, screenshots: Path) -> None:
    page.goto(base_url + "/docs")  # type: ignore[attr-defined]
    page.wait_for_selector(".swagger-ui .opblock")  # type: ignore[attr-defined]
    assert page.locator(".swagger-ui .opblock").count() >= 7  # type: ignore[attr-defined]
    shot(page, screenshots, "api-docs.png")


# --- analysts' edits: the server started with --write ------------------------------------------------------

WRITE_TOKEN = "e2e-team-token"


@pytest.fixture(scope="module")
def write_url(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[str]:
    """`serve --write` with the token from the environment, over its own database (edits change it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e-write') / 'web.sqlite'}"
    build_database(url, resources)
    with serving(url, "--write", env={"CONFLICTDB_WRITE_TOKEN": WRITE_TOKEN}) as address:
        yield address


@pytest.fixture
def write_page(browser: object, write_url: str) -> Iterator[object]:
    with browsing(browser, write_url) as opened:
        yield opened


def test_web_incident_page_edits_the_event_type(
    write_page: object, write_url: str, screenshots: Path
) -> None:
    page = write_page
    page.goto(write_url + "/?country=SO")  # type: ignore[attr-defined]
    ready(page)
    page.click("#incidents tbody a")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/incidents/"))  # type: ignore[attr-defined]
    page.wait_for_selector("#edit-panel[data-ready=true]")  # type: ignore[attr-defined]
    expect = sync_api.expect
    expect(page.locator("header .readonly")).to_have_text("edits on")  # type: ignore[attr-defined]
    expect(page.locator("h1")).not_to_contain_text("Suicide bomb")  # type: ignore[attr-defined]
    page.fill("#edit-panel input[name=editor]", "amina")  # type: ignore[attr-defined]
    page.fill("#edit-panel input[name=token]", "not-the-token")  # type: ignore[attr-defined]
    page.select_option("#edit-event select[name=sub_event_type]", "Suicide bomb")  # type: ignore[attr-defined]
    page.click("#edit-event button[type=submit]")  # type: ignore[attr-defined]
    expect(page.locator(".edit-status .error")).to_contain_text("401")  # type: ignore[attr-defined]

    page.fill("#edit-panel input[name=token]", WRITE_TOKEN)  # type: ignore[attr-defined]
    page.fill("#edit-event input[name=note]", "a suicide vest, says the UN")  # type: ignore[attr-defined]
    page.click("#edit-event button[type=submit]")  # type: ignore[attr-defined]
    expect(page.locator("h1")).to_contain_text("Suicide bomb")  # type: ignore[attr-defined]
    history = page.locator("#edit-history")  # type: ignore[attr-defined]
    expect(history).to_contain_text("amina")  # type: ignore[attr-defined]
    expect(history).to_contain_text("Suicide bomb")  # type: ignore[attr-defined]
    expect(history).to_contain_text("a suicide vest, says the UN")  # type: ignore[attr-defined]
    shot(page, screenshots, "incident-editing.png")
    page.reload()  # type: ignore[attr-defined]  # stored, and the token kept for this tab
    page.wait_for_selector("#edit-panel[data-ready=true]")  # type: ignore[attr-defined]
    expect(page.locator("h1")).to_contain_text("Suicide bomb")  # type: ignore[attr-defined]
    assert page.input_value("#edit-panel input[name=token]") == WRITE_TOKEN  # type: ignore[attr-defined]
    page.goto(write_url + "/?country=SO")  # type: ignore[attr-defined]
    ready(page)
    expect(page.locator("#incidents tbody")).to_contain_text("Suicide bomb")  # type: ignore[attr-defined]


def test_web_incident_page_edits_date_actors_and_discount(write_page: object, write_url: str) -> None:
    page = write_page
    expect = sync_api.expect
    page.goto(write_url + "/?country=NG")  # type: ignore[attr-defined]
    ready(page)
    page.click("#incidents tbody a")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/incidents/"))  # type: ignore[attr-defined]
    page.wait_for_selector("#edit-panel[data-ready=true]")  # type: ignore[attr-defined]
    api = write_url + "/api/incidents/" + page.url.rsplit("/", 1)[1]  # type: ignore[attr-defined]
    page.fill("#edit-panel input[name=editor]", "amina")  # type: ignore[attr-defined]
    page.fill("#edit-panel input[name=token]", WRITE_TOKEN)  # type: ignore[attr-defined]
    facts = page.locator("dl.facts")  # type: ignore[attr-defined]

    page.fill("#edit-date input[name=date]", "2022-03-16")  # type: ignore[attr-defined]
    page.select_option("#edit-date select[name=date_precision]", "week")  # type: ignore[attr-defined]
    page.click("#edit-date button[type=submit]")  # type: ignore[attr-defined]
    expect(facts).to_contain_text("2022-03-16 week")  # type: ignore[attr-defined]
    stored = httpx.get(api).json()
    assert (stored["event_date"], stored["date_precision"]) == ("2022-03-16", "week")
    page.fill("#edit-date input[name=date]", "2022-02")  # type: ignore[attr-defined]
    page.select_option("#edit-date select[name=date_precision]", "")  # type: ignore[attr-defined]
    page.click("#edit-date button[type=submit]")  # type: ignore[attr-defined]
    expect(facts).to_contain_text("2022-02-01 month")  # type: ignore[attr-defined]
    assert page.input_value("#edit-date input[name=date]") == "2022-02"  # type: ignore[attr-defined]
    stored = httpx.get(api).json()
    assert (stored["event_date"], stored["date_precision"]) == ("2022-02-01", "month")

    actors = {
        "actor1": "Unidentified Communal Militia (Nigeria)",
        "assoc_actor_1": "Herders (Nigeria)",
        "actor2": "Civilians (Nigeria)",
        "assoc_actor_2": "Farmers (Nigeria)",
    }
    for name, value in actors.items():
        page.fill(f"#edit-actors input[name={name}]", value)  # type: ignore[attr-defined]
    page.click("#edit-actors button[type=submit]")  # type: ignore[attr-defined]
    expect(facts).to_contain_text(  # type: ignore[attr-defined]
        "Unidentified Communal Militia (Nigeria) vs Civilians (Nigeria)"
    )
    expect(facts).to_contain_text("Herders (Nigeria) vs Farmers (Nigeria)")  # type: ignore[attr-defined]
    stored = httpx.get(api).json()
    assert {name: stored[name] for name in actors} == actors
    assert (stored["inter1"], stored["inter2"], stored["interaction"]) == (4, 7, 47)
    page.fill("#edit-actors input[name=assoc_actor_2]", "")  # type: ignore[attr-defined]
    page.click("#edit-actors button[type=submit]")  # type: ignore[attr-defined]
    expect(facts).not_to_contain_text("Farmers")  # type: ignore[attr-defined]
    assert httpx.get(api).json()["assoc_actor_2"] is None

    h1 = page.locator("h1")  # type: ignore[attr-defined]
    expect(h1).not_to_contain_text("discounted")  # type: ignore[attr-defined]
    page.fill("#edit-discount input[name=note]", "a drill, not an attack")  # type: ignore[attr-defined]
    page.click("#edit-discount button[type=submit]")  # type: ignore[attr-defined]
    expect(h1).to_contain_text("discounted")  # type: ignore[attr-defined]
    assert httpx.get(api).json()["discounted"] is True
    listed = httpx.get(write_url + "/api/incidents", params={"country": "NG"}).json()
    assert listed["total"] == 0  # counted in nothing
    expect(page.locator("#edit-discount button")).to_have_text("Count it again")  # type: ignore[attr-defined]
    page.click("#edit-discount button[type=submit]")  # type: ignore[attr-defined]
    expect(h1).not_to_contain_text("discounted")  # type: ignore[attr-defined]
    assert httpx.get(api).json()["discounted"] is False
    assert httpx.get(write_url + "/api/incidents", params={"country": "NG"}).json()["total"] == 1

    history = page.locator("#edit-history")  # type: ignore[attr-defined]
    expect(history.locator("li")).to_have_count(6)  # type: ignore[attr-defined]
    expect(history).to_contain_text("a drill, not an attack")  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]  # what the page shows is what the store keeps
    page.wait_for_selector("#edit-panel[data-ready=true]")  # type: ignore[attr-defined]
    expect(facts).to_contain_text("2022-02-01 month")  # type: ignore[attr-defined]
    expect(facts).to_contain_text("Unidentified Communal Militia (Nigeria)")  # type: ignore[attr-defined]
