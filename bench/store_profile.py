"""CPU seconds of the store step alone on the scale stream: link, write and summarise, apart from extraction.

`prepare` writes the first FIRST articles of the stream (bench/scale.py, seed 3, 200 a day from 2019-01-01)
and the MORE after them, extracts both in this process and pickles the results; `time` stores the FIRST
into a new SQLite store, then the MORE as `conflictdb ingest` would (`Store.add_batch`, linked, 1,000 per
transaction), and prints the CPU seconds of that second step and of its parts: link (the linker and the
joins of stored incidents), summaries (incidents refreshed) and write (the rest: rows, word counts,
near-duplicate bands). A cProfile of the step goes where `--profile` says.

    .venv/bin/python bench/store_profile.py prepare /tmp/stream.pickle --first 418 --more 2000
    .venv/bin/python bench/store_profile.py time /tmp/stream.pickle --profile /tmp/store.prof
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import pickle
import pstats
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def prepare(out: Path, first: int, more: int) -> None:
    """Extract the stream's first `first` and next `more` articles; pickle both lists of results."""
    from scale import Stream, write_stream

    from conflictdb import pipeline
    from conflictdb.resources import loaded_resources

    stream = Stream.load()
    with tempfile.TemporaryDirectory() as work, loaded_resources() as resources:
        parts = []
        for name, start, count in (("first", 0, first), ("more", first, more)):
            folder = write_stream(
                Path(work) / name,
                count,
                stream=stream,
                first=start,
                rate=200,
                start=dt.date(2019, 1, 1),
                seed=3,
            )
            parts.append(pipeline.extract_records([folder], resources, link=False))
    out.write_bytes(pickle.dumps(parts))


def _timed(seconds: Counter[str], part: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, its CPU seconds added to `seconds[part]`."""

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[part] += time.process_time() - began

    return timed


def time_store(pickled: Path, *, profile: Path | None = None) -> Counter[str]:
    """CPU seconds of storing the second list of results after the first, in all and per part."""
    from conflictdb.resources import loaded_resources
    from conflictdb.store import open_store, write

    first, more = pickle.loads(pickled.read_bytes())
    seconds: Counter[str] = Counter()
    with (
        tempfile.TemporaryDirectory() as work,
        loaded_resources(),
        open_store(f"sqlite:///{work}/store.sqlite") as store,
    ):
        store.add_batch(first, link=True)
        write.resolution.assign_incidents = _timed(seconds, "link", write.resolution.assign_incidents)
        write.resolution.join_incidents = _timed(seconds, "link", write.resolution.join_incidents)
        write.refresh_incidents = _timed(seconds, "summaries", write.refresh_incidents)
        profiler = cProfile.Profile() if profile else None
        began = time.process_time()
        if profiler:
            profiler.enable()
        counts = store.add_batch(more, link=True)
        if profiler:
            profiler.disable()
        seconds["store"] = time.process_time() - began
    seconds["write"] = seconds["store"] - seconds["link"] - seconds["summaries"]
    print(f"{counts.new} articles, {counts.mentions} mentions, {counts.incidents} incidents", file=sys.stderr)
    if profiler and profile:
        profiler.dump_stats(profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("prepare", help="extract the stream's articles into PICKLE")
    made.add_argument("pickle", type=Path)
    made.add_argument("--first", type=int, default=418)
    made.add_argument("--more", type=int, default=2000)
    timed = commands.add_parser("time", help="time storing the second part of PICKLE after the first")
    timed.add_argument("pickle", type=Path)
    timed.add_argument("--profile", type=Path, help="write a cProfile of the store step here")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.pickle, args.first, args.more)
        return 0
    seconds = time_store(args.pickle, profile=args.profile)
    print(", ".join(f"{part} {seconds[part]:.2f}" for part in ("store", "link", "write", "summaries")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
