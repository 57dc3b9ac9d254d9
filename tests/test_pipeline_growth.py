"""Extraction time grows with the text's length, not with its square: generated hostile texts (long runs of
one mark, blank-line paragraphs, thousands of short lines of figures or dates) at two sizes."""

from __future__ import annotations

import time

import pytest
from bench import long_article

from conflictdb import pipeline
from conflictdb.errors import raise_error
from conflictdb.records import Article
from conflictdb.resources import Resources
from tests.pathological import TEXTS

SMALL, LARGE = 25_000, 100_000  # characters: four times the text
# Linear work takes about four times as long (less, with the fixed cost of an article); quadratic work
# takes sixteen. Eight leaves room for a busy machine, whose load falls unevenly on the two runs.
MAX_GROWTH = 8.0
# CPU seconds for 100 KB: the slowest text here (number-lines) took 3.6-4.6 CPU s in session 20 on a
# machine loaded 3 times over, so the former bound of 5 s (the fuzz run's, for smaller inputs) failed under
# load; 15 s is three times the most seen, a guard against a text made several times slower though linear.
# (Timed against a reference workload (tests/timing.py) it did no better: the reference's best of a few
# short runs meets less of the load than one run of seconds.)
MAX_SECONDS = 15.0


def cpu_seconds(text: str, resources: Resources) -> float:
    """CPU time of cleaning and extracting one article (CPU, not wall: other processes' load counts less)."""
    article = Article(id="hostile", source="hostile.txt", text=text)
    started = time.process_time()
    pipeline.extract_records([article], resources, link=False, on_error=raise_error)
    return time.process_time() - started


@pytest.mark.parametrize(
    "name",
    # the tokenizer (runs of marks), segmentation (paragraphs, tolls), dates and places (short lines),
    # speakers and incidents told alongside one another (one paragraph of short reports), a place for each
    # of hundreds of incidents (a line each)
    [
        "paren-ellipsis",
        "equals",
        "apostrophes",
        "blank-paragraphs",
        "number-lines",
        "dated-lines",
        "one-paragraph",
        "incident-lines",
    ],
)
def test_pipeline_time_grows_linearly_on_hostile_text(name: str, resources: Resources) -> None:
    cpu_seconds(TEXTS["endless-sentence"](2_000), resources)  # lazy loading is no text's cost
    # CPU seconds, the least of two runs each: a short run that meets less of the load than the long one
    # (0.61 then 5.29 s in a loaded CI run, 0.86 then 2.86 s alone) fails no linear stage
    small = min(cpu_seconds(TEXTS[name](SMALL), resources) for _ in range(2))
    large = min(cpu_seconds(TEXTS[name](LARGE), resources) for _ in range(2))
    growth = large / max(small, 0.01)
    assert growth < MAX_GROWTH, (
        f"{name}: {small:.2f} CPU s, then {large:.2f} at 4 times the text: "
        f"{large:.2f} / {small:.2f} = {growth:.1f}, not under {MAX_GROWTH}"
    )
    assert large < MAX_SECONDS, f"{name}: {large:.2f} CPU s for {LARGE:,} characters, not under {MAX_SECONDS}"


# Issue 18: an article of 1,600 paragraphs (about 160 KB) must cost under 1.3 times the same paragraphs
# as 16 articles of 10 KB; bench/long_article.py measures that on a quiet machine (0.96 in session 20).
# Work linear in the text gives about 1; sentence splitting quadratic in line breaks gave 1.8. CPU time is
# not free of load nor of the process's state: inside a loaded fresh-clone CI run, before the measurement
# kept the test process's heap out of the collector, the same code measured 1.33. The test's bound, 1.5,
# lies between that and the quadratic 1.8: it fails the defect, not a busy machine.
MAX_LONG_ARTICLE_RATIO = 1.5


def test_pipeline_long_article_costs_what_its_paragraphs_cost_as_short_articles(resources: Resources) -> None:
    long, short = long_article.measure(resources, repeats=3)  # CPU seconds, the least of three runs each
    assert long / short < MAX_LONG_ARTICLE_RATIO, (
        f"1,600 paragraphs in one article {long:.2f} CPU s, in 16 articles {short:.2f} CPU s: "
        f"{long:.2f} / {short:.2f} = {long / short:.2f}, not under {MAX_LONG_ARTICLE_RATIO}"
    )
