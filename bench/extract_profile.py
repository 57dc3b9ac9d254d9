"""Where extraction of the scale stream's articles spends its time: CPU seconds of the whole, wall seconds
per stage (the pipeline's StageTimer: compare stages on a quiet machine only), and a cProfile, in one
process.

The articles are the first `--articles` of the stream `make bench-scale` ingests (bench/scale.py), written
once to `--folder` and read back from there on later runs, so two commits are measured on the same texts.
Extraction is run `--repeats` times and the least CPU time is kept (the first run fills per-phrase memos).

    python bench/extract_profile.py                            # CPU s per 300 articles, wall s per stage
    python bench/extract_profile.py --profile 40               # and the top 40 functions by own time
    python bench/extract_profile.py --profile 40 --sort cumulative
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import Stream, write_stream  # noqa: E402  (bench/ is not a package)

from conflictdb import pipeline  # noqa: E402
from conflictdb.errors import raise_error  # noqa: E402
from conflictdb.ingest import InputRules, read_text_article  # noqa: E402
from conflictdb.records import Article  # noqa: E402
from conflictdb.resources import Resources, load_resources  # noqa: E402
from conflictdb.timing import NO_TIMER, StageTimer  # noqa: E402


def stream_articles(folder: Path, count: int, inputs: InputRules) -> list[Article]:
    """The first `count` articles of the scale stream, written to `folder` unless already there."""
    paths = sorted(folder.glob("s*.txt"))
    if len(paths) < count:
        start = dt.date(2019, 1, 1)
        write_stream(folder, count, stream=Stream.load(), first=0, rate=200, start=start, seed=3)
        paths = sorted(folder.glob("s*.txt"))
    return [read_text_article(path, inputs=inputs) for path in paths[:count]]


def extract_all(articles: list[Article], resources: Resources, timer: StageTimer | None = None) -> float:
    """CPU seconds of extracting each article on its own, as a worker does."""
    started = time.process_time()
    for article in articles:
        pipeline.extract_records(
            [article], resources, link=False, on_error=raise_error, timer=timer or NO_TIMER
        )
    return time.process_time() - started


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/conflictdb-stream-articles"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions of a profiled run")
    parser.add_argument("--sort", default="tottime", help="pstats sort key for --profile")
    args = parser.parse_args()
    resources = load_resources()
    articles = stream_articles(args.folder, args.articles, resources.inputs)
    gc.collect()
    gc.freeze()  # what is loaded stays out of the collector's way, as in ingest
    best = min(extract_all(articles, resources) for _ in range(args.repeats))
    print(f"{len(articles)} stream articles: {best:.2f} CPU s, {len(articles) / best:.1f} articles/CPU s")
    timer = StageTimer()
    extract_all(articles, resources, timer)
    for stage, seconds in sorted(timer.seconds.items(), key=lambda item: -item[1]):
        print(f"  {stage:<14} {seconds:6.2f} s")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        extract_all(articles, resources)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.profile)


if __name__ == "__main__":
    main()
