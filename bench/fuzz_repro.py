"""One slow fuzz input again, late in a run: a store filled with the inputs before it, then the input timed.

`make fuzz` runs every input into one growing store, so an input that is quick alone can be slow late in the
run. `prefill` stores fuzz inputs [0, N) in a SQLite file (as bench/fuzz.py does, minutes per thousand);
`time` runs one input against a copy of that store and prints its CPU seconds per step (read, extract,
link the batch, write the extract lines, store), with a cProfile of the store step when `--profile` names a
file.

    .venv/bin/python bench/fuzz_repro.py prefill /tmp/fuzz-6000.sqlite 6000
    .venv/bin/python bench/fuzz_repro.py time /tmp/fuzz-6000.sqlite 9015 --profile /tmp/store.prof
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import logging
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import fuzz  # noqa: E402 -- the generators and the path each input takes, from beside this file


def prefill(store_path: Path, count: int) -> None:
    """Store fuzz inputs [0, count) in a SQLite store, a progress line every 500."""
    from conflictdb.errors import ConflictdbError
    from conflictdb.resources import loaded_resources
    from conflictdb.store import open_store

    began = time.perf_counter()
    with (
        loaded_resources() as resources,
        tempfile.TemporaryDirectory() as work,
        open_store(f"sqlite:///{store_path}") as store,
    ):
        for case in fuzz.cases(0, count):
            with contextlib.suppress(ConflictdbError):  # a bad input reported: what the run expects
                fuzz.run_case(case, Path(work), resources, store)
            if (case.index + 1) % 500 == 0:
                print(f"{case.index + 1:,} inputs, {time.perf_counter() - began:.0f} s", file=sys.stderr)


def time_input(store_path: Path, index: int, *, profile: Path | None = None) -> dict[str, float]:
    """CPU seconds of each step of one input against a copy of the store."""
    from conflictdb import formats, pipeline
    from conflictdb.engines import local
    from conflictdb.resources import loaded_resources
    from conflictdb.store import open_store

    case = fuzz.make_case(index)
    seconds: dict[str, float] = {}
    with loaded_resources() as resources, tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "store.sqlite"
        shutil.copy(store_path, copy)
        path = Path(work) / f"input-{index}{case.suffix}"
        path.write_bytes(case.data)
        with open_store(f"sqlite:///{copy}") as store:
            clock = time.process_time()

            def step(name: str) -> None:
                nonlocal clock
                seconds[name], clock = time.process_time() - clock, time.process_time()

            articles = list(local.read_articles([path], inputs=resources.inputs, on_error=lambda e: None))
            step("read")
            results = pipeline.extract_records(articles, resources, link=False, on_error=lambda e: None)
            step("extract")
            linked = pipeline.link_incidents(results, resources) if results else []
            step("link batch")
            for article, mentions in linked:
                json.dumps(
                    formats.extract_record(
                        article, mentions, rules=resources.reconcile, tables=resources.exports
                    ),
                    ensure_ascii=False,
                )
            step("extract lines")
            profiler = cProfile.Profile() if profile else None
            if profiler:
                profiler.enable()
            store.add_batch(results, link=True, on_error=lambda e: None)
            if profiler:
                profiler.disable()
            step("store")
    seconds["mentions"] = sum(len(mentions) for _, mentions in results)
    if profiler and profile:
        profiler.dump_stats(profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fill = commands.add_parser("prefill", help="store fuzz inputs [0, COUNT) in STORE")
    fill.add_argument("store", type=Path)
    fill.add_argument("count", type=int)
    timed = commands.add_parser("time", help="time input INDEX against a copy of STORE")
    timed.add_argument("store", type=Path)
    timed.add_argument("index", type=int)
    timed.add_argument("--profile", type=Path, help="write a cProfile of the store step here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if args.command == "prefill":
        prefill(args.store, args.count)
        return 0
    seconds = time_input(args.store, args.index, profile=args.profile)
    print(
        f"#{args.index}: "
        + ", ".join(f"{k} {v:.2f}" if k != "mentions" else f"{v:.0f} mentions" for k, v in seconds.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
