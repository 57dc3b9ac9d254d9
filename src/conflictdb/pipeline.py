"""The stages composed, and the two doors every caller uses: `extract_records` and `ingest`.

read (ingest/) -> clean -> find per sentence (extract/findings.py) -> segment into incident frames
(extract/incidents/) -> frames to mentions (extract/frames.py) -> link across articles (resolve/).
An engine (engines/) decides where `process_article` runs; `ingest` stores what it gives, linked to the
incidents the store holds, and `extract_records` links it among itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from conflictdb import clean
from conflictdb.engines.local import LocalEngine, OnError
from conflictdb.errors import ConflictdbError, ExtractionError
from conflictdb.extract import dates, findings, frames, incidents
from conflictdb.records import Article, Result, replace
from conflictdb.resolve.duplicates import with_source_groups
from conflictdb.resolve.link import mention_words
from conflictdb.resolve.linker import MemoryIndex
from conflictdb.timing import NO_TIMER, NoTimer, StageTimer

if TYPE_CHECKING:
    from conflictdb.engines.dask import DaskEngine
    from conflictdb.resources import Resources
    from conflictdb.store import BatchCounts, Store

    Engine = LocalEngine | DaskEngine
Timer = StageTimer | NoTimer

__all__ = ["extract_records", "ingest", "link_incidents", "process_article"]

log = logging.getLogger(__name__)


def process_article(
    article: Article,
    resources: Resources,
    *,
    timer: Timer = NO_TIMER,
    today: dt.date | None = None,
) -> Result:
    """Clean one article and extract its mentions, reading it on `today` (the clock's day by default).
    Whatever goes wrong inside is this article's ExtractionError, naming the stage: a batch goes on."""
    stage = "clean"
    try:
        with timer("clean"):
            cleaned = clean.clean_article(article, resources.clean)
        if cleaned.published is None:
            stage = "dates"
            with timer("dates"):
                estimated = dates.url_published(article.url, resources.dates) or dates.estimate_published(
                    cleaned.clean_text, resources.dates
                )
            if estimated is not None:
                cleaned = replace(cleaned, published=estimated)
        stage = "extract"
        found = findings.find_all(cleaned, resources, timer=timer, today=today or dt.date.today())
        with timer("incidents"):
            told = incidents.segment_incidents(
                found.facts, published=cleaned.published, lexicon=resources.segments
            )
        return cleaned, frames.frame_mentions(cleaned, found, told, resources, timer=timer)
    except ConflictdbError:
        raise
    except Exception as error:  # a bug on one article must not stop a batch
        reason = f"{type(error).__name__}: {error}"
        raise ExtractionError(article.id, stage, reason, source=article.source) from error


def extract_records(
    sources: Iterable[Path | Article],
    resources: Resources,
    *,
    engine: Engine | None = None,
    link: bool = True,
    on_error: OnError | None = None,
    on_result: Callable[[Result], None] | None = None,
    timer: Timer = NO_TIMER,
    today: dt.date | None = None,
) -> list[Result]:
    """Every article of `sources` (files and folders, or articles already read) extracted on `engine` (in
    this process by default) and, with `link`, its mentions linked into incidents across them: what
    `conflictdb extract` writes. Bad inputs go to `on_error` (logged by default) and the others go on;
    `on_result` hears of each article as it is done; `timer` and `today` as `process_article` takes them."""
    results, words = [], []
    for result in _extracted(sources, resources, engine, on_error, on_result, timer=timer, today=today):
        results.append(result)
        if link:  # taken while the workers extract the next articles
            words.extend(mention_words(result[0], m, resources.linking.stopwords) for m in result[1])
    return link_incidents(results, resources, words=words) if link and results else results


def ingest(
    store: Store,
    sources: Iterable[Path | Article],
    *,
    resources: Resources | None = None,
    engine: Engine | None = None,
    on_error: OnError | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> BatchCounts:
    """Extract every article of `sources` on `engine` (in this process with `resources` by default; the
    Dask engine's workers load their own) and store them, their mentions linked to incidents new and
    already stored. Bad inputs go to `on_error` (logged by default) and the others go on."""
    if resources is None and engine is None:
        raise ConflictdbError("ingest extracts in this process by default: give it the resources")
    report = on_error or _log_error
    results = _extracted(sources, resources, engine, report, on_result)  # type: ignore[arg-type]
    return store.add_batch(results, link=True, on_error=report)


def _extracted(
    sources: Iterable[Path | Article],
    resources: Resources,
    engine: Engine | None,
    on_error: OnError | None,
    on_result: Callable[[Result], None] | None,
    **options: Timer | dt.date | None,
) -> Iterator[Result]:
    process = functools.partial(process_article, **options)
    for result in (engine or LocalEngine()).run(sources, resources, process, on_error=on_error or _log_error):
        if on_result is not None:
            on_result(result)
        yield result


def _log_error(error: ConflictdbError) -> None:
    log.warning("%s", error)


def link_incidents(
    results: Sequence[Result], resources: Resources, *, words: list[Counter] | None = None
) -> list[Result]:
    """Group mentions across articles into incidents; every mention gets an incident_id, every article
    its near-duplicate `source_group` (copies of one wire story are one source, as in the store). `words`
    are the mentions' word bags (resolve.link.mention_words) when taken as the results came in. The one
    linker of `ingest` too, with an empty in-memory index in place of the store (resolve.linker)."""
    grouped = with_source_groups([article for article, _ in results], resources.duplicates)
    results = [(article, ms) for article, (_, ms) in zip(grouped, results, strict=True)]
    return MemoryIndex(resources.linking).add(results, words=words)
