"""JSON records read with the record fields given (ingest.jsonl): the keys each Article field is taken from
come from data/record_fields.yaml, loaded once into the input rules (`Resources.inputs`) and passed in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from conflictdb import datafiles
from conflictdb.errors import IngestError
from conflictdb.ingest import ingest, metadata_dates
from conflictdb.ingest.files import read_standard_input
from conflictdb.ingest.jsonl import article_from_record, read_jsonl
from tests.conftest import input_rules

INPUTS = input_rules()


def test_ingest_jsonl_record_fields_come_from_the_rules_given() -> None:
    fields = dict(INPUTS.fields) | {"text": ("body",), "title": ("headline",)}
    inputs = dataclasses.replace(INPUTS, fields=fields)
    record = {"body": "Shelling hit a school in the north on Friday.", "headline": "School shelled"}
    article = article_from_record(record, default_id="r1", source="test", inputs=inputs)
    assert (article.title, article.text) == ("School shelled", record["body"])
    with pytest.raises(IngestError, match="missing or empty 'text'"):
        article_from_record({"text": "no body key here"}, default_id="r2", source="test", inputs=inputs)


def test_ingest_jsonl_reads_a_file_with_the_packaged_fields(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text('{"maintext": "A convoy was ambushed on the main road."}\n{"text": ""}\n')
    result = read_jsonl(path, inputs=INPUTS)
    assert [a.text for a in result.articles] == ["A convoy was ambushed on the main road."]
    assert len(result.problems) == 1 and "two.jsonl:2" in str(result.problems[0])


def test_ingest_jsonl_published_dates_use_the_month_names_given() -> None:
    """The metadata date reader knows the months it is given (dates.yaml's), no table of its own."""
    renamed = dataclasses.replace(INPUTS, dates=metadata_dates({"brumaire": 11}))
    record = {"text": "A bridge was shelled overnight.", "published": "4 Brumaire 2031"}
    article = article_from_record(record, default_id="r3", source="test", inputs=renamed)
    assert article.published == dt.date(2031, 11, 4)
    assert article_from_record(record, default_id="r3", source="test", inputs=INPUTS).published is None


class _NoDataFiles(yaml.SafeLoader):
    """A YAML loader that refuses: reading with the rules given must not open a data file."""

    def __init__(self, stream) -> None:
        raise AssertionError(f"a data file was read: {getattr(stream, 'name', stream)}")


def test_ingest_jsonl_readers_read_no_data_file_once_given_the_rules(tmp_path: Path, monkeypatch) -> None:
    """The record keys, the metadata dates and standard input's signatures come from the rules passed in,
    loaded once: no file or record, however many, loads a data file again."""
    lines = [f'{{"maintext": "Report {n}.", "date_publish": "2031-05-0{n}"}}' for n in range(1, 6)]
    (tmp_path / "five.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "one.json").write_text('{"body": "A single report.", "published": "4 May 2031"}')
    monkeypatch.setattr(datafiles, "_LOADER", _NoDataFiles)
    read = [item for item in ingest([tmp_path], inputs=INPUTS)]
    assert [a.published for a in read] == [dt.date(2031, 5, n) for n in range(1, 6)] + [dt.date(2031, 5, 4)]
    piped = read_standard_input(stream=io.BytesIO(lines[0].encode()), inputs=INPUTS)
    assert [a.text for a in piped.articles] == ["Report 1."]
