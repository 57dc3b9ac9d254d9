"""Bytes to text: strict UTF-8 first, a cautious cp1252 fallback, clear reasons for everything else.

Policy (the evaluation reads files with `Path.read_text(encoding="utf-8")`, so we mirror it):
- valid UTF-8 is decoded as is; a byte-order mark stays in the text as U+FEFF (clean drops it) so
  that offsets agree with a plain UTF-8 read; newlines are translated like Python's text mode
  (CRLF and CR become LF);
- bytes that are not UTF-8 are decoded as cp1252 only when the result looks like prose (almost
  all printable ASCII, data/limits.yaml's `max_non_ascii_share`, and no control characters): old
  Windows-made files are common in news dumps;
- NUL bytes, control characters and anything else undecodable are reported as IngestError.
"""

from __future__ import annotations

import re
from pathlib import Path

from conflictdb.errors import IngestError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def read_file_bytes(path: Path) -> bytes:
    """Read a file's bytes, translating OS errors into IngestError."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise IngestError(str(path), f"cannot read file: {e.strerror or e}") from e


def decode_text(data: bytes, *, source: str, max_non_ascii_share: float) -> str:
    """Decode file bytes to text following the module policy (`max_non_ascii_share`: `InputLimits`'s
    `non_ascii_share`); raise IngestError with the reason."""
    if not data.strip():
        raise IngestError(source, "empty file")
    if b"\x00" in data:
        raise IngestError(source, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        text = _decode_legacy(data, source=source, utf8_error=e, max_non_ascii_share=max_non_ascii_share)
    if _CONTROL.search(text):
        raise IngestError(source, "binary file (contains control characters)")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """Translate CRLF and lone CR to LF, as Python's universal-newline text mode does."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(
    data: bytes, *, source: str, utf8_error: UnicodeDecodeError, max_non_ascii_share: float
) -> str:
    """Decode non-UTF-8 bytes as cp1252 when the result looks like text, else report."""
    reason = f"not valid UTF-8 (bad byte at offset {utf8_error.start})"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise IngestError(source, f"{reason} and not cp1252 text either") from e
    if _CONTROL.search(text) or len(_NON_ASCII.findall(text)) > max_non_ascii_share * len(text):
        raise IngestError(source, f"{reason} and does not look like text")
    return text
