"""No script from the data: articles whose URL is javascript: or data: (tests/fixtures/web/hostile_urls.jsonl)
are ingested and shown by the real server in Debian's Chromium; on their article and incident pages every
link is clicked and no dialog opens, only http(s) addresses are links, and the hostile URL is shown as
text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from conflictdb import pipeline
from conflictdb.resources import Resources
from conflictdb.store import open_store
from tests import test_web_e2e as e2e

pytestmark = e2e.pytestmark
sync_api = e2e.sync_api

HOSTILE = Path(__file__).parent / "fixtures" / "web" / "hostile_urls.jsonl"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[str]:
    """The server over a store holding only the hostile articles, ingested by the real pipeline."""
    url = f"sqlite:///{tmp_path_factory.mktemp('links') / 'web.sqlite'}"
    results = pipeline.extract_records([HOSTILE], resources)
    with open_store(url) as store:
        for article, mentions in results:
            store.add_article(article, mentions)
    with e2e.serving(url) as address:
        yield address


browser = e2e.browser  # one Chromium per module, launched as the e2e tests launch it


def pages_of(base_url: str, name: str) -> tuple[str, list[str]]:
    """An article's stored URL and its pages (found by the record id it was read under): the article's,
    then each of its incidents'."""
    with httpx.Client(base_url=base_url, trust_env=False) as client:
        listed = client.get("/api/articles", params={"q": name}).raise_for_status().json()["items"]
        (article_id,) = [quote(item["id"], safe="") for item in listed if item["name"] == name]
        article = client.get(f"/api/articles/{article_id}").raise_for_status().json()
    incidents = sorted({mention["incident_id"] for mention in article["mentions"]})
    assert incidents, f"{name} tells no incident"
    return article["url"], [f"/articles/{article_id}", *(f"/incidents/{i}" for i in incidents)]


@pytest.mark.parametrize(
    ("article_id", "click"),
    [("web_hostile_script", True), ("web_hostile_mixed_case", False), ("web_hostile_data", False)],
)
def test_web_links_from_the_data_never_run_script(
    browser: object, base_url: str, article_id: str, click: bool
) -> None:
    """Only http(s) links on the pages of every hostile article; on the javascript: one's pages every link
    is clicked too (a page load per link, so on one article only)."""
    stored_url, paths = pages_of(base_url, article_id)
    assert not stored_url.lower().startswith(("http://", "https://"))
    context = browser.new_context()  # type: ignore[attr-defined]
    # links off the server (the credits) are followed but go nowhere: no network beyond loopback
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort(),
    )
    dialogs: list[str] = []

    def opened(path: str) -> Any:
        """`path` in a fresh page: a clicked link's navigation (an aborted one ends on an error page a
        moment later) cannot cut into the next page's load."""
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base_url + path)
        e2e.ready(page)
        return page

    clicked = 0
    for path in paths:
        page = opened(path)
        if path.startswith("/articles/"):
            sync_api.expect(page.locator("#article .url")).to_have_text(stored_url)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
        assert hrefs and all(href.startswith(("http://", "https://")) for href in hrefs), hrefs
        for n in range(len(hrefs) if click else 0):
            if n:
                page.close()
                page = opened(path)
            page.locator("a[href]").nth(n).click()
            page.wait_for_timeout(50)
            clicked += 1
        page.close()
    context.close()
    assert clicked >= 2 * len(paths) or not click
    assert not dialogs, f"script ran: {dialogs}"
