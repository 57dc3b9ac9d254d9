"""Readers: .txt kept byte-exact, HTML main text and metadata, JSONL with bad lines reported, bad files."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import pytest

from conflictdb.errors import IngestError
from conflictdb.ingest import (
    decode_text,
    ingest,
    iter_input_files,
    parse_date_text,
    read_articles,
    read_file,
    read_html_article,
    read_jsonl,
    read_text_article,
)
from conflictdb.ingest.files import read_standard_input
from conflictdb.records import Article
from tests.conftest import input_rules

INPUTS = input_rules()

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
FOLDER = FIXTURES / "folder"


def test_ingest_iter_input_files_recursive_sorted_and_skips_hidden_and_unsupported() -> None:
    files = list(iter_input_files([FOLDER]))
    assert [f.relative_to(FOLDER).as_posix() for f in files] == [
        "checkpoint_attack.txt",
        "sub/market_blast.html",
        "wire.jsonl",
    ]


def test_ingest_iter_input_files_keeps_a_file_named_directly_and_reports_a_missing_path(
    tmp_path: Path,
) -> None:
    assert list(iter_input_files([FOLDER / "notes.csv"])) == [FOLDER / "notes.csv"]
    with pytest.raises(IngestError, match="no such file"):
        list(iter_input_files([tmp_path / "missing"]))


def test_ingest_text_is_kept_exactly_with_id_source_and_hash() -> None:
    path = FOLDER / "checkpoint_attack.txt"
    article = read_text_article(path, inputs=INPUTS)
    assert article.text == path.read_text(encoding="utf-8")
    assert (article.id, article.source) == ("checkpoint_attack", str(path))
    assert article.content_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def test_ingest_text_newlines_and_bom_match_a_plain_utf8_read(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffTitle line\r\nFirst paragraph.\rSecond one.\r\n".encode())
    assert read_text_article(path, inputs=INPUTS).text == path.read_text(encoding="utf-8")


def test_ingest_html_main_text_title_date_outlet_url() -> None:
    article = read_html_article(FOLDER / "sub" / "market_blast.html", inputs=INPUTS)
    assert "killing at least five people" in article.text
    assert "Share this article" not in article.text
    assert article.title == "Car bomb kills five near market"
    assert article.published == dt.date(2018, 10, 2)
    assert article.outlet == "Coastline Daily"
    assert article.url == "https://coastline-daily.example/news/car-bomb-market"
    assert article.id == "market_blast"


def test_ingest_html_without_main_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty_page.html"
    path.write_text("<html><head><title>Nothing</title></head><body><div></div></body></html>")
    with pytest.raises(IngestError, match="no main text") as info:
        read_html_article(path, inputs=INPUTS)
    assert info.value.source == str(path)


def test_ingest_jsonl_keeps_good_lines_and_reports_bad_ones_with_line_numbers() -> None:
    path = FOLDER / "wire.jsonl"
    result = read_jsonl(path, inputs=INPUTS)
    assert [a.id for a in result.articles] == ["wire-001", "wire-2"]
    first, second = result.articles
    assert (first.title, first.outlet, first.url) == (
        "Drone strike hits compound",
        "Example Wire",
        "https://wire.example/1",
    )
    assert first.published == dt.date(2020, 2, 11)
    assert second.published == dt.date(2021, 3, 3)
    assert [(p.source, p.reason.split(":")[0]) for p in result.problems] == [
        (f"{path}:3", "bad JSON on line 3"),
        (f"{path}:4", "missing or empty 'text'"),
    ]


def test_ingest_read_articles_is_strict_about_bad_records() -> None:
    with pytest.raises(IngestError, match="line 3"):
        read_articles(FOLDER / "wire.jsonl", inputs=INPUTS)
    assert [a.id for a in read_articles(FOLDER / "checkpoint_attack.txt", inputs=INPUTS)] == [
        "checkpoint_attack"
    ]


NEWS_CRAWL_DUMPS = [
    # news-please
    '{"maintext": "Shelling hit Avdiivka overnight.", "title": "Shelling in Avdiivka", '
    '"url": "https://ledger.example/1", "date_publish": "2023-02-14 06:10:00", '
    '"source_domain": "ledger.example", "language": "en"}',
    # a news API dump: the outlet as an object
    '{"content": "Shelling hit Avdiivka overnight.", "title": "Shelling in Avdiivka", '
    '"link": "https://ledger.example/1", "publishedAt": null, "date": "2023-02-14", '
    '"source": {"id": null, "name": "ledger.example"}}',
    # a scraper's output
    '{"body": "Shelling hit Avdiivka overnight.", "headline": "Shelling in Avdiivka", '
    '"url": "https://ledger.example/1", "published": "February 14, 2023", "publisher": "ledger.example"}',
]


@pytest.mark.parametrize("line", NEWS_CRAWL_DUMPS)
def test_ingest_jsonl_reads_news_crawl_field_names(tmp_path: Path, line: str) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(line + "\n")
    (article,) = read_articles(path, inputs=INPUTS)
    assert (article.text, article.title, article.url, article.outlet, article.published) == (
        "Shelling hit Avdiivka overnight.",
        "Shelling in Avdiivka",
        "https://ledger.example/1",
        "ledger.example",
        dt.date(2023, 2, 14),
    )


def test_ingest_json_file_with_a_list(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text('[{"text": "Shelling hit the village overnight."}, {"text": 5}]')
    result = read_file(path, inputs=INPUTS)
    assert [a.id for a in result.articles] == ["batch-0"]
    assert [p.source for p in result.problems] == [f"{path}:1"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("blank.txt", b"", "empty file"),
        ("spaces.txt", b"  \n\n\t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("controls.txt", b"text\x01\x02\x03\x04 more", "binary file"),
        ("garbage.txt", bytes(range(128, 256)) * 4, "not valid UTF-8"),
        ("noise.html", b"\xff\xfe\xfa" + bytes(range(160, 250)), "not valid UTF-8"),
        ("broken.json", b'{"text": "unterminated', "bad JSON on file"),
        ("table.csv", b"a,b\n1,2\n", "unsupported file type"),
    ],
)
def test_ingest_bad_file_reports_path_and_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as info:
        read_file(path, inputs=INPUTS)
    assert info.value.source == str(path)
    assert reason in info.value.reason


def test_ingest_cp1252_text_is_decoded_when_it_looks_like_text() -> None:
    data = "Officials said the town\u2019s caf\u00e9 was hit \u2013 nobody was hurt.".encode("cp1252")
    share = INPUTS.limits.non_ascii_share  # data/limits.yaml
    assert (
        decode_text(data, source="x.txt", max_non_ascii_share=share)
        == "Officials said the town\u2019s caf\u00e9 was hit \u2013 nobody was hurt."
    )
    with pytest.raises(IngestError, match="does not look like text"):  # three of 57 characters: over 2%
        decode_text(data, source="x.txt", max_non_ascii_share=0.02)


def test_ingest_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.mkdir()  # reading a directory as a file fails with an OS error
    with pytest.raises(IngestError, match="is a directory"):
        read_file(path, inputs=INPUTS)


def test_ingest_folder_with_bad_files_yields_good_articles_and_each_problem(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "in")
    folder = tmp_path / "in"
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin.txt").write_bytes(bytes(range(0x80, 0x100)))
    results = list(ingest([folder], inputs=INPUTS))
    articles = [r for r in results if isinstance(r, Article)]
    problems = {Path(p.source).name: p.reason for p in results if isinstance(p, IngestError)}
    assert sorted(a.id for a in articles) == ["checkpoint_attack", "market_blast", "wire-001", "wire-2"]
    assert problems.keys() == {"binary.txt", "empty.txt", "latin.txt", "wire.jsonl:3", "wire.jsonl:4"}
    assert "binary" in problems["binary.txt"]
    assert problems["empty.txt"] == "empty file"
    assert "not valid UTF-8" in problems["latin.txt"]


def test_ingest_of_a_missing_path_yields_an_error_instead_of_raising(tmp_path: Path) -> None:
    results = list(ingest([tmp_path / "nowhere"], inputs=INPUTS))
    assert len(results) == 1 and isinstance(results[0], IngestError)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-03-11 08:15:00", dt.date(2022, 3, 11)),
        ("2018-10-02T09:30:00+03:00", dt.date(2018, 10, 2)),
        ("Saturday, 24 July 2021 10:12 GMT", dt.date(2021, 7, 24)),
        ("March 3, 2021", dt.date(2021, 3, 3)),
        ("Sept. 9th, 2015", dt.date(2015, 9, 9)),
        ("3rd of Nov 2016", dt.date(2016, 11, 3)),
        ("2019-02-30", None),
        ("03/04/2020", None),
        ("three hours ago", None),
    ],
)
def test_ingest_parse_date_text(value: str, expected: dt.date | None) -> None:
    assert parse_date_text(value, INPUTS.dates) == expected


STDIN_TEXT = "Mortar fire hits Qarawil market\n" + "Mortar rounds killed two traders in Qarawil on Sunday.\n"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (STDIN_TEXT, [("stdin", "<stdin>", STDIN_TEXT)]),
        (
            '\n {"id": "q1", "text": "Two traders were killed."}\n{"text": "A bridge was shelled."}\n',
            [
                ("q1", "<stdin>:2", "Two traders were killed."),
                ("stdin-3", "<stdin>:3", "A bridge was shelled."),
            ],
        ),
        ('[{"id": "q2", "text": "A convoy was ambushed."}]', [("q2", "<stdin>:0", "A convoy was ambushed.")]),
    ],
)
def test_ingest_standard_input_is_read_as_its_first_bytes_say(
    given: str, expected: list[tuple[str, str, str]]
) -> None:
    result = read_standard_input(stream=io.BytesIO(given.encode("utf-8")), inputs=INPUTS)
    assert [(a.id, a.source, a.text) for a in result.articles] == expected
    assert result.problems == ()


def test_ingest_standard_input_html_and_its_errors_name_stdin() -> None:
    page = "<html><head><title>Qarawil shelled</title></head><body><article><p>"
    page += "Shells struck the market of Qarawil on Sunday, killing two traders, residents said. " * 3
    page += "</p></article></body></html>"
    (article,) = read_standard_input(stream=io.BytesIO(page.encode("utf-8")), inputs=INPUTS).articles
    assert (article.source, article.title) == ("<stdin>", "Qarawil shelled")
    assert "killing two traders" in article.text
    with pytest.raises(IngestError, match="^<stdin>: empty file$"):
        read_standard_input(stream=io.BytesIO(b""), inputs=INPUTS)
    problems = read_standard_input(stream=io.BytesIO(b'{"text": 3}\n'), inputs=INPUTS).problems
    assert [str(p) for p in problems] == ["<stdin>:1: missing or empty 'text'"]
