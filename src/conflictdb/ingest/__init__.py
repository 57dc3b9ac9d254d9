"""Readers that turn input files (.txt, .html/.htm, .jsonl, .json, .warc/.warc.gz) into Articles.

`ingest(paths, inputs=...)` is what a batch calls: it yields Articles and, for every file or record that
could not be read, an IngestError carrying the path (and line) and the reason. `inputs` is the readers'
data (`InputRules`, loaded once into `Resources.inputs`): size limits, the month names of metadata dates,
the keys of JSON records and the signatures that tell what standard input holds.
"""

from conflictdb.ingest.build import IngestResult, build_article, content_hash
from conflictdb.ingest.dates import MetadataDates, metadata_dates, parse_date_text
from conflictdb.ingest.decode import decode_text
from conflictdb.ingest.files import (
    SUPPORTED_SUFFIXES,
    ingest,
    iter_input_files,
    load_input_rules,
    read_articles,
    read_file,
    read_warc,
)
from conflictdb.ingest.html import article_from_html, read_html_article
from conflictdb.ingest.jsonl import article_from_record, read_json, read_jsonl
from conflictdb.ingest.pages import article_from_page, url_article_id
from conflictdb.ingest.rules import InputRules
from conflictdb.ingest.text import read_text_article

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestResult",
    "InputRules",
    "MetadataDates",
    "article_from_html",
    "article_from_page",
    "article_from_record",
    "build_article",
    "content_hash",
    "decode_text",
    "ingest",
    "iter_input_files",
    "load_input_rules",
    "metadata_dates",
    "parse_date_text",
    "read_articles",
    "read_file",
    "read_html_article",
    "read_json",
    "read_jsonl",
    "read_text_article",
    "read_warc",
    "url_article_id",
]
