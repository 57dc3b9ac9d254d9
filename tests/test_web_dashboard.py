"""The dashboard over stores of other shapes, in Debian's Chromium: a timeline whose bars are days, weeks,
months or years as the span of the incidents shown asks (named on the axis), and an article's background
told on its incident's page, never on the map. Each store is served by the real `serve` command.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictdb.cli import app
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
from conflictdb.store import open_store
from tests import test_background as background
from tests import test_web_e2e as e2e

pytestmark = e2e.pytestmark
sync_api = e2e.sync_api

# Invented towns, one per incident in turn; real countries for the codes the map's outlines use
TOWNS = (
    Place("Kolvara", country="ML", admin1="Mopti", lat=14.4, lon=-4.1, precision=1),
    Place("Dessoubo", country="BF", admin1="Sahel", lat=14.0, lon=-0.3, precision=1),
    Place("Ngarawa", country="NE", admin1="Tillaberi", lat=14.2, lon=1.5, precision=1),
)


def invented_incident(n: int, day: dt.date) -> tuple[Article, Mention]:
    """The n-th invented raid, on a day, with n + 1 villagers killed."""
    text = f"Gunmen raided a village near {TOWNS[n % 3].name}, killing {n + 1} villagers, an official said."
    article = Article(
        id=f"web-span-{n}",
        source=f"/invented/span-{n}.txt",
        text=text,
        clean_text=text,
        title=text.split(",")[0],
        published=day + dt.timedelta(days=1),
    )
    killed = Figure(Outcome.KILLED, Category.CIVILIANS, n + 1, n + 1)
    mention = Mention(
        article_id=article.id,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        date=DateValue(day, DatePrecision.DAY, "on the day"),
        place=TOWNS[n % 3],
        claims=(Claim(Span(0, len(text)), (killed,), speaker="an official"),),
    )
    return article, mention


SPANS = {  # name: the days of its incidents, the interval the timeline takes, its first and last bar
    "days": (
        [dt.date(2023, 5, d) for d in (2, 3, 3, 6)],
        "day",
        ("2 May 2023", "6 May 2023"),
    ),
    "years": (
        [dt.date(2021, 1, 15), dt.date(2021, 8, 2), dt.date(2022, 6, 30), dt.date(2023, 11, 3)],
        "month",
        ("Jan 2021", "Nov 2023"),
    ),
    "decade": (
        [dt.date(2012, 4, 1), dt.date(2015, 9, 9), dt.date(2019, 2, 2), dt.date(2023, 12, 31)],
        "year",
        ("2012", "2023"),
    ),
}


BUCKET = {"day": lambda day: day, "month": lambda day: (day.year, day.month), "year": lambda day: day.year}


@pytest.fixture(scope="module", params=sorted(SPANS))
def spanned(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """A server over a store whose incidents span a few days, a few years or a decade: (name, address)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('span') / 'web.sqlite'}"
    with open_store(url) as store:
        for n, day in enumerate(SPANS[request.param][0]):
            article, mention = invented_incident(n, day)
            store.add_article(article, [mention])
    with e2e.serving(url) as address:
        yield request.param, address


browser = e2e.browser  # one Chromium per module, launched as the e2e tests launch it


def test_web_timeline_interval_follows_the_span_shown(
    browser: object, spanned: tuple[str, str], screenshots: Path
) -> None:
    """`auto` takes days for a few days, months for a few years, years for a decade; the axis names the
    bucket and its first and last bars; a bar clicked narrows the span and the bars grow finer."""
    name, address = spanned
    days, interval, (first, last) = SPANS[name]
    expect = sync_api.expect
    with e2e.browsing(browser, address) as page:
        page.goto(address + "/")  # type: ignore[attr-defined]
        e2e.ready(page)
        timeline = page.locator("#timeline")  # type: ignore[attr-defined]
        expect(timeline).to_have_attribute("data-interval", interval)
        expect(page.locator("#interval option[value=auto]")).to_have_text(f"auto ({interval})")  # type: ignore[attr-defined]
        expect(timeline.locator(".axis-name")).to_have_text(f"per {interval}")
        ticks = timeline.locator("text.tick:not(.incidents):not(.deaths)")
        expect(ticks).to_have_text([first, last])
        bars = timeline.locator("rect.bar")
        expect(bars).to_have_count(len({BUCKET[interval](day) for day in days}))
        counts = [re.search(r": (\d+) incidents", bars.nth(i).text_content()) for i in range(bars.count())]
        assert sum(int(found.group(1)) for found in counts if found) == len(days)
        if name == "years":  # the README's picture of it
            e2e.shot(page, screenshots, "timeline-years.png")
        page.select_option("#interval", "week")  # type: ignore[attr-defined]
        expect(timeline).to_have_attribute("data-interval", "week")
        expect(timeline.locator(".axis-name")).to_have_text("per week (Monday to Sunday)")
        expect(page.locator("#interval option[value=auto]")).to_have_text("auto")  # type: ignore[attr-defined]
        if interval != "day":  # a month's or a year's bar: its first to its last day, then days
            page.select_option("#interval", "auto")  # type: ignore[attr-defined]
            expect(timeline).to_have_attribute("data-interval", interval)
            bars.last.click()
            expect(page.locator("#incidents tbody tr")).to_have_count(1)  # type: ignore[attr-defined]
            start = page.input_value("input[name=date_from]")  # type: ignore[attr-defined]
            end = page.input_value("input[name=date_to]")  # type: ignore[attr-defined]
            assert start <= days[-1].isoformat() <= end and start.endswith("-01")
            assert end.endswith(("-30", "-31"))
            expect(timeline).to_have_attribute("data-interval", "day")
            expect(timeline.locator(".axis-name")).to_have_text("per day")


@pytest.fixture(scope="module")
def context_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the store of test_background: one news incident and the total its article gives as
    context, ingested by `conflictdb ingest`."""
    folder = tmp_path_factory.mktemp("web-context")
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps(background.ARTICLE) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'context.sqlite'}"
    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", url])
    assert result.exit_code == 0, result.output
    with e2e.serving(url) as address:
        yield address


def test_web_background_is_on_the_incident_page_not_the_map(
    browser: object, context_url: str, screenshots: Path
) -> None:
    """The article's total since September is no point on the map nor a row; the news incident's page
    shows it as background, and its own record says it is context."""
    expect = sync_api.expect
    with e2e.browsing(browser, context_url) as page:
        page.goto(context_url + "/")  # type: ignore[attr-defined]
        e2e.ready(page)
        expect(page.locator("path.incident-marker")).to_have_count(1)  # type: ignore[attr-defined]
        expect(page.locator("#incidents tbody tr")).to_have_count(1)  # type: ignore[attr-defined]
        expect(page.locator("#incidents tbody")).to_contain_text("Kassala")  # type: ignore[attr-defined]
        page.click("#incidents tbody a")  # type: ignore[attr-defined]
        page.wait_for_url(re.compile(r"/incidents/"))  # type: ignore[attr-defined]
        e2e.ready(page)
        section = page.locator("section.background")  # type: ignore[attr-defined]
        expect(section.locator("h2")).to_contain_text("Background (1")
        expect(section.locator("blockquote")).to_have_text(re.compile(r"^More than 1,200 people have died"))
        e2e.shot(page, screenshots, "incident-background.png")
        section.locator("a", has_text="its record").click()
        page.wait_for_url(re.compile(r"/incidents/"))  # type: ignore[attr-defined]
        e2e.ready(page)
        expect(page.locator(".background-note")).to_contain_text("not as news")  # type: ignore[attr-defined]
