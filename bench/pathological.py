"""Time per pipeline stage on generated pathological texts (tests/pathological.py) of growing size: how
each stage's time grows with the text's length. Doubling the text should about double the time.

    python bench/pathological.py                        # every text at 10, 20, 40 and 80 KB
    python bench/pathological.py --sizes 10 40 --only equals dated-lines
    python bench/pathological.py --profile equals --sizes 40   # cProfile of one text, top 25 functions
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from conflictdb import pipeline
from conflictdb.errors import raise_error
from conflictdb.records import Article
from conflictdb.resources import load_resources
from conflictdb.timing import StageTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.pathological import TEXTS  # noqa: E402  (the generators the growth test uses too)


def run(name: str, size_kb: int, resources: object) -> tuple[float, dict[str, float]]:
    """Seconds for one generated text through clean and extraction, and the seconds per stage."""
    text = TEXTS[name](size_kb * 1000)
    timer = StageTimer()
    started = time.perf_counter()
    article = Article(id=name, source=name, text=text)
    pipeline.extract_records([article], resources, link=False, on_error=raise_error, timer=timer)
    return time.perf_counter() - started, dict(timer.seconds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 40, 80], help="sizes in KB")
    parser.add_argument("--only", nargs="+", choices=sorted(TEXTS), help="these texts only")
    parser.add_argument("--profile", choices=sorted(TEXTS), help="cProfile this text at each size")
    args = parser.parse_args()
    resources = load_resources()
    run("endless-sentence", 5, resources)  # the first article pays for lazy loading: not the texts' cost
    if args.profile:
        for size in args.sizes:
            profile = cProfile.Profile()
            profile.runcall(run, args.profile, size, resources)
            print(f"== {args.profile} at {size} KB")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return
    print(
        f"{'text':<18}"
        + "".join(f"{s:>8} KB" for s in args.sizes)
        + "   growth  slowest stage at the largest"
    )
    for name in args.only or TEXTS:
        times, stages = [], {}
        for size in args.sizes:
            seconds, stages = run(name, size, resources)
            times.append(seconds)
        slowest = max(stages, key=stages.get) if stages else "-"
        growth = times[-1] / max(times[0], 1e-9) / (args.sizes[-1] / args.sizes[0])
        print(
            f"{name:<18}"
            + "".join(f"{t:>10.2f}s"[:11] for t in times)
            + f"   {growth:5.2f}   {slowest} {stages.get(slowest, 0):.2f}s",
            flush=True,
        )


if __name__ == "__main__":
    main()
