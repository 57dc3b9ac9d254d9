"""`conflictdb watch` and conflictdb.watch: feeds and pages served by a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from conflictdb.cli import app
from conflictdb.errors import FetchError
from conflictdb.ingest.fetch import FetchSettings, fetch
from conflictdb.ingest.limits import load_input_limits
from conflictdb.resources import Resources
from conflictdb.store import Store, open_store
from conflictdb.store.feed_state import FAILED, INGESTED, FeedState, utc_now
from conflictdb.watch import PollReport, RetryPolicy, WatchSettings, parse_duration, poll_feeds, watch_feeds
from tests.news_pages import GHAZNI, KUNDUZ, LASHKAR_GAH, TALOQAN

FETCH = FetchSettings(max_bytes=load_input_limits().page_bytes)

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"

# --- a news site on 127.0.0.1 ----------------------------------------------------------------------------


@dataclass
class Site:
    """What the local server serves (path -> status, content type, body) and what it was asked."""

    base: str = ""
    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    requests: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    user_agents: set[str] = field(default_factory=set)
    trickles: dict[str, str] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, body: bytes, *, status: int = 200, content_type: str = HTML) -> str:
        self.routes[path] = (status, content_type, body)
        return self.url(path)

    def trickle(self, path: str, *, where: str) -> str:
        """A page served a byte every 50 ms, for up to a minute: in its `body` or in its `headers`."""
        self.trickles[path] = where
        return self.url(path)


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
            site.requests[self.path] += 1
            site.user_agents.add(self.headers.get("User-Agent", ""))
            if self.path in site.trickles:
                self._trickle(site.trickles[self.path])
                return
            status, content_type, body = site.routes.get(self.path, (404, HTML, b"<html>Not found</html>"))
            etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                site.not_modified[self.path] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def _trickle(self, where: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            if where == "body":
                self.send_header("Content-Length", "1000000")
                self.end_headers()
            else:
                self.flush_headers()
            started = time.monotonic()
            try:
                while time.monotonic() - started < 60:  # until the client hangs up
                    self.wfile.write(b"<p>" if where == "body" else b"X-Padding: x\r\n")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- http.server's name
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


Item = tuple[str, str, str]  # title, link, RFC 822 / ISO date


def rss(items: list[Item], *, content: dict[str, str] | None = None) -> bytes:
    """An RSS 2.0 feed; `content` gives full texts (content:encoded) by link."""
    content = content or {}
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link><pubDate>{date}</pubDate>"
        f"<description>{escape('<p>' + title + '.</p>')}</description>"
        + (f"<content:encoded>{escape(content[link])}</content:encoded>" if link in content else "")
        + "</item>"
        for title, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>The Valley Ledger - World</title><link>/</link>{entries}</channel></rss>"
    ).encode()


def atom(items: list[Item]) -> bytes:
    """An Atom 1.0 feed."""
    entries = "".join(
        f"<entry><title>{escape(title)}</title><link rel='alternate' href='{escape(link)}'/>"
        f"<id>urn:uuid:{hashlib.sha256(link.encode()).hexdigest()[:32]}</id><updated>{date}</updated></entry>"
        for title, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Helmand Daily</title><id>urn:helmand-daily</id><updated>2025-03-06T08:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path / 'watch.sqlite'}") as opened:
        yield opened


# --- the command -------------------------------------------------------------------------------------------


def test_watch_once_stores_rss_and_atom_articles_and_reports_failures(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONFLICTDB_DB", raising=False)
    ghazni = site.page("/news/ghazni-bomb", GHAZNI)
    kunduz = site.page("/news/kunduz-strike", KUNDUZ)
    lashkar_gah = site.page("/helmand/checkpoint", LASHKAR_GAH)
    gone = site.url("/news/withdrawn-story")  # 404
    site.page(
        "/feeds/world.rss",
        rss(
            [
                (
                    "Roadside bomb kills three policemen in Ghazni",
                    "/news/ghazni-bomb",
                    "Tue, 04 Mar 2025 09:00 GMT",
                ),
                ("Air strike kills eight civilians in Kunduz", kunduz, "Wed, 05 Mar 2025 06:00 GMT"),
                ("Withdrawn story", gone, "Wed, 05 Mar 2025 07:00 GMT"),
            ]
        ),
        content_type=RSS,
    )
    site.page(
        "/feeds/helmand.atom",
        atom(
            [
                ("Gunmen kill four guards near Lashkar Gah", lashkar_gah, "2025-03-06T07:15:00Z"),
                (
                    "Air strike kills eight civilians in Kunduz",
                    kunduz,
                    "2025-03-05T06:00:00Z",
                ),  # in both feeds
            ]
        ),
        content_type=ATOM,
    )
    db = f"sqlite:///{tmp_path / 'watch.sqlite'}"
    feeds = [site.url("/feeds/world.rss"), site.url("/feeds/helmand.atom"), site.url("/feeds/missing.rss")]
    result = CliRunner().invoke(app, ["watch", *feeds, "--once", "--db", db])

    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert f"{feeds[0]}: 3 entries, 2 new, 0 seen before, 1 failed" in output
    assert f"{feeds[1]}: 2 entries, 1 new, 1 seen before, 0 failed" in output  # Kunduz: taken from the RSS
    assert f"failed {gone}: HTTP 404 Not Found (given up)" in output
    assert f"feed failed {feeds[2]}: HTTP 404" in output
    assert "stored: 3 new articles" in output
    assert site.requests["/news/kunduz-strike"] == 1 and site.requests["/news/withdrawn-story"] == 1
    assert all(agent.startswith("conflictdb/") for agent in site.user_agents)
    with open_store(db) as opened:
        stats = opened.stats()
        assert (stats.articles, stats.incidents) == (3, 3)
        assert stats.figures >= 5
        articles = {a.url: a for d in opened.incident_details() for a in d.articles}
        state = FeedState(opened.engine)
        assert state.seen(gone).status == FAILED and state.seen(gone).retry_at is None
        assert state.seen(ghazni).status == INGESTED
    assert set(articles) == {ghazni, kunduz, lashkar_gah}
    assert articles[ghazni].outlet == "The Valley Ledger"
    assert articles[kunduz].outlet == "127.0.0.1"  # no site name on the page: the host
    assert articles[kunduz].published == dt.date(2025, 3, 5)  # no date on the page: the feed's


@pytest.mark.parametrize(
    ("every", "message"),
    [("soon", "not a duration"), ("0m", "not a positive duration"), ("15", "not a duration")],
)
def test_watch_rejects_a_bad_interval(every: str, message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["watch", str(tmp_path / "feed.xml"), "--every", every])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


# --- polling -----------------------------------------------------------------------------------------------


def test_watch_second_poll_fetches_only_the_new_entry(
    site: Site, store: Store, resources: Resources, tmp_path: Path
) -> None:
    items = [
        (
            "Roadside bomb kills three policemen in Ghazni",
            site.page("/a/1", GHAZNI),
            "Tue, 04 Mar 2025 09:00 GMT",
        ),
        (
            "Air strike kills eight civilians in Kunduz",
            site.page("/a/2", KUNDUZ),
            "Wed, 05 Mar 2025 06:00 GMT",
        ),
    ]
    feed = site.url("/world.rss")
    site.page("/world.rss", rss(items), content_type=RSS)
    first = poll_feeds([feed], store=store, resources=resources)
    assert [len(r.new) for r in first.feeds] == [2]

    taloqan = site.page("/a/3", TALOQAN)
    site.page(
        "/world.rss",
        rss([("Mortar shells kill two children", taloqan, "Fri, 07 Mar 2025 10:00 GMT"), *items]),
    )
    with open_store(f"sqlite:///{tmp_path / 'watch.sqlite'}") as again:  # another run, same database
        (second,) = poll_feeds([feed], store=again, resources=resources).feeds
    assert (second.new, second.seen, second.failed) == ((taloqan,), 2, ())
    assert [site.requests[p] for p in ("/a/1", "/a/2", "/a/3")] == [1, 1, 1]

    (third,) = poll_feeds([feed], store=store, resources=resources).feeds  # feed unchanged: 304
    assert third.not_modified and third.new == () and site.not_modified["/world.rss"] == 1
    assert [site.requests[p] for p in ("/a/1", "/a/2", "/a/3")] == [1, 1, 1]
    assert store.stats().articles == 3


def test_watch_retries_transient_failures_later_and_gives_up_on_others(
    site: Site, store: Store, resources: Resources
) -> None:
    flaky = site.page("/a/flaky", b"busy", status=503)
    down = site.page("/a/down", b"error", status=500)
    feed = site.page(
        "/world.rss",
        rss([("Flaky", flaky, "Tue, 04 Mar 2025 09:00 GMT"), ("Down", down, "Tue, 04 Mar 2025 09:00 GMT")]),
        content_type=RSS,
    )
    (first,) = poll_feeds([feed], store=store, resources=resources).feeds
    retry_at = {f.url: f.retry_at for f in first.failed}
    assert retry_at.keys() == {flaky, down}
    assert all(at is not None and at > utc_now() + dt.timedelta(minutes=29) for at in retry_at.values())

    poll_feeds([feed], store=store, resources=resources)  # too early: nothing fetched again
    assert (site.requests["/a/flaky"], site.requests["/a/down"]) == (1, 1)

    site.page("/a/flaky", GHAZNI)  # back up
    two_tries = WatchSettings(retry=RetryPolicy(attempts=2))
    later = utc_now() + dt.timedelta(minutes=31)
    (retried,) = poll_feeds([feed], store=store, resources=resources, settings=two_tries, now=later).feeds
    assert retried.new == (flaky,)
    assert [(f.url, f.retry_at) for f in retried.failed] == [(down, None)]  # second attempt: given up
    much_later = later + dt.timedelta(days=7)
    poll_feeds([feed], store=store, resources=resources, settings=two_tries, now=much_later)
    assert (site.requests["/a/flaky"], site.requests["/a/down"]) == (2, 2)


def test_watch_page_without_text_is_stored_from_the_feed_text(
    site: Site, store: Store, resources: Resources, tmp_path: Path
) -> None:
    shell = (
        b"<html><head><title>Live</title></head><body><div id='app'></div><script>x()</script></body></html>"
    )
    live = site.page("/live/taloqan", shell)
    full_text = (
        "<p>TALOQAN, Afghanistan - Two children were killed and three people wounded when mortar shells "
        "landed on a residential area of Taloqan city on Thursday, a hospital director said.</p>"
    )
    feed = tmp_path / "world.rss"  # a feed file this time
    feed.write_bytes(
        rss(
            [("Mortar shells kill two children", live, "Fri, 07 Mar 2025 10:00 GMT")],
            content={live: full_text},
        )
    )
    (report,) = poll_feeds([str(feed)], store=store, resources=resources).feeds
    assert report.new == report.from_feed_text == (live,)
    (detail,) = store.incident_details()
    (article,) = detail.articles
    assert article.text.startswith("TALOQAN, Afghanistan - Two children were killed")
    assert (article.url, article.published) == (live, dt.date(2025, 3, 7))


def test_watch_feeds_polls_every_interval_until_stopped(
    site: Site, store: Store, resources: Resources
) -> None:
    feed = site.page(
        "/world.rss",
        rss([("Kunduz", site.page("/a/1", KUNDUZ), "Wed, 05 Mar 2025 06:00 GMT")]),
        content_type=RSS,
    )
    stop, reports = threading.Event(), []

    def on_poll(report: PollReport) -> None:
        reports.append(report)
        if len(reports) == 3:
            stop.set()

    every = dt.timedelta(milliseconds=20)
    done = watch_feeds([feed], store=store, resources=resources, every=every, on_poll=on_poll, stop=stop)
    assert done == 3
    assert [len(r.feeds[0].new) for r in reports] == [1, 0, 0]
    assert [r.feeds[0].not_modified for r in reports] == [False, True, True]
    assert site.requests["/world.rss"] == 3 and site.requests["/a/1"] == 1


def test_watch_claims_a_url_once_across_processes_and_takes_over_abandoned_claims(database_url: str) -> None:
    url, now = "https://valley-ledger.example/a/1", utc_now()
    hour = dt.timedelta(hours=1)
    with open_store(database_url) as one, open_store(database_url) as other:  # two watchers, one database
        first, second = FeedState(one.engine), FeedState(other.engine)
        assert first.claim(url, feed="f", now=now, stale_before=now - hour) == 1
        assert second.claim(url, feed="f", now=now, stale_before=now - hour) is None  # being fetched
        later = now + 2 * hour  # the first watcher died while fetching
        assert second.claim(url, feed="f", now=later, stale_before=later - hour) == 2
        second.mark_ingested(url, article_id="valley-ledger.example-1")
        much_later = later + 30 * 24 * hour
        assert first.claim(url, feed="f", now=much_later, stale_before=much_later) is None  # done for good
        assert first.seen(url).status == INGESTED and first.seen(url).attempts == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30s", dt.timedelta(seconds=30)),
        ("15m", dt.timedelta(minutes=15)),
        ("1h", dt.timedelta(hours=1)),
        ("1h30m", dt.timedelta(hours=1, minutes=30)),
        ("1d", dt.timedelta(days=1)),
        ("2.5m", dt.timedelta(seconds=150)),
    ],
)
def test_watch_parse_duration(text: str, expected: dt.timedelta) -> None:
    assert parse_duration(text) == expected


# --- fetching -----------------------------------------------------------------------------------------------


def test_fetch_refuses_other_schemes_and_oversized_pages(site: Site) -> None:
    with pytest.raises(FetchError, match="not an http") as info:
        fetch("file:///etc/passwd", settings=FETCH)
    assert not info.value.transient
    big = site.page("/big", b"<html>" + b"x" * 5000 + b"</html>")
    with pytest.raises(FetchError, match="too large"):
        fetch(big, settings=FetchSettings(max_bytes=1000))
    with pytest.raises(FetchError, match="HTTP 503") as info:
        fetch(site.page("/busy", b"", status=503), settings=FETCH)
    assert info.value.transient and info.value.status == 503


@pytest.mark.parametrize("where", ["body", "headers"])
def test_fetch_gives_up_a_trickling_page_at_its_deadline(site: Site, where: str) -> None:
    url = site.trickle("/slow", where=where)
    start = time.monotonic()
    with pytest.raises(FetchError, match="deadline of 1.5 s") as info:
        fetch(url, settings=FetchSettings(max_bytes=FETCH.max_bytes, timeout=20, deadline=1.5))
    # wall time, as the deadline counts it: the server trickles for 60 s, each byte well within the 20 s read
    # timeout, so only the deadline of 1.5 s ends the fetch; 6 s leaves 4.5 s for a busy machine
    elapsed = time.monotonic() - start
    assert 1.5 <= elapsed < 6, f"gave up after {elapsed:.1f} s, not between the deadline 1.5 s and 6 s"
    assert info.value.transient


def test_watch_trickling_page_fails_at_its_deadline_and_the_other_feeds_go_on(
    site: Site, store: Store, resources: Resources
) -> None:
    slow = site.trickle("/news/slow-story", where="body")
    ghazni = site.page("/news/ghazni-bomb", GHAZNI)
    kunduz = site.page("/news/kunduz-strike", KUNDUZ)
    world = site.page(
        "/feeds/world.rss",
        rss(
            [
                ("A slow story", slow, "Tue, 04 Mar 2025 08:00 GMT"),
                ("Ghazni", ghazni, "Tue, 04 Mar 2025 09:00 GMT"),
            ]
        ),
        content_type=RSS,
    )
    north = site.page(
        "/feeds/north.rss", rss([("Kunduz", kunduz, "Wed, 05 Mar 2025 06:00 GMT")]), content_type=RSS
    )
    settings = WatchSettings(fetch=FetchSettings(max_bytes=FETCH.max_bytes, deadline=1.5))
    start = time.monotonic()
    report = poll_feeds([world, north], store=store, resources=resources, settings=settings)
    # wall time: without the deadline the trickling page would hold the poll 60 s; with it, 1.5 s and the rest
    assert time.monotonic() - start < 30, "the poll waited on the trickling page past its deadline"
    first, second = report.feeds
    assert first.new == (ghazni,) and second.new == (kunduz,)
    [failure] = first.failed
    assert failure.url == slow and "deadline" in failure.reason
    assert failure.retry_at is not None  # a slow server may be quicker at a later poll


def test_watch_feed_whose_pages_trickle_leaves_the_rest_for_the_next_poll(
    site: Site, store: Store, resources: Resources
) -> None:
    slow = [site.trickle(f"/news/slow-{n}", where="body") for n in range(3)]
    ghazni = site.page("/news/ghazni-bomb", GHAZNI)
    kunduz = site.page("/news/kunduz-strike", KUNDUZ)
    items = [(f"Slow story {n}", url, "Tue, 04 Mar 2025 08:00 GMT") for n, url in enumerate(slow)]
    world = site.page(
        "/feeds/world.rss", rss([*items, ("Ghazni", ghazni, "Tue, 04 Mar 2025 09:00 GMT")]), content_type=RSS
    )
    north = site.page(
        "/feeds/north.rss", rss([("Kunduz", kunduz, "Wed, 05 Mar 2025 06:00 GMT")]), content_type=RSS
    )
    hurried = WatchSettings(
        fetch=FetchSettings(max_bytes=FETCH.max_bytes, deadline=1.0), feed_budget=dt.timedelta(seconds=0.5)
    )
    start = time.monotonic()
    first = poll_feeds([world, north], store=store, resources=resources, settings=hurried)
    # wall time: three trickling pages would hold the poll 3 x 60 s; the feed's budget stops it after one
    assert time.monotonic() - start < 30, "the poll went on past the feed's budget"
    assert [f.url for f in first.feeds[0].failed] == [slow[0]]  # the budget was spent on the first page
    assert first.feeds[0].deferred == 3 and first.feeds[0].new == ()
    assert first.feeds[1].new == (kunduz,)  # the other feed went on
    for n in (1, 2):  # the servers are quick again
        del site.trickles[f"/news/slow-{n}"]
        site.page(f"/news/slow-{n}", TALOQAN if n == 1 else LASHKAR_GAH)
    second = poll_feeds([world], store=store, resources=resources)
    assert not second.feeds[0].not_modified  # read in full: the leftover entries were not lost
    assert set(second.feeds[0].new) == {slow[1], slow[2], ghazni}
    assert second.feeds[0].seen == 1  # the failed page waits for its retry
