"""The error hierarchy: errors keep their context when they cross a process boundary, and every class of
bad input issue 16 found is one of them, naming the input and the reason, while the batch goes on."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictdb import ingest, pipeline
from conflictdb.cli import app
from conflictdb.cli.ingest import EXIT_SOME_FAILED
from conflictdb.engines import local
from conflictdb.errors import (
    ConflictdbError,
    ExtractionError,
    FetchError,
    GazetteerError,
    IngestError,
    PartitionError,
    StoreError,
    raise_error,
)
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
from conflictdb.resources import Resources
from conflictdb.store import open_store
from tests.conftest import input_rules

INPUTS = input_rules()
LIMITS = INPUTS.limits


@pytest.mark.parametrize(
    "error",
    [
        IngestError("/in/a.txt", "binary file (contains NUL bytes)"),
        FetchError("https://example.org/feed", "HTTP 503", status=503, transient=True),
        ExtractionError("a", "extract", "ValueError: bad span"),
        ExtractionError("a", "clean", "KeyError: 'ſept'", source="/in/a.jsonl:3"),
        PartitionError(3, ("/in/a.txt", "/in/b.txt"), "KilledWorker: worker died"),
        GazetteerError("cannot open the gazetteer at /x: disk I/O error"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_errors_pickle_with_their_context(error: ConflictdbError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


def test_errors_partition_error_names_its_files() -> None:
    files = tuple(f"/in/{n}.txt" for n in range(7))
    error = PartitionError(2, files, "KilledWorker")
    assert (
        str(error)
        == "partition 2 (/in/0.txt, /in/1.txt, /in/2.txt, /in/3.txt, /in/4.txt and 2 more): KilledWorker"
    )
    assert error.files == files


# --- one bad input never stops a batch (issue 16): each failure class is the project's error ----------------

REPORT = (
    "Checkpoint attack in Kandahar\n"
    "KANDAHAR, March 3, 2024 - Gunmen killed four soldiers at a checkpoint in Kandahar on Sunday, "
    "a provincial police spokesman said.\n"
)


def _record(**fields: str) -> str:
    return json.dumps({"id": "rec", "text": REPORT, "title": "Attack", "outlet": "Wire", **fields})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Aprİl 3, 2024", dt.date(2024, 4, 3)),  # dotted capital I
        ("APRıL 3, 2024", dt.date(2024, 4, 3)),  # dotless i
        ("ſept 4, 2023", dt.date(2023, 9, 4)),  # long s
        ("4 ſeptember 2023", dt.date(2023, 9, 4)),
        ("Deſember 4, 2023", None),  # no month, however it folds
    ],
)
def test_errors_month_spelled_with_look_alike_letters_is_read_or_left(
    value: str, expected: dt.date | None
) -> None:
    assert ingest.parse_date_text(value, INPUTS.dates) == expected


def test_errors_clean_step_is_inside_the_article_s_error_wrapping(resources: Resources) -> None:
    # a record a library caller built wrongly (text that is no string) fails in the clean step
    broken = Article("bad-1", "/in/bad.txt", text=12345)  # type: ignore[arg-type]
    with pytest.raises(ExtractionError) as raised:
        pipeline.extract_records([broken], resources, on_error=raise_error)
    assert raised.value.stage == "clean" and raised.value.article_id == "bad-1"
    assert str(raised.value).startswith("/in/bad.txt [bad-1]: clean: ")


def test_errors_a_worker_s_error_comes_back_with_its_context(resources: Resources) -> None:
    good = [
        ingest.build_article(id=f"ok-{n}", source=f"/in/ok-{n}.txt", text=_good_report(n), limits=LIMITS)
        for n in range(local.SMALL_BATCH)
    ]
    broken = Article("bad-1", "/in/bad.jsonl:7", text=12345)  # type: ignore[arg-type]
    reported: list[ConflictdbError] = []
    results = pipeline.extract_records(
        [*good, broken], resources, engine=local.LocalEngine(workers=2), link=False, on_error=reported.append
    )
    assert [article.id for article, _ in results] == [a.id for a in good]
    (error,) = reported
    assert isinstance(error, ExtractionError) and error.stage == "clean"
    assert str(error).startswith("/in/bad.jsonl:7 [bad-1]: clean: ")


BAD_JSON_LINES = {
    "deep": ("[" * 1000 + "]" * 1000, "nested too deeply"),
    "long-int": ('{"text": "x", "n": ' + "7" * 5000 + "}", "integer of more than"),
    **{
        f"surrogate-{name}": (  # json.dumps writes the lone half as the escape \ud800
            _record(**{name: REPORT + "\udfff" if name == "text" else "a\ud800b"}),
            f"'{name}' holds a lone surrogate",
        )
        for name in ("text", "title", "outlet", "url", "id")
    },
}


@pytest.mark.parametrize("name", sorted(BAD_JSON_LINES))
def test_errors_bad_json_line_is_reported_and_the_good_lines_kept(tmp_path: Path, name: str) -> None:
    line, reason = BAD_JSON_LINES[name]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([_record(id="first"), line, _record(id="last")]), encoding="utf-8")
    result = ingest.read_file(path, inputs=INPUTS)
    assert [a.id for a in result.articles] == ["first", "last"]
    (problem,) = result.problems
    assert problem.source == f"{path}:2" and reason in problem.reason


def _warc_response(url: str, html: bytes, *, length: str | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-03-05T08:00:00Z\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length or len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


PAGE = f"<html><body><article><p>{REPORT}</p></article></body></html>".encode()


@pytest.mark.parametrize("length", [str(2**64), "9" * 40])
def test_errors_warc_record_with_absurd_length_is_reported_after_the_good_ones(
    tmp_path: Path, length: str
) -> None:
    path = tmp_path / "crawl.warc"
    good = _warc_response("https://news.example/a", PAGE)
    path.write_bytes(good + _warc_response("https://news.example/b", PAGE, length=length))
    result = ingest.read_file(path, inputs=INPUTS)
    assert [a.url for a in result.articles] == ["https://news.example/a"]
    (problem,) = result.problems
    assert problem.source == str(path) and "corrupt WARC after record 1" in problem.reason


@pytest.mark.parametrize("number", [str(2**63), str(2**64 + 5), "9" * 5000, "100,000,001"])
def test_errors_figure_beyond_any_toll_is_no_casualty_figure(resources: Resources, number: str) -> None:
    text = REPORT + f"A second attack killed {number} militants in Helmand on Monday, officials said.\n"
    article = ingest.build_article(id="huge", source="/in/huge.txt", text=text, limits=LIMITS)
    [(_, mentions)] = pipeline.extract_records([article], resources, link=False, on_error=raise_error)
    bound = resources.casualties.numbers.max_count
    figures = [f for m in mentions for c in m.claims for f in c.figures]
    assert any(f.min == 4 for f in figures)  # the plausible toll is still read
    assert all(v is None or v <= bound for f in figures for v in (f.min, f.max))


def _stored_mention(article_id: str, text: str, killed: int) -> tuple[Article, list[Mention]]:
    claim = Claim(Span(0, len(text)), (Figure(Outcome.KILLED, Category.MILITANTS, killed, killed),))
    mention = Mention(
        article_id=article_id,
        event_type="Battles",
        sub_event_type="Armed clash",
        date=DateValue(dt.date(2024, 3, 3), DatePrecision.DAY),
        place=Place("Kandahar", country="AF", admin1="Kandahar"),
        claims=(claim,),
    )
    return Article(article_id, f"/in/{article_id}.txt", text, text), [mention]


def test_errors_store_refuses_an_integer_beyond_64_bits_and_keeps_the_rest(database_url: str) -> None:
    good = _stored_mention("good", "Clashes killed 3 militants in Kandahar.", 3)
    huge = _stored_mention("huge", "Clashes killed very many militants in Kandahar.", 2**63)
    reported: list[ConflictdbError] = []
    with open_store(database_url) as store:
        counts = store.add_batch([huge, good], link=True, on_error=reported.append)
        stats = store.stats()
    assert counts.new == 1 and stats.articles == 1
    (error,) = reported
    assert isinstance(error, StoreError) and "/in/huge.txt: cannot store article huge" in str(error)


PLACES = ("Kandahar", "Ghazni", "Kunduz", "Herat", "Khost", "Farah")


def _good_report(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (
        f"Attack in {place}\n{place.upper()}, May {n % 27 + 1}, 2023 - Gunmen killed {n + 2} policemen at a "
        f"post in {place} province on Tuesday, a district official said.\n"
    )


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """30 good articles (26 JSON lines, 4 text files), a good crawl record, two odd but good reports, and
    one file of each class of bad input."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    lines = [json.dumps({"id": f"good-{n}", "text": _good_report(n)}) for n in range(26)]
    (folder / "good.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n in range(26, 30):
        (folder / f"good-{n}.txt").write_text(_good_report(n), encoding="utf-8")
    (folder / "month.txt").write_text("Published: ſept 4, 2023\n" + REPORT, encoding="utf-8")
    huge = REPORT + f"Another raid killed {2**63} militants in Khost on Monday, officials said.\n"
    (folder / "huge.txt").write_text(huge, encoding="utf-8")
    (folder / "deep.jsonl").write_text("[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    (folder / "long-int.json").write_text('{"text": "x", "n": ' + "7" * 5000 + "}", encoding="utf-8")
    surrogates = [
        _record(**{"id": f"s-{name}", name: "a\ud800b"}) for name in ("title", "outlet", "url", "id")
    ]
    surrogates.append(_record(id="s-text", text=REPORT + "\udfff"))
    (folder / "surrogates.jsonl").write_text("\n".join(surrogates), encoding="utf-8")
    crawl = _warc_response("https://news.example/ok", PAGE)
    (folder / "crawl.warc").write_bytes(
        crawl + _warc_response("https://news.example/x", PAGE, length=str(2**64))
    )
    return folder


MIXED_PROBLEMS = {  # the input reported, and its reason
    "deep.jsonl:1": "nested too deeply",
    "long-int.json": "integer of more than",
    "surrogates.jsonl:1": "'title' holds a lone surrogate U+D800",
    "surrogates.jsonl:2": "'outlet' holds a lone surrogate",
    "surrogates.jsonl:3": "'url' holds a lone surrogate",
    "surrogates.jsonl:4": "'id' holds a lone surrogate",
    "surrogates.jsonl:5": "'text' holds a lone surrogate U+DFFF",
    "crawl.warc": "corrupt WARC after record 1",
}
MIXED_GOOD = 30 + 3  # the good ones, the odd month, the huge number, the crawl's good record


def _reported(stderr: str, folder: Path) -> dict[str, str]:
    """Each input named on a 'skipped' line, with the rest of its line."""
    found = {}
    for line in " ".join(stderr.split()).split("skipped ")[1:]:
        source, _, reason = line.partition(": ")
        found[source.removeprefix(f"{folder}/")] = reason
    return found


def test_errors_ingest_stores_every_good_article_and_reports_each_bad_input(
    mixed_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONFLICTDB_DB", raising=False)
    db = f"sqlite:///{tmp_path / 'mixed.sqlite'}"
    result = CliRunner().invoke(app, ["ingest", str(mixed_folder), "--db", db, "--workers", "2"])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    assert "Traceback" not in result.output
    reported = _reported(result.stderr, mixed_folder)
    assert set(reported) == set(MIXED_PROBLEMS)
    for source, reason in MIXED_PROBLEMS.items():
        assert reason in reported[source], (source, reported[source])
    assert f"{MIXED_GOOD} new, 0 unchanged, {len(MIXED_PROBLEMS)} failed" in result.stdout
    with open_store(db) as store:
        assert store.stats().articles == MIXED_GOOD
        details = list(store.incident_details())
    articles = {a.name: a for d in details for a in d.articles}  # by the file stems they were read under
    assert articles["month"].published == dt.date(2023, 9, 4)  # "ſept" read as September
    deaths = [f.max for d in details for m in d.mentions for c in m.claims for f in c.figures if f.max]
    assert deaths and max(deaths) < 2**63


def test_errors_extract_prints_every_good_article_and_reports_each_bad_input(mixed_folder: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(mixed_folder), "--workers", "1"])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    assert set(_reported(result.stderr, mixed_folder)) == set(MIXED_PROBLEMS)
    assert len(result.stdout.splitlines()) == MIXED_GOOD
