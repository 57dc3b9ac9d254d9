"""The phenomena suite: short cases, one line each, with the claims a careful coder extracts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conflictdb import formats, pipeline
from conflictdb.errors import raise_error
from conflictdb.evaluate import CaseResult, check_case
from conflictdb.records import Article
from conflictdb.resources import Resources


def read_cases(path: Path) -> Iterator[dict[str, Any]]:
    """Cases from a JSON Lines file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def run_case(case: dict[str, Any], resources: Resources) -> tuple[CaseResult, dict[str, Any]]:
    """Extract one case's text as an article and check it."""
    published = dt.date.fromisoformat(case["published"]) if case.get("published") else None
    article = Article(id=case["id"], source=case["id"], text=case["text"], published=published)
    [(cleaned, mentions)] = pipeline.extract_records([article], resources, link=False, on_error=raise_error)
    record = formats.extract_record(
        cleaned, mentions, rules=resources.reconcile, include_background=True, tables=resources.exports
    )
    return check_case(case, record), record
