"""CPU-time guards that hold on a busy machine. On shared cores (hyperthreads, a parallel test run, CI
neighbours) CPU time itself grows with the load, so the work is timed against a fixed reference workload
timed beside it: a busy machine slows both alike, and their ratio measures the work, not the machine."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable

_WORDS = re.compile(r"[A-Za-z]+")
_TEXT = "Officials said two convoys were stopped near the river crossing on Monday evening. " * 40


def reference_work() -> int:
    """A few milliseconds of the kinds of work extraction does: Python loops, regular expressions, strings."""
    total = 0
    for _ in range(16):
        for word in _WORDS.findall(_TEXT):
            total += len(word.lower())
    return total


def best_cpu_seconds(work: Callable[[], object], *, repeats: int) -> float:
    """The least CPU time of `repeats` runs of `work`."""
    timings = []
    for _ in range(repeats):
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return min(timings)


def relative_cost(work: Callable[[], object], *, repeats: int = 21) -> float:
    """`work`'s CPU time in units of the reference workload's, each run right after the other so that both
    meet the same load; the median of the ratios."""
    ratios = []
    for _ in range(repeats):
        ratios.append(best_cpu_seconds(work, repeats=1) / best_cpu_seconds(reference_work, repeats=1))
    return statistics.median(ratios)
