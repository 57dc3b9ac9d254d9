"""Article construction shared by the readers: one place computes the content hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from conflictdb.errors import IngestError
from conflictdb.ingest.limits import InputLimits, too_large
from conflictdb.records import Article

_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a UTF-16 pair: no character, cannot be encoded


def content_hash(text: str) -> str:
    """SHA-256 of the text (UTF-8), hex: the identity used to spot re-ingested articles."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_article(
    *,
    id: str,
    source: str,
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    limits: InputLimits,
) -> Article:
    """An Article from what a reader found (`id` the file stem or record id, kept as its `name` too: the
    store keys it by URL or hash), blank metadata normalised to None; raise IngestError when its
    text is larger than an article's text may be (data/limits.yaml) or a field is not valid Unicode text."""
    limit = limits.text_bytes
    # four bytes at most per character: most texts need no encoding to be known small enough
    if len(text) * 4 > limit and (size := len(text.encode("utf-8", "surrogatepass"))) > limit:
        raise too_large(source, size, limit, "an article's text")
    for name, value in (("id", id), ("text", text), ("title", title), ("outlet", outlet), ("url", url)):
        if value is not None and (bad := _SURROGATE.search(value)) is not None:
            raise IngestError(
                source,
                f"{name!r} holds a lone surrogate U+{ord(bad.group()):04X} at character {bad.start()}: "
                "not valid Unicode text (a broken escape such as \\ud800 in JSON)",
            )
    return Article(
        id=id,
        source=source,
        text=text,
        title=_blank_to_none(title),
        outlet=_blank_to_none(outlet),
        published=published,
        url=_blank_to_none(url),
        content_hash=content_hash(text),
        name=id,
    )


def _blank_to_none(value: str | None) -> str | None:
    """Strip a metadata string; an empty one means unknown."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one input file gave: the articles read and the records that could not be read."""

    articles: tuple[Article, ...] = ()
    problems: tuple[IngestError, ...] = ()
