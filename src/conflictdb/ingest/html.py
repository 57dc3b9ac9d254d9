"""HTML pages: main text, title, site name and date through trafilatura, never touching the network.

Article.text is the extracted main text (paragraphs as lines), so offsets refer to it, not to the HTML.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conflictdb.errors import IngestError
from conflictdb.ingest.build import build_article
from conflictdb.ingest.dates import MetadataDates, parse_date_text
from conflictdb.ingest.decode import decode_text, read_file_bytes
from conflictdb.ingest.limits import check_file_size
from conflictdb.ingest.rules import InputRules
from conflictdb.records import Article


def read_html_article(path: Path, *, inputs: InputRules) -> Article:
    """Read one .html/.htm file as an Article (id = file stem); raise IngestError without main text, or
    when the page is larger than a page may be (`inputs.limits`, checked before it is read)."""
    check_file_size(path, inputs.limits.page_bytes, "an HTML page")
    html = decode_text(
        read_file_bytes(path), source=str(path), max_non_ascii_share=inputs.limits.non_ascii_share
    )
    return article_from_html(html, id=path.stem, source=str(path), inputs=inputs)


def article_from_html(
    html: str, *, id: str, source: str, inputs: InputRules, guess_date: bool = True
) -> Article:
    """Extract the main text and metadata of an HTML page given as a string (its text within
    `inputs.limits`, its metadata date read with `inputs.dates`).

    Without `guess_date`, the date is read only from the page's markup and metadata, not guessed from
    its text (a copyright year gives "January 1"): for callers that have a better date to fall back on.
    """
    import trafilatura  # a third of a second to import: loaded with the first HTML page, not for text
    from trafilatura.settings import set_date_params

    try:
        document = trafilatura.bare_extraction(
            html,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params=set_date_params(guess_date),
        )
    except (ValueError, TypeError, AttributeError) as e:  # lxml and trafilatura errors on broken markup
        raise IngestError(source, f"cannot parse HTML: {e}") from e
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise IngestError(source, "no main text found in HTML")
    return build_article(
        id=id,
        source=source,
        text=text,
        title=document.title,
        outlet=document.sitename,
        published=_metadata_date(document.date, inputs.dates),
        url=document.url,
        limits=inputs.limits,
    )


def _metadata_date(value: str | None, dates: MetadataDates) -> dt.date | None:
    """The date trafilatura/htmldate found (ISO string), as a date."""
    return parse_date_text(value, dates) if value else None
