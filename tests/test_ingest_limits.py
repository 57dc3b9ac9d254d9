"""Inputs over the sizes of data/limits.yaml are refused with a reason, before they are read whole; the
records beside them are kept."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictdb.errors import IngestError
from conflictdb.ingest import build_article, ingest, read_file
from conflictdb.ingest.limits import InputLimits, load_input_limits
from tests.conftest import input_rules
from tests.news_pages import GHAZNI, KUNDUZ
from tests.test_ingest_warc import write_warc

SMALL = InputLimits(text_bytes=400, page_bytes=3_000, record_bytes=600, non_ascii_share=0.1)
SMALL_INPUTS = dataclasses.replace(input_rules(), limits=SMALL)
STORY = "Gunmen fired on a checkpoint outside the town on Monday, killing two guards, police said."


def record(text: str, **fields: str) -> str:
    return json.dumps({"text": text, **fields})


def test_ingest_limits_are_read_from_the_data_file() -> None:
    limits = load_input_limits()
    assert limits.text_bytes >= 100_000  # a long report fits
    assert limits.page_bytes >= limits.text_bytes


@pytest.mark.parametrize(
    ("name", "size", "what"),
    [
        ("long.txt", 401, "an article's text"),
        ("page.html", 3_001, "an HTML page"),
        ("page.htm", 3_001, "an HTML page"),
        ("many.json", 601, "a JSON file"),
    ],
)
def test_ingest_refuses_a_file_over_its_limit_by_its_size(
    tmp_path: Path, name: str, size: int, what: str
) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(size)  # a sparse file of NUL bytes: read, it would fail as binary instead
    with pytest.raises(IngestError) as error:
        read_file(path, inputs=SMALL_INPUTS)
    assert error.value.source == str(path)
    assert f"{size:,} bytes" in error.value.reason and what in error.value.reason


def test_ingest_keeps_a_file_at_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_text(STORY + " " + "x" * (SMALL.text_bytes - len(STORY) - 1), encoding="utf-8")
    assert len(path.read_bytes()) == SMALL.text_bytes
    assert read_file(path, inputs=SMALL_INPUTS).articles[0].text.startswith("Gunmen")


def test_ingest_jsonl_refuses_a_long_line_and_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    long_line = record("Soldiers " * 100)  # over 600 bytes
    lines = [record(STORY, id="a"), long_line, record(STORY + " Again.", id="c"), "", "{broken"]
    path.write_text("\r\n".join(lines) + "\n", encoding="utf-8")
    result = read_file(path, inputs=SMALL_INPUTS)
    assert [a.id for a in result.articles] == ["a", "c"]
    reasons = {e.source: e.reason for e in result.problems}
    assert reasons.keys() == {f"{path}:2", f"{path}:5"}  # line numbers as a text editor counts them
    assert f"{len(long_line):,} bytes" in reasons[f"{path}:2"]
    assert "JSON Lines record" in reasons[f"{path}:2"]


def test_ingest_jsonl_refuses_a_text_over_the_article_limit(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    text = "Policemen were hurt. " * 25  # 525 bytes: a record under 600, a text over 400
    path.write_text(record(STORY, id="a") + "\n" + record(text, id="b") + "\n", encoding="utf-8")
    result = read_file(path, inputs=SMALL_INPUTS)
    assert [a.id for a in result.articles] == ["a"]
    assert "an article's text" in result.problems[0].reason


def test_ingest_jsonl_line_numbers_follow_lone_carriage_returns(tmp_path: Path) -> None:
    path = tmp_path / "old-mac.jsonl"
    path.write_bytes("\r".join([record(STORY, id="a"), "[]", record(STORY, id="c")]).encode())
    result = read_file(path, inputs=SMALL_INPUTS)
    assert [a.id for a in result.articles] == ["a", "c"]
    assert [e.source for e in result.problems] == [f"{path}:2"]


def test_ingest_warc_refuses_a_page_over_its_limit_and_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    big = KUNDUZ.replace(b"</body>", b"<p>" + b"Filler words for a page. " * 200 + b"</p></body>")
    page_bytes = max(len(GHAZNI), len(KUNDUZ)) + 10
    small = InputLimits(text_bytes=10_000, page_bytes=page_bytes, record_bytes=600, non_ascii_share=0.1)
    assert len(big) > small.page_bytes
    write_warc(
        path,
        [
            ("https://a.example/ghazni", "200 OK", "text/html", GHAZNI),
            ("https://b.example/kunduz", "200 OK", "text/html", big),
        ],
    )
    result = read_file(path, inputs=dataclasses.replace(input_rules(), limits=small))
    assert [a.url for a in result.articles] == ["https://a.example/ghazni"]
    assert result.problems[0].source == f"{path}[https://b.example/kunduz]"
    assert "an HTML page" in result.problems[0].reason


def test_build_article_refuses_a_text_over_the_limit_in_utf8_bytes() -> None:
    text = "é" * 201  # 201 characters, 402 bytes
    with pytest.raises(IngestError, match="402 bytes"):
        build_article(id="x", source="feed", text=text, limits=SMALL)
    assert build_article(id="x", source="feed", text="é" * 200, limits=SMALL).text == "é" * 200


def test_ingest_goes_on_after_a_file_too_large(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY * 10, encoding="utf-8")
    (tmp_path / "c.txt").write_text(STORY.replace("Monday", "Tuesday"), encoding="utf-8")
    found = list(ingest([tmp_path], inputs=SMALL_INPUTS))
    assert [type(item).__name__ for item in found] == ["Article", "IngestError", "Article"]


def test_ingest_refuses_a_50_mb_text_without_reading_it(tmp_path: Path) -> None:
    """With the installed limits, in a fresh process whose peak memory is its own: a 50 MB file (sparse:
    nothing to write) is refused by its size, and the peak does not grow by its size."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from conflictdb.extract.dates.lexicon import load_date_lexicon\n"
        "from conflictdb.ingest import ingest, load_input_rules\n"
        "inputs = load_input_rules(months=load_date_lexicon().months)\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "found = list(ingest([Path(sys.argv[1])], inputs=inputs))\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(grown, found[0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    grown_kb, message = out.stdout.split(" ", 1)
    assert "too large: 50,000,000 bytes" in message
    assert int(grown_kb) < 10_000  # KB: the file was never read
