"""WARC files of news crawls: HTML responses become articles, the rest is skipped, damage is reported."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conflictdb.cli import app
from conflictdb.errors import IngestError
from conflictdb.ingest import ingest, iter_input_files, read_file, read_warc, url_article_id
from conflictdb.store import open_store
from tests.conftest import input_rules
from tests.news_pages import GHAZNI, KUNDUZ, NOT_FOUND

INPUTS = input_rules()

SITE = "https://www.valley-ledger.example"

Response = tuple[str, str, str, bytes]  # url, status line, content type, body


def write_warc(path: Path, responses: list[Response], *, gzip: bool = True) -> None:
    """A crawl as a crawler writes it: a request and a response record per URL, plus a warcinfo."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test-crawler/1.0"}))
        for url, status, content_type, body in responses:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            record.rec_headers.replace_header("WARC-Date", "2025-03-05T06:30:00Z")
            writer.write_record(record)


CRAWL: list[Response] = [
    (f"{SITE}/news/ghazni-bomb", "200 OK", "text/html; charset=utf-8", GHAZNI),
    (f"{SITE}/img/ghazni.jpg", "200 OK", "image/jpeg", b"\xff\xd8\xff\xe0 not really a jpeg"),
    (f"{SITE}/news/old-story", "404 Not Found", "text/html", NOT_FOUND),
    (f"{SITE}/news", "301 Moved Permanently", "text/html", b""),
    ("https://kunduz-herald.example/a/air-strike", "200 OK", "text/html", KUNDUZ),
]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_ingest_warc_reads_html_responses_and_skips_the_rest(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, CRAWL, gzip=name.endswith(".gz"))
    result = read_file(path, inputs=INPUTS)  # dispatched by suffix, .warc.gz included
    assert result.problems == ()
    ghazni, kunduz = result.articles
    assert ghazni.url == f"{SITE}/news/ghazni-bomb"
    assert ghazni.id == url_article_id(ghazni.url)
    assert ghazni.source == f"{path}[{ghazni.url}]"
    assert "killed three policemen" in ghazni.text and "Sport" not in ghazni.text
    assert (ghazni.title, ghazni.outlet) == (
        "Roadside bomb kills three policemen in Ghazni",
        "The Valley Ledger",
    )
    assert ghazni.published == dt.date(2025, 3, 4)  # the page's own date beats the crawl date
    assert kunduz.outlet == "kunduz-herald.example"  # no site name on the page: the host
    assert kunduz.published == dt.date(2025, 3, 5)  # no date on the page: WARC-Date, not the copyright year


def test_ingest_warc_found_in_folders_next_to_other_inputs(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz", CRAWL[:1])
    (tmp_path / "b.txt").write_text("Clashes in Tal Afar left 2 soldiers dead.\n")
    (tmp_path / "c.gz").write_bytes(b"\x1f\x8b not a crawl")
    assert [p.name for p in iter_input_files([tmp_path])] == ["a.warc.gz", "b.txt"]


def test_ingest_warc_truncated_gzip_names_the_file_and_keeps_earlier_records(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, CRAWL)
    cut = tmp_path / "cut.warc.gz"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) - 700])  # inside the last response record
    items = list(ingest([cut], inputs=INPUTS))
    articles = [item for item in items if not isinstance(item, IngestError)]
    errors = [item for item in items if isinstance(item, IngestError)]
    assert [a.url for a in articles] == [f"{SITE}/news/ghazni-bomb"]
    assert len(errors) == 1
    assert errors[0].source == str(cut)
    assert "truncated" in errors[0].reason and str(cut) in str(errors[0])


def test_ingest_warc_uncompressed_record_cut_short_is_reported(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, CRAWL, gzip=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[:-300])
    result = read_warc(cut, inputs=INPUTS)
    assert [a.url for a in result.articles] == [f"{SITE}/news/ghazni-bomb"]
    (problem,) = result.problems
    assert problem.source == str(cut) and "cut off" in problem.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not a web archive\n\nat all\n", "corrupt WARC"),
        (b"\x1f\x8b\x08\x00garbage after a gzip magic number", "gzip"),
    ],
)
def test_ingest_warc_garbage_is_reported_with_the_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(content)
    (problem,) = list(ingest([path], inputs=INPUTS))
    assert isinstance(problem, IngestError)
    assert problem.source == str(path) and reason in problem.reason


def test_ingest_warc_page_without_text_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    empty = b"<html><head><title>Live blog</title></head><body><div id='app'></div></body></html>"
    write_warc(path, [(f"{SITE}/live", "200 OK", "text/html", empty), *CRAWL[:1]])
    result = read_warc(path, inputs=INPUTS)
    assert [a.url for a in result.articles] == [f"{SITE}/news/ghazni-bomb"]
    (problem,) = result.problems
    assert problem.source == f"{path}[{SITE}/live]" and "no main text" in problem.reason


def test_ingest_command_stores_a_crawl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICTDB_DB", raising=False)
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, CRAWL)
    db = f"sqlite:///{tmp_path / 'crawl.sqlite'}"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "articles: 2 new" in result.output
    with open_store(db) as store:
        stats = store.stats()
        assert (stats.articles, stats.incidents) == (2, 2)
        assert stats.figures >= 3
        urls = {a.url for d in store.incident_details() for a in d.articles}
    assert urls == {f"{SITE}/news/ghazni-bomb", "https://kunduz-herald.example/a/air-strike"}
