"""Plain-text articles: the decoded file text is kept exactly, it is the reference for offsets."""

from __future__ import annotations

from pathlib import Path

from conflictdb.ingest.build import build_article
from conflictdb.ingest.decode import decode_text, read_file_bytes
from conflictdb.ingest.limits import check_file_size
from conflictdb.ingest.rules import InputRules
from conflictdb.records import Article


def read_text_article(path: Path, *, inputs: InputRules) -> Article:
    """Read one .txt file as an Article (id = file stem); raise IngestError when it is not text or is
    larger than an article's text may be (`inputs.limits`, checked before it is read)."""
    check_file_size(path, inputs.limits.text_bytes, "an article's text")
    text = decode_text(
        read_file_bytes(path), source=str(path), max_non_ascii_share=inputs.limits.non_ascii_share
    )
    return build_article(id=path.stem, source=str(path), text=text, limits=inputs.limits)
