"""The largest input accepted (data/limits.yaml, `input`): a file, a JSON record or a page over its limit is
refused with a reason before it is read whole, so that one input's time and memory stay bounded."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictdb.datafiles import DATA_DIR, LIMITS_FILE, load_yaml
from conflictdb.errors import IngestError


@dataclass(frozen=True, slots=True)
class InputLimits:
    """Sizes in bytes: an article's text (UTF-8), an HTML page, a JSON Lines line or .json file; and the
    share of non-ASCII characters a file that is not UTF-8 may have to be read as cp1252."""

    text_bytes: int
    page_bytes: int
    record_bytes: int
    non_ascii_share: float


def load_input_limits(data_dir: Path = DATA_DIR, *, raw: Mapping[str, Any] | None = None) -> InputLimits:
    """Read the input limits from data/limits.yaml (its table `raw`, read from `data_dir` if not given)."""
    limits = (raw if raw is not None else load_yaml(LIMITS_FILE, data_dir=data_dir))["input"]
    return InputLimits(
        text_bytes=int(limits["max_text_bytes"]),
        page_bytes=int(limits["max_page_bytes"]),
        record_bytes=int(limits["max_record_bytes"]),
        non_ascii_share=float(limits["max_non_ascii_share"]),
    )


def too_large(source: str, size: int | None, limit: int, what: str) -> IngestError:
    """The error of an input over its limit, naming its size (when known) and the limit."""
    shown = f"{size:,} bytes, over" if size is not None else "over"
    return IngestError(source, f"too large: {shown} the {limit:,}-byte limit for {what} (data/limits.yaml)")


def check_file_size(path: Path, limit: int, what: str) -> None:
    """Refuse a file larger than `limit` bytes from its size on disk, before reading any of it."""
    try:
        size = os.stat(path).st_size
    except OSError as e:
        raise IngestError(str(path), f"cannot read file: {e.strerror or e}") from e
    if size > limit:
        raise too_large(str(path), size, limit, what)
