"""One long article against the same text cut into short ones: does an article cost more per character
the longer it is? 1,600 news-like paragraphs (tests/pathological.py, about 160 KB) as one article, then as
16 articles of 100 paragraphs (about 10 KB each); CPU time of cleaning and extraction, the least of
`--repeats` runs of each, the two run in turn. Linear work gives a ratio near 1; issue 18 measured 1.8
when sentence splitting was quadratic in line breaks, and asks for under 1.3.

    python bench/long_article.py                       # the two times and their ratio
    python bench/long_article.py --stages              # and per stage
    python bench/long_article.py --profile 30          # cProfile of the long article, top 30 functions
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from pathlib import Path

from conflictdb import pipeline
from conflictdb.errors import raise_error
from conflictdb.records import Article
from conflictdb.resources import Resources, load_resources
from conflictdb.timing import NO_TIMER, StageTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.pathological import news_paragraphs  # noqa: E402  (the generator the test uses too)

PARAGRAPHS, PIECES = 1_600, 16


def texts(paragraphs: int = PARAGRAPHS, pieces: int = PIECES) -> tuple[str, list[str]]:
    """The long article's text and the same paragraphs as `pieces` articles, blank lines between them."""
    found = news_paragraphs(paragraphs)
    size = paragraphs // pieces
    return "\n\n".join(found), ["\n\n".join(found[i : i + size]) for i in range(0, paragraphs, size)]


def cpu_seconds(articles: list[str], resources: Resources, timer: StageTimer | None = None) -> float:
    """CPU time of cleaning and extracting each text as an article of its own."""
    started = time.process_time()
    for n, text in enumerate(articles):
        article = Article(id=f"long-{n}", source=f"long-{n}.txt", text=text)
        pipeline.extract_records(
            [article], resources, link=False, on_error=raise_error, timer=timer or NO_TIMER
        )
    return time.process_time() - started


def measure(resources: Resources, *, repeats: int) -> tuple[float, float]:
    """The least CPU time of the long article and of the short ones, each run `repeats` times in turn,
    after one run of the whole text (the vocabulary and per-phrase memos filled for both alike). What lives
    before is kept out of the collector's way, as ingest keeps what it loaded (engines.local.freeze_loaded):
    in a process holding much else (a test run), the long article's many objects would otherwise pay for
    full collections over all of it."""
    long, short = texts()
    cpu_seconds([long], resources)
    gc.collect()
    gc.freeze()
    try:
        longs, shorts = [], []
        for _ in range(repeats):
            longs.append(cpu_seconds([long], resources))
            shorts.append(cpu_seconds(short, resources))
    finally:
        gc.unfreeze()
    return min(longs), min(shorts)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs of each, the least counted")
    parser.add_argument("--stages", action="store_true", help="CPU seconds per stage, long against short")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile the long article: top N functions")
    args = parser.parse_args()
    resources = load_resources()
    long_seconds, short_seconds = measure(resources, repeats=args.repeats)
    long, short = texts()
    print(f"one article of {PARAGRAPHS:,} paragraphs ({len(long):,} characters): {long_seconds:.2f} CPU s")
    print(f"{len(short)} articles of {PARAGRAPHS // PIECES} paragraphs each: {short_seconds:.2f} CPU s")
    print(f"ratio {long_seconds / short_seconds:.2f} (issue 18: under 1.3)")
    if args.stages:
        one, many = StageTimer(), StageTimer()
        cpu_seconds([long], resources, one)
        cpu_seconds(short, resources, many)
        print(f"{'stage':<12}{'long':>8}{'short':>8}{'ratio':>8}   (wall seconds per stage, one run)")
        for stage, seconds in one.seconds.items():
            other = many.seconds.get(stage, 0.0)
            print(f"{stage:<12}{seconds:8.3f}{other:8.3f}{seconds / max(other, 1e-9):8.2f}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(cpu_seconds, [long], resources)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
