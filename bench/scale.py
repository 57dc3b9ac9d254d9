"""Scale benchmark: a stream of 100,000 generated news articles through `conflictdb ingest`.

The stream reads like a monitor's daily intake: `--rate` articles a day, one day after another, each made
from the project's own articles with its numbers, weekdays, towns and dates varied (bench/speed.py). The
store is built in stages (1k, 10k, 100k articles), and after each stage the next `--more` articles of the
stream are ingested into a copy of it: their speed against the size of the store is the growth curve.
Because the news keeps its rate, what grows is the store, not the number of reports of one day.

Reports articles/s and the peak memory of the whole process tree (the main process and its workers),
for the local engine with `--workers` processes, Dask with 2 workers, and a single process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import _MONTH, _YEAR, SOURCES, vary  # noqa: E402  (bench/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
_STORE_COUNTS = re.compile(r"store: (?P<articles>\d+) articles, (?P<incidents>\d+) incidents")
_DATE_LINE = re.compile(r"\b(?:19[89]\d|20[0-2]\d)\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")


def redate(text: str, day: dt.date) -> str:
    """The article as published on `day`: its dateline replaced, its years and months moved to that day's."""
    title, _, body = text.partition("\n")
    lines = body.splitlines()
    head = [line for line in lines[:4] if not _DATE_LINE.search(line)]
    body = "\n".join([f"Published: {day:%B} {day.day}, {day.year}", *head, *lines[4:]])
    body = _YEAR.sub(str(day.year), body)
    return f"{title}\n{_MONTH.sub(f'{day:%B}', body)}"


def write_stream(out: Path, count: int, *, first: int, rate: int, start: dt.date, seed: int) -> Path:
    """Articles `first` .. `first + count - 1` of the stream, `rate` a day from `start`, in `out`."""
    rng = random.Random(seed + first)
    texts = [p.read_text(encoding="utf-8") for folder in SOURCES for p in sorted(folder.glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    for n in range(first, first + count):
        day = start + dt.timedelta(days=n // rate)
        text = redate(vary(texts[rng.randrange(len(texts))], rng), day)
        (out / f"s{n:07d}.txt").write_text(text, encoding="utf-8")
    return out


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc twice a second."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree_kb(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":", 1) for line in stat.read_text().splitlines() if ":" in line)
            except OSError:
                continue
            pid = int(stat.parent.name)
            parents[pid] = int(fields["PPid"])
            rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
        total, stack = 0, [self.pid]
        while stack:
            pid = stack.pop()
            total += rss.get(pid, 0)
            stack.extend(child for child, parent in parents.items() if parent == pid)
        return total

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.peak_kb = max(self.peak_kb, self._tree_kb())

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb


def ingest(folder: Path, db: Path, *extra: str) -> dict[str, float]:
    """`conflictdb ingest FOLDER` into a SQLite file: seconds, articles/s, peak memory of the tree."""
    count = sum(1 for _ in folder.glob("*.txt"))
    command = [str(Path(sys.executable).with_name("conflictdb")), "ingest", str(folder)]
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--db", f"sqlite:///{db}", *extra], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    memory = TreeMemory(process.pid)
    output, _ = process.communicate()
    seconds, peak = time.perf_counter() - start, memory.stop()
    if process.returncode:
        raise SystemExit(f"ingest of {folder} failed ({process.returncode}): {output.decode()}")
    store = _STORE_COUNTS.search(output.decode())  # what ingest printed: the store's size after it
    if store is None:
        raise SystemExit(f"ingest of {folder} printed no store counts: {output.decode()}")
    articles, incidents = int(store["articles"]), int(store["incidents"])
    return {
        "articles": count,
        "seconds": round(seconds, 1),
        "articles_per_s": round(count / seconds, 1),
        "peak_rss_mb_all_processes": round(peak / 1024),
        "store_articles_after": articles,
        "store_incidents_after": incidents,
    }


def growth(work: Path, stages: list[int], more: int, rate: int, workers: int, report: dict) -> None:
    """The stream into one store in stages; after each, the next `more` articles into a copy of it."""
    start, db, done = dt.date(2019, 1, 1), work / "stream.sqlite", 0
    report["growth"] = {"stages": [], "more_into_store_of": []}
    total_seconds = 0.0
    for stage in stages:
        folder = write_stream(
            work / f"stage-{stage}", stage - done, first=done, rate=rate, start=start, seed=3
        )
        step = ingest(folder, db, "--workers", str(workers))
        total_seconds += step["seconds"]
        report["growth"]["stages"].append(step)
        print(f"stream articles {done:,}..{stage:,}: {step}", flush=True)
        shutil.rmtree(folder)
        done = stage
        nxt = write_stream(work / f"more-{stage}", more, first=stage, rate=rate, start=start, seed=3)
        copy = work / f"copy-{stage}.sqlite"
        shutil.copy(db, copy)
        after = ingest(nxt, copy, "--workers", str(workers))
        after["store_articles_before"] = stage
        report["growth"]["more_into_store_of"].append(after)
        print(f"{more:,} more into a store of {stage:,} articles: {after}", flush=True)
        copy.unlink()
        shutil.rmtree(nxt)
        write(report)
    report["growth"]["stream"] = {
        "articles": done,
        "seconds": round(total_seconds, 1),
        "articles_per_s": round(done / total_seconds, 1),
        "peak_rss_mb_all_processes": max(s["peak_rss_mb_all_processes"] for s in report["growth"]["stages"]),
    }
    print(f"stream of {done:,} articles, local engine, {workers} workers: {report['growth']['stream']}")


def whole(work: Path, name: str, count: int, rate: int, extra: list[str], report: dict) -> None:
    """All `count` articles of the stream into a fresh store in one ingest."""
    folder = work / "all"
    if not folder.exists():
        write_stream(folder, count, first=0, rate=rate, start=dt.date(2019, 1, 1), seed=3)
    report[name] = ingest(folder, work / f"{name}.sqlite", *extra)
    print(f"{name}: {report[name]}", flush=True)
    (work / f"{name}.sqlite").unlink()
    write(report)


OUT = ROOT / "out" / "scale.json"


def write(report: dict) -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rate", type=int, default=200, help="articles a day in the stream")
    parser.add_argument("--more", type=int, default=2000, help="articles ingested after each stage")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", default="growth,dask,single", help="which runs, comma-separated")
    args = parser.parse_args()
    runs = set(args.runs.split(","))
    work = Path(tempfile.mkdtemp(prefix="conflictdb-scale-"))
    report: dict = {"articles": args.articles, "rate_per_day": args.rate, "machine_cores": os.cpu_count()}
    stages = [n for n in (1000, 10_000, 100_000) if n < args.articles] + [args.articles]
    if "growth" in runs:
        growth(work, stages, args.more, args.rate, args.workers, report)
    if "dask" in runs:
        whole(
            work, "dask_2_workers", args.articles, args.rate, ["--engine", "dask", "--workers", "2"], report
        )
    if "single" in runs:
        whole(work, "single_process", args.articles, args.rate, ["--workers", "1"], report)
    shutil.rmtree(work)
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
