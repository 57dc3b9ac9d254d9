"""JSON records read with the record fields given (ingest.jsonl): the keys each Article field is taken from
come from data/record_fields.yaml, loaded by the caller and passed in."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictdb.errors import IngestError
from conflictdb.ingest.jsonl import article_from_record, load_record_fields, read_jsonl
from conflictdb.ingest.limits import load_input_limits

LIMITS = load_input_limits()


def test_ingest_jsonl_record_fields_come_from_the_mapping_given() -> None:
    fields = dict(load_record_fields()) | {"text": ("body",), "title": ("headline",)}
    record = {"body": "Shelling hit a school in the north on Friday.", "headline": "School shelled"}
    article = article_from_record(record, default_id="r1", source="test", fields=fields, limits=LIMITS)
    assert (article.title, article.text) == ("School shelled", record["body"])
    with pytest.raises(IngestError, match="missing or empty 'text'"):
        article_from_record(
            {"text": "no body key here"}, default_id="r2", source="test", fields=fields, limits=LIMITS
        )


def test_ingest_jsonl_reads_a_file_with_the_packaged_fields(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text('{"maintext": "A convoy was ambushed on the main road."}\n{"text": ""}\n')
    result = read_jsonl(path, fields=load_record_fields(), limits=LIMITS)
    assert [a.text for a in result.articles] == ["A convoy was ambushed on the main road."]
    assert len(result.problems) == 1 and "two.jsonl:2" in str(result.problems[0])
